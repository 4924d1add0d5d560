import Crypto
import Foundation

/// What an audit event records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case create, update, delete
    case login
    case loginFailed = "login_failed"
    case logout
    case decision
    case tokenCreate = "token_create"
    case tokenRevoke = "token_revoke"
    /// An exception to a control, made by the second line with a reason (a retired system back in use, a legacy registration).
    case exception
    /// A re-scoring of stored records when a scoring rule changed (written by a migration).
    case rescore
    /// From this event on the chain's links are HMACs with the audit key it names (``AuditKey``).
    case auditKey = "audit_key"
}

/// One entry of the tamper-evident audit log, before it is chained.
public struct AuditRecord: Sendable, Equatable {
    /// When it happened, as written into the hash (ISO 8601, UTC, milliseconds).
    public var occurredAt: String
    /// The acting user's id; nil for an anonymous actor (a failed login with an unknown e-mail).
    public var actorID: String?
    /// A readable name for the actor (e-mail, or `system`).
    public var actorLabel: String
    public var action: AuditAction
    public var entityType: String
    public var entityID: String
    /// A canonical JSON object of what changed (see ``AuditChanges``).
    public var changes: String
    public var requestID: String?

    public init(occurredAt: String, actorID: String?, actorLabel: String, action: AuditAction,
                entityType: String, entityID: String, changes: String, requestID: String?) {
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorLabel = actorLabel
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.changes = changes
        self.requestID = requestID
    }

    /// Formats a date as the audit log writes it.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// An audit record placed in the chain: its sequence number, the previous hash and its own.
public struct ChainedAuditEvent: Sendable, Equatable {
    public var seq: Int
    public var record: AuditRecord
    public var previousHash: String
    public var hash: String

    public init(seq: Int, record: AuditRecord, previousHash: String, hash: String) {
        self.seq = seq
        self.record = record
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Builds the JSON digest of what changed, with keys sorted.
public struct AuditChanges: Sendable {
    public private(set) var before: [String: AuditValue] = [:]
    public private(set) var after: [String: AuditValue] = [:]

    public init() {}

    /// A digest of a created entity: every field in `after`.
    public static func created(_ fields: [String: AuditValue]) -> AuditChanges {
        var c = AuditChanges(); c.after = fields; return c
    }

    /// A digest of a deleted entity: every field in `before`.
    public static func deleted(_ fields: [String: AuditValue]) -> AuditChanges {
        var c = AuditChanges(); c.before = fields; return c
    }

    /// A digest of an update: only the fields whose value changed, before and after.
    public static func updated(from old: [String: AuditValue], to new: [String: AuditValue]) -> AuditChanges {
        var c = AuditChanges()
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            c.before[key] = old[key] ?? .null
            c.after[key] = new[key] ?? .null
        }
        return c
    }

    /// A digest that only notes facts (a login, a decision).
    public static func note(_ fields: [String: AuditValue]) -> AuditChanges { created(fields) }

    /// Adds a fact to the `after` side that is not a field of the record: the reason of a second-line act, say.
    public mutating func annotate(_ key: String, _ value: AuditValue) {
        after[key] = value
    }

    public var isEmpty: Bool { before.isEmpty && after.isEmpty }

    /// The canonical JSON text: `{"after":{…},"before":{…}}`, keys sorted, empty sides left out.
    public var json: String {
        var object: [String: AuditValue] = [:]
        if !before.isEmpty { object["before"] = .object(before) }
        if !after.isEmpty { object["after"] = .object(after) }
        return AuditValue.object(object).jsonText
    }
}

/// A JSON value in an audit digest.
public indirect enum AuditValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case strings([String])
    case object([String: AuditValue])

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        case .strings(let s): try c.encode(s)
        case .object(let o): try c.encode(o)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let s = try? c.decode([String].self) { self = .strings(s) }
        else { self = .object(try c.decode([String: AuditValue].self)) }
    }

    /// Compact JSON with sorted keys.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
    }
}

extension AuditValue {
    public init(_ value: String?) { self = value.map { .string($0) } ?? .null }
}

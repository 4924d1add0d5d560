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

/// The SHA-256 hash chain over audit events.
///
/// Each event's hash is SHA-256 over a canonical byte encoding of the event
/// and the previous event's hash, so changing, removing or reordering any
/// stored event breaks every hash after it. The canonical encoding is a
/// version line followed by one line per field, `name=LENGTH:VALUE`, where
/// LENGTH counts the UTF-8 bytes of VALUE; an absent value is written as `-`
/// with no length. Length prefixes make the encoding unambiguous whatever the
/// values contain (newlines, `=` or `:` included).
public enum AuditChain {
    /// The previous hash of the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes that are hashed for one event.
    public static func canonicalEncoding(seq: Int, record: AuditRecord, previousHash: String) -> Data {
        var text = "rinri-audit-v1\n"
        func field(_ name: String, _ value: String?) {
            guard let value else { text += "\(name)=-\n"; return }
            text += "\(name)=\(value.utf8.count):\(value)\n"
        }
        field("seq", String(seq))
        field("occurred_at", record.occurredAt)
        field("actor_id", record.actorID)
        field("actor_label", record.actorLabel)
        field("action", record.action.rawValue)
        field("entity_type", record.entityType)
        field("entity_id", record.entityID)
        field("changes", record.changes)
        field("request_id", record.requestID)
        field("previous_hash", previousHash)
        return Data(text.utf8)
    }

    /// The lowercase hex SHA-256 of an event's canonical encoding.
    public static func hash(seq: Int, record: AuditRecord, previousHash: String) -> String {
        let digest = SHA256.hash(data: canonicalEncoding(seq: seq, record: record, previousHash: previousHash))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Chains a record after the event with `previous` (seq, hash), or at the start when nil.
    public static func append(_ record: AuditRecord, after previous: (seq: Int, hash: String)?) -> ChainedAuditEvent {
        let seq = (previous?.seq ?? 0) + 1
        let prev = previous?.hash ?? genesisHash
        return ChainedAuditEvent(seq: seq, record: record, previousHash: prev,
                                 hash: hash(seq: seq, record: record, previousHash: prev))
    }

    /// Why a chain failed verification.
    public struct Break: Error, Sendable, Equatable, CustomStringConvertible {
        public var seq: Int
        public var reason: String
        public var description: String { "audit event \(seq): \(reason)" }
    }

    /// Checks events incrementally, in sequence order, so a log of any length streams through it.
    public struct Verifier: Sendable {
        public private(set) var checked = 0
        private var last: (seq: Int, hash: String)?

        public init() {}

        /// Checks the next event. - Throws: ``Break`` naming the first event that does not match.
        public mutating func check(_ event: ChainedAuditEvent) throws {
            let expectedSeq = (last?.seq ?? 0) + 1
            guard event.seq == expectedSeq else {
                throw Break(seq: event.seq, reason: "expected event \(expectedSeq) next; events are missing or out of order")
            }
            let expectedPrev = last?.hash ?? AuditChain.genesisHash
            guard event.previousHash == expectedPrev else {
                throw Break(seq: event.seq, reason: "its previous hash does not match the hash of event \(expectedSeq - 1)")
            }
            let recomputed = AuditChain.hash(seq: event.seq, record: event.record, previousHash: event.previousHash)
            guard recomputed == event.hash else {
                throw Break(seq: event.seq, reason: "its stored hash does not match its content (stored \(event.hash.prefix(12))…, computed \(recomputed.prefix(12))…)")
            }
            last = (event.seq, event.hash)
            checked += 1
        }

        /// Checks that the chain ends where the recorded head says it does (a cut-off tail is caught here).
        public func finish(head: (seq: Int, hash: String)?) throws {
            let endSeq = last?.seq ?? 0
            guard let head else { return }
            guard head.seq == endSeq else {
                throw Break(seq: endSeq + 1, reason: "the log ends at event \(endSeq) but the chain head records event \(head.seq)")
            }
            if head.seq > 0 && head.hash != last?.hash {
                throw Break(seq: endSeq, reason: "its hash does not match the chain head")
            }
        }
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

import FluentKit
import Foundation
import RinriCore
import SQLKit

/// Audit events collected while a transaction runs, chained when it commits.
final class AuditBatch: @unchecked Sendable {
    struct Pending {
        var action: AuditAction
        var entityType: String
        var entityID: String
        var changes: AuditChanges
    }

    private(set) var pending: [Pending] = []
    /// Systems whose summaries this transaction may have changed, by summary: ``Summaries`` rewrites
    /// them before it commits.
    private(set) var touched: [Summaries.Kind: Set<UUID>] = [:]

    /// Marks the system's `kinds` of summary for rewriting when this transaction commits.
    func touch(_ kinds: Set<Summaries.Kind>, system id: UUID) {
        for kind in kinds { touched[kind, default: []].insert(id) }
    }

    func add(_ action: AuditAction, _ entityType: String, _ entityID: String, _ changes: AuditChanges) {
        pending.append(Pending(action: action, entityType: entityType, entityID: entityID, changes: changes))
    }
}

/// The audit key of the work in hand, set around each request, command and background job
/// (``withKey(_:_:)``) so that every write links its events with it.
public enum AuditSigning {
    @TaskLocal public static var key: AuditKey?

    /// Runs `body` with `key` as the audit key of every write it makes.
    public static func withKey<T>(_ key: AuditKey?, _ body: () async throws -> T) async rethrows -> T {
        try await $key.withValue(key) { try await body() }
    }

    /// Switches the chain to `key` (one `audit_key` event, linked with it) unless it already is.
    /// - Throws: `audit_key_mismatch` when the chain is linked with another key.
    @discardableResult
    public static func enable(_ key: AuditKey, on db: any Database) async throws -> Bool {
        try await AuditTrail.switchTo(key, on: db)
    }
}

/// Runs writes and their audit events in one transaction.
enum AuditTrail {
    /// Runs `body` in a transaction that first takes the audit chain's lock, then
    /// appends every event `body` recorded. If anything throws, nothing is written.
    static func transaction<T: Sendable>(
        on database: Database, context: Actor,
        _ body: @escaping @Sendable (Database, AuditBatch) async throws -> T
    ) async throws -> T {
        // Read here, in the caller's task: the transaction's closure runs in a task of its own.
        let key = AuditSigning.key
        return try await database.transaction { tx in
            // The first statement is a write, so SQLite takes its write lock and
            // PostgreSQL locks the head row: writers are serialised and the
            // chain can never fork, even with several Rinri instances.
            guard let sql = tx as? SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
            try await sql.raw("UPDATE audit_head SET writes = writes + 1 WHERE id = 1").run()
            let batch = AuditBatch()
            let result = try await body(tx, batch)
            try await Summaries.refresh(batch.touched, on: tx)
            try await append(batch.pending, context: context, key: key, on: tx)
            return result
        }
    }

    private static func append(_ events: [AuditBatch.Pending], context: Actor, key: AuditKey?, on tx: Database) async throws {
        guard !events.isEmpty else { return }
        let head = try await lockedHead(on: tx)
        let linked = try await linkedKeyID(on: tx)
        try checkKey(linked, key)
        var previous: (seq: Int, hash: String)? = head.seq == 0 ? nil : (head.seq, head.hash)
        let now = AuditRecord.timestamp(Date())
        let linkKey = linked == nil ? nil : key
        for event in events {
            let record = AuditRecord(occurredAt: now, actorID: context.id, actorLabel: context.label,
                                     action: event.action, entityType: event.entityType, entityID: event.entityID,
                                     changes: event.changes.json, requestID: context.requestID)
            let chained = AuditChain.append(record, after: previous, key: linkKey)
            try await AuditEventModel(chained).create(on: tx)
            previous = (chained.seq, chained.hash)
        }
        head.seq = previous!.seq
        head.hash = previous!.hash
        try await head.save(on: tx)
    }

    static func lockedHead(on tx: Database) async throws -> AuditHeadModel {
        guard let head = try await AuditHeadModel.find(1, on: tx) else {
            throw RinriError.conflict("the audit log is not initialised; run `rinri migrate`")
        }
        return head
    }

    /// The id of the key the chain is linked with: the one the latest `audit_key` event names.
    static func linkedKeyID(on tx: Database) async throws -> String? {
        guard let sql = tx as? SQLDatabase else { return nil }
        let row = try await sql.raw("""
            SELECT entity_id FROM audit_events WHERE action = \(bind: AuditAction.auditKey.rawValue) AND entity_type = 'audit_chain'
            ORDER BY seq DESC LIMIT 1
            """).first()
        return try row?.decode(column: "entity_id", as: String.self)
    }

    /// A keyed chain is extended only with its key: a process without it (or with another) writes nothing.
    static func checkKey(_ linked: String?, _ key: AuditKey?) throws {
        guard let linked, linked != key?.id else { return }
        throw RinriError(kind: .conflict, code: "audit_key_mismatch",
                         message: key == nil
                            ? "the audit log is linked with audit key \(linked); set RINRI_AUDIT_KEY or RINRI_AUDIT_KEY_FILE to it"
                            : "the audit log is linked with audit key \(linked), not with the configured key \(key!.id)")
    }

    /// Switches the chain to `key` with an `audit_key` event linked with it, unless it already is.
    /// - Throws: `audit_key_mismatch` when the chain is linked with another key (changing keys is not supported).
    /// - Returns: whether the switch was written now.
    @discardableResult
    static func switchTo(_ key: AuditKey, on database: Database) async throws -> Bool {
        try await database.transaction { tx in
            guard let sql = tx as? SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
            try await sql.raw("UPDATE audit_head SET writes = writes + 1 WHERE id = 1").run()
            let head = try await lockedHead(on: tx)
            let linked = try await linkedKeyID(on: tx)
            if linked == key.id { return false }
            try checkKey(linked, key)
            let record = AuditChain.switchRecord(to: key, occurredAt: AuditRecord.timestamp(Date()), actorLabel: "system: audit key")
            let chained = AuditChain.append(record, after: head.seq == 0 ? nil : (head.seq, head.hash), key: key)
            try await AuditEventModel(chained).create(on: tx)
            head.seq = chained.seq
            head.hash = chained.hash
            try await head.save(on: tx)
            return true
        }
    }
}

extension AuditedModel {
    /// Inserts the record at version 1 and records a `create` event (with the reason of a second-line act, when given).
    func createAudited(on tx: Database, _ batch: AuditBatch, reason: String? = nil) async throws {
        version = 1
        try await create(on: tx)
        var changes = AuditChanges.created(auditFields)
        if let reason { changes.annotate("reason", .string(reason)) }
        batch.add(.create, Self.entityType, id!.uuidString, changes)
    }

    /// Applies `change` if the caller saw the current version; records the changed fields, and the
    /// reason of a second-line act when given.
    ///
    /// An update that changes nothing keeps the version and writes no event.
    /// - Throws: ``RinriError/staleVersion(expected:current:)`` when `expected` is not the stored version.
    func updateAudited(expected: Int, on tx: Database, _ batch: AuditBatch, reason: String? = nil, _ change: () -> Void) async throws {
        guard expected == version else { throw RinriError.staleVersion(expected: expected, current: version) }
        let before = auditFields
        change()
        var changes = AuditChanges.updated(from: before, to: auditFields)
        guard !changes.isEmpty else { return }
        if let reason { changes.annotate("reason", .string(reason)) }
        version += 1
        try await save(on: tx)
        batch.add(.update, Self.entityType, id!.uuidString, changes)
    }

    /// Deletes the record and records its last state.
    func deleteAudited(expected: Int?, on tx: Database, _ batch: AuditBatch) async throws {
        if let expected, expected != version { throw RinriError.staleVersion(expected: expected, current: version) }
        let before = auditFields
        try await delete(on: tx)
        batch.add(.delete, Self.entityType, id!.uuidString, .deleted(before))
    }
}

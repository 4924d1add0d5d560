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

    func add(_ action: AuditAction, _ entityType: String, _ entityID: String, _ changes: AuditChanges) {
        pending.append(Pending(action: action, entityType: entityType, entityID: entityID, changes: changes))
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
        try await database.transaction { tx in
            // The first statement is a write, so SQLite takes its write lock and
            // PostgreSQL locks the head row: writers are serialised and the
            // chain can never fork, even with several Rinri instances.
            guard let sql = tx as? SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
            try await sql.raw("UPDATE audit_head SET writes = writes + 1 WHERE id = 1").run()
            let batch = AuditBatch()
            let result = try await body(tx, batch)
            try await append(batch.pending, context: context, on: tx)
            return result
        }
    }

    private static func append(_ events: [AuditBatch.Pending], context: Actor, on tx: Database) async throws {
        guard !events.isEmpty else { return }
        guard let head = try await AuditHeadModel.find(1, on: tx) else {
            throw RinriError.conflict("the audit log is not initialised; run `rinri migrate`")
        }
        var previous: (seq: Int, hash: String)? = head.seq == 0 ? nil : (head.seq, head.hash)
        let now = AuditRecord.timestamp(Date())
        for event in events {
            let record = AuditRecord(occurredAt: now, actorID: context.id, actorLabel: context.label,
                                     action: event.action, entityType: event.entityType, entityID: event.entityID,
                                     changes: event.changes.json, requestID: context.requestID)
            let chained = AuditChain.append(record, after: previous)
            try await AuditEventModel(chained).create(on: tx)
            previous = (chained.seq, chained.hash)
        }
        head.seq = previous!.seq
        head.hash = previous!.hash
        try await head.save(on: tx)
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

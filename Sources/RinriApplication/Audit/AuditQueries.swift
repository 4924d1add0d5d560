import FluentKit
import Foundation
import RinriCore
import SQLKit

/// Reads and verifies the audit log.
public struct AuditQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// One page of events, newest first, filtered by entity and actor.
    public func page(_ query: AuditQuery) async throws -> ResultPage<ChainedAuditEvent> {
        let builder = AuditEventModel.query(on: db)
        if let type = query.entityType { builder.filter(\.$entityType == type) }
        if let id = query.entityID { builder.filter(\.$entityID == id) }
        if let actor = query.actorID { builder.filter(\.$actorID == actor) }
        let total = try await builder.copy().count()
        let items = try await builder.sort(\.$id, .descending)
            .range(((query.page - 1) * query.perPage)..<(query.page * query.perPage))
            .all().map(\.event)
        return ResultPage(items: items, page: query.page, perPage: query.perPage, total: total)
    }

    /// The chain's current head, to keep outside Rinri (``AuditChain/Anchor``).
    public func anchor(now: Date = Date()) async throws -> AuditChain.Anchor {
        let head = try await AuditHeadModel.find(1, on: db)
        return AuditChain.Anchor(seq: head?.seq ?? 0, hash: head?.hash ?? AuditChain.genesisHash, readAt: AuditRecord.timestamp(now))
    }

    /// Recomputes every link in sequence order, reading the log in batches: with `key` once the chain
    /// switched to it, and checking each anchor's link.
    ///
    /// - Returns: the number of events checked.
    /// - Throws: ``AuditChain/Break`` naming the first event that does not match.
    public func verify(key: AuditKey? = AuditSigning.key, anchors: [AuditChain.Anchor] = [], batchSize: Int = 5_000) async throws -> Int {
        var verifier = AuditChain.Verifier(key: key, anchors: anchors)
        try await forEachEvent(after: 0, batchSize: batchSize) { try verifier.check($0) }
        let head = try await AuditHeadModel.find(1, on: db)
        try verifier.finish(head: head.map { ($0.seq, $0.hash) })
        return verifier.checked
    }

    /// Calls `body` with every event after `seq`, in sequence order, read in batches straight from the
    /// rows (no model objects: verifying a long log is mostly reading it).
    private func forEachEvent(after seq: Int, batchSize: Int, _ body: (ChainedAuditEvent) throws -> Void) async throws {
        guard let sql = db as? any SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
        var after = seq
        while true {
            let rows = try await sql.select()
                .columns("seq", "occurred_at", "actor_id", "actor_label", "action", "entity_type", "entity_id", "changes",
                         "request_id", "previous_hash", "hash")
                .from(AuditEventModel.schema).where("seq", .greaterThan, after).orderBy("seq").limit(batchSize).all()
            for row in rows {
                let event = try AuditEventModel.event(from: row)
                try body(event)
                after = event.seq
            }
            if rows.count < batchSize { break }
        }
    }

    /// What an incremental verification checked: events `from` through `to` (none when `from > to`),
    /// after the checkpoint at event `from - 1`, verified at `since` (nil: the whole chain was checked).
    public struct IncrementalResult: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var since: String?
    }

    /// Verifies only the events added since the last verified checkpoint, then moves the checkpoint to the
    /// head. Without a checkpoint (or with one that does not hold: unsealed under a keyed chain, sealed by
    /// another key, or no longer matching its event), the whole chain is verified. The full check stays in
    /// ``verify(key:anchors:batchSize:)`` (`rinri audit verify`, `GET /api/v1/audit/verify`).
    /// - Throws: ``AuditChain/Break`` naming the first event that does not match.
    public func verifySinceCheckpoint(key: AuditKey? = AuditSigning.key, now: Date = Date(), batchSize: Int = 5_000) async throws -> IncrementalResult {
        var start: AuditChain.Checkpoint?
        if let saved = try await checkpoint(key: key), saved.isValid(key: key),
           let event = try await AuditEventModel.find(saved.seq, on: db), event.hash == saved.hash {
            start = saved
        }
        var verifier = start.map { AuditChain.Verifier(key: key, resumingAt: $0) } ?? AuditChain.Verifier(key: key)
        try await forEachEvent(after: start?.seq ?? 0, batchSize: batchSize) { try verifier.check($0) }
        let head = try await AuditHeadModel.find(1, on: db)
        try verifier.finish(head: head.map { ($0.seq, $0.hash) })
        if let position = verifier.position {
            try await save(AuditChain.Checkpoint.seal(seq: position.seq, hash: position.hash, linked: position.linked, key: key, at: now))
        }
        return IncrementalResult(from: (start?.seq ?? 0) + 1, to: verifier.position?.seq ?? start?.seq ?? 0, since: start?.verifiedAt)
    }

    /// The saved checkpoint; a sealed one is read as sealed by `key` (``AuditChain/Checkpoint/isValid(key:)`` then checks the seal).
    func checkpoint(key: AuditKey?) async throws -> AuditChain.Checkpoint? {
        guard let sql = db as? any SQLDatabase,
              let row = try await sql.select().columns("seq", "hash", "mac", "verified_at").from("audit_checkpoints").where("id", .equal, 1).first()
        else { return nil }
        let mac = try row.decodeNil(column: "mac") ? nil : try row.decode(column: "mac", as: String.self)
        return AuditChain.Checkpoint(seq: try row.decode(column: "seq", as: Int.self), hash: try row.decode(column: "hash", as: String.self),
                                     keyID: mac == nil ? nil : (key?.id ?? "unknown"), mac: mac,
                                     verifiedAt: try row.decode(column: "verified_at", as: String.self))
    }

    /// Stores `checkpoint` unless a later one is already stored: one statement, so page loads that
    /// verify at the same moment never collide (each only moves the checkpoint forward).
    private func save(_ checkpoint: AuditChain.Checkpoint) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO audit_checkpoints (id, seq, hash, mac, verified_at)
            VALUES (1, \(bind: checkpoint.seq), \(bind: checkpoint.hash), \(bind: checkpoint.mac), \(bind: checkpoint.verifiedAt))
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, verified_at = excluded.verified_at
            WHERE audit_checkpoints.seq <= excluded.seq
            """).run()
    }
}

import FluentKit
import Foundation
import RinriCore

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
    public func verify(key: AuditKey? = AuditSigning.key, anchors: [AuditChain.Anchor] = [], batchSize: Int = 1_000) async throws -> Int {
        var verifier = AuditChain.Verifier(key: key, anchors: anchors)
        var after = 0
        while true {
            let batch = try await AuditEventModel.query(on: db).filter(\.$id > after).sort(\.$id)
                .limit(batchSize).all()
            for model in batch { try verifier.check(model.event) }
            guard let last = batch.last?.id else { break }
            after = last
        }
        let head = try await AuditHeadModel.find(1, on: db)
        try verifier.finish(head: head.map { ($0.seq, $0.hash) })
        return verifier.checked
    }
}

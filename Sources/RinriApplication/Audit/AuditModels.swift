import FluentKit
import Foundation
import RinriCore

final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(custom: "seq", generatedBy: .user) var id: Int?
    @Field(key: "occurred_at") var occurredAt: String
    @OptionalField(key: "actor_id") var actorID: String?
    @Field(key: "actor_label") var actorLabel: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "changes") var changes: String
    @OptionalField(key: "request_id") var requestID: String?
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(_ event: ChainedAuditEvent) {
        id = event.seq
        occurredAt = event.record.occurredAt
        actorID = event.record.actorID
        actorLabel = event.record.actorLabel
        action = event.record.action.rawValue
        entityType = event.record.entityType
        entityID = event.record.entityID
        changes = event.record.changes
        requestID = event.record.requestID
        previousHash = event.previousHash
        hash = event.hash
    }

    /// The event as stored. An unknown action string (a hand-edited row) still
    /// yields an event, whose hash then fails to verify.
    var event: ChainedAuditEvent {
        let record = AuditRecord(occurredAt: occurredAt, actorID: actorID, actorLabel: actorLabel,
                                 action: AuditAction(rawValue: action) ?? .update, entityType: entityType,
                                 entityID: entityID, changes: changes, requestID: requestID)
        let known = AuditAction(rawValue: action) != nil
        return ChainedAuditEvent(seq: id ?? 0, record: record, previousHash: previousHash, hash: known ? hash : "tampered:\(action)")
    }
}

/// The single row that records the chain's last event and serialises writers.
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "seq") var seq: Int
    @Field(key: "hash") var hash: String
    @Field(key: "writes") var writes: Int

    init() {}

    init(id: Int, seq: Int, hash: String) {
        self.id = id
        self.seq = seq
        self.hash = hash
        self.writes = 0
    }
}

import FluentKit
import Foundation
import RinriCore
import SQLKit

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
        Self.event(seq: id ?? 0, occurredAt: occurredAt, actorID: actorID, actorLabel: actorLabel, action: action, entityType: entityType,
                   entityID: entityID, changes: changes, requestID: requestID, previousHash: previousHash, hash: hash)
    }

    /// The event in a row of `audit_events` read with SQL.
    static func event(from row: any SQLRow) throws -> ChainedAuditEvent {
        func optional(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self) }
        return event(seq: try row.decode(column: "seq", as: Int.self), occurredAt: try row.decode(column: "occurred_at", as: String.self),
                     actorID: try optional("actor_id"), actorLabel: try row.decode(column: "actor_label", as: String.self),
                     action: try row.decode(column: "action", as: String.self), entityType: try row.decode(column: "entity_type", as: String.self),
                     entityID: try row.decode(column: "entity_id", as: String.self), changes: try row.decode(column: "changes", as: String.self),
                     requestID: try optional("request_id"), previousHash: try row.decode(column: "previous_hash", as: String.self),
                     hash: try row.decode(column: "hash", as: String.self))
    }

    private static func event(seq: Int, occurredAt: String, actorID: String?, actorLabel: String, action: String, entityType: String,
                              entityID: String, changes: String, requestID: String?, previousHash: String, hash: String) -> ChainedAuditEvent {
        let known = AuditAction(rawValue: action)
        let record = AuditRecord(occurredAt: occurredAt, actorID: actorID, actorLabel: actorLabel, action: known ?? .update,
                                 entityType: entityType, entityID: entityID, changes: changes, requestID: requestID)
        return ChainedAuditEvent(seq: seq, record: record, previousHash: previousHash, hash: known != nil ? hash : "tampered:\(action)")
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

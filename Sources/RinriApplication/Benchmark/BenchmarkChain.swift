import FluentKit
import Foundation
import RinriCore
import RinriMetrics
import SQLKit

/// One audit event of the benchmark load, before it is chained: who, what and the digest, as
/// ``AuditBatch`` collects them for a service.
struct BenchEvent: Sendable {
    var actorID: String?
    var actorLabel: String
    var action: AuditAction
    var entityType: String
    var entityID: String
    /// The canonical JSON digest (``AuditChanges/json``).
    var changes: String

    /// The `create` event of a record, its audit fields as the digest (as ``AuditedModel`` `createAudited` records it).
    static func created<M: AuditedModel>(_ model: M, by actor: BenchActor) -> BenchEvent {
        BenchEvent(actorID: actor.id, actorLabel: actor.label, action: .create, entityType: M.entityType,
                   entityID: model.id!.uuidString, changes: AuditChanges.created(model.auditFields).json)
    }
}

/// Who a benchmark record is written by: a generated person (id and e-mail) or Rinri itself.
struct BenchActor: Sendable {
    var id: String?
    var label: String

    static let rinri = BenchActor(id: nil, label: "rinri-bench")
}

/// Writes records and their audit events in one transaction, as ``AuditTrail/transaction(on:context:_:)``
/// does: the `audit_head` row is written first (the chain's lock), then the records, then their events,
/// chained after the head with ``AuditChain/append(_:after:key:)`` (linked with the audit key from the
/// `audit_key` event on), and the head moves to the last one. Events are inserted 500 a statement.
enum BenchChain {
    static let rowsPerStatement = 500

    /// Runs `body` (which inserts records and returns their events) and appends the events, all in one transaction.
    /// - Returns: the chain's head after the transaction.
    @discardableResult
    static func transaction(on db: Database, key: AuditKey?,
                            _ body: @escaping @Sendable (Database) async throws -> [BenchEvent]) async throws -> Int {
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
            try await sql.raw("UPDATE audit_head SET writes = writes + 1 WHERE id = 1").run()
            let events = try await body(tx)
            return try await append(events, key: key, on: tx, sql)
        }
    }

    private static func append(_ events: [BenchEvent], key: AuditKey?, on tx: Database, _ sql: any SQLDatabase) async throws -> Int {
        let head = try await AuditTrail.lockedHead(on: tx)
        guard !events.isEmpty else { return head.seq }
        let linked = try await AuditTrail.linkedKeyID(on: tx)
        try AuditTrail.checkKey(linked, key)
        let linkKey = linked == nil ? nil : key
        var previous: (seq: Int, hash: String)? = head.seq == 0 ? nil : (head.seq, head.hash)
        let now = AuditRecord.timestamp(Date())
        for start in stride(from: 0, to: events.count, by: rowsPerStatement) {
            var insert = sql.insert(into: AuditEventModel.schema)
                .columns("seq", "occurred_at", "actor_id", "actor_label", "action", "entity_type", "entity_id", "changes",
                         "request_id", "previous_hash", "hash")
            for event in events[start..<min(start + rowsPerStatement, events.count)] {
                let record = AuditRecord(occurredAt: now, actorID: event.actorID, actorLabel: event.actorLabel, action: event.action,
                                         entityType: event.entityType, entityID: event.entityID, changes: event.changes,
                                         requestID: BenchmarkOrganisation.requestID)
                let chained = AuditChain.append(record, after: previous, key: linkKey)
                insert = insert.values(SQLBind(chained.seq), SQLBind(record.occurredAt), SQLBind(record.actorID), SQLBind(record.actorLabel),
                                       SQLBind(record.action.rawValue), SQLBind(record.entityType), SQLBind(record.entityID),
                                       SQLBind(record.changes), SQLBind(record.requestID), SQLBind(chained.previousHash), SQLBind(chained.hash))
                previous = (chained.seq, chained.hash)
            }
            try await insert.run()
        }
        head.seq = previous!.seq
        head.hash = previous!.hash
        try await head.save(on: tx)
        return head.seq
    }

    /// Inserts models 500 a statement (Fluent's bulk `create`, which sets their timestamps).
    static func insert<M: Model>(_ models: [M], on tx: Database) async throws where M: Sendable {
        for start in stride(from: 0, to: models.count, by: rowsPerStatement) {
            try await Array(models[start..<min(start + rowsPerStatement, models.count)]).create(on: tx)
        }
    }
}

/// The load's random choices, all drawn from one seeded generator so that a seed gives the same organisation.
struct BenchRandom {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { generator.nextUnit() }

    /// Whether an event of probability `p` happens.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    /// A uniform element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }

    /// An element chosen by weight: `weighted[i].1` is the relative weight of `weighted[i].0`.
    mutating func weighted<T>(_ weighted: [(T, Double)]) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var draw = unit() * total
        for (item, weight) in weighted {
            if draw < weight { return item }
            draw -= weight
        }
        return weighted[weighted.count - 1].0
    }

    /// A version-4 UUID made from the generator, so that ids repeat with the seed.
    mutating func uuid() -> UUID {
        let high = generator.next(), low = generator.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// `YYYY-MM-DD`, between `from` and `to` days after 2026-01-01 (-365 … 730).
    mutating func day(_ from: Int, _ to: Int) -> String { Self.days[int(from...to) + 365] }

    /// Every day from 2025-01-01 to 2027-12-31, formatted once.
    private static let days: [String] = (-365...730).map { CalendarDate.today(Date(timeIntervalSince1970: 1_767_225_600 + Double($0) * 86_400)) }
}

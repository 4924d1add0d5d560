import Foundation
import RinriCore
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    static func record(_ n: Int, action: AuditAction = .create) -> AuditRecord {
        AuditRecord(occurredAt: "2026-11-30T10:00:0\(n % 10).000Z", actorID: "user-\(n)", actorLabel: "u\(n)@example.com",
                    action: action, entityType: "ai_system", entityID: "id-\(n)",
                    changes: #"{"after":{"name":"System \#(n)"}}"#, requestID: "req-\(n)")
    }

    static func chain(_ count: Int) -> [ChainedAuditEvent] {
        var events: [ChainedAuditEvent] = []
        for n in 1...count {
            events.append(AuditChain.append(record(n), after: events.last.map { ($0.seq, $0.hash) }))
        }
        return events
    }

    static func verify(_ events: [ChainedAuditEvent], head: (Int, String)? = nil) throws -> Int {
        var verifier = AuditChain.Verifier()
        for event in events { try verifier.check(event) }
        try verifier.finish(head: head ?? events.last.map { ($0.seq, $0.hash) })
        return verifier.checked
    }

    @Test func anIntactChainVerifiesAndLinksEachEventToThePrevious() throws {
        // given
        let events = Self.chain(5)
        // then
        #expect(events.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(events[0].previousHash == AuditChain.genesisHash)
        #expect(events[3].previousHash == events[2].hash)
        #expect(try Self.verify(events) == 5)
    }

    @Test func theHashIsSHA256OfTheDocumentedEncoding() {
        // given: one hand-built event
        let record = AuditRecord(occurredAt: "t", actorID: nil, actorLabel: "system", action: .login,
                                 entityType: "user", entityID: "u1", changes: "{}", requestID: nil)
        // when
        let text = String(decoding: AuditChain.canonicalEncoding(seq: 1, record: record, previousHash: "p"), as: UTF8.self)
        // then: every field length-prefixed, absent ones written as "-"
        #expect(text == "rinri-audit-v1\nseq=1:1\noccurred_at=1:t\nactor_id=-\nactor_label=6:system\naction=5:login\nentity_type=4:user\nentity_id=2:u1\nchanges=2:{}\nrequest_id=-\nprevious_hash=1:p\n")
        #expect(AuditChain.hash(seq: 1, record: record, previousHash: "p").count == 64)
    }

    @Test func lengthPrefixesKeepDifferentFieldSplitsApart() {
        // given: two records whose concatenated fields are equal
        var a = Self.record(1), b = Self.record(1)
        a.entityType = "ai_system"; a.entityID = "x"
        b.entityType = "ai_"; b.entityID = "systemx"
        // then
        #expect(AuditChain.hash(seq: 1, record: a, previousHash: "0") != AuditChain.hash(seq: 1, record: b, previousHash: "0"))
    }

    @Test(arguments: ["occurred_at", "actor", "action", "entity", "changes", "request"])
    func changingAnyFieldOfAStoredEventIsCaught(field: String) throws {
        // given
        var events = Self.chain(4)
        // when: one field of event 2 is edited in place
        switch field {
        case "occurred_at": events[1].record.occurredAt = "2020-01-01T00:00:00.000Z"
        case "actor": events[1].record.actorLabel = "someone-else@example.com"
        case "action": events[1].record.action = .delete
        case "entity": events[1].record.entityID = "id-other"
        case "changes": events[1].record.changes = #"{"after":{"name":"Edited"}}"#
        default: events[1].record.requestID = nil
        }
        // then: verification names event 2
        #expect(throws: AuditChain.Break.self) { try Self.verify(events) }
        do { _ = try Self.verify(events) } catch let error as AuditChain.Break { #expect(error.seq == 2) }
    }

    @Test func removingAnEventIsCaughtAtTheGap() throws {
        var events = Self.chain(5)
        events.remove(at: 2)
        do {
            _ = try Self.verify(events)
            Issue.record("a gap must not verify")
        } catch let error as AuditChain.Break {
            #expect(error.seq == 4)
        }
    }

    @Test func rehashingAnEditedEventStillBreaksTheNextLink() throws {
        // given: an attacker edits event 3 and recomputes its own hash
        var events = Self.chain(5)
        events[2].record.changes = "{}"
        events[2].hash = AuditChain.hash(seq: 3, record: events[2].record, previousHash: events[2].previousHash)
        // then: event 4 no longer points at event 3
        do {
            _ = try Self.verify(events)
            Issue.record("a rehashed edit must not verify")
        } catch let error as AuditChain.Break {
            #expect(error.seq == 4)
        }
    }

    @Test func aCutOffTailIsCaughtByTheHead() throws {
        let events = Self.chain(5)
        #expect(throws: AuditChain.Break.self) {
            try Self.verify(Array(events.prefix(3)), head: (events[4].seq, events[4].hash))
        }
    }

    @Test func changesDigestListsOnlyChangedFieldsWithSortedKeys() {
        // when
        let digest = AuditChanges.updated(from: ["name": .string("A"), "phase": .string("planning"), "flag": .bool(false)],
                                          to: ["name": .string("B"), "phase": .string("planning"), "flag": .bool(true)])
        // then
        #expect(digest.json == #"{"after":{"flag":true,"name":"B"},"before":{"flag":false,"name":"A"}}"#)
        #expect(AuditChanges.updated(from: ["a": .int(1)], to: ["a": .int(1)]).isEmpty)
    }
}

import Foundation
import RinriCore
import Testing

@Suite("Keyed audit chain and anchors")
struct KeyedAuditChainTests {
    static let key = AuditKey(secret: Data(String(repeating: "s", count: 40).utf8))
    static let otherKey = AuditKey(secret: Data(String(repeating: "o", count: 40).utf8))

    /// Five plain events, the switch to `key`, then three keyed events.
    static func keyedChain() -> [ChainedAuditEvent] {
        var events = AuditChainTests.chain(5)
        let switched = AuditChain.append(AuditChain.switchRecord(to: key, occurredAt: "t", actorLabel: "system"),
                                         after: (events[4].seq, events[4].hash), key: key)
        events.append(switched)
        for n in 7...9 {
            events.append(AuditChain.append(AuditChainTests.record(n), after: (events.last!.seq, events.last!.hash), key: key))
        }
        return events
    }

    static func verify(_ events: [ChainedAuditEvent], key: AuditKey?, anchors: [AuditChain.Anchor] = []) throws -> Int {
        var verifier = AuditChain.Verifier(key: key, anchors: anchors)
        for event in events { try verifier.check(event) }
        try verifier.finish(head: events.last.map { ($0.seq, $0.hash) })
        return verifier.checked
    }

    /// What someone who can write the database but lacks the key does: change an event and recompute
    /// every later link as plain SHA-256.
    static func rewrite(_ events: [ChainedAuditEvent], at index: Int, key: AuditKey? = nil) -> [ChainedAuditEvent] {
        var forged = Array(events[..<index])
        for original in events[index...] {
            var record = original.record
            if original.seq == events[index].seq { record.changes = #"{"after":{"name":"Rewritten"}}"# }
            forged.append(AuditChain.append(record, after: forged.last.map { ($0.seq, $0.hash) }, key: key))
        }
        return forged
    }

    @Test func aKeyedChainVerifiesOnlyWithItsKey() throws {
        let events = Self.keyedChain()
        #expect(try Self.verify(events, key: Self.key) == 9)
        #expect(events[5].record.action == .auditKey && events[5].record.entityID == Self.key.id)
        // the earlier, plain part verifies as it always did
        #expect(try Self.verify(Array(events[..<5]), key: nil) == 5)
        let withoutKey = #expect(throws: AuditChain.Break.self) { try Self.verify(events, key: nil) }
        #expect(withoutKey?.seq == 6 && withoutKey?.reason.contains(Self.key.id) == true)
        #expect(throws: AuditChain.Break.self) { try Self.verify(events, key: Self.otherKey) }
    }

    @Test func aRewriteWithoutTheKeyIsCaughtWhereverItStarts() throws {
        let events = Self.keyedChain()
        for index in 0..<events.count {
            let forged = Self.rewrite(events, at: index)
            #expect(throws: AuditChain.Break.self, "rewrite from event \(index + 1)") { try Self.verify(forged, key: Self.key) }
        }
        // dropping the switch and everything after it, then rebuilding plainly, leaves a chain the key never reached
        let truncated = Array(events[..<5])
        let never = #expect(throws: AuditChain.Break.self) { try Self.verify(truncated, key: Self.key) }
        #expect(never?.reason.contains("never switched") == true)
        // a key that is not the chain's cannot forge a switch that verifies with the right key
        let wrongSwitch = Self.rewrite(events, at: 5, key: Self.otherKey)
        #expect(throws: AuditChain.Break.self) { try Self.verify(wrongSwitch, key: Self.key) }
    }

    @Test func anchorsCatchRewritesByAKeyHolderAndCutOffTails() throws {
        let events = Self.keyedChain()
        let anchor = AuditChain.Anchor(seq: 7, hash: events[6].hash, readAt: "2026-12-07T00:00:00Z")
        #expect(try AuditChain.Anchor.parse(anchor.description) == anchor)
        #expect(try Self.verify(events, key: Self.key, anchors: [anchor]) == 9)
        // someone holding the key rewrites event 3 and relinks everything: the chain verifies, the anchor does not
        let relinked = Self.rewrite(events, at: 2, key: nil).prefix(5) + [] as [ChainedAuditEvent]
        var rebuilt = Array(relinked)
        for original in events[5...] {
            rebuilt.append(AuditChain.append(original.record, after: (rebuilt.last!.seq, rebuilt.last!.hash), key: Self.key))
        }
        #expect(try Self.verify(rebuilt, key: Self.key) == 9)
        let caught = #expect(throws: AuditChain.Break.self) { try Self.verify(rebuilt, key: Self.key, anchors: [anchor]) }
        #expect(caught?.seq == 7)
        // a log cut before the anchored event
        let cut = #expect(throws: AuditChain.Break.self) {
            var verifier = AuditChain.Verifier(key: nil, anchors: [anchor])
            for event in events[..<5] { try verifier.check(event) }
            try verifier.finish(head: nil)
        }
        #expect(cut?.reason.contains("cut short") == true)
        #expect(throws: RinriError.self) { try AuditChain.Anchor.parse("rinri-anchor:7:nothex") }
        #expect(throws: RinriError.self) { try AuditChain.Anchor.parse("rinri-anchor:0:" + String(repeating: "a", count: 64)) }
        // a forged anchor given first does not hide the true one given after it
        let forgedAnchor = AuditChain.Anchor(seq: 7, hash: rebuilt[6].hash, readAt: "x")
        #expect(throws: AuditChain.Break.self) { try Self.verify(rebuilt, key: Self.key, anchors: [forgedAnchor, anchor]) }
    }

    @Test func theKeyIdRevealsNothingAndTellsKeysApart() {
        #expect(Self.key.id.count == 16 && Self.key.id != Self.otherKey.id)
        #expect(!Self.key.id.contains("ssss"))
        #expect(AuditKey(secret: Data(String(repeating: "s", count: 40).utf8)) == Self.key)
    }
}

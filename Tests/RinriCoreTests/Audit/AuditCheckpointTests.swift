import Foundation
import RinriCore
import Testing

@Suite("Verifying the audit chain from a checkpoint")
struct AuditCheckpointTests {
    static let key = KeyedAuditChainTests.key

    /// Verifies `events` after `checkpoint` the way the audit page does.
    static func resume(_ events: [ChainedAuditEvent], at checkpoint: AuditChain.Checkpoint, key: AuditKey?) throws -> Int {
        var verifier = AuditChain.Verifier(key: key, resumingAt: checkpoint)
        for event in events where event.seq > checkpoint.seq { try verifier.check(event) }
        try verifier.finish(head: events.last.map { ($0.seq, $0.hash) })
        return verifier.checked
    }

    @Test func aSealedCheckpointHoldsOnlyWithItsKey() {
        let sealed = AuditChain.Checkpoint.seal(seq: 7, hash: "abc", linked: true, key: Self.key, at: Date())
        #expect(sealed.isValid(key: Self.key))
        #expect(!sealed.isValid(key: KeyedAuditChainTests.otherKey))
        #expect(!sealed.isValid(key: nil))
        var moved = sealed
        moved.seq = 8
        #expect(!moved.isValid(key: Self.key))
        // an unsealed checkpoint is trusted only while the chain is not keyed there
        let plain = AuditChain.Checkpoint.seal(seq: 3, hash: "def", linked: false, key: Self.key, at: Date())
        #expect(plain.mac == nil && plain.isValid(key: Self.key) && plain.isValid(key: nil))
        var forged = plain
        forged.keyID = Self.key.id
        #expect(!forged.isValid(key: Self.key))
    }

    @Test func resumingChecksOnlyTheNewEventsWithTheKeyInForceThere() throws {
        let events = KeyedAuditChainTests.keyedChain()
        let beforeSwitch = AuditChain.Checkpoint.seal(seq: 4, hash: events[3].hash, linked: false, key: Self.key, at: Date())
        #expect(try Self.resume(events, at: beforeSwitch, key: Self.key) == 5)
        let afterSwitch = AuditChain.Checkpoint.seal(seq: 7, hash: events[6].hash, linked: true, key: Self.key, at: Date())
        #expect(try Self.resume(events, at: afterSwitch, key: Self.key) == 2)
    }

    @Test func aRewriteAfterTheCheckpointIsCaughtButNotOneBeforeIt() throws {
        var events = KeyedAuditChainTests.keyedChain()
        let checkpoint = AuditChain.Checkpoint.seal(seq: 7, hash: events[6].hash, linked: true, key: Self.key, at: Date())
        // a later event changed without the key
        var later = events
        later[8] = AuditChain.append(AuditChainTests.record(99), after: (later[7].seq, later[7].hash))
        let broken = #expect(throws: AuditChain.Break.self) { _ = try Self.resume(later, at: checkpoint, key: Self.key) }
        #expect(broken?.seq == 9)
        // an earlier one is the full check's job: the resumed check does not read it
        events[1] = AuditChain.append(AuditChainTests.record(42), after: (events[0].seq, events[0].hash))
        #expect(try Self.resume(events, at: checkpoint, key: Self.key) == 2)
        #expect(throws: AuditChain.Break.self) { _ = try KeyedAuditChainTests.verify(events, key: Self.key) }
    }
}

import Crypto
import Foundation

/// The secret that keys the audit chain (`RINRI_AUDIT_KEY` or `RINRI_AUDIT_KEY_FILE`).
///
/// With a key, every link is an HMAC-SHA256 instead of a plain SHA-256: whoever can write the database
/// but does not hold the key cannot recompute the links after changing an event. The key is known by
/// its id (the start of a SHA-256 of the secret, which reveals nothing about it), written into the
/// event that switches the chain to it.
public struct AuditKey: Sendable, Equatable {
    public let id: String
    let key: SymmetricKey

    /// The shortest secret accepted, in bytes.
    public static let minimumBytes = 32

    public init(secret: Data) {
        key = SymmetricKey(data: SHA256.hash(data: Data("rinri-audit-key\n".utf8) + secret))
        id = String(SHA256.hash(data: Data("rinri-audit-key-id\n".utf8) + secret).map { String(format: "%02x", $0) }.joined().prefix(16))
    }

    public static func == (a: AuditKey, b: AuditKey) -> Bool { a.id == b.id }
}

/// The hash chain over audit events.
///
/// Each event's link is computed over a canonical byte encoding of the event and the previous event's
/// link, so changing, removing or reordering any stored event breaks every link after it. The canonical
/// encoding is a version line followed by one line per field, `name=LENGTH:VALUE`, where LENGTH counts
/// the UTF-8 bytes of VALUE; an absent value is written as `-` with no length. Length prefixes make the
/// encoding unambiguous whatever the values contain (newlines, `=` or `:` included).
///
/// A link is SHA-256 of that encoding until an `audit_key` event switches the chain to a key; from that
/// event on (itself included) it is HMAC-SHA256 with the key. Older events keep verifying as they were.
public enum AuditChain {
    /// The previous hash of the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes that are hashed for one event.
    public static func canonicalEncoding(seq: Int, record: AuditRecord, previousHash: String) -> Data {
        Data(canonicalBytes(seq: seq, record: record, previousHash: previousHash))
    }

    /// ``canonicalEncoding(seq:record:previousHash:)`` as bytes, built without intermediate strings
    /// (verifying a long log spends its time here and in the hash).
    static func canonicalBytes(seq: Int, record: AuditRecord, previousHash: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + record.changes.utf8.count + record.actorLabel.utf8.count + record.entityID.utf8.count)
        bytes.append(contentsOf: "rinri-audit-v1\n".utf8)
        func field(_ name: StaticString, _ value: String?) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "="))
            guard let value else { bytes.append(UInt8(ascii: "-")); bytes.append(UInt8(ascii: "\n")); return }
            bytes.append(contentsOf: String(value.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        field("seq", String(seq))
        field("occurred_at", record.occurredAt)
        field("actor_id", record.actorID)
        field("actor_label", record.actorLabel)
        field("action", record.action.rawValue)
        field("entity_type", record.entityType)
        field("entity_id", record.entityID)
        field("changes", record.changes)
        field("request_id", record.requestID)
        field("previous_hash", previousHash)
        return bytes
    }

    /// The lowercase hex link of an event: SHA-256 of its canonical encoding, or HMAC-SHA256 with `key`.
    public static func hash(seq: Int, record: AuditRecord, previousHash: String, key: AuditKey? = nil) -> String {
        let bytes = canonicalBytes(seq: seq, record: record, previousHash: previousHash)
        if let key { return hex(HMAC<SHA256>.authenticationCode(for: bytes, using: key.key)) }
        return hex(SHA256.hash(data: bytes))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Chains a record after the event with `previous` (seq, hash), or at the start when nil; `key` is
    /// the key the chain is linked with at this point (nil before any switch).
    public static func append(_ record: AuditRecord, after previous: (seq: Int, hash: String)?, key: AuditKey? = nil) -> ChainedAuditEvent {
        let seq = (previous?.seq ?? 0) + 1
        let prev = previous?.hash ?? genesisHash
        return ChainedAuditEvent(seq: seq, record: record, previousHash: prev,
                                 hash: hash(seq: seq, record: record, previousHash: prev, key: key))
    }

    /// The event that switches the chain to `key`.
    public static func switchRecord(to key: AuditKey, occurredAt: String, actorLabel: String) -> AuditRecord {
        AuditRecord(occurredAt: occurredAt, actorID: nil, actorLabel: actorLabel, action: .auditKey, entityType: "audit_chain",
                    entityID: key.id, changes: #"{"after":{"link":"hmac-sha256"},"before":{"link":"sha256"}}"#, requestID: nil)
    }

    /// Why a chain failed verification.
    public struct Break: Error, Sendable, Equatable, CustomStringConvertible {
        public var seq: Int
        public var reason: String
        public var description: String { "audit event \(seq): \(reason)" }
    }

    /// A point of the chain kept outside Rinri (`rinri audit anchor`): the event count, the last link
    /// and when it was read. A later check that the log still holds that link catches a rewrite or a
    /// truncation even by someone who holds the key.
    public struct Anchor: Sendable, Equatable, CustomStringConvertible {
        public var seq: Int
        public var hash: String
        public var readAt: String

        public init(seq: Int, hash: String, readAt: String) {
            self.seq = seq
            self.hash = hash
            self.readAt = readAt
        }

        /// `rinri-anchor:SEQ:HASH:TIME`.
        public var description: String { "rinri-anchor:\(seq):\(hash):\(readAt)" }

        /// Reads the text ``description`` writes. - Throws: ``RinriError`` `invalid_anchor`.
        public static func parse(_ text: String) throws -> Anchor {
            let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", maxSplits: 3).map(String.init)
            guard parts.count >= 3, parts[0] == "rinri-anchor", let seq = Int(parts[1]), seq >= 1,
                  parts[2].count == 64, parts[2].allSatisfy(\.isHexDigit) else {
                throw RinriError.invalid(field: "anchor", code: "invalid_anchor",
                                         message: "an anchor reads rinri-anchor:COUNT:HASH:TIME, as `rinri audit anchor` prints it")
            }
            return Anchor(seq: seq, hash: parts[2].lowercased(), readAt: parts.count > 3 ? parts[3] : "")
        }
    }

    /// Checks events incrementally, in sequence order, so a log of any length streams through it.
    public struct Verifier: Sendable {
        public private(set) var checked = 0
        private var last: (seq: Int, hash: String)?
        /// The key the verifier holds (nil: none configured).
        private let key: AuditKey?
        /// The key the chain is linked with at the current event (after its switch).
        private var linkKey: AuditKey?
        private var anchors: [Int: [String]]

        /// `key` is needed once the chain has switched to it; each anchor's link must be found at its event.
        public init(key: AuditKey? = nil, anchors: [Anchor] = []) {
            self.key = key
            // Every anchor counts: two anchors of one event that disagree cannot both be found.
            self.anchors = Dictionary(grouping: anchors, by: \.seq).mapValues { $0.map(\.hash) }
        }

        /// A verifier that goes on after a verified ``Checkpoint``: the next event must be the one after it
        /// and link to its hash, with the key the chain was linked with there.
        public init(key: AuditKey?, resumingAt checkpoint: Checkpoint) {
            self.init(key: key)
            last = (checkpoint.seq, checkpoint.hash)
            linkKey = checkpoint.keyID != nil ? key : nil
        }

        /// Where this verifier got to: the last event checked, linked with the key or not.
        public var position: (seq: Int, hash: String, linked: Bool)? {
            last.map { ($0.seq, $0.hash, linkKey != nil) }
        }

        /// Checks the next event. - Throws: ``Break`` naming the first event that does not match.
        public mutating func check(_ event: ChainedAuditEvent) throws {
            let expectedSeq = (last?.seq ?? 0) + 1
            guard event.seq == expectedSeq else {
                throw Break(seq: event.seq, reason: "expected event \(expectedSeq) next; events are missing or out of order")
            }
            let expectedPrev = last?.hash ?? AuditChain.genesisHash
            guard event.previousHash == expectedPrev else {
                throw Break(seq: event.seq, reason: "its previous hash does not match the hash of event \(expectedSeq - 1)")
            }
            if event.record.action == .auditKey && event.record.entityType == "audit_chain" {
                guard let key, key.id == event.record.entityID else {
                    throw Break(seq: event.seq, reason: "from here the chain is linked with audit key \(event.record.entityID); verify with that key (RINRI_AUDIT_KEY or RINRI_AUDIT_KEY_FILE)")
                }
                linkKey = key
            }
            let recomputed = AuditChain.hash(seq: event.seq, record: event.record, previousHash: event.previousHash, key: linkKey)
            guard recomputed == event.hash else {
                throw Break(seq: event.seq, reason: "its stored hash does not match its content (stored \(event.hash.prefix(12))…, computed \(recomputed.prefix(12))…)")
            }
            if let anchored = anchors[event.seq]?.first(where: { $0 != event.hash }) {
                throw Break(seq: event.seq, reason: "its hash differs from the anchor kept for it (\(anchored.prefix(12))…): the log was rewritten")
            }
            last = (event.seq, event.hash)
            checked += 1
        }

        /// Checks that the chain ends where the recorded head says it does (a cut-off tail is caught here),
        /// that it was switched to the verifier's key, and that every anchor was reached.
        public func finish(head: (seq: Int, hash: String)?) throws {
            let endSeq = last?.seq ?? 0
            if let missing = anchors.keys.filter({ $0 > endSeq }).min() {
                throw Break(seq: missing, reason: "the log ends at event \(endSeq), before the anchored event \(missing): it was cut short")
            }
            if let key, linkKey == nil {
                throw Break(seq: endSeq, reason: "the log was never switched to the configured audit key \(key.id); start the server once with it, or check whether the switch was removed")
            }
            guard let head else { return }
            guard head.seq == endSeq else {
                throw Break(seq: endSeq + 1, reason: "the log ends at event \(endSeq) but the chain head records event \(head.seq)")
            }
            if head.seq > 0 && head.hash != last?.hash {
                throw Break(seq: endSeq, reason: "its hash does not match the chain head")
            }
        }
    }

    /// The last event a verification reached, kept so that the next one checks only what came after.
    ///
    /// When the chain is keyed there, the checkpoint carries an HMAC of its event and hash with the key,
    /// so that nobody without the key can move it past a rewritten part of the log.
    public struct Checkpoint: Sendable, Equatable {
        public var seq: Int
        public var hash: String
        /// The audit key's id when the chain was linked with it at this event.
        public var keyID: String?
        public var mac: String?
        public var verifiedAt: String

        public init(seq: Int, hash: String, keyID: String?, mac: String?, verifiedAt: String) {
            (self.seq, self.hash, self.keyID, self.mac, self.verifiedAt) = (seq, hash, keyID, mac, verifiedAt)
        }

        /// A checkpoint at `seq` with `hash`, sealed with `key` when the chain is linked with it there.
        public static func seal(seq: Int, hash: String, linked: Bool, key: AuditKey?, at date: Date) -> Checkpoint {
            let sealing = linked ? key : nil
            return Checkpoint(seq: seq, hash: hash, keyID: sealing?.id, mac: sealing.map { Self.mac(seq: seq, hash: hash, key: $0) },
                              verifiedAt: AuditRecord.timestamp(date))
        }

        /// Whether this checkpoint can be trusted with `key`: unsealed only while the chain is not keyed, and
        /// sealed by this very key otherwise.
        public func isValid(key: AuditKey?) -> Bool {
            guard let keyID else { return mac == nil }
            guard let key, key.id == keyID, let mac else { return false }
            return ConstantTime.equal(mac, Self.mac(seq: seq, hash: hash, key: key))
        }

        static func mac(seq: Int, hash: String, key: AuditKey) -> String {
            let bytes = Data("rinri-audit-checkpoint-v1\n\(seq)\n\(hash)\n".utf8)
            return hex(HMAC<SHA256>.authenticationCode(for: bytes, using: key.key))
        }
    }
}

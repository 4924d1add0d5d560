/// Maps byte strings to dense integer ids (0, 1, 2, …) in order of first appearance.
///
/// An open-addressing hash table over a flat byte arena: no `String` or array is made per
/// lookup, so it can run once per row. Used to give each combination of sensitive values a
/// small cell id.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var table: [Int32]
    private var mask: Int

    init() {
        table = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    /// Number of distinct keys.
    var count: Int { hashes.count }

    /// The bytes of key `id`.
    func key(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    /// The id of `bytes`, adding it when new.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && matches(entry, bytes) { return entry }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        table[slot] = Int32(id)
        if hashes.count * 2 > table.count { grow() }
        return id
    }

    private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[entry]
        guard starts[entry + 1] - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            bytesEqual(UnsafeBufferPointer(rebasing: stored[start..<(start + bytes.count)]), bytes)
        }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        mask = table.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id)
        }
    }

    /// A fast 64-bit hash: 8 bytes at a time, multiply–xorshift mixing.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return hash
    }
}

import Foundation

/// True when the two byte ranges hold the same bytes.
@inline(__always)
func bytesEqual(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    guard left.count > 0, let a = left.baseAddress, let b = right.baseAddress else { return true }
    if left.count <= 16 {
        for index in 0..<left.count where a[index] != b[index] { return false }
        return true
    }
    return memcmp(a, b, left.count) == 0
}

/// True when the bytes spell `text` exactly (ASCII literals, compared without allocating).
@inline(__always)
func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    bytesEqual(bytes, UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
}

/// Up to 8 bytes packed little-endian into an integer, for one-comparison matching of short values.
struct PackedBytes: Sendable, Equatable {
    let word: UInt64
    let count: Int

    /// nil when `bytes` is longer than 8.
    init?<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count <= 8 else { return nil }
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * UInt64(index)) }
        self.word = word
        count = bytes.count
    }

    /// Whether `bytes` equals the packed value.
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == count else { return false }
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        return word == self.word
    }
}

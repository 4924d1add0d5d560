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
        bytes.count == count && packedWord(bytes) == word
    }
}

/// The bytes (at most 8) packed little-endian into an integer, without reading outside them:
/// two overlapping 4-byte loads for 4…8 bytes, the first, middle and last byte for 1…3.
@inline(__always)
func packedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress else { return 0 }
    if count >= 4 {
        let raw = UnsafeRawPointer(base)
        let low = UInt64(raw.loadUnaligned(as: UInt32.self).littleEndian)
        let high = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self).littleEndian)
        return low | high &<< UInt64((count &- 4) &* 8)
    }
    let middle = count &>> 1
    return UInt64(base[0]) | UInt64(base[middle]) &<< UInt64(middle &* 8) | UInt64(base[count &- 1]) &<< UInt64((count &- 1) &* 8)
}

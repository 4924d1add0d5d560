import Foundation

/// Finds where a chunk may be cut so that it holds whole records only.
///
/// A chunk always starts at a record start, outside quotes. For CSV, a line feed ends a
/// record only when it is preceded by an even number of `"` bytes since the chunk start
/// (doubled quotes inside a quoted field count twice and keep the parity). For JSON Lines
/// every line feed ends a record, since JSON strings cannot hold a raw line feed.
enum RecordBoundary {
    case csv
    case lines

    /// The index just past the last record-ending line feed in `bytes`, or nil when none.
    func lastRecordEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        switch self {
        case .lines: return Self.lastLineFeed(in: bytes, from: 0, to: bytes.count).map { $0 + 1 }
        case .csv: return Self.lastUnquotedLineFeed(in: bytes).map { $0 + 1 }
        }
    }

    /// The index just past the first record-ending line feed in `bytes`, or nil when none.
    func firstRecordEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var quoted = false
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") && self == .csv {
                quoted.toggle()
            } else if byte == UInt8(ascii: "\n") && !quoted {
                return index + 1
            }
        }
        return nil
    }

    private static func lastLineFeed(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = end - 1
        while index >= start {
            if bytes[index] == UInt8(ascii: "\n") { return index }
            index -= 1
        }
        return nil
    }

    /// Walks the quote positions with `memchr`; between two quotes, when outside quotes,
    /// the last line feed of the stretch is a candidate boundary.
    private static func lastUnquotedLineFeed(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var best: Int?
        var position = 0
        var quoted = false
        while position <= bytes.count {
            let next: Int
            if position < bytes.count, let hit = memchr(base + position, Int32(UInt8(ascii: "\"")), bytes.count - position) {
                next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            } else {
                next = bytes.count
            }
            if !quoted, let lineFeed = lastLineFeed(in: bytes, from: position, to: next) {
                best = lineFeed
            }
            if next >= bytes.count { break }
            quoted.toggle()
            position = next + 1
        }
        return best
    }
}

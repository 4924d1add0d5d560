/// Parses JSON Lines records from a chunk that holds whole lines.
///
/// Each non-blank line must be one JSON object. Requested keys must be present and hold a
/// string, number, `true`, `false` or `null` (read as an empty field, like an empty CSV
/// field); numbers and literals are passed on as their text. Other keys may hold any JSON
/// value and are skipped without being decoded. Strings are unescaped only when they are
/// requested and contain a backslash.
final class JSONLinesChunkParser: ChunkParser, @unchecked Sendable {
    private let keys: [[UInt8]]
    private let slots: FieldSlots

    /// - Parameter keys: the requested column names, in slot order.
    init(keys: [String]) {
        self.keys = keys.map { Array($0.utf8) }
        slots = FieldSlots(count: keys.count)
    }

    func parse<Sink: RecordSink>(_ chunk: UnsafeBufferPointer<UInt8>, into sink: inout Sink) -> ChunkOutcome {
        var seen = [Bool](repeating: false, count: keys.count)
        var lineStart = 0
        var lineFeeds = 0
        while lineStart < chunk.count {
            var lineEnd = lineStart
            while lineEnd < chunk.count && chunk[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = UnsafeBufferPointer(rebasing: chunk[lineStart..<lineEnd])
            do throws(RecordError) {
                if try parseLine(line, seen: &seen) { try sink.consume(slots.readOnly) }
            } catch {
                let failure = ChunkFailure(localLine: lineFeeds, slot: error.slot, message: error.message)
                return ChunkOutcome(lineFeeds: lineFeeds, failure: failure)
            }
            if lineEnd < chunk.count { lineFeeds += 1 }
            lineStart = lineEnd + 1
        }
        return ChunkOutcome(lineFeeds: lineFeeds, failure: nil)
    }

    /// Parses one line; returns false for a blank line.
    private func parseLine(_ line: UnsafeBufferPointer<UInt8>, seen: inout [Bool]) throws(RecordError) -> Bool {
        var reader = JSONByteReader(bytes: line)
        reader.skipWhitespace()
        guard !reader.atEnd else { return false }
        for index in seen.indices { seen[index] = false }
        try reader.expect(UInt8(ascii: "{"), "expected a JSON object")
        reader.skipWhitespace()
        if reader.peek == UInt8(ascii: "}") {
            reader.position += 1
        } else {
            try parseMembers(&reader, seen: &seen)
        }
        reader.skipWhitespace()
        guard reader.atEnd else { throw RecordError(slot: nil, message: "unexpected text after the JSON object") }
        if let missing = seen.firstIndex(of: false) {
            throw RecordError(slot: missing, message: "missing from this record")
        }
        return true
    }

    private func parseMembers(_ reader: inout JSONByteReader, seen: inout [Bool]) throws(RecordError) {
        while true {
            reader.skipWhitespace()
            let key = try reader.string()
            let slot = slotFor(key: key.raw, escaped: key.escaped)
            reader.skipWhitespace()
            try reader.expect(UInt8(ascii: ":"), "expected ':' after a key")
            reader.skipWhitespace()
            if slot >= 0 {
                slots.views[slot] = try scalarValue(&reader, slot: slot)
                seen[slot] = true
            } else {
                try reader.skipValue()
            }
            reader.skipWhitespace()
            if reader.peek == UInt8(ascii: ",") {
                reader.position += 1
                continue
            }
            try reader.expect(UInt8(ascii: "}"), "expected ',' or '}'")
            return
        }
    }

    private func slotFor(key: UnsafeBufferPointer<UInt8>, escaped: Bool) -> Int {
        if escaped {
            return JSONByteReader.unescaped(key).withUnsafeBufferPointer { slotFor(key: $0, escaped: false) }
        }
        for index in keys.indices where keys[index].withUnsafeBufferPointer({ bytesEqual($0, key) }) {
            return index
        }
        return -1
    }

    private func scalarValue(_ reader: inout JSONByteReader, slot: Int) throws(RecordError) -> UnsafeBufferPointer<UInt8> {
        switch reader.peek {
        case UInt8(ascii: "\""):
            let text = try reader.string()
            guard text.escaped else { return text.raw }
            let buffer = slots.scratchBuffer(slot)
            let decoded = JSONByteReader.unescaped(text.raw)
            decoded.withUnsafeBufferPointer { buffer.append($0.baseAddress!, $0.count) }
            return buffer.bytes
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw RecordError(slot: slot, message: "expected a string, number or boolean, found a nested JSON value")
        default:
            let literal = try reader.literal()
            if bytesEqual(literal, "null") {
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            return literal
        }
    }
}

/// Parses CSV records (RFC 4180) from a chunk that holds whole records.
///
/// Fields may be quoted with `"`; inside quotes the delimiter and line breaks are data and
/// `""` stands for one quote. Records end with LF or CRLF. A `"` inside an unquoted field, or
/// text after a closing quote, is an error (it would make record boundaries ambiguous).
/// Completely empty lines are skipped. Only requested columns are looked at; no `String`
/// is made per field or per row.
final class CSVChunkParser: ChunkParser, @unchecked Sendable {
    let delimiter: UInt8
    let fieldCount: Int
    /// For each header field, the requested slot or -1 (immutable after init).
    let slotOfField: UnsafeMutableBufferPointer<Int>
    private let slots: FieldSlots
    /// The records of the quote-free fast path, handed to the sink in batches.
    let batch: RecordBatchStorage

    /// - Parameters:
    ///   - slotOfField: for each header field, the requested slot or -1.
    init(delimiter: UInt8, slotOfField: [Int], slotCount: Int) {
        self.delimiter = delimiter
        self.fieldCount = slotOfField.count
        self.slotOfField = .allocate(capacity: slotOfField.count)
        _ = self.slotOfField.initialize(from: slotOfField)
        slots = FieldSlots(count: slotCount)
        batch = RecordBatchStorage(slotCount: slotCount)
    }

    deinit {
        slotOfField.deallocate()
    }

    func parse<Sink: RecordSink>(_ chunk: UnsafeBufferPointer<UInt8>, into sink: inout Sink) -> ChunkOutcome {
        guard chunk.baseAddress != nil else { return ChunkOutcome(lineFeeds: 0, failure: nil) }
        var cursor = Cursor(bytes: chunk)
        while cursor.position < chunk.count {
            // Records without quotes, until one with a quote (or the end of the chunk)…
            if let failure = fastRecords(&cursor, &sink) {
                return ChunkOutcome(lineFeeds: cursor.lineFeeds, failure: failure)
            }
            guard cursor.position < chunk.count else { break }
            // …which the general parser takes.
            if cursor.skipEmptyLine() { continue }
            let recordLine = cursor.lineFeeds
            do throws(RecordError) {
                let found = try parseRecord(&cursor)
                if found != fieldCount { throw fieldCountError(found) }
                try sink.consume(slots.readOnly)
            } catch {
                let failure = ChunkFailure(localLine: recordLine, slot: error.slot, message: error.message)
                return ChunkOutcome(lineFeeds: cursor.lineFeeds, failure: failure)
            }
        }
        return ChunkOutcome(lineFeeds: cursor.lineFeeds, failure: nil)
    }

    func fieldCountError(_ found: Int) -> RecordError {
        RecordError(slot: nil, message: "expected \(fieldCount) fields, found \(found)")
    }

    /// Parses one record, storing requested fields; returns the number of fields.
    private func parseRecord(_ cursor: inout Cursor) throws(RecordError) -> Int {
        var field = 0
        while true {
            let slot = field < fieldCount ? slotOfField[field] : -1
            let value: UnsafeBufferPointer<UInt8>
            if cursor.peek == UInt8(ascii: "\"") {
                value = try parseQuoted(&cursor, slot: slot)
            } else {
                value = try parseUnquoted(&cursor)
            }
            if slot >= 0 { slots.views[slot] = value }
            field += 1
            if cursor.peek == delimiter {
                cursor.position += 1
                continue
            }
            cursor.endRecord()
            return field
        }
    }

    @inline(__always)
    private func parseUnquoted(_ cursor: inout Cursor) throws(RecordError) -> UnsafeBufferPointer<UInt8> {
        let bytes = cursor.bytes
        let start = cursor.position
        let position = firstStop(in: bytes, from: start)
        if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
            throw RecordError(slot: nil, message: "unexpected '\"' inside an unquoted field (quote the whole field)")
        }
        cursor.position = position
        var end = position
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") && (position == bytes.count || bytes[position] == UInt8(ascii: "\n")) {
            end -= 1
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The index of the first delimiter, LF or `"` at or after `start` (or the end), found by
    /// the same block scanner as the fast path.
    @inline(__always)
    private func firstStop(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var scanner = StopScanner(base: base, count: bytes.count, delimiter: delimiter, start: start)
        return scanner.next()
    }

    private func parseQuoted(_ cursor: inout Cursor, slot: Int) throws(RecordError) -> UnsafeBufferPointer<UInt8> {
        let bytes = cursor.bytes
        let start = cursor.position + 1
        var position = start
        var doubled = false
        while true {
            while position < bytes.count && bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\n") { cursor.lineFeeds += 1 }
                position += 1
            }
            if position >= bytes.count {
                throw RecordError(slot: nil, message: "quoted field is not closed before the end of the input")
            }
            if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\"") {
                doubled = true
                position += 2
                continue
            }
            break
        }
        let end = position
        cursor.position = position + 1
        if let next = cursor.peek, next != delimiter, next != UInt8(ascii: "\n"),
           !(next == UInt8(ascii: "\r") && cursor.isLineEnd(at: cursor.position + 1)) {
            throw RecordError(slot: nil, message: "unexpected text after a closing quote")
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard doubled && slot >= 0 else { return raw }
        return unescape(raw, slot: slot)
    }

    /// Copies `raw` to the slot's scratch buffer with each `""` turned into `"`.
    private func unescape(_ raw: UnsafeBufferPointer<UInt8>, slot: Int) -> UnsafeBufferPointer<UInt8> {
        let buffer = slots.scratchBuffer(slot)
        buffer.reserve(raw.count)
        var index = 0
        while index < raw.count {
            buffer.base[buffer.count] = raw[index]
            buffer.count += 1
            index += raw[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return buffer.bytes
    }
}

/// A read position in a chunk, with the number of line feeds passed.
struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var lineFeeds = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The byte at the position, or nil at the end.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// True when `index` is the end of the chunk or a line feed.
    func isLineEnd(at index: Int) -> Bool { index >= bytes.count || bytes[index] == UInt8(ascii: "\n") }

    /// Skips one empty line (LF or CRLF) and reports whether it did.
    mutating func skipEmptyLine() -> Bool {
        if bytes[position] == UInt8(ascii: "\n") {
            position += 1
            lineFeeds += 1
            return true
        }
        if bytes[position] == UInt8(ascii: "\r") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\n") {
            position += 2
            lineFeeds += 1
            return true
        }
        return false
    }

    /// Consumes the record terminator (CR before LF, LF) if present.
    mutating func endRecord() {
        if peek == UInt8(ascii: "\r") { position += 1 }
        if peek == UInt8(ascii: "\n") {
            position += 1
            lineFeeds += 1
        }
    }
}

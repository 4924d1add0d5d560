/// The quote-free fast path of ``CSVChunkParser``: records are collected in batches (see
/// ``RecordBatchStorage``) and handed to the sink a batch at a time.
extension CSVChunkParser {
    /// Parses and consumes records from the cursor on while they hold no `"`, skipping empty
    /// lines, with the same results as ``parseRecord(_:)``. Returns with the cursor at the
    /// start of the first record that holds a `"`, or at the end of the chunk; or returns the
    /// first failure. Records are collected by ``fillBatch(_:in:)`` and handed to the sink
    /// ``RecordBatchStorage/capacity`` at a time, and always before returning, so the sink
    /// sees every record in order.
    func fastRecords<Sink: RecordSink>(_ cursor: inout Cursor, _ sink: inout Sink) -> ChunkFailure? {
        var fill = BatchFill(recordStart: cursor.position, lineFeeds: cursor.lineFeeds)
        defer { cursor.lineFeeds = fill.lineFeeds }
        while true {
            let end = fillBatch(&fill, in: cursor.bytes)
            if let failure = batch.flush(&fill.pending, into: &sink) { return failure }
            switch end {
            case .full:
                continue
            case .quote:
                cursor.position = fill.recordStart
            case .endOfChunk:
                cursor.position = cursor.bytes.count
            case .fieldCount(let line, let found, let next):
                cursor.position = next
                return ChunkFailure(localLine: line, slot: nil, message: fieldCountError(found).message)
            }
            return nil
        }
    }

    /// Where ``fillBatch(_:in:)`` is in the chunk.
    struct BatchFill {
        /// The start of the next record.
        var recordStart: Int
        /// Line feeds passed in the chunk.
        var lineFeeds: Int
        /// Records in the batch.
        var pending = 0
    }

    /// Why ``fillBatch(_:in:)`` (or one record's step) stopped.
    enum BatchEnd {
        /// The batch is full.
        case full
        /// The record at `recordStart` holds a `"`.
        case quote
        /// Every record of the chunk is in the batch.
        case endOfChunk
        /// The record at `line` has `found` fields; the next one starts at `next`.
        case fieldCount(line: Int, found: Int, next: Int)
    }

    /// Adds quote-free records to the batch until it is full, a record holds a `"` or has the
    /// wrong number of fields, or the chunk ends.
    ///
    /// A record that starts at least 64 bytes before the end of the chunk and ends within those
    /// 64 bytes (most records) is taken whole: one classification of the 64 bytes gives the
    /// bitmaps of its delimiters and of its end, and its fields are cut from the delimiter
    /// bitmap, with no test per field. Longer records and the last ones of the chunk are
    /// taken stop by stop (``scanRecord(_:_:_:)``). Out of line and free of calls on its hot
    /// path, so that its loop keeps its state in registers.
    @inline(never)
    func fillBatch(_ fill: inout BatchFill, in chunk: UnsafeBufferPointer<UInt8>) -> BatchEnd {
        guard let base = chunk.baseAddress, let slotOfField = slotOfField.baseAddress else { return .endOfChunk }
        let count = chunk.count, fieldCount = fieldCount, slotCount = batch.slotCount, lines = batch.lines
        let classifier = StopBits(delimiter: delimiter)
        // Locals, kept in registers; `fill` is brought up to date whenever control leaves.
        var recordStart = fill.recordStart, lineFeeds = fill.lineFeeds, pending = fill.pending
        var views = batch.views + pending &* slotCount
        defer { fill = BatchFill(recordStart: recordStart, lineFeeds: lineFeeds, pending: pending) }
        while true {
            if pending == RecordBatchStorage.capacity { return .full }
            if recordStart >= count { return .endOfChunk }
            let window = recordStart &+ 64 <= count ? classifier.recordBitsToFirstEnd(base + recordStart) : (delimiters: 0, ends: 0)
            if window.ends == 0 { // a long record, or one of the last of the chunk
                fill = BatchFill(recordStart: recordStart, lineFeeds: lineFeeds, pending: pending)
                let end = scanRecord(&fill, views, chunk)
                (recordStart, lineFeeds, pending) = (fill.recordStart, fill.lineFeeds, fill.pending)
                if let end { return end }
                views = batch.views + pending &* slotCount
                continue
            }
            let end = window.ends.trailingZeroBitCount
            let stop = recordStart &+ end
            if base[stop] == UInt8(ascii: "\"") { return .quote }
            if end == 0 || (end == 1 && base[recordStart] == UInt8(ascii: "\r")) {
                lineFeeds &+= 1 // an empty line
                recordStart = stop &+ 1
                continue
            }
            let recordDelimiters = window.delimiters & ((1 &<< UInt64(end)) &- 1)
            var delimiters = recordDelimiters
            let recordLine = lineFeeds
            lineFeeds &+= 1
            var start = recordStart, complete = true
            for field in 0..<(fieldCount &- 1) {
                if delimiters == 0 { // too few fields: reported below
                    complete = false
                    break
                }
                let delimiter = recordStart &+ delimiters.trailingZeroBitCount
                delimiters &= delimiters &- 1
                let slot = slotOfField[field]
                if slot >= 0 { views[slot] = UnsafeBufferPointer(start: base + start, count: delimiter &- start) }
                start = delimiter &+ 1
            }
            if !complete || delimiters != 0 {
                recordStart = stop &+ 1
                return .fieldCount(line: recordLine, found: recordDelimiters.nonzeroBitCount &+ 1, next: recordStart)
            }
            // The last field ends before the LF (and before a CR in front of it).
            let slot = slotOfField[fieldCount &- 1]
            if slot >= 0 {
                let last = stop > start && base[stop &- 1] == UInt8(ascii: "\r") ? stop &- 1 : stop
                views[slot] = UnsafeBufferPointer(start: base + start, count: last &- start)
            }
            lines[pending] = recordLine
            pending &+= 1
            views += slotCount
            recordStart = stop &+ 1
        }
    }

    /// Takes one record (or empty line) stop by stop into the batch row at `views`; returns
    /// nil when it was taken, else why the batch ends.
    private func scanRecord(_ fill: inout BatchFill, _ views: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>,
                            _ chunk: UnsafeBufferPointer<UInt8>) -> BatchEnd? {
        guard let base = chunk.baseAddress, let slotOfField = slotOfField.baseAddress else { return .endOfChunk }
        let count = chunk.count, fieldCount = fieldCount, delimiter = delimiter
        let recordStart = fill.recordStart
        var scanner = StopScanner(base: base, count: count, delimiter: delimiter, start: recordStart)
        var start = recordStart, field = 0
        while true {
            let stop = scanner.next()
            let byte = stop < count ? base[stop] : UInt8(ascii: "\n") // the last record may lack its LF
            if byte == delimiter {
                let slot = field < fieldCount ? slotOfField[field] : -1
                if slot >= 0 { views[slot] = UnsafeBufferPointer(start: base + start, count: stop &- start) }
                field &+= 1
                start = stop &+ 1
                continue
            }
            if byte == UInt8(ascii: "\"") { return .quote }
            if field == 0 && start >= count { return .endOfChunk } // nothing left
            fill.recordStart = min(stop &+ 1, count)
            if field == 0 && stop < count && (stop == start || (stop == start &+ 1 && base[start] == UInt8(ascii: "\r"))) {
                fill.lineFeeds &+= 1 // an empty line
                return nil
            }
            // The last field ends before the LF (and before a CR in front of it).
            let slot = field < fieldCount ? slotOfField[field] : -1
            if slot >= 0 {
                let end = stop > start && base[stop &- 1] == UInt8(ascii: "\r") ? stop &- 1 : stop
                views[slot] = UnsafeBufferPointer(start: base + start, count: end &- start)
            }
            let recordLine = fill.lineFeeds
            if stop < count { fill.lineFeeds &+= 1 }
            if field &+ 1 != fieldCount { return .fieldCount(line: recordLine, found: field &+ 1, next: fill.recordStart) }
            batch.lines[fill.pending] = recordLine
            fill.pending &+= 1
            return nil
        }
    }
}

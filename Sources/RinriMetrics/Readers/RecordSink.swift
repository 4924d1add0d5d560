/// Receives the requested fields of each data record, on one worker thread.
///
/// `fields[slot]` is the raw UTF-8 value of the slot-th requested column, valid only during
/// the call. Sinks are value types held in a local variable of their worker, so their state
/// is private to the thread and needs no runtime exclusivity checks; the caller merges them.
protocol RecordSink: Sendable {
    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError)

    /// Consumes consecutive records, in order; the same as consuming each in turn. Sinks that
    /// gain from it work through a batch in passes (see ``ClassificationSink``).
    mutating func consume(_ batch: RecordBatch) throws(BatchFailure)

    /// Called before the records of chunk `index` (0-based, in file order).
    mutating func beginChunk(_ index: Int)

    /// True when the merged result does not depend on which worker saw which rows (integer
    /// counts, order-independent sums): then chunks go to whichever worker is free. False (the
    /// default) deals chunk *k* to worker *k* mod *W*, so floating-point merges are repeatable.
    static var mergesExactly: Bool { get }
}

extension RecordSink {
    static var mergesExactly: Bool { false }

    mutating func beginChunk(_ index: Int) {}

    mutating func consume(_ batch: RecordBatch) throws(BatchFailure) {
        for row in 0..<batch.count {
            do throws(RecordError) { try consume(batch.fields(row)) } catch { throw BatchFailure(row: row, error: error) }
        }
    }
}

/// Parses the records of one chunk and feeds them to a sink (one worker thread per parser).
protocol ChunkParser: AnyObject, Sendable {
    func parse<Sink: RecordSink>(_ chunk: UnsafeBufferPointer<UInt8>, into sink: inout Sink) -> ChunkOutcome
}

/// Per-slot field storage shared by the parsers: the current record's field views and,
/// for values that need unescaping, a private scratch buffer per slot.
final class FieldSlots {
    let views: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>
    private let scratch: [ChunkBuffer]

    init(count: Int) {
        views = .allocate(capacity: max(1, count))
        views.initialize(repeating: UnsafeBufferPointer(start: nil, count: 0))
        scratch = (0..<max(1, count)).map { _ in ChunkBuffer(capacity: 64) }
    }

    deinit { views.deallocate() }

    /// The scratch buffer of `slot`, emptied.
    func scratchBuffer(_ slot: Int) -> ChunkBuffer {
        let buffer = scratch[slot]
        buffer.count = 0
        return buffer
    }

    /// The read-only view of the first `count` slots.
    var readOnly: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>> { UnsafeBufferPointer(views) }
}

/// Consecutive records' requested fields, record after record (`slotCount` views each); valid
/// only during the call that receives it.
struct RecordBatch {
    let views: UnsafePointer<UnsafeBufferPointer<UInt8>>
    let slotCount: Int
    let count: Int

    /// The fields of record `row`.
    @inline(__always)
    func fields(_ row: Int) -> UnsafeBufferPointer<UnsafeBufferPointer<UInt8>> {
        UnsafeBufferPointer(start: views + row &* slotCount, count: slotCount)
    }
}

/// The first record of a batch that a sink refused: its index in the batch and the problem.
struct BatchFailure: Error {
    var row: Int
    var error: RecordError
}

/// Room for a parser's pending batch: ``capacity`` records' field views and the line (line
/// feeds before it in the chunk) of each, for error messages.
final class RecordBatchStorage: @unchecked Sendable {
    static let capacity = 64
    let slotCount: Int
    let views: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    let lines: UnsafeMutablePointer<Int>

    init(slotCount: Int) {
        self.slotCount = max(1, slotCount)
        views = .allocate(capacity: Self.capacity * self.slotCount)
        views.initialize(repeating: UnsafeBufferPointer(start: nil, count: 0), count: Self.capacity * self.slotCount)
        lines = .allocate(capacity: Self.capacity)
        lines.initialize(repeating: 0, count: Self.capacity)
    }

    deinit {
        views.deallocate()
        lines.deallocate()
    }

    /// Hands the first `count` records to `sink` and empties the batch; a refused record
    /// becomes a failure at its line. (Out of line: the parser's loop stays small.)
    @inline(never)
    func flush<Sink: RecordSink>(_ count: inout Int, into sink: inout Sink) -> ChunkFailure? {
        guard count > 0 else { return nil }
        let batch = RecordBatch(views: views, slotCount: slotCount, count: count)
        count = 0
        do throws(BatchFailure) { try sink.consume(batch) } catch {
            return ChunkFailure(localLine: lines[error.row], slot: error.error.slot, message: error.error.message)
        }
        return nil
    }
}

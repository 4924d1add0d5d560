/// Receives the requested fields of each data record, on one worker thread.
///
/// `fields[slot]` is the raw UTF-8 value of the slot-th requested column, valid only during
/// the call. Sinks are value types held in a local variable of their worker, so their state
/// is private to the thread and needs no runtime exclusivity checks; the caller merges them.
protocol RecordSink: Sendable {
    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError)

    /// True when the merged result does not depend on which worker saw which rows (integer
    /// counts, order-independent sums): then chunks go to whichever worker is free. False (the
    /// default) deals chunk *k* to worker *k* mod *W*, so floating-point merges are repeatable.
    static var mergesExactly: Bool { get }
}

extension RecordSink {
    static var mergesExactly: Bool { false }
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

import Foundation

/// One chunk handed to a worker: its position in the file order.
struct ChunkTicket {
    /// 0-based chunk number in file order.
    var index: Int
    /// Absolute byte offset of the chunk's first byte in the input (after any BOM).
    var offset: Int
}

/// What a worker found in one chunk.
struct ChunkOutcome {
    /// Line feeds in the chunk (physical lines consumed).
    var lineFeeds = 0
    /// The first problem in the chunk, if any.
    var failure: ChunkFailure?
}

/// A problem located relative to its chunk.
struct ChunkFailure {
    /// Line feeds in the chunk before the start of the offending record.
    var localLine: Int
    /// The slot (requested column) concerned, if any.
    var slot: Int?
    /// The column name when it is not a requested column (for example an unknown JSON key).
    var columnName: String?
    var message: String
}

/// Hands out consecutive chunks, each cut at a record boundary, to worker threads.
///
/// Reading and cutting happen under a lock, so the input is read strictly in order while
/// workers parse earlier chunks in parallel. Dealt round-robin, chunk *k* always goes to
/// worker *k* mod *W*, so which rows each worker adds up — and hence every floating-point
/// sum — depends only on the input, the chunk size and the number of workers, never on
/// timing: reports are bit-identical from run to run. Sinks whose merge is exact (integer
/// counts) take chunks first come, first served instead, so a worker that is descheduled
/// or slowed down does not hold the others up. The bytes after the last boundary of a read
/// are carried over to the front of the next chunk. The feeder also collects each chunk's
/// line count so that an error found in chunk *k* can be given its absolute line number.
final class ChunkFeeder: @unchecked Sendable {
    private let condition = NSCondition()
    private let workers: Int
    /// Chunk *k* only to worker *k* mod `workers` (else to whichever worker asks first).
    private let roundRobin: Bool
    private let reader: ByteReader
    private let boundary: RecordBoundary
    private let chunkSize: Int
    private let carry: ChunkBuffer
    private var endOfInput = false
    private var stopped = false
    private var nextIndex = 0
    private var offset = 0
    private var lineFeedsByChunk: [Int] = []
    private var firstFailure: (ticket: Int, failure: ChunkFailure)?
    private var readError: TableError?

    init(reader: ByteReader, boundary: RecordBoundary, chunkSize: Int, workers: Int, roundRobin: Bool = true) {
        self.reader = reader
        self.workers = workers
        self.roundRobin = roundRobin
        self.boundary = boundary
        self.chunkSize = chunkSize
        carry = ChunkBuffer(capacity: min(chunkSize, 1 << 16))
    }

    /// Reads until `buffer` holds at least `target` bytes or the input ends.
    private func fill(_ buffer: ChunkBuffer, to target: Int) throws(TableError) {
        while buffer.count < target && !endOfInput {
            if try reader.read(into: buffer, maximum: target - buffer.count) == 0 { endOfInput = true }
        }
    }

    /// Skips a UTF-8 byte order mark and reports whether any byte follows.
    func prepare() throws(TableError) -> Bool {
        try fill(carry, to: 3)
        let bytes = carry.bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            carry.dropFirst(3)
        }
        try fill(carry, to: 1)
        return carry.count > 0
    }

    /// Removes and returns the first record (the CSV header) with the line feeds it spans.
    func takeFirstRecord() throws(TableError) -> (bytes: [UInt8], lineFeeds: Int) {
        var target = max(chunkSize, 1024)
        while true {
            try fill(carry, to: target)
            let end = boundary.firstRecordEnd(in: carry.bytes) ?? (endOfInput ? carry.count : nil)
            if let end {
                let record = Array(carry.bytes.prefix(end))
                carry.dropFirst(end)
                offset += end
                return (record, record.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
            }
            target *= 2
        }
    }

    /// The keys of the first JSON Lines record, in order, leaving the input untouched.
    func firstObjectKeys() throws(TableError) -> [String] {
        var target = max(chunkSize, 1024)
        while true {
            try fill(carry, to: target)
            let bytes = carry.bytes
            var start = 0
            while start < bytes.count, let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (endOfInput ? bytes.count : nil) {
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if line.contains(where: { $0 > 0x20 }) {
                    do {
                        return try JSONByteReader.objectKeys(line)
                    } catch {
                        let lines = bytes[..<start].filter { $0 == UInt8(ascii: "\n") }.count
                        throw TableError(file: reader.name, line: lines + 1, message: error.message)
                    }
                }
                start = end + 1
            }
            if endOfInput { throw TableError(file: reader.name, line: 1, message: "the file is empty") }
            target *= 2
        }
    }

    /// Fills `buffer` with `worker`'s next chunk of whole records (round-robin: waiting for
    /// its turn); nil when the input is done or the scan was stopped by an error.
    func nextChunk(into buffer: ChunkBuffer, worker: Int) -> ChunkTicket? {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while roundRobin && !stopped && nextIndex % workers != worker { condition.wait() }
        guard !stopped else { return nil }
        do {
            if let ticket = try cutChunk(into: buffer) { return ticket }
            stopped = true // input exhausted: release every waiting worker
            return nil
        } catch {
            readError = error
            stopped = true
            return nil
        }
    }

    private func cutChunk(into buffer: ChunkBuffer) throws(TableError) -> ChunkTicket? {
        buffer.count = 0
        buffer.append(carry.base, carry.count)
        carry.count = 0
        var target = max(chunkSize, buffer.count)
        var cut: Int
        while true {
            try fill(buffer, to: target)
            if buffer.count == 0 { return nil }
            if endOfInput { cut = buffer.count; break }
            if let end = boundary.lastRecordEnd(in: buffer.bytes) { cut = end; break }
            target *= 2 // one record is longer than the chunk: grow it
        }
        carry.append(buffer.base + cut, buffer.count - cut)
        buffer.count = cut
        let ticket = ChunkTicket(index: nextIndex, offset: offset)
        nextIndex += 1
        offset += cut
        lineFeedsByChunk.append(0)
        return ticket
    }

    /// Records what a worker found in a chunk; the first failure stops further chunks.
    func complete(_ ticket: ChunkTicket, _ outcome: ChunkOutcome) {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        lineFeedsByChunk[ticket.index] = outcome.lineFeeds
        if let failure = outcome.failure {
            stopped = true
            if firstFailure.map({ ticket.index < $0.ticket }) ?? true {
                firstFailure = (ticket.index, failure)
            }
        }
    }

    /// The first failure in file order, with its absolute line feed count before the record.
    /// Call after all workers have finished.
    func failure() -> (lineFeedsBefore: Int, failure: ChunkFailure)? {
        guard let (index, failure) = firstFailure else { return nil }
        let before = lineFeedsByChunk.prefix(index).reduce(0, +)
        return (before + failure.localLine, failure)
    }

    /// An input/output error that stopped the scan, if any.
    var inputError: TableError? { readError }
}

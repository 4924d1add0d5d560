import Dispatch
import Foundation

/// Streams a table through per-thread record sinks.
///
/// The input is read in chunks cut at record boundaries (see ``ChunkFeeder``); each worker
/// thread parses whole chunks into its own sink, so no locking happens per record and the
/// caller merges the sinks afterwards. Memory is bounded by one chunk buffer per worker plus
/// the sinks' own state, whatever the number of rows.
enum TableScan {
    /// Scans `source`, handing the values of `columns` (in that slot order) to the sinks.
    ///
    /// - Returns: one sink per worker thread, each holding what its chunks contributed.
    /// - Throws: ``TableError`` for an unreadable or empty input, an unknown column, or the
    ///   first bad record in file order (with its absolute line number).
    static func run<Sink: RecordSink>(source: TableSource, columns: [String],
                                      makeSink: () -> Sink) throws(TableError) -> [Sink] {
        try run(source: source, columns: Optional(columns)) { _ in makeSink() }.sinks
    }

    /// Scans `source`; with `columns` nil every column is read: the CSV header's names, or the
    /// keys of the first JSON Lines record. `makeSink` receives the resolved column names.
    static func run<Sink: RecordSink>(source: TableSource, columns requested: [String]?,
                                      makeSink: ([String]) throws(TableError) -> Sink) throws(TableError) -> (columns: [String], sinks: [Sink]) {
        let invalid: Set<UInt8> = [0, UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        if source.format == .csv && invalid.contains(source.delimiter) {
            throw TableError(file: source.displayName, line: 0, message: "the delimiter must be one ASCII character other than '\"', CR or LF")
        }
        let reader = try ByteReader(source: source)
        let feeder = ChunkFeeder(reader: reader, boundary: source.format == .csv ? .csv : .lines,
                                 chunkSize: source.chunkSize, workers: source.threads,
                                 roundRobin: !Sink.mergesExactly)
        guard try feeder.prepare() else {
            throw TableError(file: source.displayName, line: 1, message: "the file is empty")
        }
        let workers = source.threads
        var lineBase = 0
        var columns = requested ?? []
        let sinks: WorkerResults<Sink>
        switch source.format {
        case .csv:
            let header = try feeder.takeFirstRecord()
            lineBase = header.lineFeeds
            if requested == nil { columns = try headerNames(header.bytes, source: source) }
            let slotOfField = try mapHeader(header.bytes, columns: columns, source: source)
            let parsers = (0..<workers).map { _ in
                CSVChunkParser(delimiter: source.delimiter, slotOfField: slotOfField, slotCount: columns.count)
            }
            sinks = WorkerResults(try makeSinks(workers, columns, makeSink))
            runWorkers(feeder: feeder, parsers: parsers, sinks: sinks, chunkSize: source.chunkSize)
        case .jsonl:
            if requested == nil { columns = try feeder.firstObjectKeys() }
            let parsers = (0..<workers).map { _ in JSONLinesChunkParser(keys: columns) }
            sinks = WorkerResults(try makeSinks(workers, columns, makeSink))
            runWorkers(feeder: feeder, parsers: parsers, sinks: sinks, chunkSize: source.chunkSize)
        }
        if let error = feeder.inputError { throw error }
        if let (lineFeeds, failure) = feeder.failure() {
            throw TableError(file: source.displayName, line: lineBase + lineFeeds + 1,
                             column: failure.slot.map { columns[$0] } ?? failure.columnName,
                             message: failure.message)
        }
        return (columns, sinks.items)
    }

    private static func makeSinks<Sink>(_ count: Int, _ columns: [String],
                                        _ make: ([String]) throws(TableError) -> Sink) throws(TableError) -> [Sink] {
        var sinks: [Sink] = []
        for _ in 0..<count { sinks.append(try make(columns)) }
        return sinks
    }

    /// The header's names, refusing duplicates (every column is read).
    private static func headerNames(_ record: [UInt8], source: TableSource) throws(TableError) -> [String] {
        let names: [String]
        do {
            names = try CSVHeader.fields(of: record, delimiter: source.delimiter)
        } catch {
            throw TableError(file: source.displayName, line: 1, message: "malformed header: \(error.message)")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw TableError(file: source.displayName, line: 1, column: name, message: "appears more than once in the header")
        }
        return names
    }

    /// Runs one loop per worker: take the next chunk, parse it into this worker's sink.
    ///
    /// Worker 0 runs on the calling thread, the others on threads of their own: chunks may be
    /// dealt round-robin, so every worker must really run concurrently (a thread pool that
    /// ran them one after another would wait forever).
    private static func runWorkers<Parser: ChunkParser, Sink: RecordSink>(
        feeder: ChunkFeeder, parsers: [Parser], sinks: WorkerResults<Sink>, chunkSize: Int
    ) {
        let work: @Sendable (Int) -> Void = { worker in
            var sink = sinks[worker]
            let buffer = ChunkBuffer(capacity: chunkSize)
            while let ticket = feeder.nextChunk(into: buffer, worker: worker) {
                sink.beginChunk(ticket.index)
                let outcome = parsers[worker].parse(buffer.bytes, into: &sink)
                feeder.complete(ticket, outcome)
            }
            sinks[worker] = sink
        }
        let finished = DispatchGroup()
        for worker in 1..<max(1, parsers.count) {
            finished.enter()
            let thread = Thread {
                work(worker)
                finished.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        work(0)
        finished.wait()
    }

    /// Maps header fields to requested slots; -1 for fields nobody asked for.
    private static func mapHeader(_ record: [UInt8], columns: [String], source: TableSource) throws(TableError) -> [Int] {
        let names: [String]
        do {
            names = try CSVHeader.fields(of: record, delimiter: source.delimiter)
        } catch {
            throw TableError(file: source.displayName, line: 1, message: "malformed header: \(error.message)")
        }
        guard names != [""] else {
            throw TableError(file: source.displayName, line: 1, message: "the header line is empty")
        }
        var slotOfField = [Int](repeating: -1, count: names.count)
        for (slot, column) in columns.enumerated() {
            let matches = names.indices.filter { names[$0] == column }
            guard let field = matches.first else {
                let known = names.map { "\"\($0)\"" }.joined(separator: ", ")
                throw TableError(file: source.displayName, line: 1, column: column,
                                 message: "unknown column (the header has \(known))")
            }
            guard matches.count == 1 else {
                throw TableError(file: source.displayName, line: 1, column: column,
                                 message: "appears \(matches.count) times in the header")
            }
            slotOfField[field] = slot
        }
        return slotOfField
    }
}

/// One value per worker, handed in and out of `concurrentPerform` under a lock.
final class WorkerResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value]

    init(_ values: [Value]) { self.values = values }

    subscript(worker: Int) -> Value {
        get { lock.withLock { values[worker] } }
        set { lock.withLock { values[worker] = newValue } }
    }

    /// All values, in worker order.
    var items: [Value] { lock.withLock { values } }
}

/// Splits the CSV header record into names.
enum CSVHeader {
    /// The fields of one CSV record (without its line terminator handling beyond CRLF/LF).
    static func fields(of record: [UInt8], delimiter: UInt8) throws(RecordError) -> [String] {
        var bytes = record[...]
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        var names: [String] = []
        var current: [UInt8] = []
        var quoted = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.endIndex && bytes[index + 1] == UInt8(ascii: "\"") {
                        current.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && current.isEmpty {
                quoted = true
            } else if byte == delimiter {
                names.append(String(decoding: current, as: UTF8.self))
                current = []
            } else {
                current.append(byte)
            }
            index += 1
        }
        if quoted { throw RecordError(slot: nil, message: "quoted name is not closed") }
        names.append(String(decoding: current, as: UTF8.self))
        return names
    }
}

import Foundation

/// The text format of a table.
public enum TableFormat: String, Sendable, Codable, CaseIterable {
    /// Comma- (or otherwise) separated values with a header record, RFC 4180 quoting.
    case csv
    /// JSON Lines: one flat JSON object per line; keys are column names.
    case jsonl

    /// Guesses the format from a file name: `.jsonl`, `.ndjson` and `.json` mean JSON Lines,
    /// anything else CSV.
    public static func guess(fromPath path: String) -> TableFormat {
        let lower = path.lowercased()
        return [".jsonl", ".ndjson", ".json"].contains { lower.hasSuffix($0) } ? .jsonl : .csv
    }
}

/// Where a table comes from and how to read it.
///
/// A source is a file path, standard input, or bytes already in memory (for tests
/// and for the server). Reading streams the input in chunks of ``chunkSize`` bytes
/// on ``threads`` worker threads, so memory does not grow with the number of rows.
public struct TableSource: Sendable {
    /// The origin of the bytes.
    public enum Origin: Sendable {
        /// A file on disk, by path.
        case file(String)
        /// The process's standard input.
        case standardInput
        /// Bytes in memory; `name` is used in error messages.
        case data(Data, name: String)
    }

    /// The origin of the bytes.
    public var origin: Origin
    /// The text format.
    public var format: TableFormat
    /// The CSV field delimiter, one ASCII byte (ignored for JSON Lines). Reading a CSV source
    /// whose delimiter is not ASCII, or is `"`, CR or LF, throws a ``TableError``.
    public var delimiter: UInt8
    /// Bytes read per chunk (default 4 MiB). Records longer than a chunk are handled by
    /// growing that chunk; tests use tiny sizes to make records straddle chunks.
    public var chunkSize: Int
    /// Worker threads that parse chunks (default: active processor count, at most 8).
    public var threads: Int

    /// Creates a source. `delimiter` must be an ASCII character other than `"`, CR or LF.
    public init(origin: Origin, format: TableFormat, delimiter: Character = ",",
                chunkSize: Int = 4 << 20, threads: Int? = nil) {
        self.origin = origin
        self.format = format
        self.delimiter = delimiter.asciiValue ?? 0 // 0 (non-ASCII) is refused when reading
        self.chunkSize = max(1, chunkSize)
        self.threads = max(1, threads ?? min(8, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// A file on disk; the format is guessed from the extension when not given.
    public static func file(_ path: String, format: TableFormat? = nil, delimiter: Character = ",") -> TableSource {
        TableSource(origin: .file(path), format: format ?? TableFormat.guess(fromPath: path), delimiter: delimiter)
    }

    /// Standard input, in the given format.
    public static func standardInput(format: TableFormat = .csv, delimiter: Character = ",") -> TableSource {
        TableSource(origin: .standardInput, format: format, delimiter: delimiter)
    }

    /// Bytes in memory, in the given format; `name` appears in error messages.
    public static func data(_ data: Data, name: String = "<data>", format: TableFormat = .csv,
                            delimiter: Character = ",") -> TableSource {
        TableSource(origin: .data(data, name: name), format: format, delimiter: delimiter)
    }

    /// The name used for this source in error messages.
    public var displayName: String {
        switch origin {
        case .file(let path): return path
        case .standardInput: return "<stdin>"
        case .data(_, let name): return name
        }
    }
}

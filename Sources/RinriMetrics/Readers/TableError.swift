import Foundation

/// An error found while reading a table, located by file, line and column.
///
/// Every problem with the input data — an unknown column, a ragged row, a field
/// that is not a number, a label outside the declared positive/negative values,
/// an empty file — is reported as a `TableError`. Its ``description`` is one line
/// in the usual compiler style, for example
/// `data.csv:17: column "score": "abc" is not a number`.
public struct TableError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file path as given, `<stdin>` for standard input, or the name given to in-memory data.
    public var file: String
    /// The 1-based physical line where the offending record starts; 0 when no line applies
    /// (for example when the file cannot be opened).
    public var line: Int
    /// The column involved, when the problem concerns one column.
    public var column: String?
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error located at `file`, `line` and optionally `column`.
    public init(file: String, line: Int, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// One line: `file:line: column "name": message` (parts that do not apply are left out).
    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        text += ": "
        if let column { text += "column \"\(column)\": " }
        return text + message
    }
}

/// A problem found in one record, before it is located in the file.
///
/// Record consumers throw this; the table scanner adds the file name, the line and
/// the column name and rethrows it as a ``TableError``.
struct RecordError: Error {
    /// The slot (index into the requested columns) the problem concerns, if any.
    var slot: Int?
    var message: String
}

/// Renders a field value for an error message: quoted, control characters escaped, long values cut.
func quotedForMessage(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let limit = 60
    var text = String(decoding: bytes.prefix(limit), as: UTF8.self)
    if bytes.count > limit { text += "…" }
    text = text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n")
        .replacingOccurrences(of: "\r", with: "\\r")
    return "\"\(text)\""
}

import ArgumentParser
import Foundation
import RinriCore
import RinriMetrics

/// Where a table comes from, shared by `assess fairness` and `profile data`.
struct TableOptions: ParsableArguments {
    @ArgumentParser.Option(help: "The table: a CSV or JSON Lines file, or - for standard input.")
    var data: String

    @ArgumentParser.Option(help: "csv or jsonl (default: from the file extension; csv for standard input).")
    var dataFormat: TableFormat?

    @ArgumentParser.Option(help: "The CSV field delimiter: one character, or \\t for a tab (default ,).")
    var delimiter: String = ","

    func validate() throws {
        if data.isEmpty { throw ValidationError("--data needs a file name or -") }
        if delimiterCharacter == nil {
            throw ValidationError("--delimiter must be one ASCII character other than a quote or a line break, or \\t")
        }
        if data != "-", !FileManager.default.fileExists(atPath: data) {
            throw ValidationError("--data: there is no file \(data)")
        }
    }

    var delimiterCharacter: Character? {
        let value = delimiter == "\\t" ? "\t" : delimiter
        guard value.count == 1, let character = value.first, character.isASCII, !"\"\r\n".contains(character) else { return nil }
        return character
    }

    var source: TableSource {
        let character = delimiterCharacter ?? ","
        if data == "-" { return .standardInput(format: dataFormat ?? .csv, delimiter: character) }
        return .file(data, format: dataFormat, delimiter: character)
    }
}

extension TableFormat: ExpressibleByArgument {}
extension FairnessSpec.Method: ExpressibleByArgument {}
extension FairnessSpec.Task: ExpressibleByArgument {}

enum ReportOutput {
    /// Writes to the file, or to standard output when no file is named.
    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw RinriError.invalid(field: "output", code: "unwritable", message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

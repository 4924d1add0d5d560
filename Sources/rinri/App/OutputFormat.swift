import ArgumentParser
import Foundation
import RinriWire

/// `--format text|json` of the listing commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--format json`: the API's own types and coders, so the command line prints what the API answers.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = API.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

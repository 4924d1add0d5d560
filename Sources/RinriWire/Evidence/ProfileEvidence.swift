import Foundation
import RinriCore
import RinriMarkup
import RinriMetrics

/// Data profiles for a data card: `rinri profile data`.
public enum ProfileEvidence: EvidenceKindDefinition {
    public static let kind = EvidenceKind.dataProfile
    public static let defaultTitle = "Data profile"
    public static func accept(_ report: DataProfileReport) throws -> DataProfileReport { report }
    public static func passed(_ report: DataProfileReport) -> Bool? { nil }
    public static func rows(_ report: DataProfileReport) -> Int { report.rows }
    public static func html(_ report: DataProfileReport, title: String, command: String, language: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return "<!doctype html><html lang=\"\(language.attributeEscaped)\"><meta charset=utf-8><title>\(title.markupEscaped)</title>"
            + "<h1>\(title.markupEscaped)</h1><pre>\(json.markupEscaped)</pre></html>"
    }
}

/// What a profile run is asked, as `rinri profile data` takes it from its options.
public struct ProfileInvocation: AnalysisInvocation {
    public typealias Definition = ProfileEvidence
    public static let subcommand = ["profile", "data"]

    /// The long option names of `rinri profile data`, without the leading `--`.
    public enum Option: String, CaseIterable, Sendable {
        case sensitive, label, epsilon
        case positiveLabel = "positive-label"

        public var flag: String { "--" + rawValue }
    }

    public var sensitive: [String]
    public var label: String?
    public var positiveLabel: String?
    /// The privacy budget of differentially private counts.
    public var epsilon: Double?

    public init(sensitive: [String] = [], label: String? = nil, positiveLabel: String? = nil, epsilon: Double? = nil) {
        self.sensitive = sensitive
        self.label = label
        self.positiveLabel = positiveLabel
        self.epsilon = epsilon
    }

    /// The check of what a profile run asks, before any data is read.
    /// - Throws: ``RinriError`` (`out_of_range`) for a budget that is not a positive number.
    public func validate() throws {
        if let epsilon, !(epsilon > 0 && epsilon.isFinite) {
            throw RinriError.invalid(field: Option.epsilon.rawValue, code: "out_of_range", message: "--epsilon must be a positive number")
        }
    }

    public func run(source: TableSource) throws -> DataProfileReport {
        try DataProfile.run(source: source, sensitive: sensitive, label: label, positiveLabel: positiveLabel ?? "1", epsilon: epsilon)
    }

    public var options: [String] {
        var words: [String] = []
        for column in sensitive { words += [Option.sensitive.flag, column] }
        if let label { words += [Option.label.flag, label] }
        if let positiveLabel { words += [Option.positiveLabel.flag, positiveLabel] }
        if let epsilon { words += [Option.epsilon.flag, String(epsilon)] }
        return words
    }
}

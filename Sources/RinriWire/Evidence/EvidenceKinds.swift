import Foundation
import RinriCore
import RinriMetrics

/// One kind of evidence: what its report is and everything Rinri does with one — check a
/// submission, tell whether it passed and how many rows it read, show it as a page.
///
/// Each kind is defined in one file of this folder and listed once in ``EvidenceKinds/all``; the API,
/// the pages, the server's jobs and the command line all go through that list. A kind computed from a
/// table also has an ``AnalysisInvocation``: the parameters the `rinri` subcommand parses from its
/// options and a server job stores, with the one entry point both run.
public protocol EvidenceKindDefinition: Sendable {
    associatedtype Report: Codable & Sendable
    /// The kind stored with the record.
    static var kind: EvidenceKind { get }
    /// The title of a record submitted without one.
    static var defaultTitle: String { get }
    /// The report of a submission, checked (and completed where Rinri computes a part itself).
    /// - Throws: ``RinriError`` `invalid` naming `report`.
    static func accept(_ report: Report) throws -> Report
    /// Whether every check passed; nil for kinds without checks.
    static func passed(_ report: Report) -> Bool?
    /// The rows of data the report was computed from.
    static func rows(_ report: Report) -> Int
    /// A self-contained HTML page of the report.
    static func html(_ report: Report, title: String, command: String, language: String) -> String
    /// The SHA-256 of the input to record: the submitter's claim, unless the kind computes it from the report.
    static func inputSHA256(_ report: Report, claimed: String?) -> String?
    /// Whether Rinri, not the submitter's tool, produced the record's facts, so it carries the server's version.
    static var stampedByServer: Bool { get }
}

extension EvidenceKindDefinition {
    public static func inputSHA256(_ report: Report, claimed: String?) -> String? { claimed }
    public static var stampedByServer: Bool { false }
}

/// A parsed evidence report of any kind, with what the rest of Rinri asks of it.
public struct EvidencePayload: Sendable {
    public let kind: EvidenceKind
    /// The typed report (``EvidenceKindDefinition/Report`` of the kind's definition).
    public let report: any Sendable
    public let passed: Bool?
    public let rows: Int
    /// The input's SHA-256 to record, given what the submitter claimed (``EvidenceKindDefinition/inputSHA256(_:claimed:)``).
    public let inputSHA256: @Sendable (_ claimed: String?) -> String?
    /// Whether the record carries the server's version (``EvidenceKindDefinition/stampedByServer``).
    public let stampedByServer: Bool
    /// The report as stored: JSON with the engine's own keys.
    public let json: Data
    private let render: @Sendable (_ title: String, _ command: String, _ language: String) -> String

    /// The payload of a report a definition made (a server job, say), or read from `json`.
    public init<D: EvidenceKindDefinition>(_ definition: D.Type, report: D.Report, json: Data? = nil) throws {
        kind = D.kind
        self.report = report
        passed = D.passed(report)
        rows = D.rows(report)
        inputSHA256 = { D.inputSHA256(report, claimed: $0) }
        stampedByServer = D.stampedByServer
        if let json {
            self.json = json
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            self.json = try encoder.encode(report)
        }
        render = { title, command, language in D.html(report, title: title, command: command, language: language) }
    }

    /// The report as a self-contained HTML page.
    public func html(title: String, command: String, language: String) -> String { render(title, command, language) }
}

/// The registry of evidence kinds.
public enum EvidenceKinds {
    /// Every kind Rinri keeps, one definition each.
    public static let all: [any EvidenceKindDefinition.Type] = [FairnessEvidence.self, ProfileEvidence.self, DocumentEvidenceKind.self]

    /// The definition of a kind. Every ``EvidenceKind`` has one (a test walks them).
    public static func definition(_ kind: EvidenceKind) -> any EvidenceKindDefinition.Type {
        all.first { $0.kind == kind }!
    }

    /// Parses and checks a report of `kind` from its JSON.
    /// - Throws: ``RinriError`` `invalid` (`invalid_report`) naming `report` when it is not such a report.
    public static func accept(_ kind: EvidenceKind, json: Data) throws -> EvidencePayload {
        try accept(definition(kind), json: json)
    }

    /// Reads a stored report (already accepted when it was stored).
    public static func stored(_ kind: EvidenceKind, json: Data) throws -> EvidencePayload {
        try read(definition(kind), json: json)
    }

    private static func accept<D: EvidenceKindDefinition>(_ definition: D.Type, json: Data) throws -> EvidencePayload {
        try EvidencePayload(D.self, report: try D.accept(try decode(D.self, json: json)))
    }

    /// A stored report keeps the bytes it was stored with.
    private static func read<D: EvidenceKindDefinition>(_ definition: D.Type, json: Data) throws -> EvidencePayload {
        try EvidencePayload(D.self, report: try decode(D.self, json: json), json: json)
    }

    private static func decode<D: EvidenceKindDefinition>(_ definition: D.Type, json: Data) throws -> D.Report {
        do {
            return try JSONDecoder().decode(D.Report.self, from: json)
        } catch {
            let reason = (error as? DecodingError).map { DecodingProblem($0, subject: "the report").message } ?? "\(error)"
            throw RinriError.invalid(field: "report", code: "invalid_report", message: "report is not a \(D.kind.rawValue) as rinri writes it: \(reason)")
        }
    }
}

/// The parameters of an analysis that runs on a table — from the `rinri` command line or as a server
/// job — and the one entry point both call.
public protocol AnalysisInvocation: Codable, Sendable, Equatable {
    associatedtype Definition: EvidenceKindDefinition
    /// The `rinri` subcommand, e.g. `["assess", "fairness"]`.
    static var subcommand: [String] { get }
    /// Runs the analysis.
    func run(source: TableSource) throws -> Definition.Report
    /// The subcommand's options that reproduce this invocation (without `--data`).
    var options: [String] { get }
}

extension AnalysisInvocation {
    /// The command line that repeats the run on `data`, quoted for a POSIX shell.
    public func commandLine(data: String) -> String {
        ShellWords.join(["rinri"] + Self.subcommand + ["--data", data] + options)
    }
}

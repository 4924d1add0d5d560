import Foundation
import RinriCore
import RinriMetrics

/// Fairness reports: `rinri assess fairness` locally, or an upload run as a server job.
public enum FairnessEvidence: EvidenceKindDefinition {
    public static let kind = EvidenceKind.fairnessReport
    public static let defaultTitle = "Fairness assessment"
    public static func accept(_ report: FairnessReport) throws -> FairnessReport { report }
    public static func passed(_ report: FairnessReport) -> Bool? { report.passed }
    public static func rows(_ report: FairnessReport) -> Int { report.rows }
    public static func html(_ report: FairnessReport, title: String, command: String, language: String) -> String {
        report.html(title: title, command: command, language: language)
    }
}

/// What a fairness run is asked: the columns, groups and checks, as `rinri assess fairness` takes
/// them from its options and a server job stores them.
///
/// ``Option`` names every option once: the command line declares its options with these names and
/// ``options`` writes them, so a recorded command and the parser cannot drift (a test parses
/// ``options`` back with the command line's own parser).
public struct FairnessInvocation: AnalysisInvocation {
    public typealias Definition = FairnessEvidence
    public static let subcommand = ["assess", "fairness"]

    /// The long option names of `rinri assess fairness`, without the leading `--`.
    public enum Option: String, CaseIterable, Sendable {
        case label, prediction, score, sensitive, intersect, reference, method, task, check, bootstrap, seed, alpha
        case positiveLabel = "positive-label"
        case negativeLabel = "negative-label"
        case minGroupSize = "min-group-size"

        public var flag: String { "--" + rawValue }
    }

    public var task: FairnessSpec.Task
    public var label: String
    public var prediction: String
    public var score: String?
    public var sensitive: [String]
    /// Column sets whose combinations form groups, e.g. `[["sex", "race"]]`.
    public var intersections: [[String]]
    public var positiveLabel: String?
    public var negativeLabel: String?
    /// The privileged group for AIF360's metrics, as `COLUMN=VALUE`.
    public var reference: String?
    public var method: FairnessSpec.Method
    public var bootstrap: Int?
    public var seed: UInt64?
    public var alpha: Double?
    public var minGroupSize: Int?
    /// Threshold checks such as `demographic_parity_ratio>=0.8`.
    public var checks: [String]

    public init(task: FairnessSpec.Task = .classification, label: String, prediction: String, score: String? = nil,
                sensitive: [String], intersections: [[String]] = [], positiveLabel: String? = nil, negativeLabel: String? = nil,
                reference: String? = nil, method: FairnessSpec.Method = .betweenGroups, bootstrap: Int? = nil, seed: UInt64? = nil,
                alpha: Double? = nil, minGroupSize: Int? = nil, checks: [String] = []) {
        self.task = task
        self.label = label
        self.prediction = prediction
        self.score = score
        self.sensitive = sensitive
        self.intersections = intersections
        self.positiveLabel = positiveLabel
        self.negativeLabel = negativeLabel
        self.reference = reference
        self.method = method
        self.bootstrap = bootstrap
        self.seed = seed
        self.alpha = alpha
        self.minGroupSize = minGroupSize
        self.checks = checks
    }

    /// The one check of what a run asks, before any data is read: the command line, the server's
    /// upload form and a stored job all apply it.
    ///
    /// - Parameter field: the field each problem is reported on (by default the option's name).
    /// - Throws: ``RinriError`` (`invalid`) listing every problem.
    public func validate(field: (Option) -> String = \.rawValue) throws {
        var v = Validator()
        if label.isEmpty { v.add(field(.label), "required", "name the label column") }
        if prediction.isEmpty { v.add(field(.prediction), "required", "name the prediction column") }
        if sensitive.isEmpty { v.add(field(.sensitive), "required", "name at least one sensitive column") }
        for columns in intersections where columns.count < 2 || Set(columns).count != columns.count {
            v.add(field(.intersect), "invalid", "an intersection names two or more different columns, e.g. sex,race")
        }
        if let reference, !reference.contains("=") { v.add(field(.reference), "invalid", "the reference group is COLUMN=VALUE") }
        if let bootstrap, !(1...100_000).contains(bootstrap) {
            v.add(field(.bootstrap), "out_of_range", "bootstrap resamples must be between 1 and 100000")
        }
        if seed != nil && bootstrap == nil { v.add(field(.seed), "invalid", "a seed needs bootstrap resamples") }
        if let alpha, !alpha.isFinite { v.add(field(.alpha), "invalid", "alpha must be a number") }
        if let minGroupSize, minGroupSize < 0 { v.add(field(.minGroupSize), "out_of_range", "the minimum group size must not be negative") }
        for check in checks {
            do { _ = try ThresholdExpression(parsing: check) } catch { v.add(field(.check), "invalid_check", error.description) }
        }
        try v.check()
    }

    /// Column sets written `sex,race` (one set per `--intersect`, or `;`-separated in a form field).
    public static func intersection(parsing text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The engine's spec. - Throws: ``ThresholdParseError`` for a check that does not parse.
    public func spec() throws -> FairnessSpec {
        let referencePair = reference.map { text -> FairnessSpec.Reference in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            return FairnessSpec.Reference(column: parts.first ?? "", value: parts.count > 1 ? parts[1] : "")
        }
        return FairnessSpec(
            task: task, labelColumn: label, predictionColumn: prediction, scoreColumn: score, sensitiveColumns: sensitive,
            intersections: intersections, positiveLabel: positiveLabel ?? "1", negativeLabel: negativeLabel, reference: referencePair,
            method: method, bootstrap: bootstrap.map { FairnessSpec.Bootstrap(resamples: $0, seed: seed ?? 0) },
            minimumGroupSize: minGroupSize ?? 30, alpha: alpha ?? 2,
            checks: try checks.map { try ThresholdExpression(parsing: $0) })
    }

    public func run(source: TableSource) throws -> FairnessReport {
        try FairnessAnalysis.run(source: source, spec: spec())
    }

    public var options: [String] {
        var words: [String] = []
        func add(_ option: Option, _ value: String?) { if let value { words += [option.flag, value] } }
        if task != .classification { add(.task, task.rawValue) }
        add(.label, label)
        add(.prediction, prediction)
        add(.score, score)
        for column in sensitive { add(.sensitive, column) }
        for group in intersections { add(.intersect, group.joined(separator: ",")) }  // read back by intersection(parsing:)
        add(.positiveLabel, positiveLabel)
        add(.negativeLabel, negativeLabel)
        add(.reference, reference)
        if method != .betweenGroups { add(.method, method.rawValue) }
        add(.bootstrap, bootstrap.map(String.init))
        add(.seed, seed.map(String.init))
        add(.alpha, alpha.map { String($0) })
        add(.minGroupSize, minGroupSize.map(String.init))
        for check in checks { add(.check, check) }
        return words
    }
}

import ArgumentParser
import Foundation
import RinriCore
import RinriMetrics
import RinriWire

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Technical assessments that run locally, without a server.", subcommands: [Fairness.self])
}

/// How a report is written.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, markdown, html, junit
}

struct Fairness: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure fairness across sensitive groups from labels and predictions (no model needed).",
        discussion: """
        Exit codes: 0 every check passed (or none was given), 1 a check failed, 2 bad usage or bad data.
        A check is METRIC OP NUMBER, optionally prefixed by a feature: 'demographic_parity_ratio>=0.8',
        'sex:equalized_odds_difference<0.1'. A policy file is a YAML list of such checks, or a mapping with a
        'checks' list.
        """)

    @OptionGroup var table: TableOptions

    // Option names come from FairnessInvocation.Option, which also writes them into recorded commands.
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.label.rawValue), help: "The column with the true outcome.")
    var label: String
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.prediction.rawValue), help: "The column with the model's decision.")
    var prediction: String
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.score.rawValue),
                           help: "The column with the model's score in [0, 1] (adds ROC AUC, Brier score, calibration error).")
    var score: String?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.sensitive.rawValue), help: "A sensitive attribute column; repeat for several.")
    var sensitive: [String] = []
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.intersect.rawValue),
                           help: "Columns whose combinations form groups, e.g. sex,race; repeatable.")
    var intersections: [String] = []
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.positiveLabel.rawValue), help: "The value that counts as positive (default 1).")
    var positiveLabel: String?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.negativeLabel.rawValue),
                           help: "The value that counts as negative (default: derived for 1/0, true/false, yes/no; other values are errors).")
    var negativeLabel: String?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.reference.rawValue), help: "The privileged group for AIF360's metrics, as COLUMN=VALUE.")
    var reference: String?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.method.rawValue), help: "between_groups (default) or to_overall.")
    var method: FairnessSpec.Method = .betweenGroups
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.task.rawValue), help: "classification (default) or regression.")
    var task: FairnessSpec.Task = .classification
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.check.rawValue), help: "A threshold the result must meet; repeatable.")
    var checks: [String] = []
    @ArgumentParser.Option(help: "A YAML file of checks.") var policy: String?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.bootstrap.rawValue),
                           help: "Bootstrap resamples for confidence intervals of every aggregate.")
    var bootstrap: Int?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.seed.rawValue), help: "Seed of the bootstrap (default 0).")
    var seed: UInt64?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.alpha.rawValue), help: "Alpha of the generalized entropy index (default 2).")
    var alpha: Double?
    @ArgumentParser.Option(name: .customLong(FairnessInvocation.Option.minGroupSize.rawValue), help: "Warn about groups with fewer rows (default 30).")
    var minGroupSize: Int?
    @ArgumentParser.Option(help: "json (default), markdown, html or junit.") var format: ReportFormat = .json
    @ArgumentParser.Option(help: "Write the report to this file instead of standard output.") var output: String?
    @OptionGroup var submission: SubmitOptions

    func validate() throws {
        try submission.check()
        // the invocation's own check, as the server applies it to an upload (the policy file is read when the run starts)
        do { try invocation(policyChecks: []).validate { "--" + $0.rawValue } } catch let error as RinriError {
            throw ValidationError(error.issues.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
    }

    /// What this command line asks, as a server job would store it; `--policy` adds its checks.
    func invocation() throws -> FairnessInvocation {
        invocation(policyChecks: try policy.map(PolicyFile.load) ?? [])
    }

    private func invocation(policyChecks: [String]) -> FairnessInvocation {
        FairnessInvocation(
            task: task, label: label, prediction: prediction, score: score, sensitive: sensitive,
            intersections: intersections.map(FairnessInvocation.intersection(parsing:)), positiveLabel: positiveLabel,
            negativeLabel: negativeLabel, reference: reference, method: method, bootstrap: bootstrap, seed: seed, alpha: alpha,
            minGroupSize: minGroupSize, checks: checks + policyChecks)
    }

    func run() throws {
        let report = try invocation().run(source: table.source)
        let command = RecordedCommand.command(CommandLine.arguments.dropFirst())
        let text: Data
        switch format {
        case .json: text = try report.jsonData(prettyPrinted: true) + Data("\n".utf8)
        case .markdown: text = Data(report.markdown(title: "Fairness assessment", command: command).utf8)
        case .html: text = Data(report.html(title: "Fairness assessment", command: command, language: "en").utf8)
        case .junit: text = Data(report.junitXML(suiteName: "rinri.fairness").utf8)
        }
        try ReportOutput.write(text, to: output)
        if submission.submit {
            try submission.send(FairnessEvidence.self, report: report, command: command, data: table.data)
        }
        if !report.passed {
            let failed = report.checks.filter { !$0.passed }.map(\.expression)
            throw CheckFailed(message: "\(failed.count) check(s) failed: \(failed.joined(separator: ", "))")
        }
    }
}

/// Reads a YAML policy: a list of checks, or a mapping with a `checks` list.
enum PolicyFile {
    /// The checks of the file, each one parsed to make sure it is a check.
    /// - Throws: ``RinriError`` naming the file and the line of every problem.
    static func load(_ path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RinriError.invalid(field: "policy", code: "unreadable", message: "cannot read the policy file \(path)")
        }
        let items: [(text: String, line: Int)]
        do { items = try YAMLDocument.stringList(text, key: "checks", field: "policy") } catch let error as RinriError {
            throw RinriError.invalid(field: "policy", code: "invalid_yaml", message: "\(path): \(error.arguments["problems"] ?? error.message)")
        }
        var problems: [String] = []
        for item in items {
            do { _ = try ThresholdExpression(parsing: item.text) } catch {
                problems.append("line \(item.line): \(error.message)")
            }
        }
        guard problems.isEmpty else {
            throw RinriError.invalid(field: "policy", code: "invalid_yaml", message: "\(path): \(problems.joined(separator: "; "))")
        }
        return items.map(\.text)
    }
}

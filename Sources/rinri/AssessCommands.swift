import ArgumentParser
import Foundation
import RinriCore
import RinriMetrics
import RinriWire
import RinriWeb
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Technical assessments that run locally, without a server.", subcommands: [Fairness.self])
}

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
        if sensitive.isEmpty { throw ValidationError("give at least one --sensitive column") }
        if let bootstrap, !(1...100_000).contains(bootstrap) { throw ValidationError("--bootstrap must be between 1 and 100000") }
        if seed != nil && bootstrap == nil { throw ValidationError("--seed needs --bootstrap") }
        if let reference, !reference.contains("=") { throw ValidationError("--reference must be COLUMN=VALUE") }
        if let alpha, !alpha.isFinite { throw ValidationError("--alpha must be a number") }
        if let minGroupSize, minGroupSize < 0 { throw ValidationError("--min-group-size must not be negative") }
    }

    /// What this command line asks, as a server job would store it; `--policy` adds its checks.
    func invocation() throws -> FairnessInvocation {
        FairnessInvocation(
            task: task, label: label, prediction: prediction, score: score, sensitive: sensitive,
            intersections: intersections.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            positiveLabel: positiveLabel, negativeLabel: negativeLabel, reference: reference, method: method, bootstrap: bootstrap,
            seed: seed, alpha: alpha, minGroupSize: minGroupSize, checks: checks + (try policy.map(PolicyFile.load) ?? []))
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

/// `--submit` and where to: stores the result as evidence on an AI system (and check-sheet item).
struct SubmitOptions: ParsableArguments {
    @ArgumentParser.Flag(help: "Store the result on the Rinri server as evidence.") var submit = false
    @ArgumentParser.Option(help: "The Rinri server, e.g. https://rinri.example.com (or RINRI_SERVER).") var server: String?
    @ArgumentParser.Option(help: "An API token (or RINRI_TOKEN, which keeps it out of shell history).") var token: String?
    @ArgumentParser.Option(help: "The AI system the evidence belongs to.") var system: String?
    @ArgumentParser.Option(help: "The assessment the evidence answers.") var assessment: String?
    @ArgumentParser.Option(help: "The check-sheet question the evidence answers (needs --assessment).") var question: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }
    var serverURL: String? { server ?? environment["RINRI_SERVER"] }
    var bearer: String? { token ?? environment["RINRI_TOKEN"] }

    func check() throws {
        guard submit else {
            if system != nil || assessment != nil || question != nil { throw ValidationError("--system, --assessment and --question need --submit") }
            return
        }
        guard let serverURL, let url = URL(string: serverURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--submit needs --server http(s)://… (or RINRI_SERVER)")
        }
        if bearer?.isEmpty ?? true { throw ValidationError("--submit needs --token or RINRI_TOKEN") }
        if system?.isEmpty ?? true { throw ValidationError("--submit needs --system ID") }
        if question != nil && assessment == nil { throw ValidationError("--question needs --assessment") }
    }

    /// Posts the result as the API's evidence submission; the input file's SHA-256 is computed here
    /// (not for standard input).
    func send<D: EvidenceKindDefinition>(_ definition: D.Type, report: D.Report, command: String, data: String) throws {
        let payload = try EvidencePayload(D.self, report: report)
        let submission = API.EvidenceSubmissionDTO(
            kind: D.kind.rawValue, title: D.defaultTitle, command: command, rinriVersion: rinriVersion,
            inputSha256: data == "-" ? nil : try SHA256Hex.ofFile(data), inputRows: payload.rows,
            assessmentId: assessment, questionId: question, report: payload.jsonValue)
        let base = serverURL!.hasSuffix("/") ? String(serverURL!.dropLast()) : serverURL!
        let answer = try HTTPPost.send(url: "\(base)/api/v1/systems/\(system!)/evidence", token: bearer!, body: try API.encoder.encode(submission))
        guard answer.status == 201, let stored = try? API.decoder.decode(API.EvidenceDTO.self, from: answer.body) else {
            let message = (try? API.decoder.decode(API.ErrorDTO.self, from: answer.body))?.error.message ?? ""
            throw RinriError.invalid(field: "submit", code: "submit_failed",
                                     message: "the server refused the evidence (HTTP \(answer.status)): \(message)")
        }
        printError("rinri: stored as evidence \(stored.id) on system \(system!)")
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

/// The command recorded with a result.
enum RecordedCommand {
    /// Options about where to send a result, left out of the recorded command (they hold a token
    /// and do not change the result).
    static let submissionOptions: Set<String> = ["--server", "--token", "--system", "--assessment", "--question"]

    /// The command as recorded with a result: `rinri` and its arguments without the submission options.
    static func command<S: Sequence>(_ arguments: S) -> String where S.Element == String {
        var words = ["rinri"]
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--submit" { continue }
            if submissionOptions.contains(argument) { skipNext = true; continue }
            if submissionOptions.contains(where: { argument.hasPrefix($0 + "=") }) { continue }
            words.append(argument)
        }
        return ShellWords.join(words)
    }
}

struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Profile data for a data card.", subcommands: [ProfileData.self])
}

struct ProfileData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Per-column types, missing and distinct counts, numeric summaries, top categories and group representation.",
        discussion: "With --epsilon the counts are released with differential privacy; the output states the budget split.")

    @OptionGroup var table: TableOptions
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.sensitive.rawValue), help: "A sensitive attribute column; repeatable.")
    var sensitive: [String] = []
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.label.rawValue), help: "A label column, for label balance within each group.")
    var label: String?
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.positiveLabel.rawValue), help: "The label value that counts as positive (default 1).")
    var positiveLabel: String?
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.epsilon.rawValue), help: "Privacy budget for differentially private counts.")
    var epsilon: Double?
    @ArgumentParser.Option(help: "Write the profile to this file instead of standard output.") var output: String?

    func validate() throws {
        if let epsilon, !(epsilon > 0 && epsilon.isFinite) { throw ValidationError("--epsilon must be a positive number") }
    }

    /// What this command line asks, as a server job would store it.
    var invocation: ProfileInvocation {
        ProfileInvocation(sensitive: sensitive, label: label, positiveLabel: positiveLabel, epsilon: epsilon)
    }

    func run() throws {
        let report = try invocation.run(source: table.source)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try ReportOutput.write(try encoder.encode(report) + Data("\n".utf8), to: output)
    }
}

/// A blocking JSON POST for the command line.
enum HTTPPost {
    struct Answer {
        var status: Int
        var body: Data
    }

    static func send(url: String, token: String, body: Data) throws -> Answer {
        guard let target = URL(string: url) else { throw RinriError.malformed("bad server URL \(url)") }
        var request = URLRequest(url: target, timeoutInterval: 120)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = body
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data, (response as? HTTPURLResponse)?.statusCode, error)
            semaphore.signal()
        }.resume()
        semaphore.wait()
        let (data, status, error) = box.get()
        guard let status, error == nil else {
            throw RinriError.invalid(field: "server", code: "unreachable",
                                     message: "cannot reach \(target.host ?? url): \(error?.localizedDescription ?? "no answer")")
        }
        return Answer(status: status, body: data ?? Data())
    }

    private final class ResultBox: @unchecked Sendable {
        private var value: (Data?, Int?, (any Error)?) = (nil, nil, nil)
        private let lock = NSLock()
        func set(_ data: Data?, _ status: Int?, _ error: (any Error)?) { lock.withLock { value = (data, status, error) } }
        func get() -> (Data?, Int?, (any Error)?) { lock.withLock { value } }
    }
}

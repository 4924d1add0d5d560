import ArgumentParser
import Foundation
import RinriCore
import RinriMetrics
import RinriWire
import RinriWeb
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--submit` and where to: stores the result as evidence on an AI system (and check-sheet item).
struct SubmitOptions: ParsableArguments {
    /// The options that say where a result goes. They are left out of the recorded command
    /// (``RecordedCommand``): they hold a token and do not change the result.
    enum Name: String, CaseIterable {
        case submit, server, token, system, assessment, question
        var flag: String { "--" + rawValue }
    }

    @ArgumentParser.Flag(name: .customLong(Name.submit.rawValue), help: "Store the result on the Rinri server as evidence.") var submit = false
    @ArgumentParser.Option(name: .customLong(Name.server.rawValue), help: "The Rinri server, e.g. https://rinri.example.com (or RINRI_SERVER).")
    var server: String?
    @ArgumentParser.Option(name: .customLong(Name.token.rawValue), help: "An API token (or RINRI_TOKEN, which keeps it out of shell history).")
    var token: String?
    @ArgumentParser.Option(name: .customLong(Name.system.rawValue), help: "The AI system the evidence belongs to.") var system: String?
    @ArgumentParser.Option(name: .customLong(Name.assessment.rawValue), help: "The assessment the evidence answers.") var assessment: String?
    @ArgumentParser.Option(name: .customLong(Name.question.rawValue), help: "The check-sheet question the evidence answers (needs --assessment).")
    var question: String?

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
        let submission = API.EvidenceSubmissionDTO(
            kind: D.kind.rawValue, title: D.defaultTitle, command: command, rinriVersion: rinriVersion,
            inputSha256: data == "-" ? nil : try SHA256Hex.ofFile(data), inputRows: D.rows(report),
            assessmentId: assessment, questionId: question, report: try JSONValue(json: JSONEncoder().encode(report)))
        let base = serverURL!.hasSuffix("/") ? String(serverURL!.dropLast()) : serverURL!
        let answer = try HTTPPost.send(url: "\(base)/api/v1/systems/\(system!)/evidence", token: bearer!, body: try API.encoder.encode(submission))
        guard answer.status == 201 else {
            let message = (try? API.decoder.decode(API.ErrorDTO.self, from: answer.body))?.error.message ?? ""
            throw RinriError.invalid(field: "submit", code: "submit_failed",
                                     message: "the server refused the evidence (HTTP \(answer.status)): \(message)")
        }
        let id = (try? API.decoder.decode(API.EvidenceDTO.self, from: answer.body))?.id ?? "(id not read)"
        printError("rinri: stored as evidence \(id) on system \(system!)")
    }
}

/// The command recorded with a result.
enum RecordedCommand {
    /// The options that take a value among those left out (``SubmitOptions/Name``).
    static let submissionOptions = Set(SubmitOptions.Name.allCases.filter { $0 != .submit }.map(\.flag))

    /// The command as recorded with a result: `rinri` and its arguments without the submission options.
    static func command<S: Sequence>(_ arguments: S) -> String where S.Element == String {
        var words = ["rinri"]
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == SubmitOptions.Name.submit.flag { continue }
            if submissionOptions.contains(argument) { skipNext = true; continue }
            if submissionOptions.contains(where: { argument.hasPrefix($0 + "=") }) { continue }
            words.append(argument)
        }
        return ShellWords.join(words)
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

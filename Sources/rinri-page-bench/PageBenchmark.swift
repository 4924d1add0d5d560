import Foundation
import RinriApplication
import RinriCore
import RinriWeb
#if canImport(Glibc)
import Glibc
#endif

// `rinri-page-bench`: Rinri's pages and lists on a large generated organisation (issue 12).
//
//   swift run -c release rinri-page-bench [--database sqlite|sqlite:PATH|postgres://…] [--systems N]
//             [--risks-per-system R] [--audit-events E] [--repeat K] [--concurrency C] [--duration S]
//             [--verify-events V] [--keep DIR]
//
// 1. Configures Rinri as `rinri serve` does (migrations, seeds, the first administrator) on a new SQLite
//    file in a temporary folder (or DIR), or on an empty PostgreSQL database, and loads
//    ``BenchmarkOrganisation`` (N systems, R risks each, at least E audit events); creates a second
//    administrator (also governance office) with a known password, so nobody is asked to change one.
// 2. Starts the server in this process on 127.0.0.1 (a free port), logs in through the API (a bearer
//    token) and through the login form (a session cookie, with the form's CSRF token and cookie).
// 3. Warms every endpoint up, then times K requests one at a time on each page and list endpoint
//    (p50, p99, max, bytes), then C clients at once for S seconds on /health, the single-record API
//    reads and the list endpoints (requests/s).
// 4. Tops the audit log up to V events and times `rinri audit verify` (the binary next to this one)
//    and the library call it makes, in events/s.
// 5. Prints the tables (Markdown) with the targets: every page and list answers 200, p99 < 50 ms one
//    at a time, at most 200 KB; single-record API reads at least half /health's throughput under load;
//    verify >= 200,000 events/s.
//
// An answer other than 200 (a redirect to the login, an error page) fails its line: what was timed
// was not the page. Exit status: 0 when every target is met, 1 otherwise, 2 for a usage or run error
// (the database is not empty, the server cannot start, a request gets no answer, the CLI fails).

/// What `rinri-page-bench` was asked to do.
struct PageOptions: Sendable {
    var database = "sqlite"
    var systems = 10_000
    var risksPerSystem = 2
    var auditEvents = 100_000
    var repeats = 100
    var concurrency = 16
    var duration = 3.0
    var verifyEvents = 1_000_000
    var keep: String?
    var seed: UInt64 = 20_261_212

    static let usage = """
    usage: rinri-page-bench [--database sqlite|sqlite:PATH|postgres://USER:PASS@HOST:PORT/DB] [--systems N]
                             [--risks-per-system R] [--audit-events E] [--repeat K] [--concurrency C] [--duration S]
                             [--verify-events V] [--keep DIR] [--seed SEED]
           defaults: sqlite in a new temporary folder, N 10,000, R 2, E 100,000, K 100, C 16, S 3, V 1,000,000
    """

    static func parse(_ arguments: ArraySlice<String>) throws -> PageOptions {
        var options = PageOptions()
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let next = iterator.next() else { throw BenchError("\(flag) needs a value") }
            return next
        }
        func count(_ flag: String, allowZero: Bool = false) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")),
                  number > 0 || (allowZero && number == 0) else { throw BenchError("\(flag): not a \(allowZero ? "count" : "positive count"): \(text)") }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--database": options.database = try value(argument)
            case "--systems": options.systems = try count(argument)
            case "--risks-per-system": options.risksPerSystem = try count(argument, allowZero: true)
            case "--audit-events": options.auditEvents = try count(argument, allowZero: true)
            case "--repeat": options.repeats = try count(argument)
            case "--concurrency": options.concurrency = try count(argument)
            case "--duration":
                let text = try value(argument)
                guard let seconds = Double(text), seconds > 0, seconds <= 600 else { throw BenchError("--duration: seconds between 0 and 600, not \(text)") }
                options.duration = seconds
            case "--verify-events": options.verifyEvents = try count(argument, allowZero: true)
            case "--keep": options.keep = try value(argument)
            case "--seed":
                let text = try value(argument)
                guard let seed = UInt64(text) else { throw BenchError("--seed: not a number: \(text)") }
                options.seed = seed
            case "-h", "--help": print(usage); exit(0)
            default: throw BenchError("unknown option \(argument)\n" + usage)
            }
        }
        guard options.concurrency <= 256 else { throw BenchError("--concurrency: at most 256") }
        return options
    }
}

/// Writes a progress line to standard error.
func tell(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Seconds since `start` (from `DispatchTime.now().uptimeNanoseconds`).
func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

/// Runs the page benchmark; returns the exit status.
func pages(_ options: PageOptions) async throws -> Int32 {
    let folder = try BenchFolder(keep: options.keep)
    defer { folder.removeUnlessKept() }
    let database = try folder.database(options.database)
    if case .postgres = database { try await BenchServer.checkEmpty(database, data: folder.data) }

    tell("configuring Rinri on \(database) (migrations, seeds, first administrator)")
    let server = try await BenchServer.start(database, data: folder.data)
    var report = PageReport(options: options, database: database)
    do {
        tell("generating the organisation: \(options.systems) systems, \(options.risksPerSystem) risks each, at least \(options.auditEvents) audit events")
        let start = DispatchTime.now().uptimeNanoseconds
        let summary = try await BenchmarkOrganisation.generate(on: server.app.db, systems: options.systems, risksPerSystem: options.risksPerSystem,
                                                               auditEvents: options.auditEvents, seed: options.seed, progress: { tell("  " + $0) })
        report.generation = (seconds(since: start), summary)
        guard let system = summary.sampleSystemID, let assessment = summary.sampleAssessmentID, let risk = summary.sampleRiskID else {
            throw BenchError("the generated organisation has no system with an assessment and a risk to measure record pages on; use more systems and --risks-per-system 1 or more")
        }
        try await server.listen()
        tell("listening on \(server.baseURL)")
        let client = try await BenchClient.signIn(server: server, concurrency: options.concurrency)
        do {
            let endpoints = Endpoint.all(system: system, assessment: assessment, risk: risk)
            tell("warming up \(endpoints.count) endpoints")
            for endpoint in endpoints { for _ in 0..<3 { _ = try await client.fetch(endpoint) } }
            tell("timing \(options.repeats) requests one at a time on each endpoint")
            for endpoint in endpoints {
                report.sequential.append(try await client.sequential(endpoint, repeats: options.repeats))
            }
            let loaded = endpoints.filter(\.throughput)
            tell("timing \(options.concurrency) clients at once for \(options.duration) s on each of \(loaded.count) endpoints")
            for endpoint in loaded {
                report.throughput.append(try await client.throughput(endpoint, clients: options.concurrency, seconds: options.duration))
            }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        await server.stopListening()
        report.verify = try await VerifyTiming.measure(server: server, folder: folder, events: options.verifyEvents)
        try await server.shutdown()
    } catch {
        try? await server.shutdown()
        throw error
    }
    report.print()
    if let keep = options.keep { print("\nthe database and the data folder are kept in \(keep)") }
    if case .postgres = database { print("\nthe PostgreSQL database now holds the benchmark organisation; drop it when done") }
    return report.allPassed ? 0 : 1
}

/// Where the SQLite file and the data folder live: a new temporary folder, removed afterwards, or `--keep DIR`.
struct BenchFolder {
    let root: URL
    let kept: Bool
    var data: String { root.appendingPathComponent("data").path }

    init(keep: String?) throws {
        let manager = FileManager.default
        if let keep {
            root = URL(fileURLWithPath: keep).standardizedFileURL
            kept = true
            var isFolder: ObjCBool = false
            if manager.fileExists(atPath: root.path, isDirectory: &isFolder) {
                guard isFolder.boolValue, (try manager.contentsOfDirectory(atPath: root.path)).isEmpty else {
                    throw BenchError("--keep \(keep): give a new or empty folder")
                }
            }
        } else {
            root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rinri-bench-pages-\(getpid())")
            kept = false
        }
        try manager.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// `sqlite` (a new file here), `sqlite:PATH` (a file that must not exist yet) or a PostgreSQL URL.
    func database(_ text: String) throws -> RinriConfig.Database {
        if text == "sqlite" { return .sqliteFile(root.appendingPathComponent("rinri-bench.sqlite").path) }
        let parsed: RinriConfig.Database
        do { parsed = try RinriConfig.parseDatabase(text) } catch let error as ConfigError {
            throw BenchError("--database: " + error.problems.joined(separator: "; ").replacingOccurrences(of: "RINRI_DATABASE_URL: ", with: ""))
        }
        switch parsed {
        case .sqliteMemory: throw BenchError("--database: the benchmark needs a file or a server (sqlite, sqlite:PATH or postgres://…)")
        case .sqliteFile(let path):
            guard !FileManager.default.fileExists(atPath: path) else { throw BenchError("--database: \(path) exists; give a new file") }
            return parsed
        case .postgres: return parsed
        }
    }

    func removeUnlessKept() {
        guard !kept else { return }
        try? FileManager.default.removeItem(at: root)
    }
}

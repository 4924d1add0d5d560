import Foundation
import RinriApplication
import RinriCore
#if canImport(Glibc)
import Glibc
#endif

/// The time `rinri audit verify` takes on the topped-up log, and the library call it makes, in this process.
struct VerifyTiming: Sendable {
    var events: Int
    /// The command line's run (its start-up included), when the `rinri` binary sits next to this one.
    var cli: (events: Int, seconds: Double)?
    var library: (events: Int, seconds: Double)
    var note: String?

    /// Events/s of the run the target is judged on: the command line's, or the library call's without it.
    var judged: (tool: String, perSecond: Double) {
        if let cli { return ("rinri audit verify", Double(cli.events) / cli.seconds) }
        return ("AuditQueries.verify (no rinri binary)", Double(library.events) / library.seconds)
    }

    /// Tops the log up to `target` events, then times the command line and the library call on it.
    static func measure(server: BenchServer, folder: BenchFolder, events target: Int) async throws -> VerifyTiming? {
        guard target > 0 else { return nil }
        let head = try await AuditQueries(server.app.db).anchor().seq
        if head < target {
            tell("appending \(target - head) synthetic audit events (to \(target))")
            try await BenchmarkOrganisation.appendAuditEvents(target - head, on: server.app.db, progress: { tell("  " + $0) })
        }
        let events = try await AuditQueries(server.app.db).anchor().seq
        tell("verifying the audit log (\(events) events) in this process")
        let start = DispatchTime.now().uptimeNanoseconds
        let checked = try await AuditQueries(server.app.db).verify()
        var timing = VerifyTiming(events: events, cli: nil, library: (checked, seconds(since: start)))
        let binary = URL(fileURLWithPath: selfPath()).deletingLastPathComponent().appendingPathComponent("rinri").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            timing.note = "no rinri binary next to rinri-page-bench (\(binary)); the library call is judged. Build it with `swift build -c release`."
            return timing
        }
        tell("verifying the audit log with \(binary) audit verify")
        let environment = ProcessInfo.processInfo.environment
        var variables = ["RINRI_DATABASE_URL=\(server.databaseURL)", "RINRI_DATA_DIR=\(folder.data)", "RINRI_LOG_LEVEL=warning"]
        for name in ["PATH", "HOME", "LANG", "TMPDIR"] { if let value = environment[name] { variables.append("\(name)=\(value)") } }
        let run = try runChild([binary, "audit", "verify"], environment: variables)
        guard run.status == 0 else { throw BenchError("rinri audit verify failed (exit \(run.status)): \(run.output)") }
        let counted = run.output.range(of: "intact: ").flatMap { Int(run.output[$0.upperBound...].prefix { $0.isNumber }) }
        guard let counted, counted == events else { throw BenchError("rinri audit verify checked \(run.output), expected \(events) events") }
        timing.cli = (counted, run.wall)
        if let built = modified(binary), let own = modified(selfPath()), built < own.addingTimeInterval(-60) {
            timing.note = "the rinri binary is older than rinri-page-bench; build both (`swift build -c release`) so that the CLI measured is this code"
        }
        return timing
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

/// The benchmark's findings and the targets they are judged by.
struct PageReport {
    let options: PageOptions
    let database: RinriConfig.Database
    var generation: (seconds: Double, summary: BenchmarkOrganisation.Summary)?
    var sequential: [SequentialResult] = []
    var throughput: [ThroughputResult] = []
    var verify: VerifyTiming?

    static let p99Target = 50.0
    static let recordShareTarget = 0.5
    static let verifyTarget = 200_000.0

    var health: ThroughputResult? { throughput.first { $0.endpoint.isHealth } }

    func sequentialPasses(_ result: SequentialResult) -> Bool {
        result.failures == 0 && result.percentile(99) < Self.p99Target && result.bytes <= BenchClient.maximumBytes
    }

    /// Whether the endpoint kept its target under load: every answer 200, and for a single-record read at
    /// least half /health's requests/s; nil for an endpoint with no target that answered 200 throughout.
    func throughputPasses(_ result: ThroughputResult) -> Bool? {
        if result.errors > 0 { return false }
        guard result.endpoint.record, let health else { return nil }
        return result.perSecond >= Self.recordShareTarget * health.perSecond
    }

    var verifyPasses: Bool? { verify.map { $0.judged.perSecond >= Self.verifyTarget } }

    var allPassed: Bool {
        sequential.allSatisfy(sequentialPasses) && throughput.allSatisfy { throughputPasses($0) ?? true } && (verifyPasses ?? true)
    }

    func print() {
        let host = ProcessInfo.processInfo
        #if DEBUG
        let build = "debug (targets are for a release build: swift run -c release rinri-page-bench)"
        #else
        let build = "release"
        #endif
        Swift.print("# Rinri page benchmark")
        Swift.print("")
        Swift.print("- machine: \(host.activeProcessorCount) cores (\(cpuModel())), \(host.physicalMemory >> 30) GiB")
        Swift.print("- build: \(build)")
        Swift.print("- database: \(database.kind) (\(database))")
        if let generation {
            Swift.print(String(format: "- generation: %.1f s — ", generation.seconds) + generation.summary.lines.joined(separator: "; "))
        }
        Swift.print("- one at a time: \(options.repeats) requests per endpoint after 3 warm-up requests; p50/p99 nearest rank; bytes: the largest answer")
        Swift.print("- at once: \(options.concurrency) clients for \(options.duration) s per endpoint; pages with a browser session, the API with a bearer token")
        Swift.print("")
        Swift.print("## One request at a time (target: every answer 200, p99 < \(Int(Self.p99Target)) ms, at most \(BenchClient.maximumBytes / 1024) KB)")
        Swift.print("")
        Swift.print("| endpoint | p50 ms | p99 ms | max ms | bytes | result |")
        Swift.print("|---|---:|---:|---:|---:|---|")
        for result in sequential {
            var why: [String] = []
            if result.failures > 0 { why.append("\(result.failures) not 200") }
            if result.bytes > BenchClient.maximumBytes { why.append("too large") }
            Swift.print("| GET \(result.endpoint.path) | \(ms(result.percentile(50))) | \(ms(result.percentile(99))) | \(ms(result.maximum)) | "
                        + "\(grouped(result.bytes)) | \(sequentialPasses(result) ? "PASS" : "FAIL")\(why.isEmpty ? "" : " (" + why.joined(separator: ", ") + ")") |")
        }
        for result in sequential { if let failure = result.firstFailure { Swift.print("\nGET \(result.endpoint.path) answered \(failure)") } }
        Swift.print("")
        Swift.print("## \(options.concurrency) clients at once (target: single-record API reads >= \(Int(Self.recordShareTarget * 100))% of /health)")
        Swift.print("")
        Swift.print("| endpoint | requests | not 200 | req/s | vs /health | result |")
        Swift.print("|---|---:|---:|---:|---:|---|")
        for result in throughput {
            let share = health.map { String(format: "%.0f%%", 100 * result.perSecond / $0.perSecond) } ?? "-"
            let verdict = throughputPasses(result).map { $0 ? "PASS" : "FAIL" } ?? ""
            Swift.print("| GET \(result.endpoint.path) | \(grouped(result.requests)) | \(grouped(result.errors)) | \(String(format: "%.0f", result.perSecond)) | \(share) | \(verdict) |")
        }
        if let verify {
            Swift.print("")
            Swift.print("## Audit verification (target: >= \(grouped(Int(Self.verifyTarget))) events/s on \(grouped(options.verifyEvents)) events)")
            Swift.print("")
            Swift.print("| run | events | seconds | events/s | result |")
            Swift.print("|---|---:|---:|---:|---|")
            if let cli = verify.cli {
                Swift.print("| rinri audit verify (child process, start-up included) | \(grouped(cli.events)) | \(String(format: "%.2f", cli.seconds)) | "
                            + "\(grouped(Int(Double(cli.events) / cli.seconds))) | \(verifyPasses == true ? "PASS" : "FAIL") |")
            }
            let library = verify.library
            Swift.print("| AuditQueries.verify (in this process) | \(grouped(library.events)) | \(String(format: "%.2f", library.seconds)) | "
                        + "\(grouped(Int(Double(library.events) / library.seconds))) | \(verify.cli == nil ? (verifyPasses == true ? "PASS" : "FAIL") : "") |")
            if let note = verify.note { Swift.print("\nnote: \(note)") }
        }
        let failed = sequential.filter { !sequentialPasses($0) }.count + throughput.filter { throughputPasses($0) == false }.count
            + (verifyPasses == false ? 1 : 0)
        Swift.print("")
        Swift.print(failed == 0 ? "All targets met." : "\(failed) target(s) missed.")
    }

    private func ms(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }

    private func grouped(_ value: Int) -> String { formatRows(value) }

    private func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}

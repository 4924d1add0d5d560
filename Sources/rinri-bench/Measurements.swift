import Foundation
import RinriMetrics
#if canImport(Glibc)
import Glibc
#endif

// MARK: - The table

/// Writes `rows` rows of the benchmark table. Deterministic: the same `rows` and `seed` give the
/// same bytes, and a shorter table is a prefix of a longer one.
func generateTable(rows: Int, path: String, seed: UInt64 = 20_240_601) throws {
    guard let file = fopen(path, "w") else { throw BenchError("cannot write \(path)") }
    defer { fclose(file) }
    let sexes: [[UInt8]] = ["F", "M"].map { Array($0.utf8) }
    let races: [[UInt8]] = ["white", "black", "asian", "hispanic", "other"].map { Array($0.utf8) }
    let raceCumulative: [Double] = [0.60, 0.75, 0.87, 0.95, 1.0]
    let ages: [[UInt8]] = ["18-29", "30-44", "45-64", "65+"].map { Array($0.utf8) }
    let ageCumulative: [Double] = [0.25, 0.55, 0.85, 1.0]
    let raceEffect: [Double] = [0.3, -0.4, 0.2, -0.2, 0.0]
    let ageEffect: [Double] = [-0.3, 0.1, 0.25, -0.1]
    var random = SplitMix64(seed: seed)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    buffer.append(contentsOf: Array("sex,race,age_band,label,prediction,score\n".utf8))
    for _ in 0..<rows {
        let sex = random.nextUnit() < 0.48 ? 0 : 1
        let raceDraw = random.nextUnit()
        let race = raceCumulative.firstIndex { raceDraw < $0 } ?? 4
        let ageDraw = random.nextUnit()
        let age = ageCumulative.firstIndex { ageDraw < $0 } ?? 3
        // A latent risk, a noisy score in [0, 1] and a label that follows the risk.
        let noise = (random.nextUnit() + random.nextUnit() + random.nextUnit() - 1.5) * 2
        let logit = -0.4 + (sex == 1 ? 0.15 : -0.1) + raceEffect[race] + ageEffect[age] + noise
        let risk = 1 / (1 + exp(-logit))
        let label = random.nextUnit() < risk ? 1 : 0
        let scoreLogit = logit + (random.nextUnit() - 0.5) * 1.5
        let micro = min(999_999, max(0, Int((1 / (1 + exp(-scoreLogit))) * 1_000_000)))
        let prediction = micro >= 500_000 ? 1 : 0
        buffer.append(contentsOf: sexes[sex]); buffer.append(44)
        buffer.append(contentsOf: races[race]); buffer.append(44)
        buffer.append(contentsOf: ages[age]); buffer.append(44)
        buffer.append(UInt8(48 + label)); buffer.append(44)
        buffer.append(UInt8(48 + prediction)); buffer.append(44)
        buffer.append(48); buffer.append(46) // "0."
        var digits = micro, divisor = 100_000
        while divisor > 0 { buffer.append(UInt8(48 + digits / divisor)); digits %= divisor; divisor /= 10 }
        buffer.append(10)
        if buffer.count >= (1 << 20) - 64 {
            guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw BenchError("write failed: \(path)") }
            buffer.removeAll(keepingCapacity: true)
        }
    }
    guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw BenchError("write failed: \(path)") }
}

// MARK: - Child processes

struct ChildRun {
    var wall: Double
    var cpu: Double
    var maxrssKB: Int
    var output: String
    var status: Int32
}

/// Runs `arguments` (the first is the program, searched in PATH when it has no slash), with
/// standard output captured in a temporary file, and returns its wall and CPU time and peak RSS.
func runChild(_ arguments: [String], environment: [String]? = nil) throws -> ChildRun {
    let capture = NSTemporaryDirectory() + "rinri-bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out"
    defer { unlink(capture) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let envStrings = (environment ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" })
    let envp: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
    defer { envp.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = arguments[0].contains("/")
        ? posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        : posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
    guard spawned == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw BenchError("wait4 failed for \(arguments[0])") }
    }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    let output = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildRun(wall: wall, cpu: cpu, maxrssKB: Int(usage.ru_maxrss), output: output, status: exitStatus)
}

/// The absolute path of this executable.
func selfPath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}

/// The last line of `text` that parses as a JSON object.
func jsonLine(_ text: String) -> [String: Any]? {
    for line in text.split(separator: "\n").reversed() {
        if let data = line.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            return object
        }
    }
    return nil
}

// MARK: - measure-rinri (the child)

/// The analysis `rinri assess fairness` runs for the benchmark table.
func benchmarkSpec() -> FairnessSpec {
    FairnessSpec(labelColumn: "label", predictionColumn: "prediction", scoreColumn: "score",
                 sensitiveColumns: ["sex", "race", "age_band"], intersections: [["sex", "race"]])
}

/// The high-water mark of this process's resident memory, from /proc/self/status (kB).
func ownPeakRSS() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }
    return -1
}

func measureRinri(path: String) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    let source = TableSource.file(path)
    let report = try FairnessAnalysis.run(source: source, spec: benchmarkSpec())
    let json = try report.jsonData(prettyPrinted: true)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let line: [String: Any] = ["tool": "rinri", "rows": report.rows, "seconds": seconds, "json_bytes": json.count,
                               "threads": source.threads, "vmhwm_kb": ownPeakRSS()]
    let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// Prints the pretty-printed JSON report of the benchmark analysis of `path` (for comparing
/// outputs across versions, thread counts and chunk sizes).
func printReport(path: String, threads: Int?, chunkSize: Int?) throws {
    var source = TableSource.file(path)
    if let threads { source.threads = threads }
    if let chunkSize { source.chunkSize = chunkSize }
    let report = try FairnessAnalysis.run(source: source, spec: benchmarkSpec())
    FileHandle.standardOutput.write(try report.jsonData(prettyPrinted: true))
    FileHandle.standardOutput.write(Data("\n".utf8))
}

// rinri-bench: measures the fairness engine against `wc -l`, a numpy reference and fairlearn.
//
//   swift run -c release rinri-bench fairness --rows N [--fairlearn-rows M] [--keep FILE]
//             [--python PATH] [--script PATH] [--repeat R]
//
// 1. Writes a CSV of N rows (sex: 2 values, race: 5, age_band: 4, label, prediction, score;
//    fixed seed, so the same N gives the same bytes) to a temporary file, or to --keep FILE.
// 2. Times `wc -l` on it (best of R, default 3).
// 3. Times Rinri on it, in a child process (`rinri-bench measure-rinri FILE`), best of R: the
//    library call behind `rinri assess fairness --sensitive sex --sensitive race
//    --sensitive age_band --intersect sex,race --score score`, JSON encoding included. Wall time
//    is taken around the child (start-up included), CPU time (user + sys) and the peak resident
//    memory from wait4(); the child also reports its own VmHWM, the high-water mark of its own
//    address space, which is what the table shows (wait4's ru_maxrss can include the parent's
//    high-water mark, since posix_spawn starts the child in the parent's address space).
// 4. Runs `PYTHON scripts/bench-fairness-reference.py numpy FILE` (best of R) and `... fairlearn`
//    once on the first M rows (default min(N, 1,000,000); a second file when M < N, and Rinri
//    is timed on that file too, so the fairlearn ratio compares equal work). The scripts report
//    their own seconds, excluding interpreter start-up and imports.
// 5. Prints a table and checks the targets: >= 100x faster than fairlearn, >= 3x faster than
//    numpy, <= 10x `wc -l`, peak memory <= 64 MB, more than 1.5 cores used.
//
// PYTHON defaults to the cross-check's virtual environment (.build/crosscheck-venv/bin/python,
// made by scripts/fairness-crosscheck.py, which has pandas, numpy and fairlearn) when present,
// else python3. Every file is read right after it was written, so all tools read from the page
// cache. Exit status: 0 when every target is met, 1 otherwise, 2 for a usage or run error.

import Foundation
import RinriMetrics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Command line

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct Options {
    var rows = 0
    var fairlearnRows: Int?
    var keep: String?
    var python: String?
    var script: String?
    var repeats = 3
    var threads: Int?
    var chunkSize: Int?
}

enum Usage {
    static let text = """
    usage: rinri-bench fairness --rows N [--fairlearn-rows M] [--keep FILE] [--python PATH] [--script PATH] [--repeat R]
           rinri-bench measure-rinri FILE     (internal: one timed analysis, prints a JSON line)
           rinri-bench generate --rows N FILE (writes the benchmark table only)
           rinri-bench report [--threads T] [--chunk-size BYTES] FILE
                                              (prints the benchmark analysis's JSON report, to compare outputs)
    """
}

func parseCount(_ text: String) throws -> Int {
    let cleaned = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
    guard let value = Int(cleaned), value > 0 else { throw BenchError("not a positive count: \(text)") }
    return value
}

func parseOptions(_ arguments: ArraySlice<String>) throws -> (Options, [String]) {
    var options = Options()
    var positional: [String] = []
    var iterator = arguments.makeIterator()
    func value(_ flag: String) throws -> String {
        guard let next = iterator.next() else { throw BenchError("\(flag) needs a value") }
        return next
    }
    while let argument = iterator.next() {
        switch argument {
        case "--rows": options.rows = try parseCount(try value(argument))
        case "--fairlearn-rows": options.fairlearnRows = try parseCount(try value(argument))
        case "--keep": options.keep = try value(argument)
        case "--python": options.python = try value(argument)
        case "--script": options.script = try value(argument)
        case "--repeat": options.repeats = try parseCount(try value(argument))
        case "--threads": options.threads = try parseCount(try value(argument))
        case "--chunk-size": options.chunkSize = try parseCount(try value(argument))
        case "-h", "--help": print(Usage.text); exit(0)
        default:
            if argument.hasPrefix("--") { throw BenchError("unknown option \(argument)") }
            positional.append(argument)
        }
    }
    return (options, positional)
}

// MARK: - fairness (the driver)

struct Measurement {
    var tool: String
    var rows: Int
    var seconds: Double
    var peakKB: Int?
    var cores: Double?
    var note: String = ""
}

func best(_ runs: Int, _ body: () throws -> Measurement) throws -> Measurement {
    var result: Measurement?
    var peak = 0
    for _ in 0..<runs {
        let measurement = try body()
        peak = max(peak, measurement.peakKB ?? 0)
        if result == nil || measurement.seconds < result!.seconds { result = measurement }
    }
    result!.peakKB = result!.peakKB == nil ? nil : peak // the largest peak of all runs
    return result!
}

func timeWC(path: String, rows: Int) throws -> Measurement {
    let run = try runChild(["wc", "-l", path])
    guard run.status == 0 else { throw BenchError("wc -l failed") }
    let counted = Int(run.output.split(separator: " ").first ?? "") ?? -1
    guard counted == rows + 1 else { throw BenchError("wc -l counted \(counted) lines, expected \(rows + 1)") }
    return Measurement(tool: "wc -l", rows: rows, seconds: run.wall, peakKB: run.maxrssKB, cores: run.cpu / run.wall)
}

func timeRinri(path: String, rows: Int) throws -> Measurement {
    let run = try runChild([selfPath(), "measure-rinri", path])
    guard run.status == 0, let line = jsonLine(run.output) else {
        throw BenchError("measure-rinri failed (exit \(run.status)): \(run.output)")
    }
    guard (line["rows"] as? Int) == rows else { throw BenchError("Rinri read \(line["rows"] ?? "?") rows, expected \(rows)") }
    let own = line["vmhwm_kb"] as? Int ?? -1
    return Measurement(tool: "rinri", rows: rows, seconds: run.wall, peakKB: own > 0 ? own : run.maxrssKB,
                       cores: run.cpu / run.wall,
                       note: String(format: "in-process %.3f s; wait4 maxrss %.1f MB", line["seconds"] as? Double ?? 0,
                                    Double(run.maxrssKB) / 1024))
}

func timePython(_ python: String, script: String, mode: String, path: String, rows: Int) throws -> Measurement {
    let run = try runChild([python, script, mode, path])
    guard run.status == 0, let line = jsonLine(run.output), let seconds = line["seconds"] as? Double else {
        throw BenchError("\(mode) reference failed (exit \(run.status)); run it by hand: \(python) \(script) \(mode) \(path)")
    }
    guard (line["rows"] as? Int) == rows else { throw BenchError("\(mode) read \(line["rows"] ?? "?") rows, expected \(rows)") }
    return Measurement(tool: mode, rows: rows, seconds: seconds, peakKB: run.maxrssKB,
                       cores: run.cpu / run.wall,
                       note: String(format: "process %.2f s incl. start-up; read_csv %.2f s; BLAS: %@", run.wall,
                                    line["read_seconds"] as? Double ?? 0, (line["blas"] as? String ?? "?") as NSString))
}

func findScript(_ given: String?) throws -> String {
    let manager = FileManager.default
    if let given {
        guard manager.fileExists(atPath: given) else { throw BenchError("no script at \(given)") }
        return given
    }
    let relative = "scripts/bench-fairness-reference.py"
    var candidates = [manager.currentDirectoryPath + "/" + relative]
    let source = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    candidates.append(source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative).path)
    guard let found = candidates.first(where: { manager.fileExists(atPath: $0) }) else {
        throw BenchError("cannot find \(relative); run from the repository root or pass --script PATH")
    }
    return found
}

func defaultPython() -> String {
    let venv = FileManager.default.currentDirectoryPath + "/.build/crosscheck-venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
}

func formatRows(_ rows: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = ","
    formatter.usesGroupingSeparator = true
    return formatter.string(from: NSNumber(value: rows)) ?? String(rows)
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let count = text.count
    guard count < width else { return text }
    let fill = String(repeating: " ", count: width - count)
    return right ? fill + text : text + fill
}

func fairness(_ options: Options) throws -> Int32 {
    guard options.rows > 0 else { throw BenchError("--rows N is required\n" + Usage.text) }
    let rows = options.rows
    let fairlearnRows = min(options.fairlearnRows ?? min(rows, 1_000_000), rows)
    let python = options.python ?? defaultPython()
    let script = try findScript(options.script)
    let temporary = NSTemporaryDirectory() + "rinri-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    let path = options.keep ?? temporary + "/fairness-\(rows).csv"
    let log = { (text: String) in FileHandle.standardError.write(Data((text + "\n").utf8)) }

    log("generating \(formatRows(rows)) rows into \(path)")
    var start = DispatchTime.now().uptimeNanoseconds
    try generateTable(rows: rows, path: path)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    log(String(format: "  %.1f MB in %.1f s", Double(size) / 1e6, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))

    log("timing wc -l (best of \(options.repeats))")
    let wc = try best(options.repeats) { try timeWC(path: path, rows: rows) }
    log("timing Rinri (best of \(options.repeats))")
    let rinri = try best(options.repeats) { try timeRinri(path: path, rows: rows) }
    log("timing the numpy reference with \(python) (best of \(options.repeats))")
    let numpy = try best(options.repeats) { try timePython(python, script: script, mode: "numpy", path: path, rows: rows) }

    var smallPath = path
    var rinriSmall = rinri
    if fairlearnRows < rows {
        smallPath = temporary + "/fairness-\(fairlearnRows).csv"
        log("generating the first \(formatRows(fairlearnRows)) rows for fairlearn")
        try generateTable(rows: fairlearnRows, path: smallPath)
        log("timing Rinri on them (best of \(options.repeats))")
        rinriSmall = try best(options.repeats) { try timeRinri(path: smallPath, rows: fairlearnRows) }
    }
    log("timing fairlearn on \(formatRows(fairlearnRows)) rows (once; this takes a while)")
    start = DispatchTime.now().uptimeNanoseconds
    let fairlearn = try timePython(python, script: script, mode: "fairlearn", path: smallPath, rows: fairlearnRows)
    log(String(format: "  done in %.0f s", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    if smallPath != path { unlink(smallPath) }

    // The table.
    let host = ProcessInfo.processInfo
    print("Rinri fairness benchmark: \(formatRows(rows)) rows, \(String(format: "%.1f", Double(size) / 1e6)) MB CSV, "
          + "3 sensitive columns + sex&race, score column; \(host.activeProcessorCount) cores, "
          + "\(host.physicalMemory >> 30) GiB; best of \(options.repeats) (fairlearn: 1 run); warm page cache")
    print("")
    let header = [pad("tool", 12), pad("rows", 12, right: true), pad("seconds", 10, right: true),
                  pad("vs Rinri", 10, right: true), pad("peak RSS", 10, right: true), pad("cores", 6, right: true)]
    print(header.joined(separator: "  "))
    print(String(repeating: "-", count: 70))
    func row(_ m: Measurement, _ reference: Measurement, label: String? = nil) {
        let ratio = m.seconds / reference.seconds
        let cells = [pad(label ?? m.tool, 12), pad(formatRows(m.rows), 12, right: true),
                     pad(String(format: "%.3f", m.seconds), 10, right: true),
                     pad(String(format: ratio >= 10 ? "%.0fx" : "%.2fx", ratio), 10, right: true),
                     pad(m.peakKB.map { String(format: "%.1f MB", Double($0) / 1024) } ?? "-", 10, right: true),
                     pad(m.cores.map { String(format: "%.2f", $0) } ?? "-", 6, right: true)]
        print(cells.joined(separator: "  "))
    }
    var wcShown = wc
    wcShown.peakKB = nil // wait4 reports at least the parent's high-water mark; wc's own is far below it
    row(wcShown, rinri)
    row(rinri, rinri)
    row(numpy, rinri)
    if fairlearnRows < rows { row(rinriSmall, rinriSmall, label: "rinri") }
    row(fairlearn, rinriSmall)
    print("")
    print("rinri: \(rinri.note)")
    print("numpy: \(numpy.note)")
    print("fairlearn: \(fairlearn.note)")
    print("Python seconds are the scripts' own (reading the CSV to results; no interpreter start-up or imports);")
    print("peak RSS of the Python tools is wait4's ru_maxrss (never below this driver's own high-water mark, since")
    print("posix_spawn starts the child in the driver's address space; Rinri's is the child's own VmHWM).")
    print("")

    let memoryMB = Double(rinri.peakKB ?? 0) / 1024
    let cores = rinri.cores ?? 0
    let checks: [(Bool, String)] = [
        (fairlearn.seconds / rinriSmall.seconds >= 100,
         String(format: ">= 100x faster than fairlearn: %.0fx (on %@ rows)", fairlearn.seconds / rinriSmall.seconds,
                formatRows(fairlearnRows) as NSString)),
        (numpy.seconds / rinri.seconds >= 3, String(format: ">= 3x faster than numpy: %.2fx", numpy.seconds / rinri.seconds)),
        (rinri.seconds / wc.seconds <= 10, String(format: "<= 10x wc -l: %.1fx", rinri.seconds / wc.seconds)),
        (memoryMB <= 64, String(format: "peak memory <= 64 MB: %.1f MB", memoryMB)),
        (cores > 1.5, String(format: "cores used > 1.5: %.2f", cores)),
    ]
    for (passed, text) in checks { print("\(passed ? "✓" : "✗") \(text)") }
    if let keep = options.keep { print("\nthe table is kept at \(keep)") }
    return checks.allSatisfy(\.0) ? 0 : 1
}

// MARK: - main

func benchMain() -> Int32 {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
        FileHandle.standardError.write(Data((Usage.text + "\n").utf8))
        return 2
    }
    do {
        switch arguments[1] {
        case "fairness":
            let (options, positional) = try parseOptions(arguments.dropFirst(2))
            guard positional.isEmpty else { throw BenchError("unexpected argument \(positional[0])") }
            return try fairness(options)
        case "measure-rinri":
            guard arguments.count == 3 else { throw BenchError("measure-rinri FILE") }
            try measureRinri(path: arguments[2])
            return 0
        case "generate":
            let (options, positional) = try parseOptions(arguments.dropFirst(2))
            guard options.rows > 0, positional.count == 1 else { throw BenchError("generate --rows N FILE") }
            try generateTable(rows: options.rows, path: positional[0])
            return 0
        case "report":
            let (options, positional) = try parseOptions(arguments.dropFirst(2))
            guard positional.count == 1 else { throw BenchError("report [--threads T] [--chunk-size BYTES] FILE") }
            try printReport(path: positional[0], threads: options.threads, chunkSize: options.chunkSize)
            return 0
        case "-h", "--help":
            print(Usage.text)
            return 0
        default:
            throw BenchError("unknown command \(arguments[1])\n" + Usage.text)
        }
    } catch {
        FileHandle.standardError.write(Data("rinri-bench: \(error)\n".utf8))
        return 2
    }
}

exit(benchMain())

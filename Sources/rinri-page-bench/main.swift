// rinri-page-bench: Rinri's pages and lists on a large generated organisation (PageBenchmark.swift).
// A target of its own, so the fairness benchmark (rinri-bench) stays a small binary without the server.

import Foundation

/// A usage or run error: one line on standard error, exit status 2.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func pageBenchMain() async -> Int32 {
    do {
        return try await pages(try PageOptions.parse(CommandLine.arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("rinri-page-bench: \(error)\n".utf8))
        return 2
    }
}

exit(await pageBenchMain())

/// The absolute path of this executable.
func selfPath() -> String {
    Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}

/// What a child process printed, how it ended and how long it took.
struct ChildRun {
    var wall: Double
    var output: String
    var status: Int32
}

/// Runs `arguments` (the first is the program's path) with exactly `environment`, capturing its standard output.
func runChild(_ arguments: [String], environment: [String]) throws -> ChildRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    process.environment = Dictionary(environment.compactMap { pair in
        pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) }
    }, uniquingKeysWith: { $1 })
    let output = Pipe()
    process.standardOutput = output
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ChildRun(wall: seconds(since: start), output: String(decoding: data, as: UTF8.self), status: process.terminationStatus)
}

/// `1234567` as `1,234,567`.
func formatRows(_ value: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = ","
    return formatter.string(from: NSNumber(value: value)) ?? String(value)
}

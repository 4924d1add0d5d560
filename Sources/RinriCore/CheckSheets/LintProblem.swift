import Foundation

/// One problem found in a check-sheet or principle file.
public struct LintProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Whether the problem rejects the file.
    public enum Severity: String, Sendable, Equatable, Codable {
        /// The file is rejected.
        case error
        /// Reported, but the file is loaded.
        case warning
    }

    /// The file name as given to the linter.
    public var file: String
    /// 1-based line in the file.
    public var line: Int
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, starting with the path of the element (`sections[1].questions[0].id: …`).
    public var message: String

    public init(file: String, line: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// `file:line: message`, or `file:line: warning: message`.
    public var description: String {
        severity == .error ? "\(file):\(line): \(message)" : "\(file):\(line): warning: \(message)"
    }
}

/// Thrown when files that must load have errors; lists every problem.
public struct CheckSheetLintError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, errors and warnings.
    public var problems: [LintProblem]

    public init(problems: [LintProblem]) {
        self.problems = problems
    }

    public var description: String {
        let errors = problems.filter { $0.severity == .error }
        return "\(errors.count) error(s) in check-sheet files:\n" + problems.map(\.description).joined(separator: "\n")
    }
}

extension Array where Element == LintProblem {
    /// Whether any problem is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// The problems ordered by file and line, keeping the order of problems on one line.
    public var sortedByLocation: [LintProblem] {
        enumerated().sorted { a, b in
            (a.element.file, a.element.line, a.offset) < (b.element.file, b.element.line, b.offset)
        }.map(\.element)
    }
}

/// Collects problems for one file and remembers which element paths are already broken,
/// so that rules checked later do not repeat a structural error.
final class LintCollector {
    let file: String
    private(set) var problems: [LintProblem] = []
    /// Line of each element path seen by the loader.
    var lines: [String: Int] = [:]
    private var brokenPaths: Set<String> = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool { problems.hasErrors }

    /// Records an error at `path`, whose line is `line` (or the nearest known line of the path),
    /// and marks `marking` (by default `path`) as broken.
    func error(_ path: String, _ message: String, line: Int? = nil, marking: String? = nil) {
        add(.error, path, message, line: line)
        brokenPaths.insert(marking ?? path)
    }

    /// Records an error found by a rule over the loaded model; unlike ``error(_:_:line:marking:)``
    /// it marks nothing, so several rules can report on one element.
    func ruleError(_ path: String, _ message: String) {
        add(.error, path, message, line: nil)
    }

    func warning(_ path: String, _ message: String, line: Int? = nil) {
        add(.warning, path, message, line: line)
    }

    /// Whether `path` or one of its ancestors had a structural error.
    func isBroken(_ path: String) -> Bool {
        var current = path
        while true {
            if brokenPaths.contains(current) { return true }
            guard let parent = Self.parent(of: current) else { return false }
            current = parent
        }
    }

    /// The line recorded for `path` or its nearest ancestor.
    func line(of path: String) -> Int {
        var current = path
        while true {
            if let line = lines[current] { return line }
            guard let parent = Self.parent(of: current) else { return 1 }
            current = parent
        }
    }

    private func add(_ severity: LintProblem.Severity, _ path: String, _ message: String, line: Int?) {
        let text = path.isEmpty ? message : "\(path): \(message)"
        problems.append(LintProblem(file: file, line: line ?? self.line(of: path), severity: severity, message: text))
    }

    /// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → `""` → nil.
    static func parent(of path: String) -> String? {
        guard !path.isEmpty else { return nil }
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") { return String(path[..<open]) }
        if let dot = path.lastIndex(of: ".") { return String(path[..<dot]) }
        return ""
    }
}

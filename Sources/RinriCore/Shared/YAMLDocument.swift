import Foundation
import Yams

/// The one way Rinri reads YAML that a person wrote — check-sheet templates, the approval policy,
/// a fairness policy file: Yams' node tree read through ``YAMLNodeReader``, so every problem names
/// its line.
public enum YAMLDocument {
    /// Reads a document with `read`, which reports problems to the reader it is given.
    ///
    /// - Throws: ``RinriError`` `invalid_yaml` on `field`, listing every problem as `line N: …`.
    /// - Returns: the value, and the collector that knows the line of every element read.
    static func read<T>(_ yaml: String, field: String, _ read: (YAMLNodeReader, Node) -> T?) throws -> (value: T, lint: LintCollector) {
        let lint = LintCollector(file: field)
        let reader = YAMLNodeReader(lint: lint)
        let value = reader.compose(yaml).flatMap { read(reader, $0) }
        let errors = lint.problems.filter { $0.severity == .error }.sortedByLocation
        guard let value, errors.isEmpty else {
            throw invalid(field: field, errors.map { "line \($0.line): \($0.message)" })
        }
        return (value, lint)
    }

    /// The error for problems found in a document, one per line of the message.
    static func invalid(field: String, _ problems: [String]) -> RinriError {
        let list = problems.isEmpty ? "the document is empty" : problems.joined(separator: "; ")
        return RinriError(kind: .invalid, code: "invalid_yaml", message: "\(field) has problems: \(list)", field: field,
                          issues: [FieldIssue(field: field, code: "invalid_yaml", message: list)], arguments: ["problems": list])
    }

    /// A list of strings, given as the document itself or under `key` in a mapping, each with its line
    /// (a fairness policy file: a list of checks, or `checks:` and a list).
    /// - Throws: ``RinriError`` `invalid_yaml` naming the lines of every problem.
    public static func stringList(_ yaml: String, key: String, field: String) throws -> [(text: String, line: Int)] {
        try read(yaml, field: field) { reader, root -> [(text: String, line: Int)]? in
            var list = root
            if case .mapping = root {
                guard let entries = reader.mapping(root, "", allowed: [key], required: [key]), let value = entries[key] else { return nil }
                list = value
            }
            return reader.sequence(list, key)?.compactMap { item in
                reader.string(item.node, item.path).map { ($0, item.node.mark?.line ?? 1) }
            }
        }.value
    }
}

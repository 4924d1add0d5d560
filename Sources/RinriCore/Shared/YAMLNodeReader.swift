import Foundation
import Yams

/// Reads Yams nodes into Swift values, reporting type errors, unknown and missing keys with their lines.
///
/// Every value read is recorded in ``LintCollector/lines`` under its element path, which the
/// linter uses to place later problems.
struct YAMLNodeReader {
    let lint: LintCollector

    /// Parses `yaml` into a node tree within ``YAMLLimits``, reporting a parse error (rule 1) or an
    /// exceeded limit as a problem.
    func compose(_ yaml: String) -> Node? {
        do {
            guard let root = try YAMLLimits.compose(yaml) else {
                lint.error("", "the file is empty", line: 1)
                return nil
            }
            return root
        } catch let error as RinriError {
            lint.error("", error.message, line: 1)
            return nil
        } catch let error as YamlError {
            lint.error("", "YAML does not parse: \(Self.summary(of: error))", line: Self.line(of: error))
            return nil
        } catch {
            lint.error("", "YAML does not parse: \(error)", line: 1)
            return nil
        }
    }

    /// The entries of a mapping, after checking unknown, duplicate and missing keys.
    ///
    /// Missing required keys are reported once here and their paths marked broken.
    func mapping(_ node: Node, _ path: String, allowed: [String], required: [String]) -> [String: Node]? {
        record(node, path)
        guard case .mapping(let mapping) = node else {
            lint.error(path, "must be a mapping (\(allowed.prefix(4).joined(separator: ", "))…), not \(Self.kind(of: node))")
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line
            guard case .scalar(let key) = keyNode else {
                lint.error(path, "a key must be a plain word", line: line, marking: "\(path).<key>")
                continue
            }
            let childPath = path.isEmpty ? key.string : "\(path).\(key.string)"
            guard allowed.contains(key.string) else {
                lint.error(childPath, "unknown key '\(key.string)'; allowed here: \(allowed.joined(separator: ", "))", line: line)
                continue
            }
            guard entries[key.string] == nil else {
                lint.error(childPath, "duplicate key '\(key.string)'", line: line)
                continue
            }
            entries[key.string] = value
            lint.lines[childPath] = line
        }
        for key in required where entries[key] == nil {
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            lint.error(path, "missing required key '\(key)'", marking: childPath)
        }
        return entries
    }

    /// A string scalar (quoted, or plain that YAML reads as a string).
    func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, Self.tagName(node) == .str else {
            let hint = node.scalar != nil ? "; quote it" : ""
            lint.error(path, "must be a string, not \(Self.kind(of: node))\(hint)")
            return nil
        }
        return scalar.string
    }

    /// A version: any scalar's text, so that `1.0` is reported as "not MAJOR.MINOR.PATCH" rather than as a number.
    func version(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node else { return string(node, path) }
        return scalar.string
    }

    /// An integer scalar.
    func int(_ node: Node, _ path: String) -> Int? {
        guard Self.tagName(node) == .int, let value = node.int else {
            lint.error(path, "must be an integer, not \(Self.kind(of: node))")
            return nil
        }
        return value
    }

    /// A boolean scalar (`true` / `false`).
    func bool(_ node: Node, _ path: String) -> Bool? {
        guard Self.tagName(node) == .bool, let value = node.bool else {
            lint.error(path, "must be true or false, not \(Self.kind(of: node))")
            return nil
        }
        return value
    }

    /// The items of a sequence with their paths, each item's line recorded.
    func sequence(_ node: Node, _ path: String) -> [(node: Node, path: String)]? {
        guard case .sequence(let sequence) = node else {
            lint.error(path, "must be a list, not \(Self.kind(of: node))")
            return nil
        }
        return sequence.enumerated().map { index, item in
            let itemPath = "\(path)[\(index)]"
            record(item, itemPath)
            return (item, itemPath)
        }
    }

    /// A list of strings; items of the wrong type are reported and kept as `""` so that indices stay aligned.
    func strings(_ node: Node, _ path: String) -> [String]? {
        sequence(node, path)?.map { string($0.node, $0.path) ?? "" }
    }

    /// A string that must be one of an enumeration's raw values (rule 3 and the fixed value sets).
    func enumeration<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = string(node, path) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            lint.error(path, "'\(text)' is not one of \(allowed)")
            return nil
        }
        return value
    }

    /// A bilingual text (§2): keys `en` and `ja`, non-empty, `ja` in Japanese script (rule 5).
    func localizedText(_ node: Node, _ path: String) -> LocalizedText? {
        guard let entries = mapping(node, path, allowed: ["en", "ja"], required: ["en", "ja"]) else { return nil }
        let en = entries["en"].flatMap { string($0, "\(path).en") }
        let ja = entries["ja"].flatMap { string($0, "\(path).ja") }
        if let en, en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            lint.error("\(path).en", "English text is empty")
        }
        if let ja {
            if ja.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                lint.error("\(path).ja", "Japanese text is empty")
            } else if !LocalizedText.containsJapanese(ja) {
                lint.error("\(path).ja", "Japanese text contains no Japanese script")
            }
        }
        guard let en, let ja else { return nil }
        return LocalizedText(en: en, ja: ja)
    }

    /// A condition string, parsed (rule 9: a condition that does not parse).
    func condition(_ node: Node, _ path: String) -> Condition? {
        guard let text = string(node, path) else { return nil }
        do {
            return try Condition(text)
        } catch let error as ConditionSyntaxError {
            lint.error(path, "condition does not parse at column \(error.column): \(error.message)")
        } catch {
            lint.error(path, "condition does not parse: \(error)")
        }
        return nil
    }

    func record(_ node: Node, _ path: String) {
        if lint.lines[path] == nil, let line = node.mark?.line { lint.lines[path] = line }
    }

    /// The resolved tag of a node (quoted scalars are strings; plain ones follow YAML 1.1).
    static func tagName(_ node: Node) -> Tag.Name {
        Resolver.default.resolveTag(of: node)
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch Self.tagName(node) {
            case .str: return "a string"
            case .bool: return "the boolean \(scalar.string)"
            case .int: return "the integer \(scalar.string)"
            case .float: return "the number \(scalar.string)"
            case .null: return "null"
            case .timestamp: return "the date \(scalar.string)"
            default: return "'\(scalar.string)'"
            }
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return 1
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
             let .composer(context, problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return error.description.split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}

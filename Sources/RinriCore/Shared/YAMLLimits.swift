import Foundation
import Yams

/// Bounds on a YAML document people send (templates, policies): its size, how deep it nests and how
/// many nodes it has once aliases are expanded.
///
/// Anchors and aliases stay allowed — the shipped check sheets use them — but a document whose aliases
/// multiply into millions of nodes ("billion laughs") is refused after at most ``maxNodes`` steps, and
/// one nested deeper than the parser should recurse is refused before it is parsed.
public enum YAMLLimits {
    /// The largest document read, in bytes.
    public static let maxBytes = 1_048_576
    /// The deepest nesting of mappings and sequences.
    public static let maxDepth = 64
    /// The most nodes, counting every alias as a copy of what it names.
    public static let maxNodes = 200_000
    /// The nesting the text may suggest before parsing (indentation, leading dashes, open brackets, even
    /// quoted ones): far above any real document, far below what would exhaust the parser's stack.
    static let maxTextualNesting = 256

    /// Checks size and an upper bound of the nesting from the text alone, before any parsing.
    public static func checkText(_ yaml: String) throws {
        let bytes = yaml.utf8.count
        guard bytes <= maxBytes else {
            throw RinriError.invalid(field: "yaml", code: "yaml_too_large",
                                     message: "the YAML is \(bytes) bytes; at most \(maxBytes) are read")
        }
        var flow = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: true) {
            var indent = 0, dashes = 0
            var rest = Substring(line)
            while let first = rest.first, first == " " || first == "\t" { indent += 1; rest = rest.dropFirst() }
            while rest.hasPrefix("- ") || rest == "-" { dashes += 1; rest = rest.dropFirst(2) }
            // Every bracket counts, quoted or not: an upper bound the parser cannot be tricked past.
            var deepest = flow
            for character in rest {
                switch character {
                case "[", "{":
                    flow += 1
                    deepest = max(deepest, flow)
                case "]", "}": flow = max(0, flow - 1)
                default: continue
                }
            }
            if indent + dashes + deepest > maxTextualNesting {
                throw tooDeep()
            }
        }
    }

    /// Checks depth and node count of a composed document, aliases expanded, stopping at the first excess.
    public static func checkTree(_ root: Node) throws {
        var stack: [(Node, Int)] = [(root, 1)]
        var nodes = 0
        while let (node, depth) = stack.popLast() {
            nodes += 1
            guard nodes <= maxNodes else {
                throw RinriError.invalid(field: "yaml", code: "yaml_too_many_nodes",
                                         message: "the YAML expands to more than \(maxNodes) nodes (aliases counted as copies)")
            }
            guard depth <= maxDepth else { throw tooDeep() }
            switch node {
            case .scalar: continue
            case .sequence(let sequence): for child in sequence { stack.append((child, depth + 1)) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            }
        }
    }

    /// Parses a document within the limits; nil for an empty one.
    public static func compose(_ yaml: String) throws -> Node? {
        try checkText(yaml)
        guard let root = try Yams.compose(yaml: yaml) else { return nil }
        try checkTree(root)
        return root
    }

    private static func tooDeep() -> RinriError {
        RinriError.invalid(field: "yaml", code: "yaml_too_deep", message: "the YAML nests deeper than \(maxDepth) levels")
    }
}

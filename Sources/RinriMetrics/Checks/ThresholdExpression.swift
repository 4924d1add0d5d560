/// A threshold on a metric, such as `demographic_parity_ratio>=0.8`.
///
/// Grammar: `[feature:]metric op number`, spaces allowed around the parts, where `op` is one
/// of `<`, `<=`, `>`, `>=`, `==`, `!=`. The optional feature qualifier (`sex:` or
/// `sex&race:`) limits the check to that feature; `overall:` names the population-level
/// indices. Without a qualifier the check applies to the population indices if the metric is
/// one of them, else to every feature that reports the metric. `==` and `!=` compare exactly.
public struct ThresholdExpression: Sendable, Hashable, CustomStringConvertible {
    /// A comparison operator.
    public enum Comparison: String, Sendable, CaseIterable {
        case lessThan = "<"
        case lessThanOrEqual = "<="
        case greaterThan = ">"
        case greaterThanOrEqual = ">="
        case equal = "=="
        case notEqual = "!="

        /// Whether `value op threshold` holds.
        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .lessThan: return value < threshold
            case .lessThanOrEqual: return value <= threshold
            case .greaterThan: return value > threshold
            case .greaterThanOrEqual: return value >= threshold
            case .equal: return value == threshold
            case .notEqual: return value != threshold
            }
        }
    }

    /// The feature qualifier, if any (`overall` for the population indices).
    public var feature: String?
    /// The metric name, for example `equalized_odds_difference`.
    public var metric: String
    /// The comparison operator.
    public var comparison: Comparison
    /// The number compared with.
    public var threshold: Double

    /// Creates an expression from its parts.
    public init(feature: String? = nil, metric: String, comparison: Comparison, threshold: Double) {
        self.feature = feature
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
    }

    /// Parses `[feature:]metric op number`.
    ///
    /// - Throws: ``ThresholdParseError`` naming what is missing or malformed.
    public init(parsing text: String) throws(ThresholdParseError) {
        let trimmed = text.trimmingWhitespace()
        let operators = ["<=", ">=", "==", "!=", "<", ">"]
        guard let (range, symbol) = operators.lazy.compactMap({ symbol in
            trimmed.range(of: symbol).map { ($0, symbol) }
        }).min(by: { $0.0.lowerBound < $1.0.lowerBound }) else {
            throw ThresholdParseError(expression: text, message: "no comparison operator (< <= > >= == !=)")
        }
        let left = String(trimmed[..<range.lowerBound]).trimmingWhitespace()
        let right = String(trimmed[range.upperBound...]).trimmingWhitespace()
        guard let threshold = Double(right), threshold.isFinite else {
            throw ThresholdParseError(expression: text, message: "\"\(right)\" is not a number")
        }
        var name = left
        var feature: String?
        if let colon = left.lastIndex(of: ":") {
            feature = String(left[..<colon]).trimmingWhitespace()
            name = String(left[left.index(after: colon)...]).trimmingWhitespace()
            guard !(feature ?? "").isEmpty else { throw ThresholdParseError(expression: text, message: "empty feature before ':'") }
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ThresholdParseError(expression: text, message: "\"\(name)\" is not a metric name")
        }
        self.init(feature: feature, metric: name, comparison: Comparison(rawValue: symbol)!, threshold: threshold)
    }

    /// The canonical text, e.g. `sex:demographic_parity_ratio>=0.8`.
    public var description: String {
        (feature.map { $0 + ":" } ?? "") + metric + comparison.rawValue + Self.format(threshold)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// An expression that cannot be parsed.
public struct ThresholdParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The text that failed to parse.
    public var expression: String
    /// What is wrong with it.
    public var message: String
    /// One line: `invalid check "…": message`.
    public var description: String { "invalid check \"\(expression)\": \(message)" }
}

/// A list of threshold expressions read from text.
///
/// One expression per line; blank lines and lines starting with `#` are ignored, and a
/// leading `- ` (a YAML list item) is accepted, so a plain YAML list of strings also parses.
/// Surrounding quotes on an item are removed.
public struct ThresholdPolicy: Sendable, Equatable {
    /// The expressions, in file order.
    public var expressions: [ThresholdExpression]

    /// A policy of the given expressions.
    public init(expressions: [ThresholdExpression]) { self.expressions = expressions }

    /// Parses the policy text.
    ///
    /// - Throws: ``ThresholdParseError`` for the first bad line (its message names the line).
    public init(parsing text: String) throws(ThresholdParseError) {
        var expressions: [ThresholdExpression] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(rawLine).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("- ") || line == "-" { line = String(line.dropFirst()).trimmingWhitespace() }
            if line.count >= 2, let first = line.first, first == line.last, first == "\"" || first == "'" {
                line = String(line.dropFirst().dropLast())
            }
            do {
                expressions.append(try ThresholdExpression(parsing: line))
            } catch {
                throw ThresholdParseError(expression: error.expression, message: "line \(number + 1): \(error.message)")
            }
        }
        self.expressions = expressions
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}

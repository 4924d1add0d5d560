import Foundation

/// A value seen by the condition language (§10.3): null, boolean, number, string or a list of scalars.
public enum ConditionValue: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([ConditionValue])

    /// Equality of §10.3: same type and value; numbers numerically, lists element by element.
    public func conditionEquals(_ other: ConditionValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.list(a), .list(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.conditionEquals($1) }
        default: return false
        }
    }

    /// The type's name, for messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        }
    }

    /// The value as written in a condition (`'yes'`, `24`, `['a', 'b']`).
    public var literalText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value):
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return "'\(escaped)'"
        case .list(let items): return "[" + items.map(\.literalText).joined(separator: ", ") + "]"
        }
    }
}

/// An attribute of the AI system a condition can read (`system.<name>`).
public enum SystemAttribute: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case usesBiometricData = "uses_biometric_data"
    case usesGenerativeAI = "uses_generative_ai"
    case usesAutonomousAgents = "uses_autonomous_agents"
    case jurisdictions
    case lifecyclePhase = "lifecycle_phase"
    case riskTier = "risk_tier"
    /// The country of the organisation unit that owns the system: the developing or providing entity.
    case orgUnitCountry = "org_unit_country"
}

/// A path a condition reads (§10.2).
public enum ConditionPath: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// `system.<attribute>`.
    case system(SystemAttribute)
    /// `answers.<question_id>`.
    case answers(String)
    /// The bare `answer`: the value of the question that owns the risk.
    case answer

    public var description: String {
        switch self {
        case .system(let attribute): return "system.\(attribute.rawValue)"
        case .answers(let id): return "answers.\(id)"
        case .answer: return "answer"
        }
    }
}

/// A comparison operator.
public enum ComparisonOperator: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case isIn = "in"

    /// `<`, `<=`, `>` or `>=`.
    public var isOrdering: Bool { ![.equal, .notEqual, .isIn].contains(self) }
}

/// The syntax tree of a condition.
public indirect enum ConditionExpression: Sendable, Equatable, Hashable {
    /// A literal: null, boolean, number, string or list of literals.
    case literal(ConditionValue)
    case path(ConditionPath)
    case not(ConditionExpression)
    case and(ConditionExpression, ConditionExpression)
    case or(ConditionExpression, ConditionExpression)
    case comparison(ComparisonOperator, ConditionExpression, ConditionExpression)

    /// The paths used, in order of first appearance.
    public var paths: [ConditionPath] {
        var seen: [ConditionPath] = []
        collectPaths(into: &seen)
        return seen
    }

    private func collectPaths(into seen: inout [ConditionPath]) {
        switch self {
        case .literal: return
        case .path(let path): if !seen.contains(path) { seen.append(path) }
        case .not(let inner): inner.collectPaths(into: &seen)
        case let .and(lhs, rhs), let .or(lhs, rhs), let .comparison(_, lhs, rhs):
            lhs.collectPaths(into: &seen)
            rhs.collectPaths(into: &seen)
        }
    }
}

/// A parsed condition that keeps its source text (§10).
///
/// Encodes as its source string; decoding parses it again.
public struct Condition: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The text as written in the template.
    public let source: String
    /// The parsed form.
    public let expression: ConditionExpression

    /// Parses `source`.
    ///
    /// - Throws: ``ConditionSyntaxError`` with the 1-based column of the problem.
    public init(_ source: String) throws {
        self.source = source
        self.expression = try ConditionParser.parse(source)
    }

    /// The condition that always holds.
    public static let always: Condition = try! Condition("true")

    /// The paths the condition reads, in order of first appearance (for scope checks).
    public var paths: [ConditionPath] { expression.paths }

    public var description: String { source }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch let error as ConditionSyntaxError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }
}

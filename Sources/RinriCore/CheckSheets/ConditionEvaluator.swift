import Foundation

/// The risk tier of an AI system, as `system.risk_tier` sees it.
public enum RiskTier: String, Codable, Sendable, CaseIterable {
    case unclassified, minimal, limited, high, prohibited
}

/// The attributes of an AI system that conditions can read (`system.*`).
public struct SystemAttributes: Sendable, Equatable, Codable {
    /// `system.uses_biometric_data`.
    public var usesBiometricData: Bool
    /// `system.uses_generative_ai`.
    public var usesGenerativeAI: Bool
    /// `system.uses_autonomous_agents`.
    public var usesAutonomousAgents: Bool
    /// ISO 3166-1 alpha-2 codes in upper case and `EU`.
    public var jurisdictions: [String]
    /// `system.lifecycle_phase`: the phase of the inventory record.
    public var lifecyclePhase: LifecyclePhase
    /// `system.risk_tier`.
    public var riskTier: RiskTier
    /// `system.org_unit_country`: ISO 3166-1 alpha-2 of the owning organisation unit, nil when unknown.
    public var orgUnitCountry: String?

    public init(usesBiometricData: Bool = false, usesGenerativeAI: Bool = false, usesAutonomousAgents: Bool = false,
                jurisdictions: [String] = [], lifecyclePhase: LifecyclePhase = .planning,
                riskTier: RiskTier = .unclassified, orgUnitCountry: String? = nil) {
        self.usesBiometricData = usesBiometricData
        self.usesGenerativeAI = usesGenerativeAI
        self.usesAutonomousAgents = usesAutonomousAgents
        self.jurisdictions = jurisdictions
        self.lifecyclePhase = lifecyclePhase
        self.riskTier = riskTier
        self.orgUnitCountry = orgUnitCountry
    }

    /// The attributes of an inventory record, with the risk tier decided elsewhere and the owning unit's country.
    public init(_ system: AISystemInput, riskTier: RiskTier = .unclassified, orgUnitCountry: String? = nil) {
        self.init(usesBiometricData: system.usesBiometricData, usesGenerativeAI: system.usesGenerativeAI,
                  usesAutonomousAgents: system.usesAutonomousAgents, jurisdictions: system.jurisdictions,
                  lifecyclePhase: system.lifecyclePhase, riskTier: riskTier, orgUnitCountry: orgUnitCountry)
    }

    /// The value of `system.<attribute>`.
    public func value(_ attribute: SystemAttribute) -> ConditionValue {
        switch attribute {
        case .usesBiometricData: return .bool(usesBiometricData)
        case .usesGenerativeAI: return .bool(usesGenerativeAI)
        case .usesAutonomousAgents: return .bool(usesAutonomousAgents)
        case .jurisdictions: return .list(jurisdictions.map(ConditionValue.string))
        case .lifecyclePhase: return .string(lifecyclePhase.rawValue)
        case .riskTier: return .string(riskTier.rawValue)
        case .orgUnitCountry: return orgUnitCountry.map(ConditionValue.string) ?? .null
        }
    }
}

/// What a condition is evaluated against: the system, the answers so far and, in `risks[].when`, the bare `answer`.
public struct EvaluationContext: Sendable, Equatable {
    /// The `system.*` values.
    public var system: SystemAttributes
    /// Answers by question id; a missing id reads as `null`.
    public var answers: [String: AnswerValue]
    /// The value of the question that owns the risk being evaluated.
    public var answer: AnswerValue?

    public init(system: SystemAttributes, answers: [String: AnswerValue] = [:], answer: AnswerValue? = nil) {
        self.system = system
        self.answers = answers
        self.answer = answer
    }

    /// The value of `path`; unanswered questions are `null`.
    public func value(of path: ConditionPath) -> ConditionValue {
        switch path {
        case .system(let attribute): return system.value(attribute)
        case .answers(let id): return answers[id]?.conditionValue ?? .null
        case .answer: return answer?.conditionValue ?? .null
        }
    }
}

extension Condition {
    /// Whether the condition is true in `context` (null and type errors count as false, §10.3).
    public func holds(in context: EvaluationContext) -> Bool {
        ConditionEvaluator.holds(expression, in: context)
    }
}

/// Evaluates condition syntax trees with the semantics of §10.3.
public enum ConditionEvaluator {
    /// The value of `expression`; comparisons and logical operators give booleans.
    public static func evaluate(_ expression: ConditionExpression, in context: EvaluationContext) -> ConditionValue {
        switch expression {
        case .literal(let value): return value
        case .path(let path): return context.value(of: path)
        case .not(let inner): return .bool(!holds(inner, in: context))
        case let .and(lhs, rhs): return .bool(holds(lhs, in: context) && holds(rhs, in: context))
        case let .or(lhs, rhs): return .bool(holds(lhs, in: context) || holds(rhs, in: context))
        case let .comparison(op, lhs, rhs):
            return .bool(compare(op, evaluate(lhs, in: context), evaluate(rhs, in: context)))
        }
    }

    /// `expression` where a boolean is needed: `true` only for the boolean true; null and other types are false.
    public static func holds(_ expression: ConditionExpression, in context: EvaluationContext) -> Bool {
        evaluate(expression, in: context) == .bool(true)
    }

    /// Applies one comparison operator to two values.
    public static func compare(_ op: ComparisonOperator, _ lhs: ConditionValue, _ rhs: ConditionValue) -> Bool {
        switch op {
        case .equal: return lhs.conditionEquals(rhs)
        case .notEqual: return !lhs.conditionEquals(rhs)
        case .isIn:
            guard case .list(let items) = rhs else { return false }
            return items.contains { $0.conditionEquals(lhs) }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = ordering(lhs, rhs) else { return false }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    /// -1, 0 or 1 for two numbers or two strings (by Unicode code points); `nil` for any other pair.
    static func ordering(_ lhs: ConditionValue, _ rhs: ConditionValue) -> Int? {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case let (.string(a), .string(b)):
            let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        default:
            return nil
        }
    }
}

import Foundation

/// What a condition at one place of a template may refer to (§10.4).
struct ConditionScope {
    /// Describes the place in messages, e.g. "a section's applies_when".
    var place: String
    /// Whether `answers.*` paths are allowed at all (not in the template's `applies_when`).
    var allowsAnswers: Bool
    /// Ids of the questions this condition may read.
    var visible: Set<String>
    /// The question owning a risk, which `answer` refers to; `nil` where `answer` is not allowed.
    var owner: Question?
    /// The question whose condition this is (its own `applies_when` or risk), named in messages.
    var current: String? = nil
}

/// Static checks of one condition: scope (rule 9) and types and literal values (rule 10, §10.3).
struct ConditionChecker {
    /// The static type of an expression; `unknown` where a path could not be resolved.
    enum StaticType: String {
        case null, boolean, number, string, list, unknown
    }

    let questions: [String: Question]
    let scope: ConditionScope
    let report: (String) -> Void

    /// Checks `condition`, calling `report` once per problem.
    func check(_ condition: Condition) {
        for path in condition.paths { checkScope(path) }
        let type = check(condition.expression)
        requireBoolean(type, what: condition.source)
    }

    // MARK: Scope (rule 9)

    private func checkScope(_ path: ConditionPath) {
        switch path {
        case .system:
            return
        case .answer:
            if scope.owner == nil { report("'answer' is allowed only in risks[].when; use answers.<question_id>") }
        case .answers(let id):
            if !scope.allowsAnswers {
                report("\(path) is not allowed in \(scope.place): only system.* paths are (there are no earlier answers)")
            } else if questions[id] == nil {
                report("\(path) refers to an unknown question '\(id)'")
            } else if !scope.visible.contains(id) {
                let which = id == scope.current
                    ? "itself" + (scope.owner == nil ? "" : "; use 'answer'")
                    : "which is not earlier in the document"
                report("\(path) in \(scope.place) refers to question '\(id)' \(which)")
            }
        }
    }

    // MARK: Types and values (rule 10)

    @discardableResult
    private func check(_ expression: ConditionExpression) -> StaticType {
        switch expression {
        case .literal(let value): return Self.type(of: value)
        case .path(let path): return type(of: path)
        case .not(let inner):
            requireBoolean(check(inner), what: "the operand of 'not'")
            return .boolean
        case let .and(lhs, rhs), let .or(lhs, rhs):
            requireBoolean(check(lhs), what: "an operand of 'and'/'or'")
            requireBoolean(check(rhs), what: "an operand of 'and'/'or'")
            return .boolean
        case let .comparison(op, lhs, rhs):
            let left = check(lhs), right = check(rhs)
            checkComparison(op, lhs, left, rhs, right)
            return .boolean
        }
    }

    private func requireBoolean(_ type: StaticType, what: String) {
        guard ![.boolean, .null, .unknown].contains(type) else { return }
        report("\(what) is a \(type.rawValue) where a boolean is needed; compare it, e.g. answers.q == 'yes'")
    }

    private func checkComparison(_ op: ComparisonOperator, _ lhs: ConditionExpression, _ left: StaticType,
                                 _ rhs: ConditionExpression, _ right: StaticType) {
        switch op {
        case .isIn:
            checkIn(lhs, rhs, right)
        case .equal, .notEqual:
            checkMismatch(op, lhs, left, rhs, right)
            checkLiteralValues(lhs, against: rhs)
            checkLiteralValues(rhs, against: lhs)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            for side in [lhs, rhs] {
                if case .path(let path) = side, let question = question(for: path),
                   question.answer != .number, question.answer != .date {
                    report("'\(op.rawValue)' needs a number or date question, but \(path) is \(question.answer.rawValue)")
                }
            }
            checkMismatch(op, lhs, left, rhs, right)
        }
    }

    private func checkIn(_ lhs: ConditionExpression, _ rhs: ConditionExpression, _ right: StaticType) {
        if case .path(let path) = rhs, let question = question(for: path), question.answer != .multipleChoice {
            report("'in' needs a multiple_choice question on the right, but \(path) is \(question.answer.rawValue)")
            return
        }
        if ![.list, .null, .unknown].contains(right) {
            report("the right side of 'in' is a \(right.rawValue), but it must be a list")
            return
        }
        checkLiteralValues(lhs, against: rhs)
        if case .literal(.list) = rhs { checkLiteralValues(rhs, against: lhs) }
    }

    /// Values of different known types are never equal (or ordered): almost always a mistake.
    private func checkMismatch(_ op: ComparisonOperator, _ lhs: ConditionExpression, _ left: StaticType,
                               _ rhs: ConditionExpression, _ right: StaticType) {
        let ignored: [StaticType] = [.null, .unknown]
        guard !ignored.contains(left), !ignored.contains(right), left != right else { return }
        report("'\(op.rawValue)' compares a \(left.rawValue) with a \(right.rawValue), which is never true")
    }

    /// The string literals of `literalSide` must be values of the path on `pathSide`.
    private func checkLiteralValues(_ literalSide: ConditionExpression, against pathSide: ConditionExpression) {
        guard case .literal(let value) = literalSide, case .path(let path) = pathSide,
              let allowed = allowedValues(of: path) else { return }
        let strings: [String]
        switch value {
        case .string(let text): strings = [text]
        case .list(let items): strings = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: return
        }
        for text in strings where !allowed.contains(text) {
            report("'\(text)' is not a value of \(path) (\(allowed.joined(separator: ", ")))")
        }
    }

    // MARK: Paths

    private func question(for path: ConditionPath) -> Question? {
        switch path {
        case .answers(let id): return questions[id]
        case .answer: return scope.owner
        case .system: return nil
        }
    }

    private func allowedValues(of path: ConditionPath) -> [String]? {
        switch path {
        case .system(.riskTier): return RiskTier.allCases.map(\.rawValue)
        case .system(.lifecyclePhase): return LifecyclePhase.allCases.map(\.rawValue)
        case .system: return nil
        case .answers, .answer: return question(for: path)?.allowedValues
        }
    }

    private func type(of path: ConditionPath) -> StaticType {
        switch path {
        case .system(let attribute):
            switch attribute {
            case .usesBiometricData, .usesGenerativeAI, .usesAutonomousAgents: return .boolean
            case .jurisdictions: return .list
            case .lifecyclePhase, .riskTier, .orgUnitCountry: return .string
            }
        case .answers, .answer:
            guard let question = question(for: path) else { return .unknown }
            switch question.answer {
            case .yesNoNA, .singleChoice, .text, .date: return .string
            case .multipleChoice: return .list
            case .number: return .number
            }
        }
    }

    private static func type(of value: ConditionValue) -> StaticType {
        switch value {
        case .null: return .null
        case .bool: return .boolean
        case .number: return .number
        case .string: return .string
        case .list: return .list
        }
    }
}

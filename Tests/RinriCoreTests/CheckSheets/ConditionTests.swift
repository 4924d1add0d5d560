import Foundation
import RinriCore
import Testing

@Suite("Condition language")
struct ConditionTests {
    let system = SystemAttributes(usesBiometricData: true, usesGenerativeAI: false, jurisdictions: ["EU", "JP"],
                                  lifecyclePhase: .development, riskTier: .high)

    func holds(_ source: String, _ answers: [String: AnswerValue] = [:], answer: AnswerValue? = nil) throws -> Bool {
        try Condition(source).holds(in: EvaluationContext(system: system, answers: answers, answer: answer))
    }

    func syntaxError(_ source: String) -> ConditionSyntaxError? {
        do {
            _ = try Condition(source)
            return nil
        } catch let error as ConditionSyntaxError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: Parsing

    @Test func notBindsLooserThanComparisonAndTighterThanAnd() throws {
        // given / when
        let parsed = try ConditionParser.parse("not answers.a == 'yes' and answers.b == 'no'")
        // then
        let a = ConditionExpression.comparison(.equal, .path(.answers("a")), .literal(.string("yes")))
        let b = ConditionExpression.comparison(.equal, .path(.answers("b")), .literal(.string("no")))
        #expect(parsed == .and(.not(a), b))
    }

    @Test func andBindsTighterThanOrAndParenthesesOverride() throws {
        // given
        let x = ConditionExpression.path(.system(.usesBiometricData))
        let y = ConditionExpression.path(.system(.usesGenerativeAI))
        let z = ConditionExpression.path(.system(.usesAutonomousAgents))
        // when
        let plain = try ConditionParser.parse("system.uses_biometric_data or system.uses_generative_ai and system.uses_autonomous_agents")
        let grouped = try ConditionParser.parse("(system.uses_biometric_data or system.uses_generative_ai) and system.uses_autonomous_agents")
        let chain = try ConditionParser.parse("system.uses_biometric_data and system.uses_generative_ai and system.uses_autonomous_agents")
        // then
        #expect(plain == .or(x, .and(y, z)))
        #expect(grouped == .and(.or(x, y), z))
        #expect(chain == .and(.and(x, y), z))
        #expect(try holds("system.uses_biometric_data or system.uses_generative_ai and false"))
        #expect(try !holds("(system.uses_biometric_data or system.uses_generative_ai) and false"))
    }

    @Test func literalsListsAndPathsParse() throws {
        // given / when
        let parsed = try ConditionParser.parse("answers.level in ['high', -2, 3.5, true, false, null] or answer != null")
        // then
        #expect(parsed == .or(
            .comparison(.isIn, .path(.answers("level")),
                        .literal(.list([.string("high"), .number(-2), .number(3.5), .bool(true), .bool(false), .null]))),
            .comparison(.notEqual, .path(.answer), .literal(.null))))
    }

    @Test func everyOperatorParses() throws {
        for op in ComparisonOperator.allCases {
            let parsed = try ConditionParser.parse("answers.n \(op.rawValue) 1")
            #expect(parsed == .comparison(op, .path(.answers("n")), .literal(.number(1))))
        }
        #expect(try ConditionParser.parse("answers.n>=1") == .comparison(.greaterOrEqual, .path(.answers("n")), .literal(.number(1))))
    }

    @Test func stringEscapes() throws {
        #expect(try ConditionParser.parse(#"'it\'s'"#) == .literal(.string("it's")))
        #expect(try ConditionParser.parse(#"'a\\b'"#) == .literal(.string(#"a\b"#)))
        #expect(try ConditionParser.parse("'日本語 and or'") == .literal(.string("日本語 and or")))
        #expect(try holds(#"answers.t == 'O\'Brien'"#, ["t": .text("O'Brien")]))
    }

    @Test(arguments: [
        ("answers.a == 'x' == 'y'", 18, "cannot be chained"),
        ("answers.q == \"yes\"", 14, "single quotes"),
        ("'abc", 1, "not closed"),
        ("system.foo", 1, "unknown path 'system.foo'"),
        ("answers.a ==", 13, "found the end of the condition"),
        ("True", 1, "keywords are lower-case"),
        ("answers.a = 'x'", 11, "use =="),
        ("answers.a ! 'x'", 11, "unexpected '!'"),
        ("", 1, "empty condition"),
        ("   ", 1, "empty condition"),
        ("'a' in [answers.a]", 9, "lists hold only literals"),
        ("'a' in ['x',]", 13, "lists hold only literals"),
        ("'a' in [['x']]", 9, "lists hold only literals"),
        ("answers.Q == 'x'", 1, "unknown path 'answers.Q'"),
        ("'a\\n'", 3, "unsupported escape"),
        ("answers.n > 1.", 15, "digit after the decimal point"),
        ("(answers.a == 'x'", 18, "expected ')'"),
        ("answers.a == 'x' answers.b", 18, "expected an operator or the end"),
        ("not", 4, "expected a value"),
        ("answers.a == and", 14, "found 'and'"),
        ("answer.x == 1", 1, "unknown path 'answer.x'"),
        ("answers.a == 'x' & true", 18, "unexpected character '&'"),
        ("- 1 == 1", 1, "unexpected character '-'"),
        ("'x' not in answers.q", 5, "there is no 'not in' operator"),
    ] as [(String, Int, String)])
    func syntaxErrorsReportTheColumn(source: String, column: Int, fragment: String) throws {
        // when
        let error = try #require(syntaxError(source), "\(source) should not parse")
        // then
        #expect(error.column == column, "\(error)")
        #expect(error.message.contains(fragment), "\(error)")
    }

    @Test func pathsAreListedOnceInOrder() throws {
        // given
        let condition = try Condition("answers.b == 'x' or (answer == 'y' and 'EU' in system.jurisdictions) or answers.b != null")
        // then
        #expect(condition.paths == [.answers("b"), .answer, .system(.jurisdictions)])
        #expect(condition.paths.map(\.description) == ["answers.b", "answer", "system.jurisdictions"])
    }

    // MARK: Semantics

    @Test func equalityComparesTypeAndValue() throws {
        #expect(try holds("24 == 24.0"))
        #expect(try holds("answers.n == 3", ["n": .number(3)]))
        #expect(try !holds("answers.n == '3'", ["n": .number(3)]))
        #expect(try holds("answers.n != '3'", ["n": .number(3)]))
        #expect(try holds("answers.m == ['a', 'b']", ["m": .choices(["a", "b"])]))
        #expect(try !holds("answers.m == ['b', 'a']", ["m": .choices(["a", "b"])]))
        #expect(try holds("null == null") && holds("true == true") && !holds("true == 'true'"))
        #expect(try holds("system.risk_tier == 'high' and system.lifecycle_phase != 'planning'"))
    }

    @Test func orderingComparesNumbersAndStringsOnly() throws {
        #expect(try holds("answers.n < 5", ["n": .number(4.5)]))
        #expect(try holds("answers.n <= 4.5", ["n": .number(4.5)]))
        #expect(try holds("answers.n > -1", ["n": .number(0)]))
        #expect(try holds("answers.n >= 0", ["n": .number(0)]))
        #expect(try holds("answers.d < '2024-02-01'", ["d": .date("2024-01-31")]))
        #expect(try holds("'Z' < 'a'"), "strings compare by code points")
        #expect(try !holds("answers.n < '5'", ["n": .number(4)]))
        #expect(try !holds("answers.n >= '5'", ["n": .number(4)]))
        #expect(try !holds("true > false"))
    }

    @Test func nullIsFalseWhereABooleanIsNeeded() throws {
        // given no answers at all
        #expect(try !holds("answers.q == 'yes'"))
        #expect(try holds("answers.q != 'yes'"))
        #expect(try holds("answers.q == null"))
        #expect(try !holds("answers.q"))
        #expect(try holds("not answers.q"))
        #expect(try !holds("answers.n < 5") && !holds("answers.n >= 5"))
        #expect(try !holds("null"))
        #expect(try !holds("answers.q and true") && holds("answers.q or true"))
        #expect(try !holds("answer == 'no'"))
        #expect(try holds("answer == 'no'", answer: .yesNoNA("no")))
    }

    @Test func nonBooleanValuesAreFalseAtRunTime() throws {
        #expect(try !holds("'yes'"))
        #expect(try !holds("5"))
        #expect(try !holds("answers.q", ["q": .yesNoNA("yes")]))
        #expect(try !holds("system.jurisdictions"))
        #expect(try holds("system.uses_biometric_data") && !holds("system.uses_generative_ai"))
    }

    @Test func emptyTextIsUnanswered() throws {
        #expect(try holds("answers.t == null", ["t": .text("")]))
        #expect(try holds("answers.t == 'x'", ["t": .text("x")]))
    }

    @Test func inLooksForAnElementOfAList() throws {
        #expect(try holds("'EU' in system.jurisdictions"))
        #expect(try !holds("'US' in system.jurisdictions"))
        #expect(try holds("'provider' in answers.roles", ["roles": .choices(["provider", "deployer"])]))
        #expect(try !holds("'provider' in answers.roles", ["roles": .choices([])]))
        #expect(try !holds("'provider' in answers.roles"), "a null right side gives false")
        #expect(try holds("not ('provider' in answers.roles)"))
        #expect(try holds("answers.level in ['high', 'very_high']", ["level": .choice("high")]))
        #expect(try !holds("answers.level in ['high', 'very_high']"))
        #expect(try holds("24 in [1, 24.0]"))
        #expect(try !holds("'a' in 'abc'"), "the right side must be a list")
        #expect(try holds("null in [null]"))
        #expect(try holds("not ('a' in [])"), "an empty list literal is allowed")
    }

    @Test func conditionsEncodeAsTheirSource() throws {
        // given
        let condition = try Condition("answers.q == 'yes'")
        // when
        let data = try JSONEncoder().encode(condition)
        let decoded = try JSONDecoder().decode(Condition.self, from: data)
        // then
        #expect(String(decoding: data, as: UTF8.self) == #""answers.q == 'yes'""#)
        #expect(decoded == condition)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Condition.self, from: Data(#""answers.q ==""#.utf8)) }
    }
}

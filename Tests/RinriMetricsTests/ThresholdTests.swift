import Foundation
import Testing
@testable import RinriMetrics

@Suite("Threshold checks")
struct ThresholdTests {
    @Test func parsesAllOperatorsAndQualifiers() throws {
        // given expressions with every operator, spaces and a qualifier
        let cases: [(String, ThresholdExpression)] = [
            ("demographic_parity_ratio>=0.8", .init(metric: "demographic_parity_ratio", comparison: .greaterThanOrEqual, threshold: 0.8)),
            ("equalized_odds_difference < 0.1", .init(metric: "equalized_odds_difference", comparison: .lessThan, threshold: 0.1)),
            ("sex:demographic_parity_ratio >= 0.8", .init(feature: "sex", metric: "demographic_parity_ratio", comparison: .greaterThanOrEqual, threshold: 0.8)),
            ("sex&race:equal_opportunity_ratio<=1", .init(feature: "sex&race", metric: "equal_opportunity_ratio", comparison: .lessThanOrEqual, threshold: 1)),
            ("theil_index>0", .init(metric: "theil_index", comparison: .greaterThan, threshold: 0)),
            ("x==-2.5", .init(metric: "x", comparison: .equal, threshold: -2.5)),
            ("x != 3", .init(metric: "x", comparison: .notEqual, threshold: 3)),
        ]
        for (text, expected) in cases {
            // then each parses to the expected parts
            #expect(try ThresholdExpression(parsing: text) == expected, "\(text)")
        }
        #expect(try ThresholdExpression(parsing: " sex:demographic_parity_ratio >= 0.80 ").description == "sex:demographic_parity_ratio>=0.8")
    }

    @Test func rejectsMalformedExpressions() {
        for bad in ["demographic_parity_ratio", "dp>=abc", ">=0.8", "a b>=1", ":dp>=1", "dp>=inf"] {
            #expect(throws: ThresholdParseError.self, "\(bad)") { try ThresholdExpression(parsing: bad) }
        }
    }

    @Test func policyFileAcceptsPlainAndYAMLListLines() throws {
        // given a policy with comments, a YAML item and a quoted item
        let text = """
        # fairness policy
        demographic_parity_ratio>=0.8

        - equalized_odds_difference<0.1
        - "sex:equal_opportunity_ratio>=0.9"
        """
        // when parsing
        let policy = try ThresholdPolicy(parsing: text)
        // then three expressions in order
        #expect(policy.expressions.map(\.description) == [
            "demographic_parity_ratio>=0.8", "equalized_odds_difference<0.1", "sex:equal_opportunity_ratio>=0.9",
        ])
        // and a bad line names its number
        #expect(throws: ThresholdParseError(expression: "nonsense", message: "line 2: no comparison operator (< <= > >= == !=)")) {
            try ThresholdPolicy(parsing: "a<1\nnonsense\n")
        }
    }

    @Test func evaluatesAgainstEveryFeatureAndThePopulation() throws {
        // given checks on the hand table (sex DP ratio 2/3, race DP ratio 7/15, theil ≈ 0.157)
        let checks = try ["demographic_parity_ratio>=0.6", "sex:demographic_parity_difference<=0.25", "theil_index<0.1"]
            .map { try ThresholdExpression(parsing: $0) }
        // when analysing
        let report = try analyse(handTable, handSpec(checks: checks))
        // then the unqualified check yields one result per feature
        #expect(report.checks.map(\.expression) == [
            "sex:demographic_parity_ratio>=0.6", "race:demographic_parity_ratio>=0.6",
            "sex:demographic_parity_difference<=0.25", "theil_index<0.1",
        ])
        #expect(report.checks.map(\.passed) == [true, false, true, false])
        #expect(close(report.checks[1].value, 7.0 / 15))
        #expect(report.checks[3].feature == nil)
        #expect(report.passed == false)
    }

    @Test func undefinedOrUnknownValueFailsWithAReason() throws {
        // given a check on race's TPR-based aggregate where no group... and an unknown metric
        let text = "sex,race,y,yhat\nF,a,0,1\nM,a,0,0\n"
        let checks = try ["sex:equal_opportunity_ratio>=0.8", "nonexistent_metric<1", "age:demographic_parity_ratio>0"]
            .map { try ThresholdExpression(parsing: $0) }
        // when analysing
        let report = try analyse(text, handSpec(checks: checks))
        // then the undefined value fails with a reason, and so do the unknown metric and feature
        #expect(report.checks[0].value == nil && !report.checks[0].passed)
        #expect(report.checks[0].reason == "the value is undefined (see warnings)")
        #expect(report.checks[1].reason == "the report has no metric \"nonexistent_metric\"")
        #expect(report.checks[2].reason == "no feature named \"age\" in the report")
        #expect(!report.passed)
    }

    @Test func allPassingChecksPassTheReport() throws {
        let checks = [try ThresholdExpression(parsing: "sex:demographic_parity_difference<0.3")]
        let report = try analyse(handTable, handSpec(checks: checks))
        #expect(report.passed)
        #expect(report.checks.count == 1)
    }
}

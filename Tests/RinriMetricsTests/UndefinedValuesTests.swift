import Foundation
import Testing
@testable import RinriMetrics

@Suite("Undefined values")
struct UndefinedValuesTests {
    @Test func groupWithoutPositivesHasNilRatesAndIsLeftOut() throws {
        // given race b: FP 1, TN 2 (no positive labels); race a: TP 4, FN 1, FP 1, TN 1
        let report = try analyse(handTable, handSpec(score: true))
        let b = try #require(report.group("race", ["b"]))
        // then TPR, FNR, balanced accuracy and ROC AUC are nil, not 0 or NaN
        for name in ["true_positive_rate", "false_negative_rate", "balanced_accuracy", "roc_auc"] {
            #expect(b.metrics.contains(name) && b.metrics.value(name) == nil, "\(name)")
        }
        // and the defined ones are exact: precision 0/1, NPV 2/2, FPR 1/3
        #expect(b.metrics.value("precision") == 0)
        #expect(b.metrics.value("negative_predictive_value") == 1)
        #expect(close(b.metrics.value("false_positive_rate"), 1.0 / 3))
        // and a warning says why and what it is left out of
        #expect(report.warnings.contains(
            "feature \"race\", group race=\"b\": true_positive_rate, false_negative_rate, balanced_accuracy, roc_auc undefined "
            + "(no positive labels); the group is left out of equal_opportunity_difference, equal_opportunity_ratio, "
            + "equalized_odds_difference and equalized_odds_ratio"))
        // and TPR aggregates use race a only (fairlearn would count b's TPR as 0 and give 0.8 / 0)
        let metrics = try #require(report.feature("race")).metrics
        #expect(metrics.value("equal_opportunity_difference") == 0)
        #expect(metrics.value("equal_opportunity_ratio") == 1)
        // and EO difference = max(0, FPR .5 − 1/3)
        #expect(close(metrics.value("equalized_odds_difference"), 1.0 / 6))
        #expect(close(metrics.value("equalized_odds_ratio"), (1.0 / 3) / 0.5))
    }

    @Test func aggregateIsNilWhenNoGroupDefinesTheRate() throws {
        // given a table with no positive labels at all
        let text = "sex,race,y,yhat\nF,a,0,1\nF,a,0,0\nM,a,0,0\nM,a,0,0\n"
        // when analysing
        let report = try analyse(text, handSpec())
        let metrics = try #require(report.feature("sex")).metrics
        // then equal opportunity and equalized odds are null with a reason
        #expect(metrics.contains("equal_opportunity_difference"))
        #expect(metrics.value("equal_opportunity_difference") == nil)
        #expect(metrics.value("equalized_odds_ratio") == nil)
        #expect(report.warnings.contains("feature \"sex\": equal_opportunity_ratio is undefined: no group has a defined true positive rate"))
        // and demographic parity is still defined: SR F .5, M 0 → ratio 0
        #expect(metrics.value("demographic_parity_ratio") == 0)
    }

    @Test func zeroOverZeroRatioIsNil() throws {
        // given nobody predicted positive
        let text = "sex,race,y,yhat\nF,a,1,0\nM,a,0,0\n"
        // when analysing
        let report = try analyse(text, handSpec())
        let metrics = try #require(report.feature("sex")).metrics
        // then the DP ratio is 0/0 → nil, while the difference is 0
        #expect(metrics.value("demographic_parity_ratio") == nil)
        #expect(metrics.value("demographic_parity_difference") == 0)
        #expect(report.warnings.contains("feature \"sex\": demographic_parity_ratio is undefined: every group has selection rate 0 (0/0)"))
    }

    @Test func smallGroupWarning() throws {
        // given a minimum group size of 5
        var spec = handSpec()
        spec.minimumGroupSize = 5
        // when analysing (sex M has 4 rows, race b 3)
        let report = try analyse(handTable, spec)
        // then both get a warning, F (6) and a (7) do not
        #expect(report.warnings.contains { $0.hasPrefix("feature \"sex\", group sex=\"M\": only 4 rows") })
        #expect(report.warnings.contains { $0.hasPrefix("feature \"race\", group race=\"b\": only 3 rows") })
        #expect(!report.warnings.contains { $0.hasPrefix("feature \"sex\", group sex=\"F\": only") })
    }

    @Test func missingReferenceValueLeavesAif360MetricsNil() throws {
        // given a reference value that does not occur
        let report = try analyse(handTable, handSpec(reference: .init(column: "sex", value: "X")))
        let metrics = try #require(report.feature("sex")).metrics
        // then the AIF360 metrics are null and the warnings say why
        #expect(metrics.contains("disparate_impact") && metrics.value("disparate_impact") == nil)
        #expect(report.warnings.contains("feature \"sex\": the reference value \"X\" does not occur"))
        #expect(report.warnings.contains("feature \"sex\": disparate_impact is undefined: the privileged group has no rows"))
    }

    @Test func specErrors() {
        // given inconsistent specs
        var oneColumnIntersection = handSpec(intersections: [["sex"]])
        oneColumnIntersection.alpha = 2
        let badReference = handSpec(reference: .init(column: "age", value: "1"))
        var noNegative = handSpec()
        noNegative.positiveLabel = "approved"
        // then each is refused before reading
        for spec in [oneColumnIntersection, badReference, noNegative] {
            #expect(throws: FairnessSpecError.self) { try analyse(handTable, spec) }
        }
    }

    @Test func declaredNegativeLabel() throws {
        // given string labels with both values declared
        var spec = handSpec()
        spec.positiveLabel = "approved"
        spec.negativeLabel = "denied"
        let text = "sex,race,y,yhat\nF,a,approved,approved\nF,a,denied,approved\nM,a,approved,denied\n"
        // when analysing
        let report = try analyse(text, spec)
        // then F has TP 1, FP 1 and M has FN 1
        #expect(report.group("sex", ["F"])?.confusion == ConfusionCounts(truePositives: 1, falsePositives: 1))
        #expect(report.group("sex", ["M"])?.confusion == ConfusionCounts(falseNegatives: 1))
    }
}

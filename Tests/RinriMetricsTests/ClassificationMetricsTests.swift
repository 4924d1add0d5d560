import Foundation
import Testing
@testable import RinriMetrics

/// Hand computation for the hand table, feature "sex":
/// F: TP 2, FN 1, FP 1, TN 2 (n 6); M: TP 2, FN 0, FP 1, TN 1 (n 4); overall TP 4, FN 1, FP 2, TN 3.
@Suite("Classification metrics")
struct ClassificationMetricsTests {
    @Test func perGroupMetricsOfFeatureSex() throws {
        // given the hand table with scores
        // when analysing
        let report = try analyse(handTable, handSpec(score: true))
        let female = try #require(report.group("sex", ["F"]))
        let male = try #require(report.group("sex", ["M"]))
        // then the counts are exact
        #expect(female.count == 6)
        #expect(female.confusion == ConfusionCounts(truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1))
        #expect(male.confusion == ConfusionCounts(truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 0))
        // and each metric of F equals its hand-computed value
        let expectedFemale: [GroupMetric: Double] = [
            .selectionRate: 0.5, .accuracy: 4.0 / 6, .truePositiveRate: 2.0 / 3, .falsePositiveRate: 1.0 / 3,
            .falseNegativeRate: 1.0 / 3, .trueNegativeRate: 2.0 / 3, .precision: 2.0 / 3,
            .negativePredictiveValue: 2.0 / 3, .f1Score: 2.0 / 3, .balancedAccuracy: 2.0 / 3, .baseRate: 0.5,
            .rocAuc: 7.0 / 9, .brierScore: 0.205, .expectedCalibrationError: 2.3 / 6,
        ]
        for (metric, value) in expectedFemale {
            #expect(close(female.metrics.value(metric.rawValue), value), "F \(metric.rawValue)")
        }
        // and of M
        let expectedMale: [GroupMetric: Double] = [
            .selectionRate: 0.75, .accuracy: 0.75, .truePositiveRate: 1, .falsePositiveRate: 0.5,
            .falseNegativeRate: 0, .trueNegativeRate: 0.5, .precision: 2.0 / 3, .negativePredictiveValue: 1,
            .f1Score: 0.8, .balancedAccuracy: 0.75, .baseRate: 0.5, .rocAuc: 0.75, .brierScore: 0.14875,
            .expectedCalibrationError: 0.1,
        ]
        for (metric, value) in expectedMale {
            #expect(close(male.metrics.value(metric.rawValue), value), "M \(metric.rawValue)")
        }
    }

    @Test func overallPopulationMetrics() throws {
        // given the hand table
        let report = try analyse(handTable, handSpec())
        // when reading the population
        let population = report.overall.population
        // then it holds all ten rows with SR 0.6, TPR 0.8, FPR 0.4, and null score metrics
        #expect(report.rows == 10)
        #expect(population.count == 10)
        #expect(close(population.metrics.value("selection_rate"), 0.6))
        #expect(close(population.metrics.value("true_positive_rate"), 0.8))
        #expect(close(population.metrics.value("false_positive_rate"), 0.4))
        #expect(population.metrics.contains("roc_auc") && population.metrics.value("roc_auc") == nil)
    }

    @Test func fairlearnAggregatesBetweenGroups() throws {
        // given the hand table (values checked against fairlearn 0.15)
        let metrics = try #require(try analyse(handTable, handSpec()).feature("sex")).metrics
        // then DP diff .75 − .5, ratio .5/.75; TPR diff 1/3 > FPR diff 1/6; both ratios 2/3
        #expect(close(metrics.value("demographic_parity_difference"), 0.25))
        #expect(close(metrics.value("demographic_parity_ratio"), 2.0 / 3))
        #expect(close(metrics.value("equalized_odds_difference"), 1.0 / 3))
        #expect(close(metrics.value("equalized_odds_ratio"), 2.0 / 3))
        #expect(close(metrics.value("equal_opportunity_difference"), 1.0 / 3))
        #expect(close(metrics.value("equal_opportunity_ratio"), 2.0 / 3))
    }

    @Test func fairlearnAggregatesToOverall() throws {
        // given method to_overall (overall SR .6, TPR .8, FPR .4)
        let metrics = try #require(try analyse(handTable, handSpec(method: .toOverall)).feature("sex")).metrics
        // then DP: max(|.5−.6|, |.75−.6|) = .15 and min(.5/.6, .6/.75) = .8
        #expect(close(metrics.value("demographic_parity_difference"), 0.15))
        #expect(close(metrics.value("demographic_parity_ratio"), 0.8))
        // and TPR: max(|2/3−.8|, |1−.8|) = .2, FPR: .1 → EO .2; ratios all .8
        #expect(close(metrics.value("equalized_odds_difference"), 0.2))
        #expect(close(metrics.value("equalized_odds_ratio"), 0.8))
        #expect(close(metrics.value("equal_opportunity_difference"), 0.2))
        #expect(close(metrics.value("equal_opportunity_ratio"), 0.8))
    }

    @Test func aif360MetricsWithReference() throws {
        // given the privileged group sex = M (values checked against AIF360 0.6.1)
        let report = try analyse(handTable, handSpec(reference: .init(column: "sex", value: "M")))
        let metrics = try #require(report.feature("sex")).metrics
        // then DI .5/.75, SPD .5 − .75, AOD ½[(1/3 − 1/2) + (2/3 − 1)]
        #expect(close(metrics.value("disparate_impact"), 2.0 / 3))
        #expect(close(metrics.value("statistical_parity_difference"), -0.25))
        #expect(close(metrics.value("average_odds_difference"), -0.25))
        // and mean benefits F 6/6 = 1, M 5/4, overall 1.1: BGGEI(2) = (12.25/1.21 − 10)/20 = 3/484
        #expect(close(metrics.value("between_group_generalized_entropy_index"), 3.0 / 484))
        // and the reference metrics are only in the reference feature
        #expect(report.feature("race")?.metrics.contains("disparate_impact") == false)
    }

    @Test func entropyIndicesOfThePopulation() throws {
        // given benefits: one 0 (FN), seven 1 (TP, TN), two 2 (FP); μ = 1.1
        let report = try analyse(handTable, handSpec())
        let metrics = report.overall.metrics
        // then GE(2) = (Σ(b/μ)² − n)/(2n) = (15/1.21 − 10)/20 = 29/242
        #expect(close(metrics.value("generalized_entropy_index"), 29.0 / 242))
        // and Theil = (7·(1/1.1)·ln(1/1.1) + 2·(2/1.1)·ln(2/1.1))/10 (AIF360: 0.15674334039929158)
        #expect(close(metrics.value("theil_index"), 0.15674334039929158))
        // and between all groups of sex equals the two-group value 3/484
        #expect(close(report.feature("sex")?.metrics.value("between_all_groups_generalized_entropy_index"), 3.0 / 484))
    }

    @Test func generalizedEntropyWithOtherAlpha() throws {
        // given alpha 0.5 (AIF360 gives 0.25158497017115417 on the hand table)
        var spec = handSpec()
        spec.alpha = 0.5
        // when analysing
        let report = try analyse(handTable, spec)
        // then GE(0.5) = (Σ (b/μ)^½ − n)/(n·½·(−½))
        #expect(close(report.overall.metrics.value("generalized_entropy_index"), 0.25158497017115417))
    }

    @Test func withoutReferenceAif360RatioMetricsAreOmittedWithAWarning() throws {
        // given no reference group
        let report = try analyse(handTable, handSpec())
        // then the AIF360 ratio/difference metrics are absent and a warning says so
        #expect(report.feature("sex")?.metrics.contains("disparate_impact") == false)
        #expect(report.warnings.contains { $0.hasPrefix("no reference group given") })
    }

    @Test func intersectionsHoldOnlyOccurringCombinations() throws {
        // given sex × race where M occurs only with race a
        let report = try analyse(handTable, handSpec(intersections: [["sex", "race"]]))
        let feature = try #require(report.feature("sex&race"))
        // then there are three groups, not four, sorted by value
        #expect(feature.columns == ["sex", "race"])
        #expect(feature.groups.map(\.values) == [["F", "a"], ["F", "b"], ["M", "a"]])
        #expect(feature.groups.map(\.count) == [3, 3, 4])
        // and F&a has TP 2, FN 1
        #expect(feature.groups[0].confusion == ConfusionCounts(truePositives: 2, falseNegatives: 1))
        // and DP difference = SR(M&a) .75 − SR(F&b) 1/3
        #expect(close(feature.metrics.value("demographic_parity_difference"), 0.75 - 1.0 / 3))
    }

    @Test func jsonLinesGivesTheSameReport() throws {
        // given the hand table as JSON Lines, with mixed value types and an extra nested key
        let lines = handTable.split(separator: "\n").dropFirst().map { line -> String in
            let f = line.split(separator: ",")
            return "{\"sex\": \"\(f[0])\", \"race\": \"\(f[1])\", \"y\": \(f[2]), \"yhat\": \"\(f[3])\", \"score\": \(f[4]), \"meta\": {\"k\": [1, \"x\"]}}"
        }
        // when analysing both
        let fromJSON = try analyse(lines.joined(separator: "\n") + "\n", handSpec(score: true), format: .jsonl)
        let fromCSV = try analyse(handTable, handSpec(score: true))
        // then the reports are equal
        #expect(fromJSON == fromCSV)
    }
}

import Foundation
import Testing
@testable import RinriMetrics

@Suite("Regression fairness")
struct RegressionTests {
    /// A: labels 1, 2, 3 predicted 2, 2, 2; B: labels 10, 20 predicted 12, 18; C: labels 5, 5.
    static let table = "g,y,p\nA,1,2\nA,2,2\nA,3,2\nB,10,12\nB,20,18\nC,5,4\nC,5,6\n"

    static let spec = FairnessSpec(task: .regression, labelColumn: "y", predictionColumn: "p",
                                   sensitiveColumns: ["g"], minimumGroupSize: 1)

    @Test func perGroupMetrics() throws {
        // given the table above
        let report = try analyse(Self.table, Self.spec)
        let a = try #require(report.group("g", ["A"]))
        let b = try #require(report.group("g", ["B"]))
        // then A: mean p 2, mean y 2, MAE 2/3, RMSE √(2/3), R² = 1 − 2/2 = 0
        #expect(a.count == 3)
        #expect(close(a.metrics.value("mean_prediction"), 2))
        #expect(close(a.metrics.value("mean_label"), 2))
        #expect(close(a.metrics.value("mean_absolute_error"), 2.0 / 3))
        #expect(close(a.metrics.value("root_mean_squared_error"), (2.0 / 3).squareRoot()))
        #expect(close(a.metrics.value("r2_score"), 0))
        // and B: MAE 2, RMSE 2, R² = 1 − 8/50
        #expect(close(b.metrics.value("mean_absolute_error"), 2))
        #expect(close(b.metrics.value("root_mean_squared_error"), 2))
        #expect(close(b.metrics.value("r2_score"), 0.84))
        // and regression groups carry no confusion counts
        #expect(a.confusion == nil)
    }

    @Test func constantLabelsMakeR2NilAndExcluded() throws {
        // given group C whose labels are both 5
        let report = try analyse(Self.table, Self.spec)
        let c = try #require(report.group("g", ["C"]))
        // then its R² is null with a warning, and R² aggregates use A (0) and B (0.84)
        #expect(c.metrics.contains("r2_score") && c.metrics.value("r2_score") == nil)
        #expect(report.warnings.contains { $0.hasPrefix("feature \"g\", group g=\"C\": r2_score undefined") })
        let metrics = try #require(report.feature("g")).metrics
        #expect(close(metrics.value("r2_score_difference"), 0.84))
        #expect(metrics.value("r2_score_ratio") == 0)
    }

    @Test func differencesAndRatios() throws {
        // given MAE A 2/3, B 2, C 1 and mean labels 2, 15, 5
        let metrics = try #require(try analyse(Self.table, Self.spec).feature("g")).metrics
        // then max − min and min / max
        #expect(close(metrics.value("mean_absolute_error_difference"), 2 - 2.0 / 3))
        #expect(close(metrics.value("mean_absolute_error_ratio"), 1.0 / 3))
        #expect(close(metrics.value("mean_label_difference"), 13))
        #expect(close(metrics.value("mean_label_ratio"), 2.0 / 15))
    }

    @Test func overallAndMergeAcrossChunks() throws {
        // given the same table split into 8-byte chunks on two threads
        let whole = try analyse(Self.table, Self.spec, threads: 1)
        let split = try analyse(Self.table, Self.spec, chunkSize: 8, threads: 2)
        // then the population is all 7 rows with mean label 46/7, and both runs agree to rounding
        #expect(whole.overall.population.count == 7)
        #expect(close(whole.overall.population.metrics.value("mean_label"), 46.0 / 7))
        for (left, right) in zip(whole.overall.population.metrics, split.overall.population.metrics) {
            #expect(close(left.value, right.value ?? .nan, 1e-12), "\(left.name)")
        }
    }

    @Test func nonNumericLabelIsAnError() {
        let error = tableError { _ = try analyse("g,y,p\nA,1,x\n", Self.spec) }
        #expect(error?.description == "data.csv:2: column \"p\": \"x\" is not a number")
    }
}

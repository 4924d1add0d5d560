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

    /// Groups A (labels ~ N(0, 1)) and B (labels ~ N(1, 1)), `perGroup` rows each, predictions
    /// = label + N(0, 0.5²) noise, rows interleaved.
    static func normalTable(perGroup: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        func normal() -> Double {
            let u = max(random.nextUnit(), 1e-300), v = random.nextUnit()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        var lines = ["g,y,p"]
        for _ in 0..<perGroup {
            for (group, mean) in [("A", 0.0), ("B", 1.0)] {
                let label = mean + normal()
                lines.append("\(group),\(label),\(label + 0.5 * normal())")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func bootstrapSpec(seed: UInt64) -> FairnessSpec {
        FairnessSpec(task: .regression, labelColumn: "y", predictionColumn: "p", sensitiveColumns: ["g"],
                     bootstrap: FairnessSpec.Bootstrap(resamples: 400, seed: seed), minimumGroupSize: 1)
    }

    @Test func bootstrapGivesEveryAggregateAnIntervalOfTheRightWidth() throws {
        // given two groups of 2,000 rows whose label means differ by about 1
        let report = try analyse(Self.normalTable(perGroup: 2000, seed: 3), Self.bootstrapSpec(seed: 1))
        let feature = try #require(report.feature("g"))
        // then every aggregate has an interval, and each difference one from all 400 replicates
        // around its value (a ratio is undefined in replicates where a mean is negative)
        #expect(feature.confidenceIntervals.names == feature.metrics.names)
        for entry in feature.metrics where entry.name.hasSuffix("_difference") {
            let interval = try #require(feature.confidenceIntervals[entry.name])
            let value = try #require(entry.value)
            #expect(interval.resamples == 400, "\(entry.name)")
            #expect(try #require(interval.lower) <= value && value <= (try #require(interval.upper)), "\(entry.name)")
        }
        // and the 95% interval of the mean-label difference is about 2 · 1.96 · √(1/2000 + 1/2000)
        // wide (0.124), as the sampling error of two means of 2,000 unit-variance labels says
        let difference = try #require(feature.confidenceIntervals["mean_label_difference"])
        let width = try #require(difference.upper) - (try #require(difference.lower))
        #expect(width > 0.124 * 0.8 && width < 0.124 * 1.2, "width \(width)")
        #expect(!report.warnings.contains { $0.contains("bootstrap") })
    }

    @Test func bootstrapWeightsDependOnTheSeedNotOnThreads() throws {
        // given a table read in 4 KiB chunks
        let text = Self.normalTable(perGroup: 300, seed: 5)
        let one = try analyse(text, Self.bootstrapSpec(seed: 9), chunkSize: 4096, threads: 1)
        let three = try analyse(text, Self.bootstrapSpec(seed: 9), chunkSize: 4096, threads: 3)
        let other = try analyse(text, Self.bootstrapSpec(seed: 10), chunkSize: 4096, threads: 1)
        // then one thread and three give the same intervals (up to the order of additions)
        let first = try #require(one.feature("g")).confidenceIntervals
        let second = try #require(three.feature("g")).confidenceIntervals
        for entry in first {
            let twin = try #require(second[entry.name])
            #expect(close(entry.value.lower, twin.lower ?? .nan, 1e-9) && close(entry.value.upper, twin.upper ?? .nan, 1e-9),
                    "\(entry.name)")
        }
        // and another seed gives other intervals
        #expect(try #require(other.feature("g")).confidenceIntervals != first)
    }

    @Test func nonNumericLabelIsAnError() {
        let error = tableError { _ = try analyse("g,y,p\nA,1,x\n", Self.spec) }
        #expect(error?.description == "data.csv:2: column \"p\": \"x\" is not a number")
    }
}

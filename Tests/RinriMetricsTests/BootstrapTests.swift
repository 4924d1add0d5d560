import Foundation
import Testing
@testable import RinriMetrics

@Suite("Bootstrap")
struct BootstrapTests {
    /// A larger table: 200 rows, two groups with different selection rates.
    static let table: String = {
        var lines = ["sex,race,y,yhat"]
        for index in 0..<200 {
            let sex = index % 2 == 0 ? "F" : "M"
            let y = index % 3 == 0 ? 1 : 0
            let yhat = (index % 5 == 0 || (sex == "M" && index % 7 == 0)) ? 1 : 0
            lines.append("\(sex),\(index % 4 == 0 ? "a" : "b"),\(y),\(yhat)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func sameSeedGivesSameIntervalsWhateverTheThreadsAndChunks() throws {
        // given a seeded bootstrap of 300 resamples
        let spec = handSpec(bootstrap: .init(resamples: 300, seed: 42))
        // when running with one thread and big chunks, and with two threads and 64-byte chunks
        let single = try analyse(Self.table, spec, chunkSize: 1 << 20, threads: 1)
        let split = try analyse(Self.table, spec, chunkSize: 64, threads: 2)
        // then every interval is identical
        #expect(single.features.map(\.confidenceIntervals) == split.features.map(\.confidenceIntervals))
        #expect(single.overall.confidenceIntervals == split.overall.confidenceIntervals)
        #expect(single.feature("sex")?.confidenceIntervals.count == 7)
    }

    @Test func differentSeedGivesDifferentIntervals() throws {
        // given two seeds
        let first = try analyse(Self.table, handSpec(bootstrap: .init(resamples: 200, seed: 1)))
        let second = try analyse(Self.table, handSpec(bootstrap: .init(resamples: 200, seed: 2)))
        // then the intervals differ
        #expect(first.feature("sex")?.confidenceIntervals != second.feature("sex")?.confidenceIntervals)
    }

    @Test func intervalsBracketThePointEstimate() throws {
        // given 500 resamples
        let report = try analyse(Self.table, handSpec(bootstrap: .init(resamples: 500, seed: 7)))
        let feature = try #require(report.feature("sex"))
        // then lower ≤ estimate ≤ upper for the DP difference, from all 500 replicates
        let interval = try #require(feature.confidenceIntervals["demographic_parity_difference"])
        let estimate = try #require(feature.metrics.value("demographic_parity_difference"))
        #expect(interval.resamples == 500)
        #expect(try #require(interval.lower) <= estimate && estimate <= (try #require(interval.upper)))
        #expect(try #require(interval.upper) - (try #require(interval.lower)) > 0.01)
    }

    @Test func noBootstrapGivesEmptyIntervals() throws {
        let report = try analyse(Self.table, handSpec())
        #expect(report.feature("sex")?.confidenceIntervals.count == 0)
    }

    @Test func percentileUsesLinearInterpolation() {
        // given five values and a 95% interval: positions 0.025·4 = 0.1 and 0.975·4 = 3.9
        let interval = PercentileInterval.interval([5, 1, 3, 2, 4], level: 0.95)
        // then lower = 1 + 0.1·(2 − 1), upper = 4 + 0.9·(5 − 4)
        #expect(close(interval.lower, 1.1))
        #expect(close(interval.upper, 4.9))
        #expect(interval.resamples == 5)
    }

    @Test func poissonSamplerHasTheRightMeanAndVariance() {
        // given a seeded generator and means on both sampling paths
        for mean in [0.5, 3.0, 40.0, 1_000_000.0] {
            var generator = SplitMix64(seed: 99, stream: UInt64(mean))
            let draws = (0..<20_000).map { _ in Double(PoissonSampler.sample(mean: mean, using: &generator)) }
            let average = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(draws.count - 1)
            // then mean and variance are within 4 standard errors of λ
            let standardError = (mean / Double(draws.count)).squareRoot()
            #expect(abs(average - mean) < 4 * standardError, "mean for \(mean)")
            #expect(abs(variance / mean - 1) < 0.05, "variance for \(mean)")
        }
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        // given seed 0 (reference values of SplitMix64 from its published definition)
        var generator = SplitMix64(seed: 0)
        // then the first outputs are the known ones
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func logFactorialIsAccurate() {
        // given ln(20!) = ln(2432902008176640000)
        #expect(close(PoissonSampler.logFactorial(20), log(2_432_902_008_176_640_000.0), 1e-9))
        #expect(close(PoissonSampler.logFactorial(5), log(120.0), 1e-12))
    }
}

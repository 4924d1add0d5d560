import Foundation
import Testing
@testable import RinriMetrics

@Suite("Data profile")
struct DataProfileTests {
    static let table = """
    age,sex,income,y,note
    30,F,1.5,1,a
    40,M,,0,b
    50,F,2.5,1,a
    ,M,4,0,c
    20,F,-1,0,a

    """

    static func profile(epsilon: Double? = nil, threads: Int = 2, chunkSize: Int = 1 << 20) throws -> DataProfileReport {
        var source = TableSource.data(Data(table.utf8), name: "p.csv")
        source.threads = threads
        source.chunkSize = chunkSize
        return try DataProfile.run(source: source, sensitive: ["sex"], label: "y", epsilon: epsilon, seed: 11)
    }

    @Test func columnTypesCountsAndDistinct() throws {
        // given the five-row table
        let report = try Self.profile()
        // then every column is profiled with type, missing and exact distinct counts
        #expect(report.rows == 5)
        #expect(report.columns.map(\.name) == ["age", "sex", "income", "y", "note"])
        #expect(report.columns.map(\.type) == ["integer", "string", "number", "integer", "string"])
        #expect(report.columns.map(\.missing) == [1, 0, 1, 0, 0])
        #expect(report.columns.map(\.distinct) == [4, 2, 4, 2, 3])
        #expect(report.columns[4].topCategories == [.init(value: "a", count: 3), .init(value: "b", count: 1), .init(value: "c", count: 1)])
        #expect(report.privacy == nil)
    }

    @Test func numericSummaryAndQuantiles() throws {
        // given ages 30, 40, 50, 20: mean 35, sample std √(500/3)
        let numeric = try #require(try Self.profile().columns[0].numeric)
        #expect(numeric.min == 20 && numeric.max == 50)
        #expect(close(numeric.mean, 35))
        #expect(close(numeric.std, (500.0 / 3).squareRoot(), 1e-9))
        // then the median is the rank ⌊0.5·3⌋ = 1 item (30) within 0.5%
        let median = try #require(numeric.quantiles.value("p50"))
        #expect(abs(median - 30) <= 0.005 * 30)
        // and income quantiles keep the sign of negative values: p01 is −1 within 0.5%
        let income = try #require(try Self.profile().columns[2].numeric)
        #expect(abs((income.quantiles.value("p01") ?? 0) + 1) <= 0.005)
    }

    @Test func sensitiveRepresentationAndLabelBalance() throws {
        // given F rows with labels 1, 1, 0 and M rows with 0, 0
        let sex = try #require(try Self.profile().sensitive.first)
        // then shares and positive rates are exact
        #expect(sex.groups.map(\.value) == ["F", "M"])
        #expect(sex.groups.map(\.count) == [3, 2])
        #expect(close(sex.groups[0].share, 0.6))
        #expect(sex.groups[0].positives == 2 && sex.groups[0].negatives == 1)
        #expect(close(sex.groups[0].positiveRate, 2.0 / 3))
        #expect(sex.groups[1].positiveRate == 0)
    }

    @Test func sameProfileWhateverTheChunking() throws {
        #expect(try Self.profile(threads: 1) == Self.profile(threads: 2, chunkSize: 7))
    }

    @Test func differentialPrivacySuppressesAndStatesTheBudget() throws {
        // given epsilon 1 over 5 columns and 1 sensitive column: 1 + 10 + 1 = 12 queries
        let report = try Self.profile(epsilon: 1)
        let privacy = try #require(report.privacy)
        #expect(privacy.queries == 12)
        #expect(close(privacy.epsilonPerQuery, 1.0 / 12))
        // and the threshold hides a count of 1 except with probability 1e-6: 1 + ⌈ln(δ(1+p))/ln p⌉, p = e^(−1/12)
        let p = exp(-1.0 / 12)
        #expect(privacy.threshold == 1 + Int((log(1e-6 * (1 + p)) / log(p)).rounded(.up)))
        // then non-count statistics are suppressed, and tiny groups are not shown
        #expect(report.columns.allSatisfy { $0.type == nil && $0.numeric == nil && $0.distinct == nil })
        #expect(report.sensitive.first?.groups.allSatisfy { $0.count >= privacy.threshold } == true)
        // and the noise is reproducible with a seed
        #expect(try Self.profile(epsilon: 1) == report)
    }

    @Test func geometricNoiseIsCentredWithTheRightSpread() {
        // given ε = 0.5: variance of the two-sided geometric is 2p/(1−p)², p = e^(−0.5)
        var noise = GeometricNoise(seed: 5)
        let draws = (0..<50_000).map { _ in Double(noise.noisy(100, epsilon: 0.5) - 100) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + $1 * $1 } / Double(draws.count)
        let p = exp(-0.5)
        #expect(abs(mean) < 0.05)
        #expect(abs(variance / (2 * p / ((1 - p) * (1 - p))) - 1) < 0.05)
    }

    @Test func hyperLogLogEstimatesLargeCardinalities() {
        // given 200,000 distinct hashes
        var sketch = HyperLogLog()
        for value in 0..<200_000 { sketch.add(hash: UInt64(value) &* 0x9E37_79B9_7F4A_7C15) }
        // then the estimate is within 3 standard errors
        #expect(abs(sketch.estimate / 200_000 - 1) < 3 * HyperLogLog.standardError)
    }

    @Test func jsonLinesProfileReadsTheFirstRecordsKeys() throws {
        // given JSON Lines whose first record names the columns
        let text = "{\"b\": 1, \"a\": \"x\"}\n{\"b\": 2.5, \"a\": null}\n"
        let report = try DataProfile.run(source: .data(Data(text.utf8), format: .jsonl))
        // then columns keep the key order and null counts as missing
        #expect(report.columns.map(\.name) == ["b", "a"])
        #expect(report.columns.map(\.type) == ["number", "string"])
        #expect(report.columns[1].missing == 1)
    }

    @Test func unknownSensitiveColumnIsAnError() {
        let error = tableError { _ = try DataProfile.run(source: .data(Data("a\n1\n".utf8), name: "p.csv"), sensitive: ["sex"]) }
        #expect(error?.description == "p.csv:1: column \"sex\": unknown column")
    }
}

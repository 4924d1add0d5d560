import Foundation
import Testing
@testable import RinriMetrics

@Suite("Report encoding")
struct ReportEncodingTests {
    @Test func nilEncodesAsNullAndKeysAreSnakeCase() throws {
        // given a report where race b has no TPR
        let report = try analyse(handTable, handSpec(checks: [try ThresholdExpression(parsing: "race:equal_opportunity_ratio>=0.8")]))
        // when encoded
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        // then the top-level keys are those of the schema
        #expect(Set(json.keys) == ["rows", "overall", "features", "checks", "warnings", "passed"])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(Set(features[0].keys) == ["name", "columns", "groups", "metrics", "confidence_intervals"])
        let raceGroups = try #require(features[1]["groups"] as? [[String: Any]])
        let b = raceGroups[1]
        // and an undefined value is an explicit null
        #expect(b["values"] as? [String] == ["b"])
        #expect(b.keys.contains("true_positive_rate"))
        #expect(b["true_positive_rate"] is NSNull)
        #expect(b["false_positives"] as? Int == 1)
        // and the score metrics are present as null without a score column
        #expect(b["roc_auc"] is NSNull)
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["count"] as? Int == 10)
        #expect((overall["metrics"] as? [String: Any])?.keys.sorted() == ["generalized_entropy_index", "theil_index"])
        let check = try #require((json["checks"] as? [[String: Any]])?.first)
        #expect(Set(check.keys) == ["expression", "feature", "metric", "value", "passed", "reason"])
    }

    @Test func encodingIsStableAndRoundTrips() throws {
        // given a report with intervals
        let report = try analyse(handTable, handSpec(score: true, intersections: [["sex", "race"]],
                                                     reference: .init(column: "sex", value: "M"),
                                                     bootstrap: .init(resamples: 20, seed: 3)))
        // when encoded twice and decoded
        let first = try report.jsonData()
        let second = try report.jsonData()
        let decoded = try JSONDecoder().decode(FairnessReport.self, from: first)
        // then the bytes are equal and the decoded report is equal to the original
        #expect(first == second)
        #expect(decoded == report)
        // and keys are sorted: "checks" comes before "features" in the bytes
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\"checks\":[],\"features\":[{\"columns\":[\"sex\"]"))
    }
}

import Foundation

/// The result of a fairness analysis: per-group metrics, aggregates, checks and warnings.
///
/// Encoded as JSON with snake_case keys; every metric key is always present and an undefined
/// value is `null` (never NaN, never left out). ``jsonData(prettyPrinted:)`` sorts keys, so the
/// bytes are stable. The schema:
///
/// ```
/// {
///   "rows": 1000,                                   // data rows read
///   "overall": {                                    // the whole population
///     "count": 1000, <group metrics>, <confusion counts>,
///     "metrics": {"generalized_entropy_index": x|null, "theil_index": x|null},   // {} for regression
///     "confidence_intervals": {<name>: {"lower": x|null, "upper": x|null, "resamples": n}}
///   },
///   "features": [{
///     "name": "sex&race", "columns": ["sex", "race"],
///     "groups": [{"values": ["F", "B"], "count": 120, <group metrics>, <confusion counts>}],
///     "metrics": {<feature aggregates>},
///     "confidence_intervals": {<aggregate>: {"lower": …, "upper": …, "resamples": n}}  // {} without bootstrap
///   }],
///   "checks": [{"expression": "sex:demographic_parity_ratio>=0.8", "feature": "sex"|null,
///               "metric": "demographic_parity_ratio", "value": x|null, "passed": true, "reason": null|"…"}],
///   "warnings": ["…"],
///   "passed": true                                  // all checks passed (true when there are none)
/// }
/// ```
///
/// Classification group metrics: the ``GroupMetric`` names (`selection_rate`, `accuracy`,
/// `true_positive_rate`, `false_positive_rate`, `false_negative_rate`, `true_negative_rate`,
/// `precision`, `negative_predictive_value`, `f1_score`, `balanced_accuracy`, `base_rate`,
/// `roc_auc`, `brier_score`, `expected_calibration_error`; the last three `null` without a
/// score column) and the confusion counts `true_positives`, `false_positives`,
/// `true_negatives`, `false_negatives`. Feature aggregates: the ``FeatureMetric`` names.
/// Regression group metrics: the ``RegressionGroupMetric`` names; regression aggregates are
/// `<metric>_difference` and `<metric>_ratio` for each; regression has no confusion counts.
public struct FairnessReport: Sendable, Equatable, Codable {
    /// Data rows read.
    public var rows: Int
    /// The whole population.
    public var overall: OverallResult
    /// One entry per sensitive column, then per intersection.
    public var features: [FeatureResult]
    /// Threshold check results, in expression order (one per feature an expression applies to).
    public var checks: [CheckResult]
    /// Human-readable warnings: undefined values and why, small groups, omitted metrics.
    public var warnings: [String]
    /// True when every check passed.
    public var passed: Bool

    /// Creates a report.
    public init(rows: Int, overall: OverallResult, features: [FeatureResult], checks: [CheckResult],
                warnings: [String], passed: Bool) {
        self.rows = rows
        self.overall = overall
        self.features = features
        self.checks = checks
        self.warnings = warnings
        self.passed = passed
    }

    /// The feature named `name` (`sex`, or `sex&race` for an intersection).
    public func feature(_ name: String) -> FeatureResult? { features.first { $0.name == name } }

    /// The report as JSON, keys sorted so that equal reports give equal bytes.
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

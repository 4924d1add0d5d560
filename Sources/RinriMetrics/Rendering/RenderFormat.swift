import Foundation

/// Shared formatting for the Markdown, HTML and JUnit renderers: numbers, escaping, group
/// labels, which metric columns a table shows, and the threshold behind each check.
enum RenderFormat {
    /// The text shown for an undefined value.
    static let undefined = "—"

    /// A metric value with at most 4 decimals and no trailing zeros (`0.8123`, `0.5`, `12`);
    /// tiny non-zero values keep 4 significant digits (`1.235e-05`); nil or non-finite is `—`.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return undefined }
        if value != 0 && abs(value) < 0.00005 { return String(format: "%.4g", value) }
        if abs(value) >= 1e12 { return String(format: "%.6g", value) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The value of a check as shown next to it. When rounding to 4 decimals would make the
    /// comparison look wrong (0.79996 shown as `0.8` failing `>=0.8`), the full value is shown.
    static func checkValue(_ check: CheckResult) -> String {
        guard let value = check.value else { return undefined }
        let short = number(value)
        guard let threshold = ThresholdInfo(check), let rounded = Double(short) else { return short }
        return threshold.comparison.holds(rounded, threshold.value) == check.passed ? short : "\(value)"
    }

    /// An SVG coordinate, rounded to 0.1 (`540`, `12.5`).
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// A group's label: its values joined with ` / `; the population has an empty label.
    static func groupLabel(_ group: GroupResult, blank: String) -> String {
        group.values.map { $0.isEmpty ? blank : $0 }.joined(separator: " / ")
    }

    /// `text` cut to `limit` characters, ending in `…` when cut.
    static func truncated(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }

    /// The group metrics a summary table shows for `feature`: the classification headline
    /// metrics (ROC AUC only when some group or the population defines it) or, for regression,
    /// every regression metric the groups carry.
    static func summaryMetrics(_ feature: FeatureResult, population: GroupResult) -> [String] {
        let groups = feature.groups + [population]
        if groups.contains(where: { $0.metrics.contains(GroupMetric.selectionRate.rawValue) }) {
            var names: [GroupMetric] = [.selectionRate, .accuracy, .truePositiveRate, .falsePositiveRate, .precision]
            if groups.contains(where: { $0.metrics.value(GroupMetric.rocAuc.rawValue) != nil }) { names.append(.rocAuc) }
            return names.map(\.rawValue)
        }
        return RegressionGroupMetric.allCases.map(\.rawValue).filter { name in groups.contains { $0.metrics.contains(name) } }
    }

    /// Every metric name carried by the groups of `feature`, in first-seen order.
    static func allGroupMetrics(_ feature: FeatureResult) -> [String] {
        var names: [String] = []
        for group in feature.groups {
            for name in group.metrics.names where !names.contains(name) { names.append(name) }
        }
        return names
    }
}

/// The threshold of a check, recovered from its canonical expression.
struct ThresholdInfo: Equatable {
    /// The comparison operator.
    var comparison: ThresholdExpression.Comparison
    /// The number compared with.
    var value: Double

    /// Nil when the expression does not parse (it always does for checks made by the library).
    init?(_ check: CheckResult) {
        guard let expression = try? ThresholdExpression(parsing: check.expression) else { return nil }
        comparison = expression.comparison
        value = expression.threshold
    }

    /// `≥ 0.8`, for labels next to threshold lines.
    var label: String {
        let symbols: [ThresholdExpression.Comparison: String] = [
            .lessThan: "<", .lessThanOrEqual: "≤", .greaterThan: ">", .greaterThanOrEqual: "≥", .equal: "=", .notEqual: "≠",
        ]
        return (symbols[comparison] ?? comparison.rawValue) + " " + RenderFormat.number(value)
    }
}

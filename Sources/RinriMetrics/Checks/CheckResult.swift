/// The outcome of one threshold expression on one feature (or on the population).
///
/// JSON: `{"expression": "sex:demographic_parity_ratio>=0.8", "feature": "sex"|null,
/// "metric": "demographic_parity_ratio", "value": 0.75|null, "passed": false, "reason": "…"|null}`.
/// An undefined value (or a metric the report does not have) fails, with the reason.
public struct CheckResult: Sendable, Equatable, Codable {
    /// The expression in canonical form, qualified with the feature it was evaluated on.
    public var expression: String
    /// The feature evaluated, nil for the population indices or a metric found nowhere.
    public var feature: String?
    /// The metric name.
    public var metric: String
    /// The metric's value, nil when undefined or missing.
    public var value: Double?
    /// Whether the comparison held (false for an undefined or missing value).
    public var passed: Bool
    /// Why the check failed without a comparison (undefined or unknown metric), else nil.
    public var reason: String?

    /// Creates a result.
    public init(expression: String, feature: String?, metric: String, value: Double?, passed: Bool, reason: String?) {
        self.expression = expression
        self.feature = feature
        self.metric = metric
        self.value = value
        self.passed = passed
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case expression, feature, metric, value, passed, reason }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(expression, forKey: .expression)
        try container.encode(feature, forKey: .feature)
        try container.encode(metric, forKey: .metric)
        try container.encode(value, forKey: .value)
        try container.encode(passed, forKey: .passed)
        try container.encode(reason, forKey: .reason)
    }
}

extension FairnessReport {
    /// Evaluates expressions against this report's metrics (see ``ThresholdExpression`` for scoping).
    public func evaluate(_ expressions: [ThresholdExpression]) -> [CheckResult] {
        expressions.flatMap { evaluate($0) }
    }

    private func evaluate(_ expression: ThresholdExpression) -> [CheckResult] {
        var targets: [(feature: String?, metrics: MetricTable)] = []
        switch expression.feature {
        case "overall"?:
            targets = [(nil, overall.metrics)]
        case let name?:
            guard let feature = feature(name) else {
                return [failure(expression, feature: name, reason: "no feature named \"\(name)\" in the report")]
            }
            targets = [(name, feature.metrics)]
        case nil:
            if overall.metrics.contains(expression.metric) {
                targets = [(nil, overall.metrics)]
            } else {
                targets = features.filter { $0.metrics.contains(expression.metric) }.map { ($0.name, $0.metrics) }
            }
        }
        let found = targets.filter { $0.metrics.contains(expression.metric) }
        guard !found.isEmpty else {
            return [failure(expression, feature: expression.feature,
                            reason: "the report has no metric \"\(expression.metric)\"" + (expression.feature.map { " for \"\($0)\"" } ?? ""))]
        }
        return found.map { target in
            var qualified = expression
            qualified.feature = target.feature ?? expression.feature
            guard let value = target.metrics.value(expression.metric) else {
                return CheckResult(expression: qualified.description, feature: target.feature, metric: expression.metric,
                                   value: nil, passed: false, reason: "the value is undefined (see warnings)")
            }
            return CheckResult(expression: qualified.description, feature: target.feature, metric: expression.metric,
                               value: value, passed: expression.comparison.holds(value, expression.threshold), reason: nil)
        }
    }

    private func failure(_ expression: ThresholdExpression, feature: String?, reason: String) -> CheckResult {
        CheckResult(expression: expression.description, feature: feature, metric: expression.metric,
                    value: nil, passed: false, reason: reason)
    }

    /// Replaces ``checks`` with the results of `expressions` and sets ``passed``.
    public mutating func applyChecks(_ expressions: [ThresholdExpression]) {
        checks = evaluate(expressions)
        passed = checks.allSatisfy(\.passed)
    }
}

/// The result of ``DataProfile/run(source:sensitive:label:positiveLabel:epsilon:seed:)``.
///
/// JSON (snake_case, undefined or suppressed values are `null`):
/// ```
/// {"rows": 1000,
///  "columns": [{"name": "age", "type": "integer"|null, "count": 990, "missing": 10,
///               "distinct": 57|null, "distinct_is_estimate": false,
///               "numeric": {"min": …, "max": …, "mean": …, "std": …,
///                           "quantiles": {"p01": …, "p05": …, "p25": …, "p50": …, "p75": …, "p95": …, "p99": …}} | null,
///               "top_categories": [{"value": "F", "count": 510}] | null}],
///  "sensitive": [{"column": "sex", "groups": [{"value": "F", "count": 510, "share": 0.51,
///                 "positives": 200|null, "negatives": 310|null, "positive_rate": 0.39|null}]}],
///  "privacy": null | {"epsilon": 1, "mechanism": "two-sided geometric", "queries": 9,
///                     "epsilon_per_query": 0.111, "delta": 1e-06, "threshold": 120, "suppressed": [...]},
///  "warnings": [...]}
/// ```
public struct DataProfileReport: Sendable, Equatable, Codable {
    /// Data rows read (noisy under differential privacy).
    public var rows: Int
    /// One profile per column, in table order.
    public var columns: [ColumnProfile]
    /// One entry per requested sensitive column.
    public var sensitive: [SensitiveProfile]
    /// How differential privacy was applied, nil without an epsilon.
    public var privacy: PrivacyStatement?
    /// Human-readable warnings.
    public var warnings: [String]

    private enum CodingKeys: String, CodingKey { case rows, columns, sensitive, privacy, warnings }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(sensitive, forKey: .sensitive)
        try container.encode(privacy, forKey: .privacy)
        try container.encode(warnings, forKey: .warnings)
    }
}

/// The profile of one column.
public struct ColumnProfile: Sendable, Equatable, Codable {
    /// The column name.
    public var name: String
    /// `empty`, `integer`, `number`, `boolean` or `string` (nil under differential privacy).
    public var type: String?
    /// Non-missing values (missing = empty field or JSON null).
    public var count: Int
    /// Missing values.
    public var missing: Int
    /// Distinct non-missing values: exact up to 10,000, else a HyperLogLog estimate (±0.81% s.e.).
    public var distinct: Int?
    /// Whether ``distinct`` is a HyperLogLog estimate.
    public var distinctIsEstimate: Bool
    /// Summary of the values that parse as numbers, nil when none do.
    public var numeric: NumericProfile?
    /// Up to 10 most frequent values (count descending, then value), nil when not counted exactly.
    public var topCategories: [CategoryCount]?

    private enum CodingKeys: String, CodingKey {
        case name, type, count, missing, distinct, numeric
        case distinctIsEstimate = "distinct_is_estimate"
        case topCategories = "top_categories"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(count, forKey: .count)
        try container.encode(missing, forKey: .missing)
        try container.encode(distinct, forKey: .distinct)
        try container.encode(distinctIsEstimate, forKey: .distinctIsEstimate)
        try container.encode(numeric, forKey: .numeric)
        try container.encode(topCategories, forKey: .topCategories)
    }
}

/// Summary of the values of a column that parse as numbers.
public struct NumericProfile: Sendable, Equatable, Codable {
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double
    /// Arithmetic mean.
    public var mean: Double
    /// Sample standard deviation (n − 1), nil for a single value.
    public var std: Double?
    /// p01 … p99 from a relative-error sketch: within 0.5% of the value at that rank.
    public var quantiles: MetricTable

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(min, forKey: .min)
        try container.encode(max, forKey: .max)
        try container.encode(mean, forKey: .mean)
        try container.encode(std, forKey: .std)
        try container.encode(quantiles, forKey: .quantiles)
    }

    private enum CodingKeys: String, CodingKey { case min, max, mean, std, quantiles }
}

/// A value and how often it occurs (noisy under differential privacy).
public struct CategoryCount: Sendable, Equatable, Codable {
    public var value: String
    public var count: Int
}

/// Representation of each value of a sensitive column, and label balance within it.
public struct SensitiveProfile: Sendable, Equatable, Codable {
    /// The sensitive column.
    public var column: String
    /// Its groups, sorted by value.
    public var groups: [GroupBalanceProfile]
}

/// One sensitive group: its size, share of all rows and label balance.
public struct GroupBalanceProfile: Sendable, Equatable, Codable {
    public var value: String
    public var count: Int
    /// count / rows.
    public var share: Double?
    /// Rows with the positive (negative) label; nil without a label column.
    public var positives: Int?
    public var negatives: Int?
    /// positives / (positives + negatives), nil when undefined.
    public var positiveRate: Double?

    private enum CodingKeys: String, CodingKey {
        case value, count, share, positives, negatives
        case positiveRate = "positive_rate"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(count, forKey: .count)
        try container.encode(share, forKey: .share)
        try container.encode(positives, forKey: .positives)
        try container.encode(negatives, forKey: .negatives)
        try container.encode(positiveRate, forKey: .positiveRate)
    }
}

/// How the privacy budget was spent.
public struct PrivacyStatement: Sendable, Equatable, Codable {
    /// The total privacy budget.
    public var epsilon: Double
    /// The noise mechanism.
    public var mechanism: String
    /// Released count queries (each a count or a histogram of disjoint counts, sensitivity 1).
    public var queries: Int
    /// ε / queries, by sequential composition.
    public var epsilonPerQuery: Double
    /// Probability bound for showing a category of true count 1 (value thresholding).
    public var delta: Double
    /// Categories and groups whose noisy count is below this are not shown.
    public var threshold: Int
    /// Statistics left out because they are not noisy counts.
    public var suppressed: [String]

    private enum CodingKeys: String, CodingKey {
        case epsilon, mechanism, queries, delta, threshold, suppressed
        case epsilonPerQuery = "epsilon_per_query"
    }
}

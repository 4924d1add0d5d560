/// The metrics of one group of a feature (or of the whole population).
///
/// JSON: `{"values": [...], "count": n, <metric>: number|null, …,
/// "true_positives": n, "false_positives": n, "true_negatives": n, "false_negatives": n}` —
/// metrics are flattened into the object; the four counts appear for classification only.
public struct GroupResult: Sendable, Equatable, Codable {
    /// The group's values of the feature's columns, in column order (empty for the population).
    public var values: [String]
    /// Rows in the group.
    public var count: Int
    /// Per-group metrics (see ``GroupMetric`` and ``RegressionGroupMetric`` for the names).
    public var metrics: MetricTable
    /// Confusion-matrix counts (classification only), for cross-checking.
    public var confusion: ConfusionCounts?

    /// Creates a group result.
    public init(values: [String], count: Int, metrics: MetricTable, confusion: ConfusionCounts?) {
        self.values = values
        self.count = count
        self.metrics = metrics
        self.confusion = confusion
    }

    static let countKeys = ["true_positives", "false_positives", "true_negatives", "false_negatives"]

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(values, forKey: DynamicKey("values"))
        try encodeBody(into: &container)
    }

    /// Everything except `values` (shared with the population object).
    func encodeBody(into container: inout KeyedEncodingContainer<DynamicKey>) throws {
        try container.encode(count, forKey: DynamicKey("count"))
        try metrics.encodeEntries(into: &container)
        if let confusion {
            let counts = [confusion.truePositives, confusion.falsePositives, confusion.trueNegatives, confusion.falseNegatives]
            for (key, value) in zip(Self.countKeys, counts) { try container.encode(value, forKey: DynamicKey(key)) }
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        try self.init(container: container, extraKeys: [])
        values = try container.decode([String].self, forKey: DynamicKey("values"))
    }

    /// Reads the body; `extraKeys` are keys of the enclosing object that are not metrics.
    init(container: KeyedDecodingContainer<DynamicKey>, extraKeys: Set<String>) throws {
        values = []
        count = try container.decode(Int.self, forKey: DynamicKey("count"))
        let skipped = extraKeys.union(Self.countKeys).union(["values", "count"])
        metrics = try MetricTable(from: container, skipping: skipped)
        if container.contains(DynamicKey(Self.countKeys[0])) {
            let counts = try Self.countKeys.map { try container.decode(Int.self, forKey: DynamicKey($0)) }
            confusion = ConfusionCounts(truePositives: counts[0], falsePositives: counts[1],
                                        trueNegatives: counts[2], falseNegatives: counts[3])
        } else {
            confusion = nil
        }
    }
}

/// One feature: a sensitive column or an intersection of several.
///
/// JSON: `{"name": "sex&race", "columns": ["sex", "race"], "groups": [...],
/// "metrics": {...}, "confidence_intervals": {...}}`.
public struct FeatureResult: Sendable, Equatable, Codable {
    /// The column names joined with `&`.
    public var name: String
    /// The sensitive columns of the feature, in order.
    public var columns: [String]
    /// The occurring value combinations, sorted by value.
    public var groups: [GroupResult]
    /// Aggregates over the groups (see ``FeatureMetric``).
    public var metrics: MetricTable
    /// Bootstrap intervals for the aggregates (empty without bootstrap).
    public var confidenceIntervals: IntervalTable

    /// Creates a feature result.
    public init(name: String, columns: [String], groups: [GroupResult], metrics: MetricTable,
                confidenceIntervals: IntervalTable) {
        self.name = name
        self.columns = columns
        self.groups = groups
        self.metrics = metrics
        self.confidenceIntervals = confidenceIntervals
    }

    private enum CodingKeys: String, CodingKey {
        case name, columns, groups, metrics
        case confidenceIntervals = "confidence_intervals"
    }
}

/// The whole population: its metrics (as for a group) plus the population-level indices.
///
/// JSON: `{"count": n, <metric>: …, <counts>, "metrics": {"theil_index": …,
/// "generalized_entropy_index": …}, "confidence_intervals": {...}}`.
public struct OverallResult: Sendable, Equatable, Codable {
    /// The population as one group (with empty `values`).
    public var population: GroupResult
    /// Population-level indices: `generalized_entropy_index`, `theil_index` (classification).
    public var metrics: MetricTable
    /// Bootstrap intervals for those indices.
    public var confidenceIntervals: IntervalTable

    /// Creates the population result.
    public init(population: GroupResult, metrics: MetricTable, confidenceIntervals: IntervalTable) {
        self.population = population
        self.metrics = metrics
        self.confidenceIntervals = confidenceIntervals
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try population.encodeBody(into: &container)
        try container.encode(metrics, forKey: DynamicKey("metrics"))
        try container.encode(confidenceIntervals, forKey: DynamicKey("confidence_intervals"))
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        population = try GroupResult(container: container, extraKeys: ["metrics", "confidence_intervals"])
        metrics = try container.decode(MetricTable.self, forKey: DynamicKey("metrics"))
        confidenceIntervals = try container.decode(IntervalTable.self, forKey: DynamicKey("confidence_intervals"))
    }
}

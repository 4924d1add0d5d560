import Foundation

/// Turns merged profile totals into a report, exactly or with differential privacy.
struct ProfileBuilder {
    private static let quantileLevels: [(String, Double)] = [
        ("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99),
    ]
    static let delta = 1e-6

    private let totals: ProfileTotals
    private let names: [String]
    private let sensitive: [String]
    private let hasLabel: Bool
    private var rows: Int
    private var columns: [ColumnProfile]
    private var groups: [SensitiveProfile]
    private var privacy: PrivacyStatement?
    private var warnings: [String] = []

    init(totals: ProfileTotals, columns names: [String], sensitive: [String], hasLabel: Bool) {
        self.totals = totals
        self.names = names
        self.sensitive = sensitive
        self.hasLabel = hasLabel
        rows = totals.rows
        columns = []
        groups = []
        columns = names.indices.map { exactColumn($0) }
        groups = sensitive.indices.map { exactGroups($0) }
        if hasLabel, let table = totals.groups.first {
            let unlabelled = table.values.reduce(0) { $0 + $1.rows - $1.positives - $1.negatives }
            if unlabelled > 0 {
                warnings.append("\(unlabelled) rows have a label that is neither the positive nor the negative value; they count in group sizes only")
            }
        }
    }

    private mutating func exactColumn(_ index: Int) -> ColumnProfile {
        let column = totals.columns[index]
        let exact = column.exactCounts
        if exact == nil {
            warnings.append("column \"\(names[index])\": more than \(ColumnAccumulator.exactCap) distinct values; distinct is an estimate and top categories are omitted")
        }
        var numeric: NumericProfile?
        if column.numeric.count > 0 {
            let quantiles = MetricTable(Self.quantileLevels.map { ($0.0, column.sketch.quantile($0.1)) })
            numeric = NumericProfile(min: column.numeric.minimum, max: column.numeric.maximum, mean: column.numeric.mean,
                                     std: column.numeric.standardDeviation, quantiles: quantiles)
        }
        return ColumnProfile(name: names[index], type: column.inferredType, count: column.present, missing: column.missing,
                             distinct: exact.map(\.count) ?? Int(column.distinctEstimate.estimate.rounded()),
                             distinctIsEstimate: exact == nil, numeric: numeric,
                             topCategories: exact.map { Self.top($0) })
    }

    private static func top(_ counts: [String: Int], threshold: Int = 0) -> [CategoryCount] {
        counts.filter { $0.value >= threshold }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(10).map { CategoryCount(value: $0.key, count: $0.value) }
    }

    private func exactGroups(_ index: Int) -> SensitiveProfile {
        let table = totals.groups[index]
        let groups = table.keys.sorted().map { value in
            let entry = table[value]!
            return balance(value: value, rows: entry.rows, positives: entry.positives, negatives: entry.negatives)
        }
        return SensitiveProfile(column: sensitive[index], groups: groups)
    }

    private func balance(value: String, rows groupRows: Int, positives: Int, negatives: Int) -> GroupBalanceProfile {
        let labelled = positives + negatives
        return GroupBalanceProfile(value: value, count: groupRows, share: rows > 0 ? Double(groupRows) / Double(rows) : nil,
                                   positives: hasLabel ? positives : nil, negatives: hasLabel ? negatives : nil,
                                   positiveRate: hasLabel && labelled > 0 ? Double(positives) / Double(labelled) : nil)
    }

    /// Replaces every count by a noisy one and suppresses what is not a count.
    mutating func privatize(epsilon: Double, noise: inout GeometricNoise) {
        let queries = 1 + 2 * names.count + sensitive.count
        let share = epsilon / Double(queries)
        let threshold = GeometricNoise.threshold(epsilon: share, delta: Self.delta)
        rows = max(0, noise.noisy(totals.rows, epsilon: share))
        for index in columns.indices {
            let column = totals.columns[index]
            columns[index].count = max(0, noise.noisy(column.present, epsilon: share))
            columns[index].missing = max(0, noise.noisy(column.missing, epsilon: share))
            columns[index].type = nil
            columns[index].distinct = nil
            columns[index].numeric = nil
            columns[index].topCategories = column.exactCounts.map { counts in
                Self.top(counts.mapValues { max(0, noise.noisy($0, epsilon: share)) }, threshold: threshold)
            }
        }
        for index in groups.indices {
            var noisyGroups: [GroupBalanceProfile] = []
            for (value, entry) in totals.groups[index].sorted(by: { $0.key < $1.key }) {
                let positives = max(0, noise.noisy(entry.positives, epsilon: share))
                let negatives = max(0, noise.noisy(entry.negatives, epsilon: share))
                let other = max(0, noise.noisy(entry.rows - entry.positives - entry.negatives, epsilon: share))
                let total = positives + negatives + other
                if total >= threshold { noisyGroups.append(balance(value: value, rows: total, positives: positives, negatives: negatives)) }
            }
            groups[index].groups = noisyGroups
        }
        privacy = PrivacyStatement(epsilon: epsilon, mechanism: "two-sided geometric", queries: queries,
                                   epsilonPerQuery: share, delta: Self.delta, threshold: threshold,
                                   suppressed: ["type", "distinct", "numeric"])
        warnings = warnings.filter { !$0.contains("distinct values") }
    }

    func report() -> DataProfileReport {
        DataProfileReport(rows: rows, columns: columns, sensitive: groups, privacy: privacy, warnings: warnings)
    }
}

import Foundation

/// Profiles every column of a table in one streaming pass, optionally with differential privacy.
///
/// Per column: inferred type, missing values, distinct values (exact up to 10,000, then a
/// HyperLogLog estimate with 0.81% relative standard error), for numbers min/max/mean/sample
/// standard deviation (Welford) and quantiles p01…p99 from a relative-error sketch (each within
/// 0.5% of the value at its rank), and the 10 most frequent values. Per sensitive column: each
/// group's size and share, and the label balance within it.
///
/// With `epsilon`, only noisy counts are released, using the two-sided geometric mechanism.
/// The budget is split evenly (sequential composition) over 1 + 2·columns + sensitive columns
/// queries, each of sensitivity 1: the row count; per column the {present, missing} histogram
/// and the value histogram; per sensitive column the (group × label) histogram. Values and
/// groups are shown only when their noisy count reaches a threshold that keeps a single row's
/// value hidden except with probability δ = 10⁻⁶, so the release is (ε, δ)-differentially
/// private. Types, distinct counts and numeric summaries are suppressed. `seed` makes the noise
/// reproducible (for tests); leave it nil in production so the noise is unpredictable.
public enum DataProfile {
    /// Reads `source` and profiles it.
    ///
    /// - Throws: ``TableError`` for unreadable or malformed input or an unknown column;
    ///   ``FairnessSpecError`` for an invalid label declaration or epsilon.
    public static func run(source: TableSource, sensitive: [String] = [], label: String? = nil,
                           positiveLabel: String = "1", negativeLabel: String? = nil,
                           epsilon: Double? = nil, seed: UInt64? = nil) throws -> DataProfileReport {
        if let epsilon, !(epsilon > 0 && epsilon.isFinite) { throw FairnessSpecError("epsilon must be a positive number") }
        let labels = try label.map { _ throws(FairnessSpecError) in try LabelValues(positive: positiveLabel, negative: negativeLabel) }
        let scan = try TableScan.run(source: source, columns: nil) { columns throws(TableError) in
            func slot(_ name: String) throws(TableError) -> Int {
                guard let index = columns.firstIndex(of: name) else {
                    throw TableError(file: source.displayName, line: 1, column: name, message: "unknown column")
                }
                return index
            }
            var sensitiveSlots: [Int] = []
            for name in sensitive { sensitiveSlots.append(try slot(name)) }
            return ProfileSink(columnCount: columns.count, sensitiveSlots: sensitiveSlots,
                               labelSlot: try label.map { name throws(TableError) in try slot(name) }, labels: labels)
        }
        var builder = ProfileBuilder(totals: ProfileTotals(sinks: scan.sinks), columns: scan.columns,
                                     sensitive: sensitive, hasLabel: label != nil)
        if let epsilon {
            var noise = GeometricNoise(seed: seed ?? UInt64.random(in: .min ... .max))
            builder.privatize(epsilon: epsilon, noise: &noise)
        }
        return builder.report()
    }
}

/// The per-worker sinks added up in worker order.
struct ProfileTotals {
    var rows: Int
    var columns: [ColumnAccumulator]
    /// Per sensitive column: value → (rows, positives, negatives).
    var groups: [[String: (rows: Int, positives: Int, negatives: Int)]]

    init(sinks: [ProfileSink]) {
        rows = sinks.reduce(0) { $0 + $1.rows }
        columns = sinks.first?.columns ?? []
        groups = sinks.first?.groups.map(\.table) ?? []
        for sink in sinks.dropFirst() {
            for index in columns.indices { columns[index].merge(sink.columns[index]) }
            for index in groups.indices {
                groups[index].merge(sink.groups[index].table) { ($0.rows + $1.rows, $0.positives + $1.positives, $0.negatives + $1.negatives) }
            }
        }
    }
}

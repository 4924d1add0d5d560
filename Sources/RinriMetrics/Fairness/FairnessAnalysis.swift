/// The entry point: measures group fairness of a table of labels and predictions.
///
/// ```swift
/// let spec = FairnessSpec(labelColumn: "y", predictionColumn: "y_hat", sensitiveColumns: ["sex", "race"],
///                         intersections: [["sex", "race"]],
///                         checks: [try ThresholdExpression(parsing: "demographic_parity_ratio>=0.8")])
/// let report = try FairnessAnalysis.run(source: .file("data.csv"), spec: spec)
/// let json = try report.jsonData()
/// ```
///
/// The table is streamed once: memory depends on the number of distinct groups (and, with a
/// score column, on the histogram resolution), not on the number of rows. Errors in the data
/// are thrown as ``TableError`` (file, line, column), problems with the spec as
/// ``FairnessSpecError``.
public enum FairnessAnalysis {
    /// Reads `source` and computes the report described by `spec`, including its checks.
    ///
    /// - Throws: ``FairnessSpecError`` before reading when the spec is inconsistent;
    ///   ``TableError`` for unreadable, empty or malformed input, or a table without data rows.
    public static func run(source: TableSource, spec: FairnessSpec) throws -> FairnessReport {
        try spec.validate()
        let columns = RequestedColumns(spec: spec)
        var report: FairnessReport
        switch spec.task {
        case .classification:
            let labels = try LabelValues(positive: spec.positiveLabel, negative: spec.negativeLabel)
            report = try ClassificationAnalysis.run(source: source, spec: spec, labels: labels, columns: columns)
        case .regression:
            report = try RegressionAnalysis.run(source: source, spec: spec, columns: columns)
        }
        report.applyChecks(spec.checks)
        return report
    }
}

/// The distinct columns an analysis reads, in slot order.
struct RequestedColumns {
    private(set) var names: [String] = []

    init(spec: FairnessSpec) {
        var wanted = [spec.labelColumn, spec.predictionColumn]
        if spec.task == .classification, let score = spec.scoreColumn { wanted.append(score) }
        for name in wanted + spec.groupingColumns where !names.contains(name) { names.append(name) }
    }

    /// The slot of a column (it must be one of `names`).
    func slot(_ name: String) -> Int { names.firstIndex(of: name)! }
}

/// The error for a table whose header (or file) holds no data rows.
func noDataRows(_ source: TableSource) -> TableError {
    TableError(file: source.displayName, line: 0, message: "the table has no data rows")
}

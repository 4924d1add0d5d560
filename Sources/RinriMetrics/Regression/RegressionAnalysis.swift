/// The regression analysis: per-group count, mean prediction, mean label, MAE, RMSE, R²,
/// and per feature their `_difference` (max − min) and `_ratio` (min / max) over groups.
///
/// A group whose value is undefined (R² with constant labels) is left out of that metric's
/// aggregates, with a warning. A ratio is `nil` when the largest value is 0 (0/0) or when some
/// value is negative (a ratio of signed quantities is not a disparity measure).
/// With a bootstrap, every aggregate gets a percentile interval from a row-level Poisson
/// bootstrap (see ``RegressionSink``): each replicate's groups are formed from its cells and
/// aggregated the same way.
enum RegressionAnalysis {
    static func run(source: TableSource, spec: FairnessSpec, columns: RequestedColumns) throws(TableError) -> FairnessReport {
        let sinks = try TableScan.run(source: source, columns: columns.names) {
            RegressionSink(labelSlot: columns.slot(spec.labelColumn), predictionSlot: columns.slot(spec.predictionColumn),
                           groupingSlots: spec.groupingColumns.map { columns.slot($0) }, bootstrap: spec.bootstrap)
        }
        let rows = sinks.reduce(0) { $0 + $1.rows }
        guard rows > 0 else { throw noDataRows(source) }
        let merged = CellMerge.merge(sinks.map { $0.cells() })
        var report = assemble(rows: rows, cells: merged.map { Cell(values: $0.values, stats: $0.stats.stats) }, spec: spec)
        if let bootstrap = spec.bootstrap, bootstrap.resamples > 0 {
            let tables = intervals(cells: merged, spec: spec, settings: bootstrap)
            for index in report.features.indices { report.features[index].confidenceIntervals = tables[index] }
        }
        return report
    }

    /// Percentile intervals for every feature aggregate, one table per feature. Each feature's
    /// groups, and the group of every cell, are found once; a replicate only adds up its cells.
    static func intervals(cells: [Cell<RegressionCellStats>], spec: FairnessSpec,
                          settings: FairnessSpec.Bootstrap) -> [IntervalTable] {
        let features = spec.features.map { columns in
            let positions = groupingPositions(columns, spec: spec)
            let groups = CellMerge.groups(of: cells, positions: positions)
            return (groups: groups, groupOfCell: CellMerge.groupIndex(of: cells, positions: positions, groups: groups))
        }
        var samples = spec.features.map { _ in BootstrapSamples() }
        var ignored = WarningLog()
        for replicate in 0..<settings.resamples {
            for (index, feature) in features.enumerated() {
                var sums = [RegressionStats](repeating: RegressionStats(), count: feature.groups.count)
                for (cell, group) in feature.groupOfCell.enumerated() { sums[group].add(cells[cell].stats.replicates[replicate]) }
                let groups = zip(feature.groups, sums).map {
                    GroupResult(values: $0.values, count: $1.count, metrics: $1.metrics, confusion: nil)
                }
                let metrics = aggregates(groups, feature: "", warnings: &ignored)
                samples[index].record(metrics.map { ($0.name, $0.value) })
            }
        }
        return samples.map { $0.intervals(level: settings.confidenceLevel) }
    }

    /// Where a feature's columns are among the grouping columns (the positions in a cell's values).
    private static func groupingPositions(_ columns: [String], spec: FairnessSpec) -> [Int] {
        columns.map { spec.groupingColumns.firstIndex(of: $0)! }
    }

    static func assemble(rows: Int, cells: [Cell<RegressionStats>], spec: FairnessSpec) -> FairnessReport {
        var warnings = WarningLog()
        let total = cells.reduce(into: RegressionStats()) { $0.add($1.stats) }
        let population = group(values: [], stats: total, label: "the population", spec: spec, warnings: &warnings)
        let features = spec.features.map { columns -> FeatureResult in
            let name = columns.joined(separator: "&")
            let groups = CellMerge.groups(of: cells, positions: groupingPositions(columns, spec: spec)).map {
                group(values: $0.values, stats: $0.stats,
                      label: "feature \"\(name)\", group \(ClassificationAnalysis.describe(columns, $0.values))",
                      spec: spec, warnings: &warnings)
            }
            return FeatureResult(name: name, columns: columns, groups: groups,
                                 metrics: aggregates(groups, feature: name, warnings: &warnings),
                                 confidenceIntervals: IntervalTable())
        }
        return FairnessReport(rows: rows,
                              overall: OverallResult(population: population, metrics: MetricTable(),
                                                     confidenceIntervals: IntervalTable()),
                              features: features, checks: [], warnings: warnings.lines, passed: true)
    }

    private static func group(values: [String], stats: RegressionStats, label: String, spec: FairnessSpec,
                              warnings: inout WarningLog) -> GroupResult {
        if !values.isEmpty && stats.count < spec.minimumGroupSize {
            warnings.add("\(label): only \(stats.count) rows (fewer than the minimum group size \(spec.minimumGroupSize)); its metrics are unreliable")
        }
        if stats.labelSquares == 0 {
            warnings.add("\(label): r2_score undefined (all labels are equal, so the total sum of squares is 0)"
                         + (values.isEmpty ? "" : "; the group is left out of r2_score_difference and r2_score_ratio"))
        }
        return GroupResult(values: values, count: stats.count, metrics: stats.metrics, confusion: nil)
    }

    private static func aggregates(_ groups: [GroupResult], feature: String, warnings: inout WarningLog) -> MetricTable {
        var table = MetricTable()
        for metric in RegressionGroupMetric.allCases {
            let values = groups.compactMap { $0.metrics.value(metric.rawValue) }
            table.set(metric.differenceName, values.isEmpty ? nil : values.max()! - values.min()!)
            var ratio: Double?
            if let low = values.min(), let high = values.max() {
                if low < 0 {
                    warnings.add("feature \"\(feature)\": \(metric.ratioName) undefined (some group's \(metric.rawValue) is negative)")
                } else if high == 0 {
                    warnings.add("feature \"\(feature)\": \(metric.ratioName) undefined (every group's \(metric.rawValue) is 0, 0/0)")
                } else {
                    ratio = low / high
                }
            } else {
                warnings.add("feature \"\(feature)\": \(metric.differenceName) and \(metric.ratioName) undefined (no group has a defined \(metric.rawValue))")
            }
            table.set(metric.ratioName, ratio)
        }
        return table
    }
}

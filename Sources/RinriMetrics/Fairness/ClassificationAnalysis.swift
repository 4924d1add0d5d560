/// The classification analysis: scan, merge cells, compute groups, aggregates and intervals.
enum ClassificationAnalysis {
    /// Runs the analysis and returns the report without checks.
    static func run(source: TableSource, spec: FairnessSpec, labels: LabelValues,
                    columns: RequestedColumns) throws(TableError) -> FairnessReport {
        let slots = ClassificationSink.Slots(label: columns.slot(spec.labelColumn),
                                             prediction: columns.slot(spec.predictionColumn),
                                             score: spec.scoreColumn.map { columns.slot($0) },
                                             grouping: spec.groupingColumns.map { columns.slot($0) })
        let sinks = try TableScan.run(source: source, columns: columns.names) {
            ClassificationSink(labels: labels, slots: slots, calibrationBins: spec.calibrationBins, rocBins: spec.rocBins)
        }
        let rows = sinks.reduce(0) { $0 + $1.rows }
        guard rows > 0 else { throw noDataRows(source) }
        let cells = CellMerge.merge(sinks.map { $0.cells() })
        return assemble(rows: rows, cells: cells, spec: spec)
    }

    /// Builds the report from merged cells (exposed for tests that start from counts).
    static func assemble(rows: Int, cells: [Cell<ClassificationStats>], spec: FairnessSpec) -> FairnessReport {
        var warnings = WarningLog()
        let cellCounts = cells.map(\.stats.counts)
        let total = cellCounts.reduce(ConfusionCounts(), +)
        let aggregator = ClassificationAggregator(cells: cells, spec: spec)
        var intervals: (features: [IntervalTable], population: IntervalTable)?
        if let bootstrap = spec.bootstrap, bootstrap.resamples > 0 {
            intervals = ClassificationBootstrap.intervals(cells: cellCounts, aggregator: aggregator, settings: bootstrap)
        }

        let populationStats = cells.map(\.stats).reduce(into: ClassificationStats?.none) { sum, stats in
            if sum == nil { sum = stats } else { sum!.add(stats) }
        }
        let population = groupResult(values: [], stats: populationStats!, label: "the population", spec: spec, warnings: &warnings)
        var notes: [String]? = []
        let populationMetrics = MetricTable(aggregator.populationMetrics(total: total, notes: &notes))
        warnings.add(notes!.map { "population: " + $0 })
        let overall = OverallResult(population: population, metrics: populationMetrics,
                                    confidenceIntervals: intervals?.population ?? IntervalTable())

        var features: [FeatureResult] = []
        for (index, plan) in aggregator.plans.enumerated() {
            let positions = plan.columns.map { spec.groupingColumns.firstIndex(of: $0)! }
            let groups = CellMerge.groups(of: cells, positions: positions).map { group in
                groupResult(values: group.values, stats: group.stats,
                            label: "feature \"\(plan.name)\", group \(describe(plan.columns, group.values))",
                            spec: spec, warnings: &warnings)
            }
            var notes: [String]? = []
            let metrics = MetricTable(aggregator.featureMetrics(plan, cellCounts: cellCounts, total: total, notes: &notes))
            warnings.add(notes!.map { "feature \"\(plan.name)\": " + $0 })
            if plan.isReference && plan.privilegedGroup == nil, let reference = spec.reference {
                warnings.add("feature \"\(plan.name)\": the reference value \"\(reference.value)\" does not occur")
            }
            let table = intervals?.features[index] ?? IntervalTable()
            warnings.add(BootstrapWarnings.undefinedReplicates(table, spec: spec, scope: "feature \"\(plan.name)\""))
            features.append(FeatureResult(name: plan.name, columns: plan.columns, groups: groups,
                                          metrics: metrics, confidenceIntervals: table))
        }
        if let population = intervals?.population {
            warnings.add(BootstrapWarnings.undefinedReplicates(population, spec: spec, scope: "population"))
        }
        if spec.reference == nil {
            warnings.add("no reference group given: disparate_impact, statistical_parity_difference, "
                         + "average_odds_difference and between_group_generalized_entropy_index are omitted")
        }
        return FairnessReport(rows: rows, overall: overall, features: features, checks: [],
                              warnings: warnings.lines, passed: true)
    }

    /// One group's result, with warnings for its undefined metrics and its size.
    private static func groupResult(values: [String], stats: ClassificationStats, label: String,
                                    spec: FairnessSpec, warnings: inout WarningLog) -> GroupResult {
        let counts = stats.counts
        let isGroup = !values.isEmpty
        if isGroup && counts.count < spec.minimumGroupSize {
            warnings.add("\(label): only \(counts.count) rows (fewer than the minimum group size \(spec.minimumGroupSize)); its metrics are unreliable")
        }
        for (metrics, reason) in ClassificationMetrics.undefinedReasons(counts, hasScores: stats.scores != nil) {
            var line = "\(label): \(metrics.joined(separator: ", ")) undefined (\(reason))"
            if isGroup && reason == "no positive labels" {
                line += "; the group is left out of equal_opportunity_difference, equal_opportunity_ratio, "
                    + "equalized_odds_difference and equalized_odds_ratio"
            } else if isGroup && reason == "no negative labels" {
                line += "; the group is left out of the false positive rate part of equalized_odds_difference and equalized_odds_ratio"
            }
            warnings.add(line)
        }
        if let scores = stats.scores, let auc = ClassificationMetrics.rocAuc(scores), auc.errorBound > 0.001 {
            warnings.add("\(label): roc_auc is approximate (histogram of \(spec.rocBins) bins; error at most \(auc.errorBound))")
        }
        return GroupResult(values: values, count: counts.count,
                           metrics: ClassificationMetrics.metrics(counts, scores: stats.scores), confusion: counts)
    }

    /// `sex="F", race="B"`.
    static func describe(_ columns: [String], _ values: [String]) -> String {
        zip(columns, values).map { "\($0)=\"\($1)\"" }.joined(separator: ", ")
    }
}

/// Warnings in order of first appearance, without duplicates.
struct WarningLog {
    private(set) var lines: [String] = []
    private var seen: Set<String> = []

    mutating func add(_ line: String) {
        if seen.insert(line).inserted { lines.append(line) }
    }

    mutating func add(_ newLines: [String]) { newLines.forEach { add($0) } }
}

/// Warnings about replicates in which an aggregate was undefined.
enum BootstrapWarnings {
    static func undefinedReplicates(_ table: IntervalTable, spec: FairnessSpec, scope: String) -> [String] {
        guard let resamples = spec.bootstrap?.resamples else { return [] }
        return table.entries.compactMap { entry in
            entry.value.resamples == resamples ? nil
                : "\(scope): \(entry.name) was undefined in \(resamples - entry.value.resamples) of \(resamples) bootstrap replicates; its interval uses the others"
        }
    }
}

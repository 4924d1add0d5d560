/// Computes every classification aggregate from per-cell confusion counts.
///
/// The same code serves the point estimates and each bootstrap replicate: a replicate only
/// changes the cell counts, so the group structure is prepared once.
struct ClassificationAggregator: Sendable {
    /// One feature's grouping of the cells.
    struct FeaturePlan: Sendable {
        var name: String
        var columns: [String]
        /// The feature's groups (values only; statistics come from the cell counts).
        var groupValues: [[String]]
        /// The group of each cell.
        var groupOfCell: [Int]
        /// Whether this is the reference column's feature (AIF360 metrics apply).
        var isReference: Bool
        /// The privileged group's index, when the reference value occurs.
        var privilegedGroup: Int?
    }

    let plans: [FeaturePlan]
    let spec: FairnessSpec

    init(cells: [Cell<ClassificationStats>], spec: FairnessSpec) {
        self.spec = spec
        let grouping = spec.groupingColumns
        plans = spec.features.map { columns in
            let positions = columns.map { grouping.firstIndex(of: $0)! }
            let groups = CellMerge.groups(of: cells, positions: positions)
            let isReference = spec.reference.map { columns == [$0.column] } ?? false
            return FeaturePlan(name: columns.joined(separator: "&"), columns: columns,
                               groupValues: groups.map(\.values),
                               groupOfCell: CellMerge.groupIndex(of: cells, positions: positions, groups: groups),
                               isReference: isReference,
                               privilegedGroup: isReference ? groups.firstIndex { $0.values == [spec.reference!.value] } : nil)
        }
    }

    /// Adds cell counts up into each group of `plan`.
    func groupCounts(_ plan: FeaturePlan, cellCounts: [ConfusionCounts]) -> [ConfusionCounts] {
        var groups = [ConfusionCounts](repeating: ConfusionCounts(), count: plan.groupValues.count)
        for (cell, counts) in cellCounts.enumerated() {
            groups[plan.groupOfCell[cell]] = groups[plan.groupOfCell[cell]] + counts
        }
        return groups
    }

    /// The aggregates of one feature, in report order; `notes` receives reasons for `nil`s.
    func featureMetrics(_ plan: FeaturePlan, cellCounts: [ConfusionCounts], total: ConfusionCounts,
                        notes: inout [String]?) -> [(String, Double?)] {
        let groups = groupCounts(plan, cellCounts: cellCounts)
        var results = FairlearnAggregates.compute(groups: groups, overall: total, method: spec.method, notes: &notes)
        let between = EntropyIndices.betweenGroups(groups, alpha: spec.alpha)
        if between == nil { notes?.append("between_all_groups_generalized_entropy_index is undefined: the mean benefit is 0 or alpha ≤ 0 with a zero benefit") }
        results.append((FeatureMetric.betweenAllGroupsGeneralizedEntropyIndex.rawValue, between))
        if plan.isReference {
            let privileged = plan.privilegedGroup.map { groups[$0] } ?? ConfusionCounts()
            let unprivileged = ConfusionCounts(
                truePositives: total.truePositives - privileged.truePositives,
                falsePositives: total.falsePositives - privileged.falsePositives,
                trueNegatives: total.trueNegatives - privileged.trueNegatives,
                falseNegatives: total.falseNegatives - privileged.falseNegatives)
            results += ReferenceMetrics.compute(privileged: privileged, unprivileged: unprivileged,
                                                alpha: spec.alpha, notes: &notes)
        }
        return results
    }

    /// The population-level indices, in report order.
    func populationMetrics(total: ConfusionCounts, notes: inout [String]?) -> [(String, Double?)] {
        let results: [(String, Double?)] = [
            (PopulationMetric.generalizedEntropyIndex.rawValue, EntropyIndices.individual(total, alpha: spec.alpha)),
            (PopulationMetric.theilIndex.rawValue, EntropyIndices.individual(total, alpha: 1)),
        ]
        for (name, value) in results where value == nil {
            notes?.append("\(name) is undefined: every prediction is a false negative (mean benefit 0)"
                          + (spec.alpha <= 0 ? " or alpha ≤ 0 with a false negative present" : ""))
        }
        return results
    }
}

/// fairlearn's disparity aggregates over the groups of one feature.
///
/// - `demographic_parity_*`: selection rate over all groups.
/// - `equal_opportunity_*`: true positive rate over the groups where it is defined.
/// - `equalized_odds_difference`: the larger of the TPR and FPR differences;
///   `equalized_odds_ratio`: the smaller of the TPR and FPR ratios (fairlearn's `worst_case`).
///
/// `between_groups`: difference max − min, ratio min / max. `to_overall`: difference
/// max |group − overall|, ratio min over groups of group/overall, inverted when above 1.
/// Unlike fairlearn, a group whose rate is undefined (0/0) is left out instead of counted as
/// 0, and an aggregate whose own division is 0/0 is `nil`, with a note saying why.
enum FairlearnAggregates {
    /// The six aggregates in report order. `notes` (when non-nil) receives one line per `nil` result.
    static func compute(groups: [ConfusionCounts], overall: ConfusionCounts, method: FairnessSpec.Method,
                        notes: inout [String]?) -> [(String, Double?)] {
        typealias Metric = FeatureMetric
        let selection = groups.map { ClassificationMetrics.rate($0.predictedPositives, $0.count) }
        let tpr = groups.map { ClassificationMetrics.rate($0.truePositives, $0.positives) }
        let fpr = groups.map { ClassificationMetrics.rate($0.falsePositives, $0.negatives) }
        let overallSelection = ClassificationMetrics.rate(overall.predictedPositives, overall.count)
        let overallTPR = ClassificationMetrics.rate(overall.truePositives, overall.positives)
        let overallFPR = ClassificationMetrics.rate(overall.falsePositives, overall.negatives)

        let dpDifference = difference(selection, overall: overallSelection, method: method)
        let dpRatio = ratio(selection, overall: overallSelection, method: method)
        let tprDifference = difference(tpr, overall: overallTPR, method: method)
        let tprRatio = ratio(tpr, overall: overallTPR, method: method)
        let fprDifference = difference(fpr, overall: overallFPR, method: method)
        let fprRatio = ratio(fpr, overall: overallFPR, method: method)
        let results: [(String, Double?)] = [
            (Metric.demographicParityDifference.rawValue, dpDifference),
            (Metric.demographicParityRatio.rawValue, dpRatio),
            (Metric.equalizedOddsDifference.rawValue, both(tprDifference, fprDifference, max)),
            (Metric.equalizedOddsRatio.rawValue, both(tprRatio, fprRatio, min)),
            (Metric.equalOpportunityDifference.rawValue, tprDifference),
            (Metric.equalOpportunityRatio.rawValue, tprRatio),
        ]
        if notes != nil {
            let rates: [(String, [Double?], Double?)] = [
                ("selection rate", selection, overallSelection), ("true positive rate", tpr, overallTPR),
                ("false positive rate", fpr, overallFPR),
            ]
            for (name, value) in results where value == nil {
                notes?.append("\(name) is undefined: " + explain(name, rates: rates, method: method))
            }
        }
        return results
    }

    /// max − min, or max |v − overall|, over the defined values.
    static func difference(_ values: [Double?], overall: Double?, method: FairnessSpec.Method) -> Double? {
        let defined = values.compactMap { $0 }
        guard let low = defined.min(), let high = defined.max() else { return nil }
        switch method {
        case .betweenGroups: return high - low
        case .toOverall:
            guard let overall else { return nil }
            return defined.map { abs($0 - overall) }.max()
        }
    }

    /// min / max, or min over groups of the group/overall ratio inverted when above 1.
    static func ratio(_ values: [Double?], overall: Double?, method: FairnessSpec.Method) -> Double? {
        let defined = values.compactMap { $0 }
        guard let low = defined.min(), let high = defined.max() else { return nil }
        switch method {
        case .betweenGroups:
            return high == 0 ? nil : low / high
        case .toOverall:
            guard let overall, overall != 0 else { return nil }
            return defined.map { value in
                let ratio = value / overall
                return ratio > 1 ? 1 / ratio : ratio
            }.min()
        }
    }

    private static func both(_ first: Double?, _ second: Double?, _ pick: (Double, Double) -> Double) -> Double? {
        guard let first, let second else { return nil }
        return pick(first, second)
    }

    private static func explain(_ metric: String, rates: [(String, [Double?], Double?)], method: FairnessSpec.Method) -> String {
        let used = metric.hasPrefix("demographic") ? [rates[0]]
            : metric.hasPrefix("equal_opportunity") ? [rates[1]] : [rates[1], rates[2]]
        var reasons: [String] = []
        for (name, values, overall) in used {
            if values.allSatisfy({ $0 == nil }) {
                reasons.append("no group has a defined \(name)")
            } else if method == .toOverall && (overall == nil || overall == 0) && metric.hasSuffix("ratio") {
                reasons.append("the overall \(name) is \(overall == nil ? "undefined" : "0") (0/0)")
            } else if metric.hasSuffix("ratio") && values.compactMap({ $0 }).max() == 0 {
                reasons.append("every group has \(name) 0 (0/0)")
            }
        }
        return reasons.joined(separator: "; ")
    }
}

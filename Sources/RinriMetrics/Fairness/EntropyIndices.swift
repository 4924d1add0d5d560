import Foundation

/// AIF360's inequality indices over the benefits b = ŷ − y + 1 (0 for a false negative,
/// 1 for a correct prediction, 2 for a false positive).
///
/// GE(α) = 1/(n·α·(α−1)) · Σ[(b/μ)^α − 1] for α ∉ {0, 1}; GE(1) = 1/n · Σ (b/μ)·ln(b/μ)
/// (the Theil index, with 0·ln 0 = 0); GE(0) = −1/n · Σ ln(b/μ) — the formula in AIF360's
/// documentation (its code divides the α = 0 case once more by μ; we follow the formula).
/// Undefined (nil) when μ = 0 (every row a false negative), or when some b = 0 and α ≤ 0
/// (the index is infinite). Since b takes only three values, the indices are computed
/// exactly from confusion counts.
enum EntropyIndices {
    /// GE(alpha) of values `value` repeated `weight` times.
    static func generalizedEntropy(_ items: [(weight: Double, value: Double)], alpha: Double) -> Double? {
        let total = items.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        let mean = items.reduce(0) { $0 + $1.weight * $1.value } / total
        guard mean > 0 else { return nil }
        let present = items.filter { $0.weight > 0 }
        if alpha <= 0 && present.contains(where: { $0.value == 0 }) { return nil }
        var sum = 0.0
        for item in present {
            let share = item.value / mean
            if alpha == 1 {
                sum += share == 0 ? 0 : item.weight * share * log(share)
            } else if alpha == 0 {
                sum -= item.weight * log(share)
            } else {
                sum += item.weight * (pow(share, alpha) - 1)
            }
        }
        let scale = (alpha == 0 || alpha == 1) ? total : total * alpha * (alpha - 1)
        return sum / scale
    }

    /// GE(alpha) over individuals: the benefit of every row.
    static func individual(_ counts: ConfusionCounts, alpha: Double) -> Double? {
        generalizedEntropy([(Double(counts.falseNegatives), 0),
                            (Double(counts.truePositives + counts.trueNegatives), 1),
                            (Double(counts.falsePositives), 2)], alpha: alpha)
    }

    /// Between-group GE(alpha): every row's benefit replaced by its group's mean benefit.
    static func betweenGroups(_ groups: [ConfusionCounts], alpha: Double) -> Double? {
        generalizedEntropy(groups.filter { $0.count > 0 }.map { group in
            let benefit = Double(group.truePositives + group.trueNegatives + 2 * group.falsePositives)
            return (Double(group.count), benefit / Double(group.count))
        }, alpha: alpha)
    }
}

/// AIF360's privileged/unprivileged metrics (unprivileged = every row not in the reference group).
///
/// disparate_impact = SR_u / SR_p; statistical_parity_difference = SR_u − SR_p;
/// average_odds_difference = ½[(FPR_u − FPR_p) + (TPR_u − TPR_p)];
/// between_group_generalized_entropy_index = between-group GE(alpha) over the two groups.
/// Any 0/0 or x/0 is `nil`, with a note.
enum ReferenceMetrics {
    static func compute(privileged: ConfusionCounts, unprivileged: ConfusionCounts, alpha: Double,
                        notes: inout [String]?) -> [(String, Double?)] {
        let rate = ClassificationMetrics.rate
        let selectionP = rate(privileged.predictedPositives, privileged.count)
        let selectionU = rate(unprivileged.predictedPositives, unprivileged.count)
        let tprP = rate(privileged.truePositives, privileged.positives)
        let tprU = rate(unprivileged.truePositives, unprivileged.positives)
        let fprP = rate(privileged.falsePositives, privileged.negatives)
        let fprU = rate(unprivileged.falsePositives, unprivileged.negatives)
        var impact: Double?
        if let selectionU, let selectionP, selectionP > 0 { impact = selectionU / selectionP }
        var difference: Double?
        if let selectionU, let selectionP { difference = selectionU - selectionP }
        var odds: Double?
        if let tprP, let tprU, let fprP, let fprU { odds = 0.5 * ((fprU - fprP) + (tprU - tprP)) }
        let results: [(String, Double?)] = [
            (FeatureMetric.disparateImpact.rawValue, impact),
            (FeatureMetric.statisticalParityDifference.rawValue, difference),
            (FeatureMetric.averageOddsDifference.rawValue, odds),
            (FeatureMetric.betweenGroupGeneralizedEntropyIndex.rawValue,
             EntropyIndices.betweenGroups([unprivileged, privileged], alpha: alpha)),
        ]
        if notes != nil {
            let groupText = { (counts: ConfusionCounts, name: String) -> String? in
                counts.count == 0 ? "the \(name) group has no rows" : nil
            }
            let empty = [groupText(privileged, "privileged"), groupText(unprivileged, "unprivileged")].compactMap { $0 }
            for (name, value) in results where value == nil {
                var reasons = empty
                if name == FeatureMetric.disparateImpact.rawValue && selectionP == 0 {
                    reasons.append("the privileged selection rate is 0")
                }
                if name == FeatureMetric.averageOddsDifference.rawValue && empty.isEmpty {
                    reasons.append("a true or false positive rate is undefined (a group lacks positive or negative labels)")
                }
                if name == FeatureMetric.betweenGroupGeneralizedEntropyIndex.rawValue && empty.isEmpty {
                    reasons.append("the mean benefit is 0 or alpha ≤ 0 with a zero benefit")
                }
                notes?.append("\(name) is undefined: " + reasons.joined(separator: "; "))
            }
        }
        return results
    }
}

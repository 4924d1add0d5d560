import Foundation

/// Per-group classification metrics from confusion counts and score statistics.
enum ClassificationMetrics {
    /// numerator / denominator, or nil for a zero denominator (never NaN, never a silent 0).
    @inline(__always)
    static func rate(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// The metrics of ``GroupMetric`` for one group, in report order.
    static func metrics(_ counts: ConfusionCounts, scores: ScoreStats?) -> MetricTable {
        let tpr = rate(counts.truePositives, counts.positives)
        let tnr = rate(counts.trueNegatives, counts.negatives)
        var table = MetricTable()
        table.set(GroupMetric.selectionRate.rawValue, rate(counts.predictedPositives, counts.count))
        table.set(GroupMetric.accuracy.rawValue, rate(counts.truePositives + counts.trueNegatives, counts.count))
        table.set(GroupMetric.truePositiveRate.rawValue, tpr)
        table.set(GroupMetric.falsePositiveRate.rawValue, rate(counts.falsePositives, counts.negatives))
        table.set(GroupMetric.falseNegativeRate.rawValue, rate(counts.falseNegatives, counts.positives))
        table.set(GroupMetric.trueNegativeRate.rawValue, tnr)
        table.set(GroupMetric.precision.rawValue, rate(counts.truePositives, counts.predictedPositives))
        table.set(GroupMetric.negativePredictiveValue.rawValue, rate(counts.trueNegatives, counts.predictedNegatives))
        let f1Denominator = 2 * counts.truePositives + counts.falsePositives + counts.falseNegatives
        table.set(GroupMetric.f1Score.rawValue, rate(2 * counts.truePositives, f1Denominator))
        table.set(GroupMetric.balancedAccuracy.rawValue, tpr.flatMap { tpr in tnr.map { (tpr + $0) / 2 } })
        table.set(GroupMetric.baseRate.rawValue, rate(counts.positives, counts.count))
        table.set(GroupMetric.rocAuc.rawValue, scores.flatMap { rocAuc($0)?.value })
        table.set(GroupMetric.brierScore.rawValue, scores.flatMap { counts.count == 0 ? nil : $0.brierSum.value / Double(counts.count) })
        table.set(GroupMetric.expectedCalibrationError.rawValue, scores.flatMap { calibrationError($0) })
        return table
    }

    /// ROC AUC from the score histograms, with its worst-case approximation error.
    ///
    /// AUC = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻) over all positive/negative pairs. Pairs in different bins
    /// are ordered exactly; pairs in the same bin are counted as ties (½), which is exact for
    /// equal scores and off by at most ½ otherwise. So |error| ≤ ½ · Σ_b pos_b·neg_b / (P·N),
    /// returned as `errorBound` (≤ ½ · max bin share; ≈ 1/(2·bins) for spread-out scores).
    /// nil when the group lacks positives or negatives.
    static func rocAuc(_ scores: ScoreStats) -> (value: Double, errorBound: Double)? {
        var negativesBelow = 0.0
        var concordant = 0.0
        var sameBin = 0.0
        var positives = 0.0
        for bin in scores.rocPositive.indices {
            let positive = Double(scores.rocPositive[bin])
            let negative = Double(scores.rocNegative[bin])
            concordant += positive * (negativesBelow + 0.5 * negative)
            sameBin += positive * negative
            negativesBelow += negative
            positives += positive
        }
        let pairs = positives * negativesBelow
        guard pairs > 0 else { return nil }
        return (concordant / pairs, 0.5 * sameBin / pairs)
    }

    /// Expected calibration error over equal-width bins: Σ_b |positives_b − Σ scores_b| / n.
    static func calibrationError(_ scores: ScoreStats) -> Double? {
        let total = scores.calibrationCount.reduce(0, +)
        guard total > 0 else { return nil }
        var sum = 0.0
        for bin in scores.calibrationCount.indices {
            sum += abs(Double(scores.calibrationPositives[bin]) - scores.calibrationScoreSum[bin].value)
        }
        return sum / Double(total)
    }

    /// Why metrics of a group are undefined: (metric names, reason) for each empty denominator.
    static func undefinedReasons(_ counts: ConfusionCounts, hasScores: Bool) -> [(metrics: [String], reason: String)] {
        var reasons: [(metrics: [String], reason: String)] = []
        let auc = hasScores ? [GroupMetric.rocAuc.rawValue] : []
        if counts.positives == 0 {
            reasons.append(([GroupMetric.truePositiveRate, .falseNegativeRate, .balancedAccuracy].map(\.rawValue) + auc,
                            "no positive labels"))
        }
        if counts.negatives == 0 {
            reasons.append(([GroupMetric.falsePositiveRate, .trueNegativeRate, .balancedAccuracy].map(\.rawValue) + auc,
                            "no negative labels"))
        }
        if counts.predictedPositives == 0 {
            let f1 = counts.positives == 0 ? [GroupMetric.f1Score.rawValue] : []
            reasons.append(([GroupMetric.precision.rawValue] + f1, "no positive predictions"))
        }
        if counts.predictedNegatives == 0 {
            reasons.append(([GroupMetric.negativePredictiveValue.rawValue], "no negative predictions"))
        }
        return reasons
    }
}

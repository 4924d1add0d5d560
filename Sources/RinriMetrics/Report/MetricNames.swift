/// Names of the per-group classification metrics, in report order.
///
/// With *TP, FP, TN, FN* the group's confusion counts and *n* their sum:
/// selection rate (TP+FP)/n, accuracy (TP+TN)/n, TPR TP/(TP+FN), FPR FP/(FP+TN),
/// FNR FN/(TP+FN), TNR TN/(FP+TN), precision TP/(TP+FP), negative predictive value
/// TN/(TN+FN), F1 2TP/(2TP+FP+FN), balanced accuracy (TPR+TNR)/2, base rate (TP+FN)/n.
/// With scores: ROC AUC, Brier score mean((s−y)²), expected calibration error
/// Σ_b (n_b/n)·|mean(y)_b − mean(s)_b| over equal-width bins (`null` when no score column).
/// A 0/0 is `nil` and produces a warning.
public enum GroupMetric: String, CaseIterable, Sendable {
    case selectionRate = "selection_rate"
    case accuracy
    case truePositiveRate = "true_positive_rate"
    case falsePositiveRate = "false_positive_rate"
    case falseNegativeRate = "false_negative_rate"
    case trueNegativeRate = "true_negative_rate"
    case precision
    case negativePredictiveValue = "negative_predictive_value"
    case f1Score = "f1_score"
    case balancedAccuracy = "balanced_accuracy"
    case baseRate = "base_rate"
    case rocAuc = "roc_auc"
    case brierScore = "brier_score"
    case expectedCalibrationError = "expected_calibration_error"
}

/// Names of the per-group regression metrics, in report order.
///
/// mean prediction, mean label, mean absolute error, root mean squared error and
/// R² = 1 − SSE/SST (`nil` when the group's labels are all equal, SST = 0).
public enum RegressionGroupMetric: String, CaseIterable, Sendable {
    case meanPrediction = "mean_prediction"
    case meanLabel = "mean_label"
    case meanAbsoluteError = "mean_absolute_error"
    case rootMeanSquaredError = "root_mean_squared_error"
    case r2Score = "r2_score"

    /// The feature aggregate `<name>_difference` (max − min over groups).
    public var differenceName: String { rawValue + "_difference" }
    /// The feature aggregate `<name>_ratio` (min / max over groups).
    public var ratioName: String { rawValue + "_ratio" }
}

/// Names of the classification aggregates reported per feature.
///
/// fairlearn's six follow ``FairnessSpec/Method``; `between_all_groups_generalized_entropy_index`
/// always uses the feature's groups; the four reference metrics appear only in the feature of
/// the reference column and only when a reference is given.
public enum FeatureMetric: String, CaseIterable, Sendable {
    case demographicParityDifference = "demographic_parity_difference"
    case demographicParityRatio = "demographic_parity_ratio"
    case equalizedOddsDifference = "equalized_odds_difference"
    case equalizedOddsRatio = "equalized_odds_ratio"
    case equalOpportunityDifference = "equal_opportunity_difference"
    case equalOpportunityRatio = "equal_opportunity_ratio"
    case betweenAllGroupsGeneralizedEntropyIndex = "between_all_groups_generalized_entropy_index"
    case disparateImpact = "disparate_impact"
    case statisticalParityDifference = "statistical_parity_difference"
    case averageOddsDifference = "average_odds_difference"
    case betweenGroupGeneralizedEntropyIndex = "between_group_generalized_entropy_index"
}

/// Names of the population-level indices in ``OverallResult/metrics``.
public enum PopulationMetric: String, CaseIterable, Sendable {
    /// GE(alpha) of the benefits b = ŷ − y + 1 over all rows.
    case generalizedEntropyIndex = "generalized_entropy_index"
    /// GE(1).
    case theilIndex = "theil_index"
}

/// What to measure: which columns hold labels, predictions, scores and sensitive attributes,
/// and how to aggregate.
///
/// Defaults follow fairlearn (`between_groups`) and AIF360 (`alpha` = 2).
///
/// Labels and predictions are compared with ``positiveLabel`` and ``negativeLabel``. A value
/// matches when its bytes are equal or, on a slower path, when it is equal after trimming
/// spaces and ignoring ASCII case, or numerically equal (`1.0` matches `1`; `true` counts as 1,
/// `false` as 0). Without a ``negativeLabel`` the negative value is derived from these pairs
/// (case-insensitive): `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`,
/// `positive`/`negative`, `pos`/`neg`; any other positive value needs an explicit negative one.
/// A label or prediction matching neither value is a ``TableError``.
///
/// With ``reference``, AIF360's `disparate_impact`, `statistical_parity_difference`,
/// `average_odds_difference` and `between_group_generalized_entropy_index` compare rows whose
/// reference column equals the value (privileged) with all other rows (unprivileged) and are
/// reported in the reference column's feature. Without a reference they are omitted and a
/// warning says so: choosing a privileged group is a policy decision the library does not guess.
public struct FairnessSpec: Sendable {
    /// Classification (binary labels and predictions) or regression (numeric ones).
    public enum Task: String, Sendable, Codable, CaseIterable {
        case classification
        case regression
    }

    /// How differences and ratios are taken over the groups of a feature (fairlearn's `method`).
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// max − min and min / max over the groups.
        case betweenGroups = "between_groups"
        /// max |group − overall| and min over groups of group/overall or overall/group, whichever is ≤ 1.
        case toOverall = "to_overall"
    }

    /// The privileged group for the AIF360 metrics: rows whose `column` equals `value`.
    /// All other rows form the unprivileged group.
    public struct Reference: Sendable, Equatable {
        /// The sensitive column.
        public var column: String
        /// The privileged value, compared exactly.
        public var value: String
        /// Creates a reference group.
        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    /// Bootstrap settings: `resamples` Poisson-bootstrap replicates from a seeded generator.
    public struct Bootstrap: Sendable, Equatable {
        /// Number of replicates (0 disables the bootstrap).
        public var resamples: Int
        /// Seed of the generator; equal seeds give equal intervals.
        public var seed: UInt64
        /// Central coverage of the percentile interval (default 0.95).
        public var confidenceLevel: Double
        /// Creates bootstrap settings.
        public init(resamples: Int, seed: UInt64 = 0, confidenceLevel: Double = 0.95) {
            self.resamples = resamples
            self.seed = seed
            self.confidenceLevel = confidenceLevel
        }
    }

    /// Classification (default) or regression.
    public var task: Task
    /// The column of true labels.
    public var labelColumn: String
    /// The column of predicted labels (or values, for regression).
    public var predictionColumn: String
    /// A column of predicted probabilities in [0, 1]; enables ROC AUC, Brier score and ECE.
    public var scoreColumn: String?
    /// Each sensitive column becomes one feature.
    public var sensitiveColumns: [String]
    /// Each list of columns becomes one more feature named by joining them with `&`.
    public var intersections: [[String]]
    /// The label/prediction value that counts as positive (default "1").
    public var positiveLabel: String
    /// The value that counts as negative; when nil it is derived from ``positiveLabel``.
    public var negativeLabel: String?
    /// The privileged group for `disparate_impact`, `statistical_parity_difference`,
    /// `average_odds_difference` and `between_group_generalized_entropy_index`.
    public var reference: Reference?
    /// How fairlearn aggregates are taken (default `between_groups`).
    public var method: Method
    /// Bootstrap confidence intervals; nil (the default) computes none.
    public var bootstrap: Bootstrap?
    /// Groups with fewer rows get a warning (default 30).
    public var minimumGroupSize: Int
    /// The generalized entropy index parameter (default 2).
    public var alpha: Double
    /// Equal-width bins on [0, 1] for the expected calibration error (default 10).
    public var calibrationBins: Int
    /// Equal-width score bins on [0, 1] for the histogram ROC AUC (default 4096).
    public var rocBins: Int
    /// Threshold checks evaluated into ``FairnessReport/checks``.
    public var checks: [ThresholdExpression]

    /// Creates a spec; only the columns are required.
    public init(task: Task = .classification, labelColumn: String, predictionColumn: String,
                scoreColumn: String? = nil, sensitiveColumns: [String], intersections: [[String]] = [],
                positiveLabel: String = "1", negativeLabel: String? = nil, reference: Reference? = nil,
                method: Method = .betweenGroups, bootstrap: Bootstrap? = nil, minimumGroupSize: Int = 30,
                alpha: Double = 2, calibrationBins: Int = 10, rocBins: Int = 4096,
                checks: [ThresholdExpression] = []) {
        self.task = task
        self.labelColumn = labelColumn
        self.predictionColumn = predictionColumn
        self.scoreColumn = scoreColumn
        self.sensitiveColumns = sensitiveColumns
        self.intersections = intersections
        self.positiveLabel = positiveLabel
        self.negativeLabel = negativeLabel
        self.reference = reference
        self.method = method
        self.bootstrap = bootstrap
        self.minimumGroupSize = minimumGroupSize
        self.alpha = alpha
        self.calibrationBins = calibrationBins
        self.rocBins = rocBins
        self.checks = checks
    }
}

/// A spec that cannot be run, for example an intersection of one column.
public struct FairnessSpecError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }
    /// One line: `invalid fairness spec: message`.
    public var description: String { "invalid fairness spec: \(message)" }
}

extension FairnessSpec {
    /// The features in report order: one per sensitive column, then the intersections
    /// (duplicates removed).
    var features: [[String]] {
        var result: [[String]] = []
        for columns in sensitiveColumns.map({ [$0] }) + intersections where !result.contains(columns) {
            result.append(columns)
        }
        return result
    }

    /// Every column that takes part in a group key, in first-mention order.
    var groupingColumns: [String] {
        var result: [String] = []
        for column in features.joined() where !result.contains(column) { result.append(column) }
        return result
    }

    /// Checks the spec before any data is read.
    func validate() throws(FairnessSpecError) {
        guard !labelColumn.isEmpty, !predictionColumn.isEmpty else {
            throw FairnessSpecError("the label and prediction columns must be named")
        }
        guard !sensitiveColumns.isEmpty else { throw FairnessSpecError("at least one sensitive column is needed") }
        for columns in intersections where columns.count < 2 || Set(columns).count != columns.count {
            throw FairnessSpecError("an intersection needs two or more distinct columns, got \(columns)")
        }
        if let reference, !sensitiveColumns.contains(reference.column) {
            throw FairnessSpecError("the reference column \"\(reference.column)\" is not a sensitive column")
        }
        guard alpha.isFinite else { throw FairnessSpecError("alpha must be a finite number") }
        guard minimumGroupSize >= 0 else { throw FairnessSpecError("the minimum group size must not be negative") }
        guard calibrationBins >= 1, rocBins >= 2, rocBins <= 1 << 20 else {
            throw FairnessSpecError("calibration bins must be ≥ 1 and ROC bins between 2 and 2^20")
        }
        if let bootstrap {
            guard bootstrap.resamples >= 0 else { throw FairnessSpecError("bootstrap resamples must not be negative") }
            guard bootstrap.confidenceLevel > 0 && bootstrap.confidenceLevel < 1 else {
                throw FairnessSpecError("the confidence level must be between 0 and 1")
            }
        }
    }
}

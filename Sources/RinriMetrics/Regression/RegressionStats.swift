/// Sums for regression metrics of a set of rows, mergeable across cells and threads.
///
/// The label variance uses Welford's update per row and Chan et al.'s pairwise formula to
/// merge, which stays accurate when labels have a large mean.
struct RegressionStats: CellStatistics, Equatable {
    var count = 0
    var predictionSum = 0.0
    var absoluteErrorSum = 0.0
    var squaredErrorSum = 0.0
    var labelMean = 0.0
    /// Σ (y − mean)².
    var labelSquares = 0.0

    /// Adds one row `weight` times (1, or a bootstrap weight). Adding *w* copies of *y* to
    /// *n* rows moves the mean by δ·w/(n + w) and the sum of squares by w·δ·(y − new mean),
    /// with δ = y − old mean (Welford's update, weighted).
    @inline(__always)
    mutating func add(label: Double, prediction: Double, weight: Int = 1) {
        let times = Double(weight)
        count += weight
        let error = prediction - label
        predictionSum += times * prediction
        absoluteErrorSum += times * abs(error)
        squaredErrorSum += times * error * error
        let delta = label - labelMean
        labelMean += delta * times / Double(count)
        labelSquares += times * delta * (label - labelMean)
    }

    mutating func add(_ other: RegressionStats) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = count + other.count
        let delta = other.labelMean - labelMean
        labelSquares += other.labelSquares + delta * delta * Double(count) * Double(other.count) / Double(total)
        labelMean += delta * Double(other.count) / Double(total)
        count = total
        predictionSum += other.predictionSum
        absoluteErrorSum += other.absoluteErrorSum
        squaredErrorSum += other.squaredErrorSum
    }

    /// The ``RegressionGroupMetric`` values, in order. R² is nil when SST = 0.
    var metrics: MetricTable {
        guard count > 0 else { return MetricTable(RegressionGroupMetric.allCases.map { ($0.rawValue, nil) }) }
        let n = Double(count)
        let r2: Double? = labelSquares > 0 ? 1 - squaredErrorSum / labelSquares : nil
        return MetricTable([
            (RegressionGroupMetric.meanPrediction.rawValue, predictionSum / n),
            (RegressionGroupMetric.meanLabel.rawValue, labelMean),
            (RegressionGroupMetric.meanAbsoluteError.rawValue, absoluteErrorSum / n),
            (RegressionGroupMetric.rootMeanSquaredError.rawValue, (squaredErrorSum / n).squareRoot()),
            (RegressionGroupMetric.r2Score.rawValue, r2),
        ])
    }
}

/// A cell's regression sums and, with a bootstrap, those of each replicate.
struct RegressionCellStats: CellStatistics {
    var stats = RegressionStats()
    /// Replicate *r*'s sums (empty without a bootstrap).
    var replicates: [RegressionStats] = []

    mutating func add(_ other: RegressionCellStats) {
        stats.add(other.stats)
        if replicates.isEmpty {
            replicates = other.replicates
        } else {
            for index in other.replicates.indices { replicates[index].add(other.replicates[index]) }
        }
    }
}

/// Accumulates regression sums per cell on one worker thread.
///
/// With a bootstrap, every row also gets a Poisson(1) weight per replicate (the row-level
/// Poisson bootstrap), drawn from ``SplitMix64`` stream (chunk number · 2³² + the row's place
/// in its chunk) of the seed: the weights depend on the data, the seed and the chunk size, not
/// on the number of threads. That costs one draw per row and replicate.
struct RegressionSink: RecordSink {
    private let labelSlot: Int
    private let predictionSlot: Int
    private let bootstrap: FairnessSpec.Bootstrap?
    private var keys: CellKeyBuilder
    private var stats: [RegressionStats] = []
    /// With a bootstrap: cell *c*'s replicate *r* at `c · resamples + r`.
    private var replicates: [RegressionStats] = []
    /// The chunk being read and the place of the next row in it.
    private var chunk = 0, ordinal = 0
    private(set) var rows = 0

    init(labelSlot: Int, predictionSlot: Int, groupingSlots: [Int], bootstrap: FairnessSpec.Bootstrap? = nil) {
        self.labelSlot = labelSlot
        self.predictionSlot = predictionSlot
        self.bootstrap = (bootstrap?.resamples ?? 0) > 0 ? bootstrap : nil
        keys = CellKeyBuilder(slots: groupingSlots)
    }

    mutating func beginChunk(_ index: Int) {
        chunk = index
        ordinal = 0
    }

    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError) {
        guard let label = NumberParsing.double(fields[labelSlot]) else {
            throw RecordError(slot: labelSlot, message: "\(quotedForMessage(fields[labelSlot])) is not a number")
        }
        guard let prediction = NumberParsing.double(fields[predictionSlot]) else {
            throw RecordError(slot: predictionSlot, message: "\(quotedForMessage(fields[predictionSlot])) is not a number")
        }
        let (cell, isNew) = keys.cell(of: fields)
        if isNew { stats.append(RegressionStats()) }
        stats[cell].add(label: label, prediction: prediction)
        rows += 1
        if let bootstrap { addToReplicates(cell: cell, isNew: isNew, label: label, prediction: prediction, bootstrap) }
        ordinal += 1
    }

    private mutating func addToReplicates(cell: Int, isNew: Bool, label: Double, prediction: Double,
                                          _ bootstrap: FairnessSpec.Bootstrap) {
        let resamples = bootstrap.resamples
        if isNew { replicates.append(contentsOf: repeatElement(RegressionStats(), count: resamples)) }
        var generator = SplitMix64(seed: bootstrap.seed, stream: UInt64(chunk) << 32 | UInt64(ordinal))
        let first = cell * resamples
        for replicate in 0..<resamples {
            let weight = PoissonSampler.unitMean(using: &generator)
            if weight > 0 { replicates[first + replicate].add(label: label, prediction: prediction, weight: weight) }
        }
    }

    func cells() -> [Cell<RegressionCellStats>] {
        let resamples = bootstrap?.resamples ?? 0
        return stats.indices.map { cell in
            let replicates = resamples > 0 ? Array(self.replicates[(cell * resamples)..<((cell + 1) * resamples)]) : []
            return Cell(values: keys.values(ofCell: cell), stats: RegressionCellStats(stats: stats[cell], replicates: replicates))
        }
    }
}

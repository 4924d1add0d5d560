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

    /// Adds one row.
    @inline(__always)
    mutating func add(label: Double, prediction: Double) {
        count += 1
        let error = prediction - label
        predictionSum += prediction
        absoluteErrorSum += abs(error)
        squaredErrorSum += error * error
        let delta = label - labelMean
        labelMean += delta / Double(count)
        labelSquares += delta * (label - labelMean)
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

/// Accumulates regression sums per cell on one worker thread.
struct RegressionSink: RecordSink {
    private let labelSlot: Int
    private let predictionSlot: Int
    private var keys: CellKeyBuilder
    private var stats: [RegressionStats] = []
    private(set) var rows = 0

    init(labelSlot: Int, predictionSlot: Int, groupingSlots: [Int]) {
        self.labelSlot = labelSlot
        self.predictionSlot = predictionSlot
        keys = CellKeyBuilder(slots: groupingSlots)
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
    }

    func cells() -> [Cell<RegressionStats>] {
        stats.indices.map { Cell(values: keys.values(ofCell: $0), stats: stats[$0]) }
    }
}

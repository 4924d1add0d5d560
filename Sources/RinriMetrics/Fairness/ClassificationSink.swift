/// Counts confusion outcomes (and score statistics) per cell on one worker thread.
///
/// Counters live in flat per-cell rows (``CellTable``). A record costs two label comparisons,
/// one optional number parse, one cell-key lookup and a few increments; records come in
/// batches, worked through in passes.
struct ClassificationSink: RecordSink {
    /// Slot layout of the requested columns.
    struct Slots {
        var label: Int
        var prediction: Int
        var score: Int?
        var grouping: [Int]
    }

    private let labels: LabelValues
    private let slots: Slots
    private let calibrationBins: Int
    private let rocBins: Int
    private var keys: CellKeyBuilder
    /// Per cell: TP, FP, TN, FN; then with a score column the calibration counts and positives
    /// (`calibrationBins` each). Kept apart from the large ROC histograms so that every cell's
    /// counters share a few cache lines (cells `rocBins` words apart would all map to the same
    /// cache sets).
    private let counts: CellTable<Int>
    /// Per cell, with a score column: the ROC histograms of negative and positive labels
    /// (`rocBins` each), less what is still staged in `rocStage`.
    private let rocCounts: CellTable<Int>
    /// Per cell, with a score column: the Brier sum, then the calibration score sums.
    private let sums: CellTable<FixedPointSum>
    /// The ROC histograms' latest counts, one byte per bin (`rocBins` for negative labels, then
    /// positive): 1/8 of the memory of `rocCounts`, so the random increments of a row hit
    /// the cache far more often. A byte that wraps around adds 256 to `rocCounts`.
    private let rocStage: CellTable<UInt8>
    /// Per record of the batch being consumed: its cell, outcome and score.
    private let scratch = BatchScratch()
    private(set) var rows = 0

    /// Every statistic is an integer count or a ``FixedPointSum``, and cells are merged by
    /// value, so any split of the rows between workers gives the same report.
    static var mergesExactly: Bool { true }

    init(labels: LabelValues, slots: Slots, calibrationBins: Int, rocBins: Int) {
        self.labels = labels
        self.slots = slots
        self.calibrationBins = calibrationBins
        self.rocBins = rocBins
        keys = CellKeyBuilder(slots: slots.grouping)
        let scored = slots.score != nil
        counts = CellTable(stride: 4 + (scored ? 2 * calibrationBins : 0), zero: 0)
        rocCounts = CellTable(stride: scored ? 2 * rocBins : 0, zero: 0)
        sums = CellTable(stride: scored ? 1 + calibrationBins : 0, zero: FixedPointSum())
        rocStage = CellTable(stride: scored ? 2 * rocBins : 0, zero: 0)
    }

    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError) {
        guard let views = fields.baseAddress else { return }
        do throws(BatchFailure) { try consume(RecordBatch(views: views, slotCount: fields.count, count: 1)) } catch {
            throw error.error
        }
    }

    /// Consumes a batch in three passes — labels and cells, scores, then the counters — each a
    /// short loop whose iterations do not depend on one another, so the processor works on
    /// several records at once instead of waiting on one record's long chain of work. The
    /// counters change only once the whole batch has been checked; the failure reported is the
    /// batch's first bad record.
    mutating func consume(_ batch: RecordBatch) throws(BatchFailure) {
        precondition(batch.count <= RecordBatchStorage.capacity, "batch larger than the sink's scratch space")
        var firstBad = classifyRecords(batch)
        let valid = firstBad?.row ?? batch.count
        if let scoreSlot = slots.score, let failure = parseScores(batch, slot: scoreSlot, upTo: valid) {
            firstBad = failure
        }
        if let firstBad { throw firstBad }
        if slots.score == nil {
            countOutcomes(batch.count)
        } else {
            countScoredOutcomes(batch.count)
        }
    }

    /// Pass 1: each record's outcome (TP 0, FP 1, TN 2, FN 3) and cell, up to the first bad label
    /// or prediction.
    @inline(__always)
    private mutating func classifyRecords(_ batch: RecordBatch) -> BatchFailure? {
        let cells = scratch.cells, outcomes = scratch.outcomes
        for row in 0..<batch.count {
            let fields = batch.fields(row)
            guard let label = labels.classify(fields[slots.label]) else {
                return BatchFailure(row: row, error: outsideValues(fields[slots.label], slot: slots.label, what: "label"))
            }
            guard let predicted = labels.classify(fields[slots.prediction]) else {
                let error = outsideValues(fields[slots.prediction], slot: slots.prediction, what: "prediction")
                return BatchFailure(row: row, error: error)
            }
            let (cell, isNew) = keys.cell(of: fields)
            if isNew {
                counts.addCell()
                rocCounts.addCell()
                sums.addCell()
                rocStage.addCell()
            }
            // Looked up by label·2 + prediction in four packed nibbles: no branch on the
            // values, which come in random order.
            outcomes[row] = (0x0312 &>> ((label ? 8 : 0) | (predicted ? 4 : 0))) & 0xF
            cells[row] = cell
        }
        return nil
    }

    /// Pass 2: the score of each record before `end`, or the first bad one.
    @inline(__always)
    private func parseScores(_ batch: RecordBatch, slot: Int, upTo end: Int) -> BatchFailure? {
        let scores = scratch.scores
        for row in 0..<end {
            let bytes = batch.fields(row)[slot]
            guard let score = NumberParsing.double(bytes) else {
                return BatchFailure(row: row, error: RecordError(slot: slot, message: "\(quotedForMessage(bytes)) is not a number"))
            }
            guard score >= 0 && score <= 1 else {
                return BatchFailure(row: row, error: RecordError(slot: slot, message: "score \(quotedForMessage(bytes)) is outside [0, 1]"))
            }
            scores[row] = score
        }
        return nil
    }

    /// Pass 3 without scores.
    @inline(__always)
    private mutating func countOutcomes(_ count: Int) {
        let cells = scratch.cells, outcomes = scratch.outcomes
        for row in 0..<count {
            counts.row(cells[row])[outcomes[row]] &+= 1
        }
        rows &+= count
    }

    /// Pass 3 with scores: outcome, Brier sum, calibration bin and ROC histogram bin. A byte of
    /// `rocStage` that wraps around to 0 adds 256 to `rocCounts`.
    @inline(__always)
    private mutating func countScoredOutcomes(_ count: Int) {
        let cells = scratch.cells, outcomes = scratch.outcomes, scores = scratch.scores
        let calibrationBins = calibrationBins, rocBins = rocBins, stage = rocStage.base, stageStride = rocStage.stride
        for row in 0..<count {
            let cell = cells[row], outcome = outcomes[row], score = scores[row]
            let counters = counts.row(cell), sums = sums.row(cell)
            counters[outcome] &+= 1
            let positive = outcome == 0 || outcome == 3 // TP or FN: the label is positive
            let target = Double(positive ? 1 : 0)
            sums[0].add((score - target) * (score - target))
            let calibrationBin = min(Int(score * Double(calibrationBins)), calibrationBins - 1)
            counters[4 &+ calibrationBin] &+= 1
            counters[4 &+ calibrationBins &+ calibrationBin] &+= positive ? 1 : 0
            sums[1 &+ calibrationBin].add(score)
            let position = cell &* stageStride &+ (positive ? rocBins : 0) &+ min(Int(score * Double(rocBins)), rocBins - 1)
            let staged = stage[position] &+ 1
            stage[position] = staged
            if staged == 0 { rocCounts.base[position] &+= 256 }
        }
        rows &+= count
    }

    private func outsideValues(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, what: String) -> RecordError {
        let positive = String(decoding: labels.positive, as: UTF8.self)
        return RecordError(slot: slot, message: "\(what) \(quotedForMessage(bytes)) is neither the positive value "
            + "\"\(positive)\" nor the negative value \"\(labels.negativeText)\"")
    }

    /// This worker's cells with their values and statistics.
    func cells() -> [Cell<ClassificationStats>] {
        (0..<keys.count).map { cell in
            let row = counts.row(cell)
            let counts = ConfusionCounts(truePositives: row[0], falsePositives: row[1],
                                         trueNegatives: row[2], falseNegatives: row[3])
            return Cell(values: keys.values(ofCell: cell),
                        stats: ClassificationStats(counts: counts, scores: scoreStats(cell)))
        }
    }

    private func scoreStats(_ cell: Int) -> ScoreStats? {
        guard slots.score != nil else { return nil }
        var stats = ScoreStats(calibrationBins: calibrationBins, rocBins: rocBins)
        stats.brierSum = sums.row(cell)[0]
        stats.calibrationScoreSum = sums.elements(cell, 1, calibrationBins)
        stats.calibrationCount = counts.elements(cell, 4, calibrationBins)
        stats.calibrationPositives = counts.elements(cell, 4 + calibrationBins, calibrationBins)
        let roc = rocCounts.row(cell)
        let stage = rocStage.row(cell)
        stats.rocNegative = (0..<rocBins).map { roc[$0] + Int(stage[$0]) }
        stats.rocPositive = (rocBins..<(2 * rocBins)).map { roc[$0] + Int(stage[$0]) }
        return stats
    }
}

/// Per-record results of one batch's passes, owned by one worker's sink.
final class BatchScratch: @unchecked Sendable {
    let cells = UnsafeMutablePointer<Int>.allocate(capacity: RecordBatchStorage.capacity)
    let outcomes = UnsafeMutablePointer<Int>.allocate(capacity: RecordBatchStorage.capacity)
    let scores = UnsafeMutablePointer<Double>.allocate(capacity: RecordBatchStorage.capacity)

    deinit {
        cells.deallocate()
        outcomes.deallocate()
        scores.deallocate()
    }
}

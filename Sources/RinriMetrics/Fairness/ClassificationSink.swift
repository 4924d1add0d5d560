/// Counts confusion outcomes (and score statistics) per cell on one worker thread.
///
/// Counters live in flat per-cell rows (``CellTable``). A row costs two label comparisons,
/// one optional number parse, one cell-key lookup and a few increments.
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
    /// (`calibrationBins` each) and the ROC histograms of negative and positive labels
    /// (`rocBins` each).
    private let counts: CellTable<Int>
    /// Per cell, with a score column: the Brier sum, then the calibration score sums.
    private let sums: CellTable<FixedPointSum>
    /// The ROC histograms' latest counts, one byte per bin (`rocBins` for negative labels, then
    /// positive): 1/8 of the memory of `counts`' bins, so the random increments of a row hit
    /// the cache far more often. A byte that would overflow is moved into `counts`.
    private let rocStage: CellTable<UInt8>
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
        counts = CellTable(stride: 4 + (scored ? 2 * calibrationBins + 2 * rocBins : 0), zero: 0)
        sums = CellTable(stride: scored ? 1 + calibrationBins : 0, zero: FixedPointSum())
        rocStage = CellTable(stride: scored ? 2 * rocBins : 0, zero: 0)
    }

    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError) {
        guard let label = labels.classify(fields[slots.label]) else {
            throw outsideValues(fields[slots.label], slot: slots.label, what: "label")
        }
        guard let predicted = labels.classify(fields[slots.prediction]) else {
            throw outsideValues(fields[slots.prediction], slot: slots.prediction, what: "prediction")
        }
        let (cell, isNew) = keys.cell(of: fields)
        if isNew {
            counts.addCell()
            sums.addCell()
            rocStage.addCell()
        }
        let outcome = label ? (predicted ? 0 : 3) : (predicted ? 1 : 2)
        let row = counts.row(cell)
        row[outcome] &+= 1
        rows &+= 1
        if let scoreSlot = slots.score {
            try addScore(fields[scoreSlot], slot: scoreSlot, row: row, sums: sums.row(cell),
                         stage: rocStage.row(cell), label: label)
        }
    }

    private func outsideValues(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, what: String) -> RecordError {
        let positive = String(decoding: labels.positive, as: UTF8.self)
        return RecordError(slot: slot, message: "\(what) \(quotedForMessage(bytes)) is neither the positive value "
            + "\"\(positive)\" nor the negative value \"\(labels.negativeText)\"")
    }

    @inline(__always)
    private func addScore(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, row: UnsafeMutablePointer<Int>,
                          sums: UnsafeMutablePointer<FixedPointSum>, stage: UnsafeMutablePointer<UInt8>,
                          label: Bool) throws(RecordError) {
        guard let score = NumberParsing.double(bytes) else {
            throw RecordError(slot: slot, message: "\(quotedForMessage(bytes)) is not a number")
        }
        guard score >= 0 && score <= 1 else {
            throw RecordError(slot: slot, message: "score \(quotedForMessage(bytes)) is outside [0, 1]")
        }
        let target = label ? 1.0 : 0.0
        sums[0].add((score - target) * (score - target))
        let calibrationBin = min(Int(score * Double(calibrationBins)), calibrationBins - 1)
        row[4 &+ calibrationBin] &+= 1
        sums[1 &+ calibrationBin].add(score)
        if label { row[4 &+ calibrationBins &+ calibrationBin] &+= 1 }
        let rocBin = (label ? rocBins : 0) &+ min(Int(score * Double(rocBins)), rocBins - 1)
        if stage[rocBin] == UInt8.max {
            row[4 &+ 2 &* calibrationBins &+ rocBin] &+= Int(UInt8.max) &+ 1 // the staged 255 and this row
            stage[rocBin] = 0
        } else {
            stage[rocBin] &+= 1
        }
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
        let roc = counts.row(cell) + 4 + 2 * calibrationBins
        let stage = rocStage.row(cell)
        stats.rocNegative = (0..<rocBins).map { roc[$0] + Int(stage[$0]) }
        stats.rocPositive = (rocBins..<(2 * rocBins)).map { roc[$0] + Int(stage[$0]) }
        return stats
    }
}

/// Counts confusion outcomes (and score statistics) per cell on one worker thread.
///
/// Layout is flat: `counts[cell * 4 + outcome]` with outcomes TP, FP, TN, FN; the score
/// arrays are `cell * bins + bin`. A row costs two label comparisons, one optional number
/// parse, one cell-key hash and a few array increments.
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
    private var counts: [Int] = []
    private var brierSums: [FixedPointSum] = []
    private var calibrationCount: [Int] = []
    private var calibrationScoreSum: [FixedPointSum] = []
    private var calibrationPositives: [Int] = []
    /// `(cell * 2 + label) * rocBins + bin`, label 1 = positive.
    private var roc: [Int] = []
    private(set) var rows = 0

    init(labels: LabelValues, slots: Slots, calibrationBins: Int, rocBins: Int) {
        self.labels = labels
        self.slots = slots
        self.calibrationBins = calibrationBins
        self.rocBins = rocBins
        keys = CellKeyBuilder(slots: slots.grouping)
    }

    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError) {
        guard let label = labels.classify(fields[slots.label]) else {
            throw outsideValues(fields[slots.label], slot: slots.label, what: "label")
        }
        guard let predicted = labels.classify(fields[slots.prediction]) else {
            throw outsideValues(fields[slots.prediction], slot: slots.prediction, what: "prediction")
        }
        let (cell, isNew) = keys.cell(of: fields)
        if isNew { addCell() }
        let outcome = label ? (predicted ? 0 : 3) : (predicted ? 1 : 2)
        counts[cell &* 4 &+ outcome] &+= 1
        rows &+= 1
        if let scoreSlot = slots.score {
            try addScore(fields[scoreSlot], slot: scoreSlot, cell: cell, label: label)
        }
    }

    private func outsideValues(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, what: String) -> RecordError {
        let positive = String(decoding: labels.positive, as: UTF8.self)
        return RecordError(slot: slot, message: "\(what) \(quotedForMessage(bytes)) is neither the positive value "
            + "\"\(positive)\" nor the negative value \"\(labels.negativeText)\"")
    }

    @inline(__always)
    private mutating func addScore(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, cell: Int, label: Bool) throws(RecordError) {
        guard let score = NumberParsing.double(bytes) else {
            throw RecordError(slot: slot, message: "\(quotedForMessage(bytes)) is not a number")
        }
        guard score >= 0 && score <= 1 else {
            throw RecordError(slot: slot, message: "score \(quotedForMessage(bytes)) is outside [0, 1]")
        }
        let target = label ? 1.0 : 0.0
        brierSums[cell].add((score - target) * (score - target))
        let calibrationBin = cell &* calibrationBins &+ min(Int(score * Double(calibrationBins)), calibrationBins - 1)
        calibrationCount[calibrationBin] &+= 1
        calibrationScoreSum[calibrationBin].add(score)
        if label { calibrationPositives[calibrationBin] &+= 1 }
        let rocBin = min(Int(score * Double(rocBins)), rocBins - 1)
        roc[(cell &* 2 &+ (label ? 1 : 0)) &* rocBins &+ rocBin] &+= 1
    }

    private mutating func addCell() {
        counts.append(contentsOf: [0, 0, 0, 0])
        guard slots.score != nil else { return }
        brierSums.append(FixedPointSum())
        calibrationCount.append(contentsOf: repeatElement(0, count: calibrationBins))
        calibrationScoreSum.append(contentsOf: repeatElement(FixedPointSum(), count: calibrationBins))
        calibrationPositives.append(contentsOf: repeatElement(0, count: calibrationBins))
        roc.append(contentsOf: repeatElement(0, count: 2 * rocBins))
    }

    /// This worker's cells with their values and statistics.
    func cells() -> [Cell<ClassificationStats>] {
        (0..<keys.count).map { cell in
            let counts = ConfusionCounts(truePositives: counts[cell * 4], falsePositives: counts[cell * 4 + 1],
                                         trueNegatives: counts[cell * 4 + 2], falseNegatives: counts[cell * 4 + 3])
            return Cell(values: keys.values(ofCell: cell),
                        stats: ClassificationStats(counts: counts, scores: scoreStats(cell)))
        }
    }

    private func scoreStats(_ cell: Int) -> ScoreStats? {
        guard slots.score != nil else { return nil }
        var stats = ScoreStats(calibrationBins: calibrationBins, rocBins: rocBins)
        stats.brierSum = brierSums[cell]
        let calibration = (cell * calibrationBins)..<((cell + 1) * calibrationBins)
        stats.calibrationCount = Array(calibrationCount[calibration])
        stats.calibrationScoreSum = Array(calibrationScoreSum[calibration])
        stats.calibrationPositives = Array(calibrationPositives[calibration])
        stats.rocNegative = Array(roc[(cell * 2 * rocBins)..<((cell * 2 + 1) * rocBins)])
        stats.rocPositive = Array(roc[((cell * 2 + 1) * rocBins)..<((cell * 2 + 2) * rocBins)])
        return stats
    }
}

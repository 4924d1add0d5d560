/// Confusion-matrix counts of a group (positive = the declared positive label).
public struct ConfusionCounts: Sendable, Equatable, Hashable, Codable {
    /// Positive label, positive prediction.
    public var truePositives: Int
    /// Negative label, positive prediction.
    public var falsePositives: Int
    /// Negative label, negative prediction.
    public var trueNegatives: Int
    /// Positive label, negative prediction.
    public var falseNegatives: Int

    /// Creates counts; omitted ones are 0.
    public init(truePositives: Int = 0, falsePositives: Int = 0, trueNegatives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// All rows.
    public var count: Int { truePositives + falsePositives + trueNegatives + falseNegatives }
    /// Rows with a positive label.
    public var positives: Int { truePositives + falseNegatives }
    /// Rows with a negative label.
    public var negatives: Int { falsePositives + trueNegatives }
    /// Rows with a positive prediction.
    public var predictedPositives: Int { truePositives + falsePositives }
    /// Rows with a negative prediction.
    public var predictedNegatives: Int { trueNegatives + falseNegatives }

    /// Adds the counts of disjoint rows.
    public static func + (left: ConfusionCounts, right: ConfusionCounts) -> ConfusionCounts {
        ConfusionCounts(truePositives: left.truePositives + right.truePositives,
                        falsePositives: left.falsePositives + right.falsePositives,
                        trueNegatives: left.trueNegatives + right.trueNegatives,
                        falseNegatives: left.falseNegatives + right.falseNegatives)
    }
}

/// Score statistics of a group: fixed-point sums for Brier score and calibration, and a
/// fixed-resolution histogram per label for ROC AUC.
///
/// Sums of values in [0, 1] are kept as 128-bit fixed-point integers (``FixedPointSum``): each
/// term is rounded to a multiple of 2⁻⁵² (error ≤ 2⁻⁵³ ≈ 1.1e-16 per term, the size of a double
/// rounding), and integer addition is associative, so results do not depend on how rows were
/// split across threads and chunks.
struct ScoreStats: Sendable, Equatable {
    var brierSum: FixedPointSum
    var calibrationCount: [Int]
    var calibrationScoreSum: [FixedPointSum]
    var calibrationPositives: [Int]
    var rocPositive: [Int]
    var rocNegative: [Int]

    init(calibrationBins: Int, rocBins: Int) {
        brierSum = FixedPointSum()
        calibrationCount = [Int](repeating: 0, count: calibrationBins)
        calibrationScoreSum = [FixedPointSum](repeating: FixedPointSum(), count: calibrationBins)
        calibrationPositives = [Int](repeating: 0, count: calibrationBins)
        rocPositive = [Int](repeating: 0, count: rocBins)
        rocNegative = [Int](repeating: 0, count: rocBins)
    }

    mutating func add(_ other: ScoreStats) {
        brierSum.add(other.brierSum)
        for bin in calibrationCount.indices {
            calibrationCount[bin] += other.calibrationCount[bin]
            calibrationScoreSum[bin].add(other.calibrationScoreSum[bin])
            calibrationPositives[bin] += other.calibrationPositives[bin]
        }
        for bin in rocPositive.indices {
            rocPositive[bin] += other.rocPositive[bin]
            rocNegative[bin] += other.rocNegative[bin]
        }
    }
}

/// Everything counted per cell in a classification analysis.
struct ClassificationStats: CellStatistics {
    var counts: ConfusionCounts
    var scores: ScoreStats?

    mutating func add(_ other: ClassificationStats) {
        counts = counts + other.counts
        if let otherScores = other.scores { scores?.add(otherScores) }
    }
}

/// An exact sum of values in [0, 1], each rounded to a multiple of 2⁻⁵¹, in 128 bits.
///
/// Order-independent (integer addition), and no overflow before 2⁷⁷ terms.
struct FixedPointSum: Sendable, Equatable {
    private static let scale = 2_251_799_813_685_248.0 // 2^51
    private static let magic = 4_503_599_627_370_496.0 // 2^52
    private var high: UInt64 = 0
    private var low: UInt64 = 0

    /// Adds `value` (in [0, 1]).
    ///
    /// `value · 2⁵¹` is exact (a power-of-two scale) and at most 2⁵¹. Adding 2⁵² leaves a
    /// double whose last significand bits are 1 apart, so the addition rounds `value · 2⁵¹` to
    /// the nearest integer (ties to even) and the low 52 bits of the result are that integer:
    /// no conversion, no branch, no call into libm. Each value always becomes the same
    /// integer, so sums are exact and independent of the order of the rows.
    @inline(__always)
    mutating func add(_ value: Double) {
        add(low: (value * Self.scale + Self.magic).bitPattern & 0x000F_FFFF_FFFF_FFFF)
    }

    @inline(__always)
    private mutating func add(low addend: UInt64, high addendHigh: UInt64 = 0) {
        let (sum, carry) = low.addingReportingOverflow(addend)
        low = sum
        high &+= addendHigh &+ (carry ? 1 : 0)
    }

    /// Adds another sum.
    mutating func add(_ other: FixedPointSum) { add(low: other.low, high: other.high) }

    /// The sum as a double (correctly rounded from the two words up to one final rounding).
    var value: Double { Double(high) * 8192 + Double(low) / Self.scale }
}

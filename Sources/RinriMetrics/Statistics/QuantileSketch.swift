import Foundation

/// A mergeable quantile sketch with relative-error guarantee (logarithmic buckets, as in
/// DDSketch, Masson et al. 2019).
///
/// A value x ≠ 0 goes to bucket ⌈log_γ |x|⌉ with γ = (1 + α)/(1 − α), α = ``relativeAccuracy``
/// (0.5%); values with |x| < 10⁻¹² count as zero. ``quantile(_:)`` returns, for the item of rank
/// ⌊q·(n − 1)⌋ (0-based, in sorted order) with value x, a value v with |v − x| ≤ α·|x|. Counts
/// add up when merging, so the result does not depend on threading. Memory is one counter per
/// occupied bucket: about 460 per decade of magnitude spanned by the data.
struct QuantileSketch: Sendable, Equatable {
    static let relativeAccuracy = 0.005
    private static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    private static let logGamma = log(gamma)
    private static let zeroThreshold = 1e-12

    private var positive: [Int: Int] = [:]
    private var negative: [Int: Int] = [:]
    private var zeros = 0
    private(set) var count = 0

    @inline(__always)
    mutating func add(_ value: Double) {
        count += 1
        let magnitude = abs(value)
        if magnitude < Self.zeroThreshold {
            zeros += 1
            return
        }
        let bucket = Int((log(magnitude) / Self.logGamma).rounded(.up))
        if value > 0 { positive[bucket, default: 0] += 1 } else { negative[bucket, default: 0] += 1 }
    }

    mutating func merge(_ other: QuantileSketch) {
        count += other.count
        zeros += other.zeros
        positive.merge(other.positive, uniquingKeysWith: +)
        negative.merge(other.negative, uniquingKeysWith: +)
    }

    /// The q-quantile (0 ≤ q ≤ 1) within relative error α, or nil for an empty sketch.
    func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = Int((q * Double(count - 1)).rounded(.down))
        var seen = 0
        for bucket in negative.keys.sorted(by: >) {
            seen += negative[bucket]!
            if seen > rank { return -Self.representative(bucket) }
        }
        seen += zeros
        if seen > rank { return 0 }
        for bucket in positive.keys.sorted() {
            seen += positive[bucket]!
            if seen > rank { return Self.representative(bucket) }
        }
        return nil
    }

    /// The value of bucket i, 2γ^i/(γ + 1): within α of every value in (γ^(i−1), γ^i].
    private static func representative(_ bucket: Int) -> Double {
        2 * pow(gamma, Double(bucket)) / (gamma + 1)
    }
}

/// Count, mean, variance (Welford), minimum and maximum of a stream of numbers.
struct NumericSummary: Sendable, Equatable {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var squares = 0.0
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity

    @inline(__always)
    mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        squares += delta * (value - mean)
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }

    /// Chan et al.'s pairwise merge.
    mutating func merge(_ other: NumericSummary) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = count + other.count
        let delta = other.mean - mean
        squares += other.squares + delta * delta * Double(count) * Double(other.count) / Double(total)
        mean += delta * Double(other.count) / Double(total)
        count = total
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// The sample standard deviation (n − 1 in the denominator), nil below two values.
    var standardDeviation: Double? { count > 1 ? (squares / Double(count - 1)).squareRoot() : nil }
}

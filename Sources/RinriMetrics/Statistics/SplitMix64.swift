import Foundation

/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// 64 bits of state, period 2^64, passes BigCrush; fully deterministic for a seed, unlike
/// the system generator. `RandomNumberGenerator` so the standard library can use it too.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence depends only on `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for stream `stream` of `seed` (independent streams for replicates).
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ stream
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// Draws from a Poisson distribution.
enum PoissonSampler {
    /// A Poisson(mean) variate.
    ///
    /// Small means (< 10) use inversion by sequential search of the CDF; larger means use
    /// Hörmann's transformed rejection with squeeze (PTRS, 1993), exact in distribution.
    static func sample(mean: Double, using generator: inout SplitMix64) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 10 { return inversion(mean: mean, using: &generator) }
        return transformedRejection(mean: mean, using: &generator)
    }

    /// A Poisson(1) variate: the weight of one row in one replicate of a row-level Poisson
    /// bootstrap, by inversion against a precomputed CDF.
    @inline(__always)
    static func unitMean(using generator: inout SplitMix64) -> Int {
        let uniform = generator.nextUnit()
        var value = 0
        while value < unitMeanCDF.count && uniform >= unitMeanCDF[value] { value += 1 }
        return value
    }

    /// P(X ≤ k) for X ~ Poisson(1), k = 0…19 (the rest of the tail is below 10⁻¹⁹).
    private static let unitMeanCDF: [Double] = {
        var probability = exp(-1.0), cumulative = probability
        var table = [cumulative]
        for k in 1..<20 {
            probability /= Double(k)
            cumulative += probability
            table.append(cumulative)
        }
        return table
    }()

    private static func inversion(mean: Double, using generator: inout SplitMix64) -> Int {
        let uniform = generator.nextUnit()
        var probability = exp(-mean)
        var cumulative = probability
        var value = 0
        while uniform >= cumulative && value < 1000 {
            value += 1
            probability *= mean / Double(value)
            cumulative += probability
        }
        return value
    }

    private static func transformedRejection(mean: Double, using generator: inout SplitMix64) -> Int {
        let root = mean.squareRoot()
        let logMean = log(mean)
        let b = 0.931 + 2.53 * root
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = generator.nextUnit() - 0.5
            let v = generator.nextUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let left = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
            if left <= -mean + k * logMean - logFactorial(k) { return Int(k) }
        }
    }

    /// ln(k!) exactly for small k, by Stirling's series (error < 1e-10) beyond.
    static func logFactorial(_ k: Double) -> Double {
        if k < 16 {
            var result = 0.0
            var factor = 2.0
            while factor <= k {
                result += log(factor)
                factor += 1
            }
            return result
        }
        let x = k + 1
        return (x - 0.5) * log(x) - x + 0.5 * log(2 * Double.pi)
            + 1 / (12 * x) - 1 / (360 * x * x * x) + 1 / (1260 * pow(x, 5))
    }
}

/// Percentile intervals from bootstrap replicates.
enum PercentileInterval {
    /// The central `level` interval of the defined values, with linear interpolation between
    /// order statistics (numpy's default `linear` quantile).
    static func interval(_ values: [Double], level: Double) -> ConfidenceInterval {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return ConfidenceInterval(lower: nil, upper: nil, resamples: 0) }
        let tail = (1 - level) / 2
        return ConfidenceInterval(lower: quantile(sorted, tail), upper: quantile(sorted, 1 - tail), resamples: sorted.count)
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + fraction * (sorted[above] - sorted[below])
    }
}

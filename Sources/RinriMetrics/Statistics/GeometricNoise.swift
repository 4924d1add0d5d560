import Foundation

/// The two-sided geometric mechanism (Ghosh, Roughgarden & Sundararajan 2009): the discrete
/// Laplace mechanism for integer counts.
///
/// Adding noise Z with P(Z = z) ∝ exp(−ε·|z|) to a count of sensitivity 1 (one row added or
/// removed changes it by at most 1) is ε-differentially private; a histogram of disjoint
/// counts has sensitivity 1 as a whole, so one ε covers all its bins.
struct GeometricNoise {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// `count` plus two-sided geometric noise for privacy parameter `epsilon`.
    mutating func noisy(_ count: Int, epsilon: Double) -> Int {
        count + sample(epsilon: epsilon) - sample(epsilon: epsilon)
    }

    /// A geometric variate on {0, 1, …} with P(k) = (1 − p)·p^k, p = exp(−ε).
    private mutating func sample(epsilon: Double) -> Int {
        let uniform = max(generator.nextUnit(), Double.leastNonzeroMagnitude)
        return Int((log(uniform) / -epsilon).rounded(.down))
    }

    /// The smallest noisy count at which a data-dependent category may be shown so that a
    /// category of true count 1 shows with probability at most `delta`: P(Z ≥ t) = p^t/(1 + p).
    static func threshold(epsilon: Double, delta: Double) -> Int {
        let p = exp(-epsilon)
        return 1 + Int((log(delta * (1 + p)) / log(p)).rounded(.up))
    }
}

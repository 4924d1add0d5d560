import Foundation

/// A risk level, from least to most serious.
public enum RiskLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How severe a harm to people would be, judged as the UN Guiding Principles ask (GP14, GP24):
/// its scale (gravity), its scope (how many are affected) and its irremediability, each 1–4.
public struct HarmSeverity: Codable, Sendable, Equatable {
    public var scale: Int
    public var scope: Int
    public var irremediability: Int

    /// - Throws: ``RinriError`` (`invalid`) when a component is outside 1...4.
    public init(scale: Int, scope: Int, irremediability: Int) throws {
        var v = Validator()
        for (name, value) in [("scale", scale), ("scope", scope), ("irremediability", irremediability)] where !(1...4).contains(value) {
            v.add("severity.\(name)", "out_of_range", "\(name) must be between 1 and 4")
        }
        try v.check()
        self.scale = scale
        self.scope = scope
        self.irremediability = irremediability
    }

    /// scale + scope + irremediability, 3 to 12.
    public var score: Int { scale + scope + irremediability }

    /// The severity level.
    ///
    /// critical: score ≥ 11, or a grave harm (scale ≥ 3) that cannot be remedied
    /// (irremediability 4); high: score ≥ 9, or any one dimension at 4; medium: score ≥ 6;
    /// low otherwise. Under the UN Guiding Principles' interpretive guide any one of scale,
    /// scope or irremediability can make a harm severe, so a sum alone must not hide an
    /// extreme dimension (scale 4, scope 1, irremediability 3 is high, not medium).
    public var level: RiskLevel {
        if score >= 11 || (irremediability == 4 && scale >= 3) { return .critical }
        if score >= 9 || max(scale, scope, irremediability) == 4 { return .high }
        if score >= 6 { return .medium }
        return .low
    }
}

/// Scores a risk before (inherent) and after (residual) its countermeasures.
///
/// The level of a risk is read from a matrix of severity level × likelihood (1 rare, 2 possible,
/// 3 likely, 4 almost certain). Severity, not likelihood, sets priority: likelihood may raise a
/// level, but a high or critical severity is never brought below high by a low likelihood.
/// The residual level is always computed, never typed in: each
/// countermeasure that is done lowers, by one step and never below 1, either the likelihood or
/// the scale or the scope of the harm. Irremediability is never lowered: it describes the harm
/// if it happens, which a countermeasure does not change.
public enum RiskScoring {
    /// What a countermeasure reduces once it is done.
    public enum Effect: String, Codable, Sendable, CaseIterable {
        case likelihood, scale, scope
    }

    /// The level for a severity level and a likelihood, rows low → critical, columns likelihood 1 → 4.
    public static let matrix: [RiskLevel: [RiskLevel]] = [
        .low: [.low, .low, .medium, .medium],
        .medium: [.low, .medium, .medium, .high],
        .high: [.high, .high, .high, .critical],
        .critical: [.high, .critical, .critical, .critical],
    ]

    /// The level of a harm of this severity at this likelihood (1...4).
    public static func level(_ severity: HarmSeverity, likelihood: Int) -> RiskLevel {
        matrix[severity.level]![min(max(likelihood, 1), 4) - 1]
    }

    /// The residual severity and likelihood after the effects of the countermeasures that are done.
    public static func residual(_ severity: HarmSeverity, likelihood: Int, doneEffects: [Effect]) -> (HarmSeverity, Int) {
        var reduced = severity
        var residualLikelihood = likelihood
        for effect in doneEffects {
            switch effect {
            case .likelihood: residualLikelihood = max(1, residualLikelihood - 1)
            case .scale: reduced.scale = max(1, reduced.scale - 1)
            case .scope: reduced.scope = max(1, reduced.scope - 1)
            }
        }
        return (reduced, residualLikelihood)
    }

    /// The residual level after the countermeasures that are done.
    public static func residualLevel(_ severity: HarmSeverity, likelihood: Int, doneEffects: [Effect]) -> RiskLevel {
        let (reduced, residualLikelihood) = residual(severity, likelihood: likelihood, doneEffects: doneEffects)
        return level(reduced, likelihood: residualLikelihood)
    }
}

extension RaisedRisk {
    /// The inherent level of the risk as the template raises it; nil when its severity is out of range (a lint error).
    public var inherentLevel: RiskLevel? {
        let s = risk.severity
        guard let severity = try? HarmSeverity(scale: s.scale, scope: s.scope, irremediability: s.irremediability) else { return nil }
        return RiskScoring.level(severity, likelihood: risk.likelihood)
    }
}

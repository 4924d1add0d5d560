import FluentKit
import Foundation
import RinriCore

/// Records in the audit log how every stored risk's levels change under the severity rule of
/// issue 9 (any dimension at 4 is at least high; likelihood never brings a high or critical
/// severity below high; countermeasures of high and critical risks count once verified).
///
/// Levels are computed, never stored, so nothing but the audit log is written: one `rescore`
/// event per risk whose inherent or residual level differs, with the levels before and after.
/// The previous rule is kept here, frozen, because a migration must give the same result whenever it runs.
struct RescoreRisksBySeverityRule: AsyncMigration {
    /// The level a risk had under the rule before this migration: sum thresholds only, and a high
    /// severity at likelihood 1 read as medium.
    static func previousLevel(scale: Int, scope: Int, irremediability: Int, likelihood: Int) -> RiskLevel {
        let score = scale + scope + irremediability
        let severity: RiskLevel = score >= 11 || (irremediability == 4 && scale >= 3) ? .critical
            : score >= 9 ? .high : score >= 6 ? .medium : .low
        let matrix: [RiskLevel: [RiskLevel]] = [
            .low: [.low, .low, .medium, .medium], .medium: [.low, .medium, .medium, .high],
            .high: [.medium, .high, .high, .critical], .critical: [.high, .critical, .critical, .critical],
        ]
        return matrix[severity]![min(max(likelihood, 1), 4) - 1]
    }

    /// The residual level under the previous rule: every done countermeasure counted.
    static func previousResidual(_ risk: RiskRecord) -> RiskLevel {
        let (reduced, likelihood) = RiskScoring.residual(risk.risk.severity, likelihood: risk.risk.likelihood,
                                                         doneEffects: risk.countermeasures.filter { $0.value.status == .done }.map(\.value.effect))
        return previousLevel(scale: reduced.scale, scope: reduced.scope, irremediability: reduced.irremediability, likelihood: likelihood)
    }

    func prepare(on db: Database) async throws {
        try await AuditTrail.transaction(on: db, context: .system("migration")) { tx, batch in
            for risk in try await RiskStore(tx).records() {
                let s = risk.risk.severity
                let before = (Self.previousLevel(scale: s.scale, scope: s.scope, irremediability: s.irremediability, likelihood: risk.risk.likelihood),
                              Self.previousResidual(risk))
                let after = (risk.inherentLevel, risk.residualLevel)
                guard before != after else { continue }
                var changes = AuditChanges.updated(from: ["inherent_level": .string(before.0.rawValue), "residual_level": .string(before.1.rawValue)],
                                                   to: ["inherent_level": .string(after.0.rawValue), "residual_level": .string(after.1.rawValue)])
                changes.annotate("rule", .string("ungp-severity-2026-12"))
                batch.add(.rescore, RiskModel.entityType, risk.id, changes)
            }
        }
    }

    func revert(on db: Database) async throws {}
}

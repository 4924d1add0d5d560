import FluentKit
import Foundation
import RinriCore
import SQLKit

/// Records in the audit log how every stored risk's levels change under the severity rule of
/// December 2026 (any dimension at 4 is at least high; likelihood never brings a high or critical
/// severity below high; countermeasures of high and critical risks count once verified).
///
/// Levels are computed, never stored, so nothing but the audit log is written: one `rescore`
/// event per risk whose inherent or residual level differs, with the levels before and after.
/// Both rules are written out here, frozen, and the rows are read with SQL: a migration gives the
/// same result whenever it runs, whatever the domain code says by then.
struct RescoreRisksBySeverityRule: AsyncMigration {
    let name = "RinriPersistence.RescoreRisksBySeverityRule"

    enum Rule { case previous, ungp2026 }

    static func level(_ rule: Rule, scale: Int, scope: Int, irremediability: Int, likelihood: Int) -> RiskLevel {
        let score = scale + scope + irremediability
        let extreme = rule == .ungp2026 && max(scale, scope, irremediability) == 4
        let severity: RiskLevel = score >= 11 || (irremediability == 4 && scale >= 3) ? .critical
            : score >= 9 || extreme ? .high : score >= 6 ? .medium : .low
        let high: [RiskLevel] = rule == .ungp2026 ? [.high, .high, .high, .critical] : [.medium, .high, .high, .critical]
        let matrix: [RiskLevel: [RiskLevel]] = [.low: [.low, .low, .medium, .medium], .medium: [.low, .medium, .medium, .high],
                                                .high: high, .critical: [.high, .critical, .critical, .critical]]
        return matrix[severity]![min(max(likelihood, 1), 4) - 1]
    }

    /// The residual level: each counted countermeasure lowers its effect by one step, never below 1.
    static func residual(_ rule: Rule, _ risk: (scale: Int, scope: Int, irremediability: Int, likelihood: Int),
                         effects: [String]) -> RiskLevel {
        var (scale, scope, likelihood) = (risk.scale, risk.scope, risk.likelihood)
        for effect in effects {
            switch effect {
            case "scale": scale = max(1, scale - 1)
            case "scope": scope = max(1, scope - 1)
            default: likelihood = max(1, likelihood - 1)
            }
        }
        return level(rule, scale: scale, scope: scope, irremediability: risk.irremediability, likelihood: likelihood)
    }

    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
        struct RiskRow: Decodable { var id: UUID; var scale: Int; var scope: Int; var irremediability: Int; var likelihood: Int }
        struct MeasureRow: Decodable { var risk_id: UUID; var status: String; var effect: String; var verified_by: String? }
        let risks = try await sql.select().columns("id", "scale", "scope", "irremediability", "likelihood").from("risks")
            .orderBy("created_at").all(decoding: RiskRow.self)
        let measures = try await sql.select().columns("risk_id", "status", "effect", "verified_by").from("countermeasures")
            .all(decoding: MeasureRow.self)
        try await AuditTrail.transaction(on: db, context: .system("migration")) { _, batch in
            for risk in risks {
                let rating = (risk.scale, risk.scope, risk.irremediability, risk.likelihood)
                let done = measures.filter { $0.risk_id == risk.id && $0.status == "done" }
                let before = (Self.level(.previous, scale: risk.scale, scope: risk.scope, irremediability: risk.irremediability, likelihood: risk.likelihood),
                              Self.residual(.previous, rating, effects: done.map(\.effect)))
                let inherent = Self.level(.ungp2026, scale: risk.scale, scope: risk.scope, irremediability: risk.irremediability, likelihood: risk.likelihood)
                let counted = inherent >= .high ? done.filter { $0.verified_by != nil } : done
                let after = (inherent, Self.residual(.ungp2026, rating, effects: counted.map(\.effect)))
                guard before != after else { continue }
                var changes = AuditChanges.updated(from: ["inherent_level": .string(before.0.rawValue), "residual_level": .string(before.1.rawValue)],
                                                   to: ["inherent_level": .string(after.0.rawValue), "residual_level": .string(after.1.rawValue)])
                changes.annotate("rule", .string("ungp-severity-2026-12"))
                batch.add(.rescore, "risk", risk.id.uuidString, changes)
            }
        }
    }

    func revert(on db: Database) async throws {}
}

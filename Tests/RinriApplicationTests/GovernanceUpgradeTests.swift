import FluentKit
import Foundation
import RinriCore
@testable import RinriApplication
import RinriTesting
import SQLKit
import Testing

/// What a database made before issue 9 gets when it is upgraded: its risks re-scored in the audit log, the corrected library.
@Suite("Upgrading governance data")
struct GovernanceUpgradeTests {
    /// A system with one risk rated as given, written directly (as a database from an earlier release holds it).
    static func risk(_ t: TestApp, scale: Int, scope: Int, irremediability: Int, likelihood: Int) async throws -> String {
        let store = InventoryService(t.app.db)
        let unit = try await store.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: .system("test"))
        let system = try await store.createSystem(AISystemInput(name: "S", purpose: "P", orgUnitID: unit.id), context: .system("test"))
        return try await AuditTrail.transaction(on: t.app.db, context: .system("test")) { tx, batch in
            let risk = RiskModel()
            risk.systemID = UUID(uuidString: system.id)!
            risk.flagged = false
            risk.apply(RiskInput(title: "R \(scale)/\(scope)/\(irremediability)×\(likelihood)", rights: [.physicalSafety],
                                 severity: try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability), likelihood: likelihood))
            try await risk.createAudited(on: tx, batch)
            return risk.id!.uuidString
        }
    }

    static let allRatings = (1...4).flatMap { a in (1...4).flatMap { b in (1...4).flatMap { c in (1...4).map { d in (a, b, c, d) } } } }

    @Test(arguments: TestDatabase.all)
    func theRescoringRecordsEveryRiskWhoseLevelChanged(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given: a possible death for a few people, rare (low under the old rule), and a risk the rule does not change
            let death = try await Self.risk(t, scale: 4, scope: 1, irremediability: 3, likelihood: 1)
            let same = try await Self.risk(t, scale: 2, scope: 2, irremediability: 2, likelihood: 2)
            #expect(RescoreRisksBySeverityRule.level(.previous, scale: 4, scope: 1, irremediability: 3, likelihood: 1) == .low)
            // the frozen rule of the migration agrees with the domain rule it records, on all 256 ratings
            for (scale, scope, irremediability, likelihood) in Self.allRatings {
                let severity = try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability)
                #expect(RescoreRisksBySeverityRule.level(.ungp2026, scale: scale, scope: scope, irremediability: irremediability, likelihood: likelihood)
                        == RiskScoring.level(severity, likelihood: likelihood))
            }
            // when: the migration runs on the database
            try await RescoreRisksBySeverityRule().prepare(on: t.app.db)
            // then: one audited re-scoring, low → high, and the chain still verifies
            let events = try await t.auditEvents().filter { $0.record.action == .rescore }
            #expect(events.map(\.record.entityID) == [death])
            #expect(!events.contains { $0.record.entityID == same })
            let changes = try #require(events.first?.record.changes)
            #expect(changes.contains("\"before\":{\"inherent_level\":\"low\",\"residual_level\":\"low\"}"), "\(changes)")
            #expect(changes.contains("\"inherent_level\":\"high\"") && changes.contains("ungp-severity-2026-12"), "\(changes)")
            #expect(try await AuditQueries(t.app.db).verify() == (try await t.auditEvents().count))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSeededDatabaseReceivesTheCorrectedLibrary(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given: a database seeded by a release that shipped jp-aigl 1.0.0
            try await t.sql("UPDATE check_sheet_templates SET template_version = '1.0.0' WHERE template_id = 'jp-aigl'")
            let store = GovernanceService(t.app.db)
            // when: Rinri starts again
            let imported = try await store.upgradeBundledTemplates(context: .system("start"))
            // then: the shipped version is imported and active, the old one kept for the assessments that pinned it
            #expect(imported == ["jp-aigl@2.0.0"])
            let versions = try await TemplateQueries(t.app.db).list().filter { $0.templateID == "jp-aigl" }
            #expect(Set(versions.map(\.version)) == ["1.0.0", "2.0.0"])
            #expect(versions.first { $0.isActive }?.version == "2.0.0")
            // and a start with nothing newer changes nothing
            let events = try await t.auditEvents().count
            #expect(try await store.upgradeBundledTemplates(context: .system("start")).isEmpty)
            #expect(try await t.auditEvents().count == events)
            // a version the office imported above the shipped one is left alone
            try await t.sql("UPDATE check_sheet_templates SET template_version = '9.0.0' WHERE template_id = 'jp-aigl' AND template_version = '2.0.0'")
            #expect(try await store.upgradeBundledTemplates(context: .system("start")).isEmpty)
        }
    }
}

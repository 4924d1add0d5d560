import FluentKit
import Foundation
import RinriCore
@testable import RinriApplication
import RinriTesting
import SQLKit
import Testing

/// A database made by release 0.1.0 (commit fc885e2, by `scripts/make-upgrade-fixture.py`) upgrades without loss.
@Suite("Upgrading a database made by release 0.1.0")
struct UpgradeFromReleaseTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rinri-0.1.0.sqlite")

    /// A copy of the fixture, so the committed file is never changed.
    static func copy() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rinri-upgrade-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    @Test func theReleaseDatabaseMigratesAndKeepsItsDataAndChain() async throws {
        let path = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestApp.with(.sqliteFile(path: path)) { t in
            // the chain the release wrote, and the events of the upgrade appended to it, verify
            let events = try await t.auditEvents()
            #expect(events.count > 117, "the release's 117 events and the upgrade's own")
            #expect(try await AuditQueries(t.app.db).verify() == events.count)
            // what the release stored is all there
            #expect(try await t.count("users") == 6)
            #expect(try await t.count("ai_systems") == 2)
            #expect(try await t.count("assessments") == 2)
            #expect(try await t.count("assessment_votes") == 3)
            #expect(try await t.count("follow_up_actions") == 1)
            #expect(try await t.count("risks") >= 2)
            // every live token of the release now expires (it never did)
            #expect(try await t.count("api_tokens") > 0)
            #expect(try await t.count("api_tokens WHERE expires_at IS NULL AND revoked_at IS NULL") == 0)
            // the stores read the old rows, whose new columns are empty
            let systems = try await InventoryQueries(t.app.db).systems()
            let concierge = try #require(systems.items.first { $0.value.name == "FaceGen Concierge" })
            #expect(concierge.value.lifecyclePhase == .development)
            let assessments = try await AssessmentQueries(t.app.db).list(systemID: concierge.id)
            let planning = try #require(assessments.first { $0.record.phase == .planning })
            #expect(planning.record.state == .approvedWithConditions && planning.record.panel.isEmpty && planning.record.submittedBy == nil)
            let detail = try await AssessmentQueries(t.app.db).detail(planning.record.id)
            #expect(detail.votes.count == 3 && detail.actions.first?.action.status == .done && detail.actions.first?.source == "decision")
            let evidence = try await EvidenceQueries(t.app.db).list(of: concierge.id)
            #expect(!evidence.isEmpty && evidence.allSatisfy { $0.value.source == nil })
            // the register is re-scored under the severity rule, in the audit log: the hand-entered 4/1/3 risk, rare, was low
            let rescored = events.filter { $0.record.action == .rescore }
            let register = try await RiskQueries(t.app.db).page(RiskFilter(), Listing(perPage: 200, sort: .created)).items
            let extreme = try #require(register.first { $0.risk.title == "Staff over-rely on the plan" })
            #expect(extreme.inherentLevel == .high)
            #expect(rescored.contains { $0.record.entityID == extreme.id && $0.record.changes.contains("\"low\"") })
            // done countermeasures of high risks now wait for verification, so the gate to release says so
            let raised = try #require(register.first { $0.systemID == concierge.id && $0.inherentLevel >= .high })
            #expect(!raised.unverified.isEmpty && raised.counting.isEmpty)
            // the shipped library is upgraded; the release's versions stay for the assessments that pinned them
            let versions = try await TemplateQueries(t.app.db).list().filter { $0.templateID == "jp-aigl" }
            #expect(Set(versions.map(\.version)) == ["1.0.0", "2.0.0"] && versions.first { $0.isActive }?.version == "2.0.0")
            #expect(detail.sheets.allSatisfy { $0.sheet.templateVersion == "1.0.0" })
        }
    }

    @Test func theUpgradedDatabaseServesTheAPI() async throws {
        let path = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestApp.with(.sqliteFile(path: path)) { t in
            let auditor = try await t.token(.auditor)
            #expect(try await t.request(.GET, "/api/v1/audit/verify", token: auditor).json["ok"] as? Bool == true)
            let office = try await t.token(.governanceOffice)
            let systems = try await t.request(.GET, "/api/v1/systems", token: office).items
            #expect(systems.count == 2)
            for system in systems {
                let id = try system.value("id", as: String.self)
                #expect(try await t.request(.GET, "/api/v1/systems/\(id)/assessments", token: office).status == .ok)
                #expect(try await t.request(.GET, "/api/v1/systems/\(id)/gate", token: office).status == .ok)
                #expect(try await t.request(.GET, "/api/v1/systems/\(id)/risks", token: office).status == .ok)
            }
            // the governed owner of the release's data is still refused what is not theirs
            let owner = try await t.request(.GET, "/api/v1/users", token: office).items.first { $0["email"] as? String == "owner@example.com" }
            #expect(owner != nil)
        }
    }
}

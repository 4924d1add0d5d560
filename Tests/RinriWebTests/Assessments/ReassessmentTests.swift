import Foundation
import RinriCore
import RinriTesting
import Testing

/// Re-assessment triggers other than a new model version (which the walk-through covers).
@Suite("Re-assessment triggers")
struct ReassessmentTests {
    /// A low-risk system used only in Japan, its planning assessment approved by the owner's self-check.
    static func approvedSystem(_ t: TestApp) async throws -> (p: GovernanceWorkflowTests.People, system: String, assessment: String) {
        let p = try await GovernanceWorkflowTests.people(t)
        let unit = try await t.request(.POST, "/api/v1/org-units", token: p.office, json: ["name": "Retail", "kind": "business_unit", "country": "JP"])
        let system = try await t.request(.POST, "/api/v1/systems", token: p.owner, json: [
            "name": "Shelf planner", "purpose": "Suggests shelf layouts", "org_unit_id": unit.id(),
            "owner_id": p.ownerID, "jurisdictions": ["JP"], "intended_users": "Store staff"]).id()
        let opened = try await t.request(.POST, "/api/v1/systems/\(system)/assessments", token: p.owner, json: [:])
        let id = try opened.id()
        let driver = try AssessmentDriver(t, system: SystemAttributes(jurisdictions: ["JP"]))
        try await driver.complete(id, systemID: system, owner: p.owner)
        let decided = try await GovernanceWorkflowTests.approve(t, id, p)
        #expect(decided["route"] as? String == "self_check", "no risk raised, so the owner's self-check decides")
        #expect(decided["state"] as? String == "approved")
        return (p, system, id)
    }

    @Test func aChangedFrameworkProvisionReopensTheApprovalsThatCitedIt() async throws {
        try await TestApp.with(.sqlite) { t in
            let (p, system, id) = try await Self.approvedSystem(t)
            // a provision no applying question cites re-opens nothing
            let unrelated = try await t.request(.POST, "/api/v1/framework-changes", token: p.office,
                                                json: ["ref": "EUAIA.Art99", "summary": "Penalty amounts clarified"])
            #expect(unrelated.status == .created && (unrelated.json["reopened"] as? [String])?.isEmpty == true, "\(unrelated.body)")
            let bad = try await t.request(.POST, "/api/v1/framework-changes", token: p.office, json: ["ref": "Article 5", "summary": "x"])
            #expect(bad.status == .unprocessableEntity && bad.errorField == "ref")
            let changed = try await t.request(.POST, "/api/v1/framework-changes", token: p.office,
                                              json: ["ref": "JP-AIGL.C3", "summary": "Fairness principle revised in version 1.1"])
            #expect((changed.json["reopened"] as? [String]) == [id])
            let stale = try await t.request(.GET, "/api/v1/assessments/\(id)", token: p.owner).json
            #expect((stale["stale_reason"] as? String)?.contains("JP-AIGL.C3") == true)
            let drafts = try await t.request(.GET, "/api/v1/systems/\(system)/assessments", token: p.owner).items.filter { $0["state"] as? String == "draft" }
            #expect(drafts.count == 1)
            #expect(try await t.auditEvents().contains { $0.record.entityType == "framework_change" })
        }
    }

    @Test func aChangedIntendedUseOrAnIncidentReopensTheApproval() async throws {
        try await TestApp.with(.sqlite) { t in
            let (p, system, id) = try await Self.approvedSystem(t)
            var record = try await t.request(.GET, "/api/v1/systems/\(system)", token: p.owner).json
            record["intended_users"] = "Store staff and customers on a public kiosk"
            #expect(try await t.request(.PUT, "/api/v1/systems/\(system)", token: p.owner, json: record).status == .ok)
            let stale = try await t.request(.GET, "/api/v1/assessments/\(id)", token: p.owner).json
            #expect((stale["stale_reason"] as? String)?.hasPrefix("intended_use_changed") == true)
            let gate = try await t.request(.GET, "/api/v1/systems/\(system)/gate", token: p.owner).json
            #expect((gate["blockers"] as? [[String: Any]])?.contains { $0["code"] as? String == "not_approved" } == true, "\(gate)")

            // an incident is linked by hand (the incident register comes later); automatic triggers cannot be faked
            let automatic = try await t.request(.POST, "/api/v1/systems/\(system)/reassessments", token: p.owner,
                                                json: ["trigger": "new_model_version", "detail": "x"])
            #expect(automatic.status == .unprocessableEntity && automatic.errorCode == "automatic")
            let incident = try await t.request(.POST, "/api/v1/systems/\(system)/reassessments", token: p.owner,
                                               json: ["trigger": "incident_linked", "detail": "INC-42: kiosk showed another customer's data"])
            #expect(incident.status == .created)
            #expect((incident.json["reopened"] as? [String])?.isEmpty == true, "nothing approved is left to re-open")
            #expect(try await t.request(.POST, "/api/v1/systems/\(system)/reassessments", token: p.auditor,
                                        json: ["trigger": "manual", "detail": "x"]).status == .forbidden)
        }
    }
}

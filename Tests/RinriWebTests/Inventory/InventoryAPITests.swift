import Foundation
import RinriCore
import RinriTesting
import Testing

@Suite("Inventory API")
struct InventoryAPITests {
    static func unit(_ t: TestApp, _ token: String, name: String = "Sony Electronics") async throws -> String {
        let response = try await t.request(.POST, "/api/v1/org-units", token: token,
                                           json: ["name": name, "kind": "business_unit", "country": "JP"])
        #expect(response.status == .created, "\(response.body)")
        return try #require(response.json["id"] as? String)
    }

    static func systemBody(unit: String, name: String = "Face check-in") -> [String: Any] {
        ["name": name, "purpose": "Check hotel guests in by face", "org_unit_id": unit, "lifecycle_phase": "planning",
         "jurisdictions": ["jp", "EU"], "uses_biometric_data": true, "uses_generative_ai": true]
    }

    @Test(arguments: TestDatabase.all)
    func createReadUpdateDeleteWithAuditEvents(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given
            let office = try await t.token(.governanceOffice)
            let unit = try await Self.unit(t, office)
            // when: a system is created
            let created = try await t.request(.POST, "/api/v1/systems", token: office, json: Self.systemBody(unit: unit))
            // then
            #expect(created.status == .created)
            let system = created.json
            let id = try #require(system["id"] as? String)
            #expect(system["jurisdictions"] as? [String] == ["JP", "EU"])
            #expect(system["version"] as? Int == 1)
            #expect(system["owner_id"] is NSNull)
            #expect(system["uses_biometric_data"] as? Bool == true)

            // and it is listed, searchable and filterable
            #expect(try await t.request(.GET, "/api/v1/systems?q=FACE", token: office).items.count == 1)
            #expect(try await t.request(.GET, "/api/v1/systems?phase=release", token: office).items.isEmpty)
            #expect(try await t.request(.GET, "/api/v1/systems?org_unit_id=\(unit)", token: office).items.count == 1)

            // when: it is updated with the version read (moving to development would need an approved planning assessment)
            var body = Self.systemBody(unit: unit)
            body["lifecycle_phase"] = "retired"
            body["version"] = 1
            let updated = try await t.request(.PUT, "/api/v1/systems/\(id)", token: office, json: body)
            #expect(updated.status == .ok)
            #expect(updated.json["version"] as? Int == 2)
            #expect(updated.json["lifecycle_phase"] as? String == "retired")

            // then: a stale version is refused and nothing changes
            body["lifecycle_phase"] = "planning"
            let stale = try await t.request(.PUT, "/api/v1/systems/\(id)", token: office, json: body)
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "stale_version")
            #expect(try await t.request(.GET, "/api/v1/systems/\(id)", token: office).json["lifecycle_phase"] as? String == "retired")

            // and components nest under the system
            let model = try await t.request(.POST, "/api/v1/systems/\(id)/models", token: office,
                                            json: ["name": "FaceNet-S", "model_version": "2.1", "type": "classification"])
            #expect(model.status == .created)
            #expect(model.json["system_id"] as? String == id)
            let me = try await t.request(.GET, "/api/v1/me", token: office).json["id"] as? String
            let agent = try await t.request(.POST, "/api/v1/systems/\(id)/agents", token: office,
                                            json: ["name": "Concierge", "role": "books rooms", "accountable_owner_id": me ?? "",
                                                   "autonomy_level": "human_approves_each_action", "tools": ["booking-api"]])
            #expect(agent.status == .created, "\(agent.body)")
            let dataset = try await t.request(.POST, "/api/v1/systems/\(id)/datasets", token: office,
                                              json: ["name": "Guest photos", "acquisition_method": "collected_from_users",
                                                     "contains_biometric_data": true])
            #expect(dataset.json["contains_personal_data"] as? Bool == true)
            #expect(try await t.request(.GET, "/api/v1/systems/\(id)/models", token: office).array.count == 1)

            // when: the system is deleted
            #expect(try await t.request(.DELETE, "/api/v1/systems/\(id)", token: office).status == .noContent)
            #expect(try await t.request(.GET, "/api/v1/systems/\(id)", token: office).status == .notFound)
            #expect(try await t.count("ai_models") == 0)

            // then: the audit log holds every step, in order, and verifies
            let seededTypes: Set<String> = ["user", "api_token", "governance_body", "governance_setting", "principle", "check_sheet_template"]
            let actions = try await t.auditEvents().filter { !seededTypes.contains($0.record.entityType) }
                .map { "\($0.record.action.rawValue) \($0.record.entityType)" }
            #expect(actions == ["create org_unit", "create ai_system", "update ai_system", "create ai_model", "create ai_agent",
                                "create dataset", "delete ai_model", "delete dataset", "delete ai_agent", "delete ai_system"])
            let update = try #require(try await t.auditEvents().first { $0.record.action == .update })
            #expect(update.record.changes == #"{"after":{"lifecycle_phase":"retired"},"before":{"lifecycle_phase":"planning"}}"#)
            #expect(update.record.requestID != nil)
            let verify = try await t.request(.GET, "/api/v1/audit/verify", token: try await t.token(.auditor))
            #expect(verify.json["ok"] as? Bool == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func invalidInputIsRefusedAndChangesNothing(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.governanceOffice)
            let unit = try await Self.unit(t, office)
            let before = (try await t.count("ai_systems"), try await t.count("audit_events"))

            // 422 with the field, for each kind of bad value
            var body = Self.systemBody(unit: unit)
            body["name"] = "  "
            var response = try await t.request(.POST, "/api/v1/systems", token: office, json: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == "name")
            #expect(response.errorCode == "required")

            body = Self.systemBody(unit: unit)
            body["org_unit_id"] = UUID().uuidString
            response = try await t.request(.POST, "/api/v1/systems", token: office, json: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == "org_unit_id")

            body = Self.systemBody(unit: unit)
            body["jurisdictions"] = ["Narnia"]
            response = try await t.request(.POST, "/api/v1/systems", token: office, json: body)
            #expect(response.errorField == "jurisdictions")

            // 400 for JSON of the wrong shape, naming the field
            body = Self.systemBody(unit: unit)
            body["uses_biometric_data"] = "yes"
            response = try await t.request(.POST, "/api/v1/systems", token: office, json: body)
            #expect(response.status == .badRequest)
            #expect(response.errorField == "uses_biometric_data")
            response = try await t.raw(.POST, "/api/v1/systems", token: office, body: "{not json")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "malformed")

            // 409 for an update without a version is 422; deleting a unit in use is 409
            response = try await t.request(.PUT, "/api/v1/org-units/\(unit)", token: office,
                                           json: ["name": "X", "kind": "business_unit", "country": "JP"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == "version")
            _ = try await t.request(.POST, "/api/v1/systems", token: office, json: Self.systemBody(unit: unit))
            response = try await t.request(.DELETE, "/api/v1/org-units/\(unit)", token: office)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "unit_in_use")

            // 404 for unknown ids, including non-UUIDs
            #expect(try await t.request(.GET, "/api/v1/systems/nope", token: office).status == .notFound)
            #expect(try await t.request(.GET, "/api/v1/systems/\(UUID().uuidString)/models", token: office).status == .notFound)

            // the error body has the documented shape
            let error = try #require(response.json["error"] as? [String: Any])
            #expect(Set(error.keys).isSuperset(of: ["code", "message", "field"]))

            // only the one valid create changed anything
            #expect(try await t.count("ai_systems") == before.0 + 1)
            #expect(try await t.count("audit_events") == before.1 + 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aScopedProjectOwnerWritesOnlyInTheirUnit(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.governanceOffice)
            let home = try await Self.unit(t, office, name: "Home")
            let other = try await Self.unit(t, office, name: "Other")
            let owner = try await t.user([RoleGrant(role: .projectOwner, orgUnitID: home)]).token
            #expect(try await t.request(.POST, "/api/v1/systems", token: owner, json: Self.systemBody(unit: home)).status == .created)
            let refused = try await t.request(.POST, "/api/v1/systems", token: owner, json: Self.systemBody(unit: other))
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "unit_scope")
            let foreign = try await t.request(.POST, "/api/v1/systems", token: office, json: Self.systemBody(unit: other)).json["id"] as? String
            let edit = try await t.request(.POST, "/api/v1/systems/\(foreign ?? "")/models", token: owner,
                                           json: ["name": "M", "model_version": "1", "type": "other"])
            #expect(edit.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func unitsCannotFormCycles(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.admin)
            let parent = try await Self.unit(t, office, name: "Group")
            let child = try await t.request(.POST, "/api/v1/org-units", token: office,
                                            json: ["name": "Child", "kind": "subsidiary", "country": "DE", "parent_id": parent])
            let childID = try #require(child.json["id"] as? String)
            let cycle = try await t.request(.PUT, "/api/v1/org-units/\(parent)", token: office,
                                            json: ["name": "Group", "kind": "corporate", "country": "JP", "parent_id": childID, "version": 1])
            #expect(cycle.status == .unprocessableEntity)
            #expect(cycle.errorCode == "cycle")
            #expect(try await t.request(.DELETE, "/api/v1/org-units/\(parent)", token: office).errorCode == "unit_in_use")
        }
    }
}

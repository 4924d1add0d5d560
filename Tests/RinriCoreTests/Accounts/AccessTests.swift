import RinriCore
import Testing

@Suite("Roles and access")
struct AccessTests {
    @Test func grantsParseFromTheCLIForm() throws {
        #expect(try RoleGrant.parse("admin") == RoleGrant(role: .admin))
        #expect(try RoleGrant.parse("reviewer:human_rights") == RoleGrant(role: .reviewer, reviewDomain: .humanRights))
        #expect(try RoleGrant.parse("project_owner@U1") == RoleGrant(role: .projectOwner, orgUnitID: "U1"))
        #expect(try RoleGrant.parse("reviewer:legal").description == "reviewer:legal")
    }

    // A unit scope on a role whose rights do not depend on the unit would be silently ignored: refused.
    @Test(arguments: ["boss", "reviewer", "admin:legal", "reviewer:finance", "project_owner@", "", "reviewer:legal@U2", "auditor@U1", "admin@HQ"])
    func badGrantsAreRefused(text: String) {
        #expect(throws: RinriError.self) { try RoleGrant.parse(text) }
    }

    @Test func anAuditorReadsButNeverWrites() {
        let auditor = [RoleGrant(role: .auditor)]
        #expect(AccessPolicy.allows(auditor, .readInventory))
        #expect(AccessPolicy.allows(auditor, .readAudit))
        #expect(!AccessPolicy.allows(auditor, .writeInventory))
        #expect(!AccessPolicy.allows(auditor, .manageOrgUnits))
        #expect(!AccessPolicy.allows(auditor, .manageUsers))
    }

    @Test func anEmployeeOnlyHasTheirAccount() {
        let employee = [RoleGrant(role: .employee)]
        for permission in Permission.allCases {
            #expect(!AccessPolicy.allows(employee, permission), "employee must not hold \(permission)")
        }
    }

    @Test func aScopedProjectOwnerWritesOnlyInTheirUnit() {
        let scoped = [RoleGrant(role: .projectOwner, orgUnitID: "U1")]
        #expect(AccessPolicy.canWriteInventory(scoped, inUnit: "U1"))
        #expect(!AccessPolicy.canWriteInventory(scoped, inUnit: "U2"))
        #expect(AccessPolicy.canWriteInventory([RoleGrant(role: .projectOwner)], inUnit: "U2"))
        #expect(AccessPolicy.canWriteInventory([RoleGrant(role: .governanceOffice)], inUnit: "U2"))
        #expect(!AccessPolicy.canWriteInventory([RoleGrant(role: .committeeChair)], inUnit: "U1"))
    }
}

@Suite("Inventory validation")
struct InventoryValidationTests {
    @Test func aSystemIsNormalised() throws {
        let input = try AISystemInput.validate(.init(name: "  Face check-in ", purpose: "Check guests in",
                                                     orgUnitID: "U1", jurisdictions: ["jp", "EU", "JP", " "]))
        #expect(input.name == "Face check-in")
        #expect(input.jurisdictions == ["JP", "EU"])
        #expect(input.lifecyclePhase == .planning)
        #expect(input.status == .registered)
        #expect(!input.usesBiometricData)
    }

    @Test func everyBadFieldIsReportedAtOnce() {
        do {
            _ = try AISystemInput.validate(.init(name: "", purpose: nil, orgUnitID: "U1", lifecyclePhase: "beta",
                                                 jurisdictions: ["XX", "JP"]))
            Issue.record("invalid input must not validate")
        } catch let error as RinriError {
            #expect(error.kind == .invalid)
            #expect(Set(error.issues.map(\.field)) == ["name", "purpose", "lifecycle_phase", "jurisdictions"])
            #expect(error.issues.first { $0.field == "lifecycle_phase" }?.code == "invalid_choice")
            #expect(error.issues.first { $0.field == "jurisdictions" }?.code == "invalid_jurisdiction")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func unitsNeedAnISOCountry() throws {
        #expect(try OrgUnitInput.validate(name: "Sony Europe", kind: "subsidiary", country: "de", parentID: "").country == "DE")
        #expect(throws: RinriError.self) { try OrgUnitInput.validate(name: "X", kind: "subsidiary", country: "EU", parentID: nil) }
        #expect(throws: RinriError.self) { try OrgUnitInput.validate(name: "X", kind: "department", country: "JP", parentID: nil) }
    }

    @Test func specialDataImpliesPersonalData() throws {
        let dataset = try DatasetInput.validate(name: "Faces", source: "", acquisitionMethod: "collected_from_users",
                                                flags: (nil, nil, true, nil))
        #expect(dataset.containsPersonalData)
        #expect(throws: RinriError.self) {
            try DatasetInput.validate(name: "Faces", source: "", acquisitionMethod: "purchased", flags: (false, nil, true, nil))
        }
    }

    @Test func agentsNeedAnAccountablePersonAndAnAutonomyLevel() {
        do {
            _ = try AIAgentInput.validate(name: "Planner", role: "plans", accountableOwnerID: "", autonomyLevel: "total", tools: [])
            Issue.record("must fail")
        } catch let error as RinriError {
            #expect(Set(error.issues.map(\.field)) == ["accountable_owner_id", "autonomy_level"])
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func emailsAreChecked() {
        #expect(EmailAddress.isValid("a.b@example.co.jp"))
        #expect(EmailAddress.isValid("admin@rinri.local"))
        for bad in ["", "a", "a@", "@b", "a b@c.d", "a@b@c", "a@.b", "a@b..c"] {
            #expect(!EmailAddress.isValid(bad), "\(bad) must be refused")
        }
    }
}

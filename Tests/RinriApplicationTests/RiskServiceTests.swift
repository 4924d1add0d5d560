import Foundation
import RinriCore
import RinriApplication
import RinriTesting
import Testing

/// The risk service enforces who may change the register and what the second line decides,
/// whichever entry point calls it.
@Suite("Risk service")
struct RiskServiceTests {
    struct Fixture {
        let owner: Actor
        let office: Actor
        let outsider: Actor
        let risk: RiskRecord
    }

    /// A system owned by `owner` with one high risk and one countermeasure; `outsider` is a project
    /// owner of another unit, `office` the governance office.
    static func fixture(_ t: TestApp) async throws -> Fixture {
        func actor(_ grants: [RoleGrant]) async throws -> Actor {
            let account = try await t.user(grants).account
            return Actor(id: account.id, label: account.email, grants: account.grants)
        }
        let inventory = InventoryService(t.app.db)
        let home = try await inventory.createOrgUnit(OrgUnitInput(name: "Home", kind: .businessUnit, country: "JP"), context: .system("test"))
        let other = try await inventory.createOrgUnit(OrgUnitInput(name: "Other", kind: .businessUnit, country: "JP"), context: .system("test"))
        let owner = try await actor([RoleGrant(role: .projectOwner, orgUnitID: home.id)])
        let office = try await actor([RoleGrant(role: .governanceOffice)])
        let outsider = try await actor([RoleGrant(role: .projectOwner, orgUnitID: other.id)])
        let system = try await inventory.createSystem(AISystemInput(name: "S", purpose: "P", orgUnitID: home.id, ownerID: owner.id),
                                                      context: owner)
        let input = RiskInput(title: "Misidentified guests", rights: [.privacy], severity: try HarmSeverity(scale: 4, scope: 2, irremediability: 2),
                              likelihood: 3)
        let risks = RiskService(t.app.db)
        let risk = try await risks.create(systemID: system.id, input, user: owner)
        let measured = try await risks.addCountermeasure(to: risk.id, CountermeasureInput(title: "Human check", status: .done), user: owner)
        return Fixture(owner: owner, office: office, outsider: outsider, risk: measured)
    }

    @Test(arguments: TestDatabase.all)
    func onlyTheSecondLineVerifiesAndItsNoteIsBounded(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given
            let f = try await Self.fixture(t)
            let risks = RiskService(t.app.db)
            let measure = try #require(f.risk.countermeasures.first)
            let events = try await t.count("audit_events")
            // when the owner verifies their own countermeasure, or the office with a note past 4,000 characters
            let own = await #expect(throws: RinriError.self) {
                _ = try await risks.verifyCountermeasure(measure.id, of: f.risk.id, version: measure.version, note: nil, user: f.owner)
            }
            let long = await #expect(throws: RinriError.self) {
                _ = try await risks.verifyCountermeasure(measure.id, of: f.risk.id, version: measure.version,
                                                         note: String(repeating: "n", count: 4_001), user: f.office)
            }
            // then both are refused and nothing is written
            #expect(own?.code == "second_line_only")
            #expect(long?.code == "too_long" && long?.field == "note")
            #expect(try await t.count("audit_events") == events)
            // the office verifies with a note, which the audit log keeps as the reason
            let verified = try await risks.verifyCountermeasure(measure.id, of: f.risk.id, version: measure.version,
                                                                note: "Checked the deployment record", user: f.office)
            #expect(verified.countermeasures.first?.verifiedBy == f.office.key)
            let last = try #require(try await t.auditEvents().last)
            #expect(last.record.changes.contains("Checked the deployment record"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func someoneOutsideTheSystemCannotChangeItsRegister(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let f = try await Self.fixture(t)
            let risks = RiskService(t.app.db)
            let events = try await t.count("audit_events")
            var edited = f.risk.risk
            edited.title = "Renamed by an outsider"
            let error = await #expect(throws: RinriError.self) {
                _ = try await risks.update(f.risk.id, edited, version: f.risk.version, user: f.outsider)
            }
            #expect(error?.kind == .forbidden)
            #expect(try await t.count("audit_events") == events)
            #expect(try await RiskQueries(t.app.db).record(f.risk.id).risk.title == "Misidentified guests")
        }
    }
}

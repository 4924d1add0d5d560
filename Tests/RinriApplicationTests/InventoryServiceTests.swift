import Foundation
import RinriCore
import RinriApplication
import RinriTesting
import Testing

/// The inventory and evidence services enforce a project owner's unit scope themselves, so every
/// entry point (API, page, job, a future CLI command) gets the same refusal.
@Suite("Inventory service")
struct InventoryServiceTests {
    struct Fixture {
        let office: Actor
        let owner: Actor
        let home: String
        let other: String
        let foreign: String
        let model: String
        let dataset: String
        let agent: String
        let evidence: String
    }

    /// An owner scoped to `home`, and a system in `other` with one component of each kind and one evidence record.
    static func fixture(_ t: TestApp) async throws -> Fixture {
        let store = InventoryService(t.app.db)
        let office = Actor.system("test")
        let home = try await store.createOrgUnit(OrgUnitInput(name: "Home", kind: .businessUnit, country: "JP"), context: office).id
        let other = try await store.createOrgUnit(OrgUnitInput(name: "Other", kind: .businessUnit, country: "DE"), context: office).id
        let account = try await t.user([RoleGrant(role: .projectOwner, orgUnitID: home)]).account
        let owner = Actor(id: account.id, label: account.email, grants: account.grants)
        let foreign = try await store.createSystem(AISystemInput(name: "Foreign", purpose: "P", orgUnitID: other), context: office).id
        let model = try await store.createModel(AIModelInput(name: "M", modelVersion: "1", type: .other), in: foreign, context: office).id
        let dataset = try await store.createDataset(DatasetInput(name: "D", source: "S", acquisitionMethod: .internalRecords),
                                                    in: foreign, context: office).id
        let agent = try await store.createAgent(AIAgentInput(name: "A", role: "R", accountableOwnerID: account.id, autonomyLevel: .suggestOnly),
                                                in: foreign, context: office).id
        let evidence = try await EvidenceService(t.app.db).create(Self.document, in: foreign, context: office).id
        return Fixture(office: office, owner: owner, home: home, other: other, foreign: foreign, model: model, dataset: dataset,
                       agent: agent, evidence: evidence)
    }

    static var document: EvidenceInput {
        EvidenceInput(kind: .document, title: "Minutes", resultJSON: #"{"summary":"minutes of the review"}"#, passed: nil, command: "",
                      rinriVersion: "test", inputSHA256: nil, inputRows: 0, source: .api)
    }

    @Test(arguments: TestDatabase.all)
    func everyInventoryWriteOutsideTheOwnersUnitIsRefusedAndChangesNothing(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given
            let f = try await Self.fixture(t)
            let store = InventoryService(t.app.db), evidence = EvidenceService(t.app.db), read = InventoryQueries(t.app.db)
            let foreign = try await read.system(f.foreign)
            let events = try await t.count("audit_events")
            let writes: [(String, () async throws -> Void)] = [
                ("create a system", { _ = try await store.createSystem(AISystemInput(name: "X", purpose: "P", orgUnitID: f.other), context: f.owner) }),
                ("edit a system", { _ = try await store.updateSystem(f.foreign, foreign.value, version: foreign.version, context: f.owner) }),
                ("delete a system", { try await store.deleteSystem(f.foreign, version: nil, context: f.owner) }),
                ("add a model", { _ = try await store.createModel(AIModelInput(name: "N", modelVersion: "1", type: .other), in: f.foreign, context: f.owner) }),
                ("edit a model", { _ = try await store.updateModel(f.model, of: f.foreign, AIModelInput(name: "N", modelVersion: "2", type: .other),
                                                                    version: 1, context: f.owner) }),
                ("delete a model", { try await store.deleteModel(f.model, of: f.foreign, version: nil, context: f.owner) }),
                ("delete a dataset", { try await store.deleteDataset(f.dataset, of: f.foreign, version: nil, context: f.owner) }),
                ("delete an agent", { try await store.deleteAgent(f.agent, of: f.foreign, version: nil, context: f.owner) }),
                ("add evidence", { _ = try await evidence.create(Self.document, in: f.foreign, context: f.owner) }),
                ("delete evidence", { try await evidence.delete(f.evidence, of: f.foreign, context: f.owner) }),
                ("queue a job", { _ = try await evidence.createJob(systemID: f.foreign, kind: .fairnessReport, parameters: "{}", context: f.owner) }),
            ]
            for (name, write) in writes {
                // when
                let error = await #expect(throws: RinriError.self, "\(name)") { try await write() }
                // then
                #expect(error?.code == "unit_scope", "\(name)")
                #expect(error?.kind == .forbidden, "\(name)")
            }
            #expect(try await t.count("audit_events") == events)
            #expect(try await t.count("jobs") == 0)
            let after = try await read.system(f.foreign)
            #expect(after.version == foreign.version && after.value.name == foreign.value.name)
            #expect(try await read.models(of: f.foreign).count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOwnerCannotMoveTheirSystemIntoAnotherUnit(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let f = try await Self.fixture(t)
            let store = InventoryService(t.app.db)
            let mine = try await store.createSystem(AISystemInput(name: "Mine", purpose: "P", orgUnitID: f.home), context: f.owner)
            var moved = mine.value
            moved.orgUnitID = f.other
            let error = await #expect(throws: RinriError.self) {
                _ = try await store.updateSystem(mine.id, moved, version: mine.version, context: f.owner)
            }
            #expect(error?.code == "unit_scope")
            #expect(try await InventoryQueries(t.app.db).system(mine.id).value.orgUnitID == f.home)
            // within the unit the same owner edits freely
            var renamed = mine.value
            renamed.name = "Mine, renamed"
            #expect(try await store.updateSystem(mine.id, renamed, version: mine.version, context: f.owner).value.name == "Mine, renamed")
        }
    }
}

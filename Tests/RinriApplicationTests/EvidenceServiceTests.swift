import Foundation
import RinriCore
import RinriApplication
import RinriTesting
import Testing

@Suite("Evidence service")
struct EvidenceServiceTests {
    @Test(arguments: TestDatabase.all)
    func evidenceNamesARealQuestionAndIsDeletedOnce(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given a document attached to a draft assessment's question
            let inventory = InventoryService(t.app.db)
            let unit = try await inventory.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: .system("test"))
            let system = try await inventory.createSystem(AISystemInput(name: "S", purpose: "P", orgUnitID: unit.id), context: .system("test"))
            let account = try await t.user([RoleGrant(role: .governanceOffice)]).account
            let office = Actor(id: account.id, label: account.email, grants: account.grants)
            let draft = try await AssessmentService(t.app.db).open(systemID: system.id, phase: .planning, user: office)
            let question = try #require(draft.sheets.first?.evaluation.applyingQuestions.first)
            let evidence = EvidenceService(t.app.db)
            let document = EvidenceInput(kind: .document, title: "Minutes", resultJSON: #"{"summary":"minutes"}"#, passed: nil, command: "",
                                         rinriVersion: "test", inputSHA256: nil, inputRows: 0, assessmentID: draft.record.id,
                                         questionID: question, source: .api)
            let stored = try await evidence.create(document, in: system.id, context: .system("test"))
            // while the assessment is a draft the owner may still take it back
            #expect(try await EvidenceQueries(t.app.db).isRemovable(stored.id, of: system.id))
            // a document pointing at a question no sheet has is refused
            var stray = document
            stray.questionID = "no_such_question"
            let refused = await #expect(throws: RinriError.self) { _ = try await evidence.create(stray, in: system.id, context: .system("test")) }
            #expect(refused?.code == "unknown_question")
            // deleting it works once, and a second time finds nothing
            try await evidence.delete(stored.id, of: system.id, context: .system("test"))
            let gone = await #expect(throws: RinriError.self) { try await evidence.delete(stored.id, of: system.id, context: .system("test")) }
            #expect(gone?.kind == .notFound)
        }
    }
}

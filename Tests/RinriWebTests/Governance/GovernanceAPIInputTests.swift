import Foundation
import RinriCore
import RinriTesting
import RinriWire
import Testing
import Vapor

/// Bad input to the governance API gets a 4xx with the reason, and leaves stored data as it was.
@Suite("Governance API input")
struct GovernanceAPIInputTests {
    static func draft(_ t: TestApp) async throws -> (owner: String, office: String, system: String, assessment: API.AssessmentDTO) {
        let office = try await t.token(.governanceOffice)
        let owner = try await t.token(.projectOwner)
        let unit = try await t.request(.POST, "/api/v1/org-units", token: office, json: ["name": "U", "kind": "business_unit", "country": "JP"])
        let system = try await t.request(.POST, "/api/v1/systems", token: owner, json: [
            "name": "Scorer", "purpose": "Scores loan applications", "org_unit_id": unit.id(), "jurisdictions": ["JP"]]).id()
        let assessment = try await t.request(.POST, "/api/v1/systems/\(system)/assessments", token: owner, json: ["phase": "planning"])
        #expect(assessment.status == .created, "\(assessment.body)")
        return (owner, office, system, try assessment.decode())
    }

    @Test(arguments: TestDatabase.all)
    func answersOfTheWrongTypeUnknownQuestionsAndStaleVersionsAreRefused(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let (owner, _, _, assessment) = try await Self.draft(t)
            let (id, version) = (assessment.id, assessment.version)
            let path = "/api/v1/assessments/\(id)/sheets/jp-aigl"
            #expect(assessment.sheets.contains { $0.templateId == "jp-aigl" }, "the Japan sheet applies in JP")
            let events = try await t.count("audit_events")

            let wrongType = try await t.request(.PUT, path, token: owner, json: ["version": version, "answers": ["jp_roles": "maybe"]])
            #expect(wrongType.status == .unprocessableEntity && wrongType.errorField == "jp_roles", "\(wrongType.body)")
            let unknown = try await t.request(.PUT, path, token: owner, json: ["version": version, "answers": ["no_such_question": "yes"]])
            #expect(unknown.status == .unprocessableEntity && unknown.errorCode == "unknown_question")
            let noVersion = try await t.request(.PUT, path, token: owner, json: ["answers": ["x": "yes"]])
            #expect(noVersion.status == .unprocessableEntity && noVersion.errorField == "version")
            let malformed = try await t.request(.PUT, path, token: owner, json: ["version": version, "answers": ["a": ["nested": true]]])
            #expect(malformed.status == .badRequest)
            #expect(try await t.count("audit_events") == events, "refused answers write nothing")

            // two editors read version N; the first save wins, the second is told to reload and loses nothing silently
            let detail: API.AssessmentDTO = try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).decode()
            let sheet = try #require(detail.sheets.first { $0.templateId == "jp-aigl" })
            let first = try #require(sheet.unanswered.first)
            let saved = try await t.request(.PUT, path, token: owner, json: ["version": version, "answers": [first: Self.someAnswer(first)]])
            #expect(saved.status == .ok, "\(saved.body)")
            #expect(try saved.version() > version)
            let second = try await t.request(.PUT, path, token: owner, json: ["version": version, "answers": [first: NSNull()]])
            #expect(second.status == .conflict && second.errorCode == "stale_version")
            let after: API.AssessmentDTO = try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).decode()
            #expect(after.sheets.first { $0.templateId == "jp-aigl" }?.answers[first] != nil, "the first editor's answer is kept")

            // a transition the role may not make, and one the state does not allow
            let auditor = try await t.token(.auditor)
            #expect(try await t.request(.POST, "/api/v1/assessments/\(id)/transitions", token: auditor,
                                        json: ["transition": "submit", "version": after.version]).status == .forbidden)
            let invalid = try await t.request(.POST, "/api/v1/assessments/\(id)/transitions", token: owner,
                                              json: ["transition": "start_review", "version": after.version])
            #expect(invalid.status == .conflict && invalid.errorCode == "invalid_transition")
            let bogus = try await t.request(.POST, "/api/v1/assessments/\(id)/transitions", token: owner, json: ["transition": "approve", "version": 1])
            #expect(bogus.status == .unprocessableEntity && bogus.errorCode == "use_decision")
            let incomplete = try await t.request(.POST, "/api/v1/assessments/\(id)/transitions", token: owner,
                                                 json: ["transition": "submit", "version": after.version])
            #expect(incomplete.status == .unprocessableEntity && incomplete.errorCode == "incomplete")
            #expect(try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).decode(API.AssessmentDTO.self).state == "draft")

            // a system with a governance record is retired, not deleted
            let system = after.systemId
            let delete = try await t.request(.DELETE, "/api/v1/systems/\(system)", token: owner)
            #expect(delete.status == .conflict && delete.errorCode == "has_assessments")
            #expect(try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).status == .ok)
        }
    }

    /// A valid answer for a question of the Japan sheet, by its answer type.
    static func someAnswer(_ questionID: String) -> Any {
        let template = try! CheckSheetLibrary.loadBundled().template(id: "jp-aigl")!
        let question = template.question(id: questionID)!
        switch question.answer {
        case .yesNoNA: return "yes"
        case .singleChoice: return question.options[0].id
        case .multipleChoice: return [question.options[0].id]
        case .text: return "text"
        case .number: return 1
        case .date: return "2026-12-01"
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMalformedTemplateIsRefusedWithLinesAndChangesNothing(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.governanceOffice)
            let templates = try await t.count("check_sheet_templates")
            let broken = "id: broken\nversion: 1.0\nkind: ethics\nphases: [planning, someday]\ntitle: {en: \"B\", ja: \"壊\"}\n"
            let refused = try await t.raw(.POST, "/api/v1/check-sheets", token: office, body: broken, contentType: HTTPMediaType(type: "application", subType: "yaml"))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorCode == "invalid_template")
            let issues = ((refused.json["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(issues.contains { $0.hasPrefix("broken.yaml:2:") } && issues.contains { $0.hasPrefix("broken.yaml:4:") }, "\(refused.body)")
            #expect(try await t.count("check_sheet_templates") == templates)

            // an exported template imported again under a new version becomes the active one; the old stays pinned
            let exported = try await t.raw(.GET, "/api/v1/check-sheets/jp-aigl", token: office, body: "")
            #expect(exported.status == .ok && exported.headers.contentType?.description.contains("yaml") == true)
            let bumped = exported.body.replacingOccurrences(of: "\nversion: 2.0.0\n", with: "\nversion: 2.1.0\n")
            #expect(bumped != exported.body, "the shipped jp-aigl is at 2.0.0")
            let imported = try await t.request(.POST, "/api/v1/check-sheets", token: office, json: ["yaml": bumped])
            #expect(imported.status == .created, "\(imported.body)")
            let listed = try await t.request(.GET, "/api/v1/check-sheets?active=true", token: office).array
            #expect(listed.first { $0["id"] as? String == "jp-aigl" }?["version"] as? String == "2.1.0")
            let conflict = try await t.request(.POST, "/api/v1/check-sheets", token: office,
                                               json: ["yaml": bumped.replacingOccurrences(of: "Japan", with: "JAPAN")])
            #expect(conflict.status == .conflict && conflict.errorCode == "version_exists")
            #expect(try await t.request(.POST, "/api/v1/check-sheets", token: try await t.token(.projectOwner), json: ["yaml": bumped]).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theApprovalPolicyAndBodiesAreValidated(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.governanceOffice)
            let policy: API.PolicyDTO = try await t.request(.GET, "/api/v1/governance/approval-policy", token: office).decode()
            let version = policy.version
            let unknownBody = policy.yaml.replacingOccurrences(of: "body: ai-ethics-committee", with: "body: nobody")
            let refused = try await t.request(.PUT, "/api/v1/governance/approval-policy", token: office, json: ["yaml": unknownBody, "version": version])
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "unknown_body")
            let incomplete = "version: 1\nrules:\n  - levels: [low]\n    route: self_check\n"
            let gaps = try await t.request(.PUT, "/api/v1/governance/approval-policy", token: office, json: ["yaml": incomplete, "version": version])
            #expect(gaps.status == .unprocessableEntity && gaps.body.contains("critical"))
            #expect(try await t.request(.GET, "/api/v1/governance/approval-policy", token: office).decode(API.PolicyDTO.self).version == version)

            let cycle = try await t.request(.PUT, "/api/v1/governance/bodies/board", token: office, json: [
                "kind": "board", "name_en": "Board", "name_ja": "取締役会", "reports_to": "governance-office", "version": 1])
            #expect(cycle.status == .unprocessableEntity && cycle.errorCode == "cycle")
            let rename = try await t.request(.PUT, "/api/v1/governance/bodies/board", token: office, json: [
                "key": "the-board", "kind": "board", "name_en": "Board", "name_ja": "取締役会", "version": 1])
            #expect(rename.status == .unprocessableEntity && rename.errorCode == "immutable")
            let created = try await t.request(.POST, "/api/v1/governance/bodies", token: office, json: [
                "key": "ai-agents-wg", "kind": "working_group", "name_en": "AI agents working group", "name_ja": "AIエージェントWG",
                "reports_to": "ai-ethics-steering-committee"])
            #expect(created.status == .created, "\(created.body)")
            let duplicate = try await t.request(.POST, "/api/v1/governance/bodies", token: office, json: [
                "key": "ai-agents-wg", "kind": "working_group", "name_en": "X", "name_ja": "エックス"])
            #expect(duplicate.status == .conflict)
            let principle = try await t.request(.PUT, "/api/v1/principles/SONY.3", token: office, json: [
                "version": "1.0.0", "source": "sony", "title_en": "T", "title_ja": "題", "summary_en": "S", "summary_ja": "要約"])
            #expect(principle.status == .unprocessableEntity && principle.errorCode == "not_newer")
            let revised = try await t.request(.PUT, "/api/v1/principles/SONY.3", token: office, json: [
                "version": "1.1.0", "source": "sony", "title_en": "Fairness, revised", "title_ja": "公平性（改訂）",
                "summary_en": "Revised summary.", "summary_ja": "改訂した要約です。"])
            #expect(revised.status == .ok, "\(revised.body)")
            let history = try await t.request(.GET, "/api/v1/principles?history=true", token: office).array.filter { $0["id"] as? String == "SONY.3" }
            #expect(history.compactMap { $0["version"] as? String }.sorted() == ["1.0.0", "1.1.0"])
        }
    }
}

import Foundation
import RinriCore
import RinriTesting
import RinriWire
import Testing

/// The governance pages as a person uses them: forms, the wizard's conditional questions, evidence, errors.
@Suite("Governance pages")
struct GovernancePageTests {
    /// An owner who logs in through the login page, a system that is biometric, generative and sold in the EU, and its planning assessment.
    static func setUp(_ t: TestApp) async throws -> (browser: Browser, owner: String, system: String, assessment: String) {
        let office = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com").token
        let owner = try await t.user([RoleGrant(role: .projectOwner)], email: "owner@example.com", name: "Owner <O>")
        let unit = try await t.request(.POST, "/api/v1/org-units", token: office, json: ["name": "Imaging", "kind": "business_unit", "country": "JP"])
        let system = try await t.request(.POST, "/api/v1/systems", token: owner.token, json: [
            "name": "Face <Gen>", "purpose": "Greets guests", "org_unit_id": unit.id(), "owner_id": owner.account.id,
            "jurisdictions": ["EU"], "uses_biometric_data": true, "uses_generative_ai": true]).id()
        let browser = Browser(t)
        try await browser.login("owner@example.com")
        _ = try await browser.get("/systems/\(system)/assessments")
        let opened = try await browser.post("/systems/\(system)/assessments/new", ["phase": "planning"])
        #expect(opened.status == .seeOther)
        let location = try #require(opened.headers.first(name: .location))
        return (browser, owner.token, system, String(location.split(separator: "/").last!))
    }

    static func answers(_ t: TestApp, _ id: String, _ token: String, sheet: String) async throws -> [String: Any] {
        let detail = try await t.request(.GET, "/api/v1/assessments/\(id)", token: token).json
        let sheets = (detail["sheets"] as? [[String: Any]] ?? []) + (detail["reviews"] as? [[String: Any]] ?? [])
        return sheets.first { $0["template_id"] as? String == sheet }?["answers"] as? [String: Any] ?? [:]
    }

    @Test func theOfficeAppointsAMemberByEmailAddressAndAnUnknownAddressIsRefused() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let member = try await t.user([RoleGrant(role: .committeeMember)], email: "member@example.com", name: "Mina Member")
            let browser = Browser(t)
            try await browser.login("office@example.com")
            let page = try await browser.get("/governance")
            #expect(page.status == .ok && page.body.contains("name=\"email\"") && !page.body.contains("member@example.com"),
                    "the form asks for an address instead of listing every user")
            let events = try await t.count("audit_events")
            let unknown = try await browser.post("/governance/bodies/ai-ethics-committee/members", ["email": "nobody@example.com", "role": "member"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await t.count("audit_events") == events)
            let appointed = try await browser.post("/governance/bodies/ai-ethics-committee/members", ["email": "Member@Example.com", "role": "member"])
            #expect(appointed.status == .seeOther)
            #expect(try await browser.get("/governance").body.contains("Mina Member"))
            _ = member
        }
    }

    @Test func theWizardShowsConditionalQuestionsKeepsAnswersAndRefusesBadInput() async throws {
        try await TestApp.with(.sqlite) { t in
            let (browser, owner, system, id) = try await Self.setUp(t)
            let sheet = "/assessments/\(id)/sheets/nec-human-rights-risk"
            let page = try await browser.get(sheet)
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"q-bio_function\"") && page.body.contains("id=\"s-generative_ai\""))
            #expect(!page.body.contains("id=\"s-ai_agents\""), "the agent section applies only to systems with agents")
            #expect(!page.body.contains("id=\"q-bio_watchlist_governance\""))
            #expect(page.body.contains("data-autosave") && page.body.contains("/static/rinri.js"))
            let version = try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).version()

            // choosing identification saves and brings the identification questions
            let saved = try await browser.post(sheet, pairs: [("version", String(version)), ("anchor", "q-bio_function"),
                                                              ("present.bio_function", "1"), ("q.bio_function", "identification"),
                                                              ("present.pv_data_kinds", "1"), ("q.pv_data_kinds", "face_images"),
                                                              ("q.pv_data_kinds", "location")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == sheet + "#q-bio_function")
            let after = try await browser.get(sheet)
            #expect(after.body.contains("id=\"q-bio_watchlist_governance\""))
            let stored = try await Self.answers(t, id, owner, sheet: "nec-human-rights-risk")
            #expect(stored["bio_function"] as? String == "identification")
            #expect(stored["pv_data_kinds"] as? [String] == ["face_images", "location"])

            // a value outside the answer type, and a stale version, are refused with the reason and change nothing
            let current = try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).version()
            let wrong = try await browser.post(sheet, pairs: [("version", String(current)), ("present.bio_public_space", "1"),
                                                              ("q.bio_public_space", "sometimes")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("field-error"))
            let stale = try await browser.post(sheet, pairs: [("version", String(current - 1)), ("present.bio_public_space", "1"),
                                                              ("q.bio_public_space", "no")])
            #expect(stale.status == .conflict)
            #expect(try await Self.answers(t, id, owner, sheet: "nec-human-rights-risk")["bio_public_space"] == nil)

            // evidence is attached to a question from the page
            let evidence = try await browser.upload("/assessments/\(id)/evidence",
                                                    ["question": "bio_enrolment_basis", "summary": "Consent screens, v3", "title": ""],
                                                    file: (name: "consent.csv", field: "file", content: "screen,text\n1,agree\n"))
            #expect(evidence.status == .seeOther)
            let detail = try await t.request(.GET, "/api/v1/systems/\(system)/evidence", token: owner).items
            let document = try #require(detail.first { $0["question_id"] as? String == "bio_enrolment_basis" && $0["kind"] as? String == "document" })
            let file = try await browser.get("/systems/\(system)/evidence/\(try document.value("id", as: String.self))/file")
            #expect(file.status == .ok && file.body == "screen,text\n1,agree\n")
            #expect(file.headers.first(name: "Content-Disposition")?.contains("attachment") == true)
            let badEvidence = try await browser.upload("/assessments/\(id)/evidence", ["question": "bio_enrolment_basis", "summary": ""],
                                                       file: (name: "x.csv", field: "file", content: "a\n"))
            #expect(badEvidence.status == .seeOther)
            #expect(try await t.request(.GET, "/api/v1/systems/\(system)/evidence", token: owner).items.count == detail.count)

            // moving the system on from the edit form names every reason the gate is closed, in the page's language
            let record = try await t.request(.GET, "/api/v1/systems/\(system)", token: owner).json
            _ = try await browser.get("/systems/\(system)/edit")
            let move = try await browser.post("/systems/\(system)/edit", [
                "name": "Face <Gen>", "purpose": "Greets guests", "org_unit_id": (try record.value("org_unit_id", as: String.self)), "owner_id": (try record.value("owner_id", as: String.self)),
                "lifecycle_phase": "development", "status": "registered", "jurisdictions": "EU", "uses_biometric_data": "on",
                "uses_generative_ai": "on", "version": String(try record.value("version", as: Int.self))])
            #expect(move.status == .conflict)
            #expect(move.body.contains("form-error") && move.body.contains("not approved"), "the gate's reason is shown")
            #expect(try await t.request(.GET, "/api/v1/systems/\(system)", token: owner).json["lifecycle_phase"] as? String == "planning")

            // submitting an incomplete assessment says what is missing
            let overview = try await browser.get("/assessments/\(id)")
            #expect(overview.body.contains("value=\"submit\""))
            let submit = try await browser.post("/assessments/\(id)/transition", ["transition": "submit", "version": String(current)])
            #expect(submit.status == .unprocessableEntity)
            #expect(submit.body.contains("unanswered"))
        }
    }

    @Test(arguments: [Language.en, .ja])
    func everyGovernancePageRendersInBothLanguages(language: Language) async throws {
        try await TestApp.with(.sqlite) { t in
            let (_, owner, system, id) = try await Self.setUp(t)
            let riskID = try await t.request(.POST, "/api/v1/systems/\(system)/risks", token: owner, json: [
                "title": "Misidentified <guests>", "rights": ["privacy"], "scale": 3, "scope": 2, "irremediability": 2, "likelihood": 3]).id()
            _ = try await t.user([RoleGrant(role: .governanceOffice)], email: "office2@example.com")
            let browser = Browser(t, acceptLanguage: language.rawValue)
            try await browser.login("office2@example.com")
            let detail: API.AssessmentDTO = try await t.request(.GET, "/api/v1/assessments/\(id)", token: owner).decode()
            let sheets = (detail.sheets + detail.reviews).map(\.templateId)
            let pages = ["/systems/\(system)/assessments", "/assessments/\(id)", "/queue", "/agenda", "/risks", "/systems/\(system)/risks",
                         "/risks/\(riskID)", "/coverage", "/systems/\(system)/coverage", "/governance", "/governance/check-sheets",
                         "/systems/\(system)"] + sheets.map { "/assessments/\(id)/sheets/\($0)" }
            for page in pages {
                let response = try await browser.get(page)
                #expect(response.status == .ok, "\(page): \(response.status)")
                #expect(!response.body.contains(Localizer.missingMarker), "\(page) renders a missing message key")
                #expect(response.body.contains("<html lang=\"\(language.rawValue)\""), "\(page) is not in \(language)")
                #expect(!response.body.contains("<guests>") && !response.body.contains("<Gen>") && !response.body.contains("<O>"),
                        "\(page) does not escape user text")
            }
            let heat = try await browser.get("/risks")
            #expect(heat.body.contains("<svg") && heat.body.contains(language == .ja ? "発生可能性" : "Likelihood"))
            let yaml = try await browser.get("/governance/check-sheets/jp-aigl")
            #expect(yaml.body.hasPrefix("id: jp-aigl") || yaml.body.contains("\nid: jp-aigl"))
        }
    }

    @Test func templateImportAndPolicyEditRefuseBadInputAndChangeNothing() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let browser = Browser(t)
            try await browser.login("office@example.com")
            _ = try await browser.get("/governance/check-sheets")
            let templates = try await t.count("check_sheet_templates")
            let bad = try await browser.upload("/governance/check-sheets", ["yaml": ""],
                                               file: (name: "broken.yaml", field: "file", content: "id: broken\nversion: one\nkind: ethics\nphases: [planning]\n"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("broken.yaml:2:"), "problems are reported with their line")
            #expect(try await t.count("check_sheet_templates") == templates)

            _ = try await browser.get("/governance")
            let policy = try await t.request(.GET, "/api/v1/governance/approval-policy", token: try await t.token(.auditor)).json
            let incomplete = "version: 2\nrules:\n  - levels: [low, medium, high]\n    route: governance_office\n"
            let refused = try await browser.post("/governance/approval-policy", ["yaml": incomplete, "version": String(try policy.value("version", as: Int.self))])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("critical"))
            let unchanged = try await t.request(.GET, "/api/v1/governance/approval-policy", token: try await t.token(.auditor)).json
            #expect(unchanged["yaml"] as? String == policy["yaml"] as? String)
            let complete = incomplete.replacingOccurrences(of: "[low, medium, high]", with: "[low, medium, high, critical]")
            let accepted = try await browser.post("/governance/approval-policy", ["yaml": complete, "version": String(try policy.value("version", as: Int.self))])
            #expect(accepted.status == .seeOther)
            let routes = try await t.request(.GET, "/api/v1/governance/approval-policy", token: try await t.token(.auditor)).json["rules"] as? [[String: Any]]
            #expect(routes?.first?["route"] as? String == "governance_office")

            // bodies are created and edited on the page; a reporting line into itself is refused
            let created = try await browser.post("/governance/bodies", ["key": "agents-wg", "kind": "working_group", "name_en": "Agents WG",
                                                                        "name_ja": "エージェントWG", "reports_to": "ai-ethics-steering-committee"])
            #expect(created.status == .seeOther)
            let cycle = try await browser.post("/governance/bodies/board", ["kind": "board", "name_en": "Board", "name_ja": "取締役会",
                                                                             "reports_to": "agents-wg", "version": "1"])
            #expect(cycle.status == .unprocessableEntity)
            let page = try await browser.get("/governance")
            #expect(page.body.contains("エージェントWG") || page.body.contains("Agents WG"))

            // a principle gets a new version from its form; an older version number is refused
            let revised = try await browser.post("/governance/principles/SONY.4", [
                "version": "1.1.0", "source": "sony", "frameworks": "OECD.1.2", "title_en": "Privacy, revised", "title_ja": "プライバシー（改訂）",
                "summary_en": "Revised.", "summary_ja": "改訂しました。"])
            #expect(revised.status == .seeOther)
            let older = try await browser.post("/governance/principles/SONY.4", [
                "version": "1.0.5", "source": "sony", "title_en": "X", "title_ja": "エックス", "summary_en": "S", "summary_ja": "要約"])
            #expect(older.status == .unprocessableEntity)
            let current = try await t.request(.GET, "/api/v1/principles", token: try await t.token(.auditor)).array.first { $0["id"] as? String == "SONY.4" }
            #expect(current?["version"] as? String == "1.1.0" && current?["title_en"] as? String == "Privacy, revised")
        }
    }
}

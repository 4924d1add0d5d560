import Foundation
import RinriCore
import RinriTesting
import Testing

@Suite("Web pages")
struct PageTests {
    /// Creates a unit, a system with one of each component, and returns the system id.
    static func seed(_ t: TestApp, token: String) async throws -> (unit: String, system: String) {
        let unit = try await t.request(.POST, "/api/v1/org-units", token: token,
                                       json: ["name": "Sony Electronics", "kind": "business_unit", "country": "JP"]).id()
        let system = try await t.request(.POST, "/api/v1/systems", token: token,
                                         json: ["name": "Face <check-in>", "purpose": "Check guests in", "org_unit_id": unit,
                                                "uses_biometric_data": true]).id()
        let me = try await t.request(.GET, "/api/v1/me", token: token).id()
        _ = try await t.request(.POST, "/api/v1/systems/\(system)/models", token: token, json: ["name": "M", "model_version": "1", "type": "other"])
        _ = try await t.request(.POST, "/api/v1/systems/\(system)/datasets", token: token, json: ["name": "D", "acquisition_method": "purchased"])
        _ = try await t.request(.POST, "/api/v1/systems/\(system)/agents", token: token,
                                json: ["name": "A", "role": "r", "accountable_owner_id": me, "autonomy_level": "autonomous"])
        return (unit, system)
    }

    @Test(arguments: [Language.en, .ja])
    func everyPageRendersInBothLanguagesWithNoMissingMessage(language: Language) async throws {
        try await TestApp.with(.sqlite) { t in
            // given
            let admin = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let (unit, system) = try await Self.seed(t, token: admin.token)
            let models = try await t.request(.GET, "/api/v1/systems/\(system)/models", token: admin.token).array
            let model = models.first?["id"] as? String ?? ""
            let browser = Browser(t, acceptLanguage: language.rawValue)
            // when: every page is opened
            let pages = ["/login", "/systems", "/systems?q=face&phase=planning&org_unit_id=\(unit)", "/systems/new",
                         "/systems/\(system)", "/systems/\(system)/edit", "/systems/\(system)/models/new",
                         "/systems/\(system)/datasets/new", "/systems/\(system)/agents/new",
                         "/systems/\(system)/models/\(model)/edit", "/org-units", "/org-units/new", "/org-units/\(unit)/edit",
                         "/audit", "/audit?entity_type=ai_system", "/audit?page=2", "/audit?page=2&verify=1", "/users", "/users/\(admin.account.id)/edit", "/account", "/no-such-page", "/systems/\(UUID())"]
            try await browser.login("admin@example.com")
            for page in pages {
                let response = try await browser.get(page)
                // then: it renders in the language, with no message key left untranslated, and escapes what users typed
                #expect([200, 404].contains(response.status.code), "\(page): \(response.status)")
                #expect(!response.body.contains(Localizer.missingMarker), "\(page) renders a missing message key")
                #expect(response.body.contains("<html lang=\"\(language.rawValue)\""), "\(page) is not in \(language)")
                #expect(!response.body.contains("<check-in>"), "\(page) does not escape user text")
            }
            let japanese = try await browser.get("/systems")
            #expect(japanese.body.contains(language == .ja ? "AIシステム一覧" : "AI systems"))
        }
    }

    @Test func aFormWithErrorsKeepsWhatWasTypedAndSavesNothing() async throws {
        try await TestApp.with(.sqlite) { t in
            let office = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let (unit, _) = try await Self.seed(t, token: office.token)
            let browser = Browser(t)
            try await browser.login("office@example.com")
            let before = try await t.count("ai_systems")
            _ = try await browser.get("/systems/new")
            let response = try await browser.post("/systems/new", ["name": "Résumé screener", "purpose": "", "org_unit_id": unit,
                                                                   "jurisdictions": "JP, Atlantis", "lifecycle_phase": "planning",
                                                                   "status": "registered"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.contains("value=\"Résumé screener\""))
            #expect(response.body.contains("value=\"JP, Atlantis\""))
            #expect(response.body.contains("id=\"e-purpose\""))
            #expect(response.body.contains("id=\"e-jurisdictions\""))
            #expect(try await t.count("ai_systems") == before)
        }
    }

    @Test func loginCreateAndSeeInTheListAndTheAuditLog() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let browser = Browser(t)
            // a wrong password re-renders the login form
            let wrong = try await browser.login("admin@example.com", password: "not the password")
            #expect(wrong.status == .unauthorized)
            let anonymousSession = browser.cookie("rinri_session")
            let login = try await browser.login("admin@example.com")
            #expect(login.status == .seeOther)
            #expect(browser.cookie("rinri_session") != nil && browser.cookie("rinri_session") != anonymousSession)
            #expect(login.headers.first(name: .location) == "/")
            let cookie = login.headers[.setCookie].joined()
            #expect(cookie.isEmpty || (cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")))

            _ = try await browser.get("/org-units/new")
            let unit = try await browser.post("/org-units/new", ["name": "NEC Digital Trust", "kind": "function", "country": "jp"])
            #expect(unit.status == .seeOther)
            let units = try await browser.get("/org-units")
            #expect(units.body.contains("NEC Digital Trust"))
            let unitID = try #require(try await t.request(.GET, "/api/v1/org-units",
                                                          token: try await t.token(.auditor)).items.first?["id"] as? String)
            _ = try await browser.get("/systems/new")
            let created = try await browser.post("/systems/new", ["name": "Grievance triage", "purpose": "Sort grievances",
                                                                  "org_unit_id": unitID, "jurisdictions": "JP",
                                                                  "uses_generative_ai": "on", "lifecycle_phase": "planning",
                                                                  "status": "registered"])
            #expect(created.status == .seeOther)
            let detail = try await browser.get(created.headers.first(name: .location) ?? "/")
            #expect(detail.body.contains("Grievance triage"))
            #expect(try await browser.get("/systems").body.contains("Grievance triage"))
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("ai_system"))
            #expect(audit.body.contains("org_unit"))
            #expect(audit.body.contains("class=\"ok\""))

            // a stale edit is refused with the conflict message and the typed values kept
            let systemID = String((created.headers.first(name: .location) ?? "").split(separator: "/").last ?? "")
            _ = try await browser.get("/systems/\(systemID)/edit")
            let stale = try await browser.post("/systems/\(systemID)/edit", ["name": "Renamed", "purpose": "Sort", "org_unit_id": unitID,
                                                                             "version": "7", "lifecycle_phase": "planning", "status": "active"])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("value=\"Renamed\""))
            #expect(stale.body.contains("class=\"form-error\""))

            // logging out ends the session
            _ = try await browser.post("/logout", [:])
            #expect(try await browser.get("/systems").status == .seeOther)
        }
    }

    @Test func anAdministratorResetsAPasswordShownOnce() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let member = try await t.user([RoleGrant(role: .committeeMember)], email: "member@example.com")
            let browser = Browser(t)
            try await browser.login("admin@example.com")
            _ = try await browser.get("/users/\(member.account.id)/edit")
            let reset = try await browser.post("/users/\(member.account.id)/reset-password", [:])
            #expect(reset.status == .ok)
            let code = try #require(reset.body.range(of: #"<code>[A-Za-z0-9]{20}</code>"#, options: .regularExpression))
            let password = String(reset.body[code].dropFirst(6).dropLast(7))
            // the old password stops working, the new one works
            #expect(try await t.request(.POST, "/api/v1/auth/login", json: ["email": "member@example.com", "password": TestApp.password]).status == .unauthorized)
            #expect(try await t.request(.POST, "/api/v1/auth/login", json: ["email": "member@example.com", "password": password]).status == .ok)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let browser = Browser(t)
            try await browser.login("admin@example.com")
            let forged = try await browser.post("/org-units/new", ["name": "Forged", "kind": "function", "country": "JP"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await t.count("org_units") == 0)
        }
    }

    @Test func theLanguageSwitchIsRememberedForTheUser() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .auditor)], email: "audit@example.com")
            let browser = Browser(t, acceptLanguage: "en")
            try await browser.login("audit@example.com")
            _ = try await browser.get("/systems")
            let switched = try await browser.post("/language", ["lang": "ja", "return_to": "/systems"])
            #expect(switched.headers.first(name: .location) == "/systems")
            #expect(try await browser.get("/systems").body.contains("lang=\"ja\""))
            // an open redirect is not possible
            let away = try await browser.post("/language", ["lang": "en", "return_to": "//evil.example.com"])
            #expect(away.headers.first(name: .location) == "/")
        }
    }
}

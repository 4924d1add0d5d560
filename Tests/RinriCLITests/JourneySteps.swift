import Foundation
import RinriCore

/// One walk through the governance workflow in the browser, by ten people, in one language (see `JourneyTests`).
/// Steps click links and buttons and fill forms; each one checks `<html lang>` and translated text, and keeps a screenshot.
final class Journey {
    struct Person {
        let key, email, nameEN, nameJA, role: String
        var domain: String? = nil
    }

    static let adminEmail = "admin@example.com"
    static let password = "journey-password-1"
    static let people: [Person] = [
        Person(key: "owner", email: "owner@example.com", nameEN: "Owen Owner", nameJA: "小川 陽太", role: "project_owner"),
        Person(key: "office", email: "office@example.com", nameEN: "Olivia Office", nameJA: "大野 美咲", role: "governance_office"),
        Person(key: "legal", email: "legal@example.com", nameEN: "Leo Legal", nameJA: "林 法子", role: "reviewer", domain: "legal"),
        Person(key: "privacy", email: "privacy@example.com", nameEN: "Priya Privacy", nameJA: "平野 真", role: "reviewer", domain: "privacy"),
        Person(key: "rights", email: "rights@example.com", nameEN: "Rita Rights", nameJA: "石井 仁", role: "reviewer", domain: "human_rights"),
        Person(key: "chair", email: "chair@example.com", nameEN: "Chandra Chair", nameJA: "千葉 一郎", role: "committee_chair"),
        Person(key: "member1", email: "member1@example.com", nameEN: "Mei Member", nameJA: "松本 恵", role: "committee_member"),
        Person(key: "member2", email: "member2@example.com", nameEN: "Max Member", nameJA: "森 健", role: "committee_member"),
        Person(key: "auditor", email: "auditor@example.com", nameEN: "Aki Auditor", nameJA: "安藤 明", role: "auditor"),
    ]
    static func person(_ key: String) -> Person { people.first { $0.key == key }! }

    let browser: HeadlessBrowser
    let base, language: String
    let t: Localizer
    let folder: URL
    /// The owner's answer to each choice question, by template (`JourneyTests.answers()`).
    let answers: [String: [String: String]]
    private(set) var systemID = "", assessmentID = ""
    /// The number of the step under way (`run`).
    var step = 0
    private var oneTimePasswords: [String: String] = [:]
    private var riskPages: [String] = []

    let unit: String, system: String, condition: String
    func name(_ key: String) -> String { language == "ja" ? Self.person(key).nameJA : Self.person(key).nameEN }

    init(browser: HeadlessBrowser, base: String, language: String, folder: URL, answers: [String: [String: String]]) async throws {
        (self.browser, self.base, self.language, self.folder, self.answers) = (browser, base, language, folder, answers)
        t = Localizer(Language(rawValue: language) ?? .en)
        let ja = language == "ja"
        unit = ja ? "イメージングソリューション事業部" : "Imaging Solutions"
        system = ja ? "FaceGen コンシェルジュ" : "FaceGen Concierge"
        condition = ja ? "名前で挨拶する前に、スタッフがすべての照合結果を確認すること"
            : "Staff confirm every identification before a guest is greeted by name"
        // screenshots at 1280×900, and no smooth scrolling, so that they show where a step scrolled to
        try await browser.call("Emulation.setDeviceMetricsOverride", ["width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false])
        try await browser.call("Emulation.setEmulatedMedia", ["features": [["name": "prefers-reduced-motion", "value": "reduce"]]])
    }

    // MARK: The journey

    func walk(adminPassword: String) async throws {
        try await run("language") {
            try await go("/login")
            try await navigating("document.querySelector('form.language button[value=\(language)]').click();")
            try await expectPage(heading: t("login.title"))
        }
        try await run("admin-first-login") {
            try await logIn(Self.adminEmail, adminPassword)
            try await expectForcedPasswordChange()
            try await show(".flash[role=alert]", block: "center")
        }
        try await run("admin-password-changed") {
            try await changePassword(from: adminPassword)
            try await click("nav a[href=\"/\"]")
            try await expectPage(heading: t("dashboard.title"))
        }
        try await run("users-created") { try await createPeople() }
        try await run("org-unit-created") {
            try await click("nav a[href=\"/org-units\"]")
            try await click("main a[href=\"/org-units/new\"]")
            try await expectPage(heading: t("org_units.new"))
            try await submitForm("form[action=\"/org-units/new\"]", ["name": unit, "kind": "business_unit", "country": "JP"])
            try await expectPage(heading: t("org_units.title"), contains: unit)
        }
        try await run("system-created") { try await createSystem() }
        try await run("committee-appointed") { try await appointCommittee() }
        try await run("assessment-opened") { try await openAssessment() }
        try await run("conditional-question") { try await conditionalQuestion() }
        try await run("sheets-answered") { try await answerSheets() }
        try await run("submitted") {
            try await submitForm("form[action=\"/assessments/\(assessmentID)/transition\"]:has(input[name=transition][value=submit])")
            try await expectPage(heading: assessmentTitle, contains: t("flash.saved"))
            let facts = try await text("dl.facts")
            try check(facts.contains(t("route.committee")), "the case is not routed to the committee: \(facts)")
        }
        try await run("review-started") {
            try await switchTo("office")
            try await openFromQueue()
            try await submitForm("form[action=\"/assessments/\(assessmentID)/transition\"]:has(input[name=transition][value=start_review])")
            try await expectPage(heading: assessmentTitle, contains: t("flash.saved"))
            try check(try await text("dl.facts").contains(t("state.in_review")), "the case is not in review")
        }
        try await run("reviews-concluded") { try await concludeReviews() }
        try await run("votes-cast") { try await vote() }
        try await run("decided-with-condition") { try await decide() }
        try await run("owner-dashboard") {
            try await switchTo("owner")
            try await expectPage(heading: t("dashboard.title"), contains: condition)
        }
        try await run("gate-refused") {
            try await moveToDevelopment()
            let refusal = try await text(".form-error")
            try check(refusal.contains(condition), "the refusal does not name the condition: \(refusal)")
            try await expectPage(heading: t("systems.edit"))
        }
        try await run("condition-reported") {
            try await click("nav a[href=\"/queue\"]")
            try await submitForm("form[action^=\"/actions/\"][action$=\"/report\"]", ["note": "Staff confirmation step added to the front-desk app."])
            try await expectPage(heading: t("nav.queue"), contains: t("action_status.reported"))
        }
        try await run("countermeasures-done") { try await completeCountermeasures() }
        try await run("condition-confirmed") { try await confirmCondition() }
        try await run("countermeasures-verified") { try await verifyCountermeasures() }
        try await run("phase-moved") {
            try await switchTo("owner")
            try await click("nav a[href^=\"/systems\"]")
            try await click("main a[href=\"/systems/\(systemID)\"]")
            try await click("main a[href=\"/systems/\(systemID)/assessments\"]")
            try await expectPage(heading: t("gov.assessments_of", ["system": system]), contains: t("gov.gate_open"))
            try await moveToDevelopment()
            try await expectPage(heading: system, contains: t("flash.saved"))
            try check(try await text("dl.facts").contains(t("phase.development")), "the system is not in development")
        }
        try await run("audit-log") { try await readAuditLog() }
    }

    var assessmentTitle: String { t("gov.assessment_title", ["phase": t("phase.planning"), "system": system]) }

    private func createPeople() async throws {
        try await click("nav a[href=\"/users\"]")
        try await expectPage(heading: t("users.title"))
        for person in Self.people {
            var fields: [String: Any] = ["name": name(person.key), "email": person.email, "role_\(person.role)": true]
            if let domain = person.domain { fields["review_domain"] = domain }
            try await submitForm("form[method=post][action=\"/users\"]", fields)
            // the page shows the new user's one-time password once
            let shown = try await text("main")
            try check(shown.contains(t("users.created", ["email": person.email])), "\(person.email) was not created: \(shown.prefix(600))")
            oneTimePasswords[person.key] = try await text(".secret code").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try await expectPage(heading: t("users.title"), contains: name("auditor"))
    }

    private func createSystem() async throws {
        try await click("nav a[href^=\"/systems\"]")
        try await click("main a[href=\"/systems/new\"]")
        try await expectPage(heading: t("systems.new"))
        try await submitForm("form[action=\"/systems/new\"]", [
            "name": system, "purpose": "Recognise returning hotel guests and write personalised greetings.",
            "org_unit_id": try await option("select[name=org_unit_id]", labelled: unit),
            "owner_id": try await option("select[name=owner_id]", labelled: Self.person("owner").email),
            "lifecycle_phase": "planning", "intended_users": "Front-desk staff", "affected_people": "Hotel guests",
            "jurisdictions": "EU, DE", "uses_biometric_data": true, "uses_generative_ai": true, "uses_autonomous_agents": false])
        try await expectPage(heading: system, contains: t("flash.created"))
        systemID = try await path().split(separator: "/").last.map(String.init) ?? ""
    }

    private func appointCommittee() async throws {
        try await switchTo("office")
        try await click("nav a[href=\"/governance\"]")
        try await expectPage(heading: t("nav.governance"))
        for (key, role) in [("chair", "chair"), ("member1", "member"), ("member2", "member")] {
            try await submitForm("form[action=\"/governance/bodies/ai-ethics-committee/members\"]", ["email": Self.person(key).email, "role": role])
            try await expectPage(heading: t("nav.governance"), contains: t("flash.saved"))
        }
        let committee = try await text("#body-ai-ethics-committee")
        for key in ["chair", "member1", "member2"] { try check(committee.contains(name(key)), "\(name(key)) is not on the committee") }
        try await show("#body-ai-ethics-committee", block: "center")
    }

    private func openAssessment() async throws {
        try await switchTo("owner")
        try await click("nav a[href^=\"/systems\"]")
        try await click("main a[href=\"/systems/\(systemID)\"]")
        try await click("main a[href=\"/systems/\(systemID)/assessments\"]")
        try await expectPage(heading: t("gov.assessments_of", ["system": system]))
        try await submitForm("form[action=\"/systems/\(systemID)/assessments/new\"]", ["phase": "planning"])
        try await expectPage(heading: assessmentTitle, contains: t("flash.created"))
        assessmentID = try await path().split(separator: "/").last.map(String.init) ?? ""
    }

    /// Choosing one-to-many identification saves the sheet (the autosave script) and brings the watch-list question.
    private func conditionalQuestion() async throws {
        try await click("main a[href=\"/assessments/\(assessmentID)/sheets/nec-human-rights-risk\"]")
        try check(try await evaluate("!!document.getElementById('q-bio_function')") as? Bool == true, "the biometric question is not asked")
        try check(try await evaluate("!document.getElementById('q-bio_watchlist_governance')") as? Bool == true,
                  "the watch-list question shows before it applies")
        try await navigating("document.querySelector('#q-bio_function input[value=identification]').click();")
        try await browser.waitFor("location.hash === '#q-bio_function' && !!document.getElementById('q-bio_watchlist_governance')", seconds: 20)
        try check(try await evaluate("document.querySelector('#q-bio_function input[value=identification]').checked") as? Bool == true,
                  "the choice was not kept")
        try await expectPage(contains: t("flash.saved"))
        try await show("#q-bio_function")
    }

    /// Every owner sheet: each unanswered question gets the chosen answer (text, numbers and dates a filler), saved
    /// until no question is left; then a document is attached to each question that needs evidence.
    private func answerSheets() async throws {
        try await click("main a[href=\"/assessments/\(assessmentID)\"]")
        let sheets = try await links(in: try await section(t("gov.sheets")))
        try check(sheets.count >= 3, "the assessment offers the sheets \(sheets)")
        for sheet in sheets {
            try await go(sheet)
            let template = String(sheet.split(separator: "/").last ?? "")
            for _ in 0..<10 {
                let filled = try await evaluate(Self.fillSheet + "(\(Self.js(answers[template] ?? [:])))") as? Int ?? -1
                if filled == 0 { break }
                try check(filled > 0, "the sheet \(template) cannot be answered")
                try await submitForm("form.sheet")
                try await expectPage(contains: t("flash.saved"))
            }
            let missing = try await evaluate("""
                Array.from(document.querySelectorAll('.evidence.missing')).map(function (e) { return e.closest('fieldset.question').id.slice(2); })
                """) as? [String] ?? []
            for question in missing {
                try await submitForm("form#evidence", [
                    "question": question, "title": "Minutes: \(question)", "summary": "Reviewed \(question) with the team.",
                    "url": "https://intranet.example.com/minutes"])
                try await expectPage(contains: t("evidence.attached"))
            }
            let left = try await evaluate("document.querySelectorAll('.evidence.missing, .badge.todo').length") as? Int ?? -1
            try check(left == 0, "\(template): \(left) questions are still unanswered or lack evidence")
        }
        try await click("main a[href=\"/assessments/\(assessmentID)\"]")
        let table = try await section(t("gov.sheets"))
        let complete = try await evaluate("""
            Array.from(document.querySelectorAll('\(table) tbody tr')).map(function (r) { return r.lastElementChild.innerText; })
            """) as? [String] ?? []
        try check(!complete.isEmpty && complete.allSatisfy { $0 == "✓" }, "not every sheet is complete: \(complete)")
        try await expectPage(heading: assessmentTitle)
        try await show(try await section(t("gov.sheets")))
    }

    private func concludeReviews() async throws {
        for key in ["legal", "privacy", "rights"] {
            try await switchTo(key)
            try await openFromQueue()
            let domain = Self.person(key).domain ?? ""
            try await click("main a[href=\"/assessments/\(assessmentID)/sheets/review-\(domain.replacingOccurrences(of: "_", with: "-"))\"]")
            try await navigating("document.querySelector('#q-review_conclusion input[value=approved]').click();")
            try await expectPage(contains: t("flash.saved"))
        }
        try await click("main a[href=\"/assessments/\(assessmentID)\"]")
        let reviews = try await text(try await section(t("gov.reviews")))
        try check(!reviews.contains(t("gov.pending")), "a review is still pending: \(reviews)")
        try await expectPage(heading: assessmentTitle)
        try await show(try await section(t("gov.reviews")))
    }

    private func vote() async throws {
        for key in ["member1", "member2", "chair"] {
            try await switchTo(key)
            try await openFromQueue()
            try await submitForm("form[action=\"/assessments/\(assessmentID)/vote\"]",
                                 ["vote": "approve_with_conditions", "comment": "Only with a staff check."])
            try await expectPage(heading: assessmentTitle, contains: t("flash.saved"))
        }
        let votes = t("gov.votes_title", ["cast": "3", "quorum": "3"])
        try await expectPage(contains: votes)
        try await show(try await section(votes))
    }

    /// The chair approves with one blocking condition owned by the project owner.
    private func decide() async throws {
        try await submitForm("form[action=\"/assessments/\(assessmentID)/decision\"]", [
            "outcome": "approve_with_conditions", "rationale": "Acceptable once staff confirm each identification.",
            "condition_title_1": condition, "condition_owner_1": try await option("select[name=condition_owner_1]", labelled: name("owner")),
            "condition_due_1": "2027-01-31", "condition_blocking_1": true])
        try await expectPage(heading: assessmentTitle, contains: t("flash.saved"))
        try check(try await text("dl.facts").contains(t("state.approved_with_conditions")), "the case is not approved with conditions")
        try check(try await text(try await section(t("gov.actions"))).contains(condition), "the condition is not a follow-up action")
    }

    /// The owner marks every countermeasure of the system's high and critical risks done.
    private func completeCountermeasures() async throws {
        try await click("nav a[href^=\"/systems\"]")
        try await click("main a[href=\"/systems/\(systemID)\"]")
        try await click("main a[href=\"/systems/\(systemID)/risks\"]")
        try await expectPage(heading: t("gov.register_of", ["system": system]))
        riskPages = try await evaluate("""
            Array.from(document.querySelectorAll('main table tbody tr'))
              .filter(function (r) { return r.querySelector('.badge.level-high, .badge.level-critical'); })
              .map(function (r) { return r.querySelector('a').getAttribute('href'); })
            """) as? [String] ?? []
        try check(!riskPages.isEmpty, "the register has no high risk")
        for page in riskPages {
            try await go(page)
            for _ in 0..<20 {
                let next = try await evaluate(#"""
                    (function () {
                      document.querySelectorAll('[data-journey-form]').forEach(function (e) { e.removeAttribute('data-journey-form'); });
                      var f = Array.from(document.querySelectorAll('form.countermeasure')).find(function (f) {
                        return /countermeasures\/[^/]+$/.test(f.getAttribute('action'))
                          && f.querySelector('select[name=status]').value !== 'done';
                      });
                      if (f) f.setAttribute('data-journey-form', '');
                      return !!f;
                    })()
                    """#) as? Bool ?? false
                if !next { break }
                try await submitForm("form[data-journey-form]", ["status": "done"])
                try await expectPage(contains: t("flash.saved"))
            }
            try await expectPage(contains: t("gov.awaiting_verification"))
        }
        try await show(try await section(t("gov.countermeasures")))
    }

    private func confirmCondition() async throws {
        try await switchTo("chair")
        try await click("nav a[href=\"/queue\"]")
        try check(try await text(try await section(t("gov.confirmations_waiting"))).contains(condition), "the condition is not in the chair's queue")
        try await submitForm("form[action^=\"/actions/\"][action$=\"/confirm\"]", ["note": "Seen in the release checklist."])
        try await expectPage(heading: t("nav.queue"), contains: t("flash.saved"))
        try await go("/assessments/\(assessmentID)")
        try check(try await text(try await section(t("gov.actions"))).contains(t("action_status.done")), "the condition is not done")
        try await show(try await section(t("gov.actions")))
    }

    /// The chair, the second line for the committee's case, verifies the countermeasures so that they count.
    private func verifyCountermeasures() async throws {
        for page in riskPages {
            try await go(page)
            while try await evaluate("!!document.querySelector('form[action$=\"/verify\"]')") as? Bool == true {
                try await submitForm("form[action$=\"/verify\"]", ["note": "Checked the deployment record."])
                try await expectPage(contains: t("flash.saved"))
            }
            try await expectPage(heading: nil, contains: t("gov.verified_by", ["name": name("chair")]))
        }
        try await show(try await section(t("gov.countermeasures")))
    }

    /// The auditor reads the log: the decision is in it, the chain verifies, and nothing on the page changes anything.
    private func readAuditLog() async throws {
        try await switchTo("auditor")
        try await click("nav a[href=\"/audit\"]")
        try await expectPage(heading: t("audit.title"))
        try await type(assessmentID, into: "entity_id", of: "main form.filters")
        try await submitForm("main form.filters")
        try await expectPage(heading: t("audit.title"), contains: t("audit_action.decision"))
        try await click("main a[href*=\"verify=all\"]")
        let verified = try await text("p.ok")
        try check(verified.hasPrefix(t("audit.verified", ["count": "#"]).components(separatedBy: "#")[0]), "the chain is not verified: \(verified)")
        let controls = try await evaluate(Self.editControls) as? [String] ?? ["(no answer)"]
        try check(controls.isEmpty, "the audit log offers edit controls: \(controls)")
    }

    // MARK: People

    /// Logs out whoever is logged in and logs `key` in: with the one-time password the first time, which leads to
    /// the forced password change.
    private func switchTo(_ key: String) async throws {
        if try await evaluate("!!document.querySelector('form.logout button')") as? Bool == true {
            try await click("form.logout button")
            try await waitForPath("/login")
        }
        let person = Self.person(key)
        if let oneTime = oneTimePasswords.removeValue(forKey: key) {
            try await logIn(person.email, oneTime)
            try await expectForcedPasswordChange()
            try await changePassword(from: oneTime)
            try await click("nav a[href=\"/\"]")
        } else {
            try await logIn(person.email, Self.password)
        }
        try await expectPage(heading: t("dashboard.title"))
    }

    private func logIn(_ email: String, _ password: String) async throws {
        try await go("/login")
        try await submitForm("form[action=\"/login\"]", ["email": email, "password": password])
        if try await path() == "/login" { throw JourneyError("\(email) could not log in: \(try await text(".form-error"))") }
    }

    private func expectForcedPasswordChange() async throws {
        let path = try await path()
        try check(path == "/account", "a one-time password led to \(path), not to /account")
        try await expectPage(heading: t("account.title"), contains: t("account.must_change"))
    }

    private func changePassword(from oneTime: String) async throws {
        try await submitForm("form[action=\"/account/password\"]",
                             ["current_password": oneTime, "new_password": Self.password, "confirm_password": Self.password])
        try await expectPage(heading: t("account.title"))
        let page = try await text()
        try check(!page.contains(t("account.must_change")), "the account still has a one-time password")
    }

    private func openFromQueue() async throws {
        try await click("nav a[href=\"/queue\"]")
        try await expectPage(heading: t("nav.queue"))
        try await click("main a[href=\"/assessments/\(assessmentID)\"]")
        try await expectPage(heading: assessmentTitle)
    }

    private func moveToDevelopment() async throws {
        try await click("nav a[href^=\"/systems\"]")
        try await click("main a[href=\"/systems/\(systemID)\"]")
        try await click("main a[href=\"/systems/\(systemID)/edit\"]")
        try await expectPage(heading: t("systems.edit"))
        try await submitForm("form[action=\"/systems/\(systemID)/edit\"]", ["lifecycle_phase": "development"])
    }
}

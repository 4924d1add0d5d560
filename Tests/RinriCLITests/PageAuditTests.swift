import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RinriTesting
import Testing

/// Every page in a real headless Chromium, in English and in Japanese, logged out and logged in, with
/// realistic data: axe-core finds no serious or critical WCAG 2.0/2.1 A or AA violation (at desktop
/// width and at 390 px), `<html lang>` is the page's language, and on a 390 px phone the document does
/// not scroll sideways (a table may scroll inside its own box; the document may not).
///
/// `.ci/run` installs axe-core (`axe.min.js`, shipped in the PyPI package axe-selenium-python) and sets
/// `RINRI_TEST_AXE_SCRIPT` to it. Without the script or Chromium the suite is skipped, except under CI
/// where that is a failure.
@Suite("Every page: accessibility (axe-core) and phone width", .serialized)
struct PageAuditTests {
    static let env = ProcessInfo.processInfo.environment
    /// The path of axe-core's `axe.min.js` (4.x: older ones lack the WCAG 2.1 tags).
    static let axeScript: String? = env["RINRI_TEST_AXE_SCRIPT"].flatMap { $0.isEmpty ? nil : $0 }
    static let available = (HeadlessBrowser.executable != nil && axeScript != nil) || env["CI"] == "true"

    static let wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    /// Impacts that fail the test; moderate and minor ones do not.
    static let failingImpacts: Set<String> = ["serious", "critical"]
    static let phoneWidth = 390

    // MARK: The pages

    /// The records the pages show, made through the API and the command line as people would.
    struct Seeded {
        var adminEmail = "admin@example.com", adminPassword = "browser-test-password"
        var ownerEmail = "owner@example.com", ownerPassword = "owner-test-password"
        var unit = "", system = "", ownedSystem = "", otherSystem = ""
        var model = "", dataset = "", agent = ""
        var assessment = "", sheets: [String] = []
        var risk = ""
        var document = "", fairnessReport = ""
        var owner = ""
        /// The page of the analysis job queued through the upload form (set once logged in).
        var job: String?
    }

    /// Every page a logged-in administrator can open, with the seeded ids: the GET routes that render a
    /// page, as registered in `Sources/RinriWeb/*/*Pages.swift`.
    ///
    /// A NEW PAGE ROUTE MUST BE ADDED HERE (with the records it needs added to ``seed(_:_:)``). The
    /// link check at the end of the test fails for a page that an audited page links to but this list
    /// lacks; a link that is not a page (a download, an export) goes in ``isNotAPage(_:)``.
    /// Pages reached by a form post (a failed login, a form with errors) and the ones seen logged out
    /// or by another role are audited in the test itself.
    static func pages(_ s: Seeded) -> [String] {
        var pages: [String] = [
            // AccountRoute: SessionPages (home is the dashboard), AccountPages, UserPages
            "/", "/account", "/users", "/users/\(s.owner)/edit",
            // InventoryRoute: SystemPages
            "/systems", "/systems?q=face&phase=planning&org_unit_id=\(s.unit)", "/systems?per_page=1&page=2&sort=-updated", "/systems/new",
            "/systems/\(s.system)", "/systems/\(s.system)/edit", "/systems/\(s.ownedSystem)", "/systems/\(s.otherSystem)",
            // InventoryRoute: ComponentPages (models, datasets, agents)
            "/systems/\(s.system)/models/new", "/systems/\(s.system)/models/\(s.model)/edit",
            "/systems/\(s.system)/datasets/new", "/systems/\(s.system)/datasets/\(s.dataset)/edit",
            "/systems/\(s.system)/agents/new", "/systems/\(s.system)/agents/\(s.agent)/edit",
            // InventoryRoute: OrgUnitPages
            "/org-units", "/org-units/new", "/org-units/\(s.unit)", "/org-units/\(s.unit)/edit",
            // AssessmentRoute: AssessmentPages (list, overview, every sheet and review of the case), QueuePages
            "/systems/\(s.system)/assessments", "/assessments/\(s.assessment)",
        ]
        pages += s.sheets.map { "/assessments/\(s.assessment)/sheets/\($0)" }
        pages += [
            "/queue", "/agenda",
            // RiskRoute: RiskPages
            "/risks", "/systems/\(s.system)/risks", "/risks/\(s.risk)",
            // CoverageRoute: CoveragePages
            "/coverage", "/systems/\(s.system)/coverage",
            // GovernanceRoute: GovernancePages
            "/governance", "/governance/check-sheets",
            // EvidenceRoute: EvidencePages (a document, a fairness report and its report page, a job)
            "/systems/\(s.system)/evidence/\(s.document)",
            "/systems/\(s.system)/evidence/\(s.fairnessReport)", "/systems/\(s.system)/evidence/\(s.fairnessReport)/report",
            // AuditRoute: AuditPages
            "/audit", "/audit?entity_type=ai_system",
            // error pages: an unknown address and an unknown record
            "/no-such-page", "/systems/\(UUID().uuidString)",
        ]
        if let job = s.job { pages.append(job) }
        return pages
    }

    /// Links that are not pages: downloads, exports, the API, static files, the sign-in provider.
    static func isNotAPage(_ pattern: String) -> Bool {
        let prefixes: [String] = [
            "/api/", "/static/", "/auth/oidc/",
            "/governance/check-sheets/",  // GovernanceRoute.templateExport: the template's YAML
        ]
        if prefixes.contains(where: { pattern.hasPrefix($0) }) { return true }
        if pattern.hasSuffix("/file") { return true }  // EvidenceRoute.file: the stored document, as a download
        return ["/health", "/favicon.ico"].contains(pattern)
    }

    /// A path with its query and fragment dropped and its ids replaced by `{id}`: `/systems/{id}/edit`.
    static func pattern(_ path: String) -> String {
        let bare = path.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        let noQuery = bare.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? bare
        let segments = noQuery.split(separator: "/").map { UUID(uuidString: String($0)) == nil ? String($0) : "{id}" }
        return "/" + segments.joined(separator: "/")
    }

    // MARK: The test

    @Test(.enabled(if: available), arguments: ["en", "ja"])
    func everyPageHasNoSeriousAxeViolationAndFitsAPhone(language: String) async throws {
        let path = try #require(Self.axeScript, "RINRI_TEST_AXE_SCRIPT is not set: .ci/run installs axe-selenium-python and exports the path of its axe.min.js")
        guard let axe = try? String(contentsOfFile: path, encoding: .utf8), axe.contains("axe") else {
            Issue.record("cannot read axe-core at RINRI_TEST_AXE_SCRIPT=\(path)")
            return
        }
        let cli = try CLI()
        let server = try await BrowserTests.Server.start(cli)
        defer { server.stop() }
        var seeded = try await Self.seed(server, cli)
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        try await browser.connect()
        // The fairness report page is served with `Content-Security-Policy: sandbox`, where no script runs, not even
        // axe-core's callbacks. Rinri's policies allow inline styles, so bypassing them changes no page's rendering.
        try await browser.call("Page.setBypassCSP", ["enabled": true])
        let base = server.base

        // logged out: the login page, and the login page after a failed login
        try await Self.open(browser, base + "/login")
        try await Self.switchLanguage(browser, to: language)
        _ = try await Self.audit(browser, axe: axe, language: language, label: "/login (logged out)") {
            try await Self.open(browser, base + "/login")
        }
        _ = try await Self.audit(browser, axe: axe, language: language, label: "/login after a failed login") {
            try await Self.open(browser, base + "/login")
            try await Self.submit(browser, """
                document.querySelector('input[name=email]').value = 'nobody@example.com';
                document.querySelector('input[name=password]').value = 'not the password';
                document.querySelector('form[action="/login"]').submit();
                """)
        }

        // logged in as the administrator: an analysis job queued through the upload form, then every page
        try await Self.logIn(browser, base: base, email: seeded.adminEmail, password: seeded.adminPassword)
        try await Self.switchLanguage(browser, to: language)
        seeded.job = try await Self.queueJob(browser, base: base, system: seeded.system)
        var linked: [String: String] = [:]  // pattern → the page that links to it
        let pages = Self.pages(seeded)
        for page in pages {
            let links = try await Self.audit(browser, axe: axe, language: language, label: page) {
                try await Self.open(browser, base + page)
            }
            for link in links where link.hasPrefix(base + "/") {
                let pattern = Self.pattern(String(link.dropFirst(base.count)))
                if linked[pattern] == nil { linked[pattern] = page }
            }
        }

        // a form sent with errors shows them next to the fields
        _ = try await Self.audit(browser, axe: axe, language: language, label: "/systems/new sent empty") {
            try await Self.open(browser, base + "/systems/new")
            try await Self.submit(browser, "document.querySelector('form[action=\"/systems/new\"]').submit();")
        }

        // every page an audited page links to is audited too
        let audited = Set(pages.map(Self.pattern))
        let missing = linked.filter { !audited.contains($0.key) && !Self.isNotAPage($0.key) }
        let missingList = missing.keys.sorted().map { "\($0) (linked from \(missing[$0] ?? "?"))" }.joined(separator: ", ")
        #expect(missing.isEmpty,
                "pages linked but not audited: add them to PageAuditTests.pages (or to isNotAPage when they are downloads): \(missingList)")

        // a refusal: the audit log is not for a project owner
        try await browser.call("Network.clearBrowserCookies")
        try await Self.logIn(browser, base: base, email: seeded.ownerEmail, password: seeded.ownerPassword)
        try await Self.switchLanguage(browser, to: language)
        _ = try await Self.audit(browser, axe: axe, language: language, label: "/audit refused to a project owner (403)") {
            try await Self.open(browser, base + "/audit")
        }
    }

    // MARK: Checks

    /// Brings the browser to a page with `reach` at desktop width, then again at phone width, and checks
    /// it each time. Returns the addresses the page links to.
    static func audit(_ browser: HeadlessBrowser, axe: String, language: String, label: String,
                      reach: () async throws -> Void) async throws -> [String] {
        let page = "[\(language)] \(label)"
        try await browser.call("Emulation.clearDeviceMetricsOverride")
        try await reach()
        let lang = try await evaluate(browser, "document.documentElement.lang") as? String
        #expect(lang == language, "\(page): <html lang> is \(lang ?? "missing"), not \(language)")
        try await checkAxe(browser, axe: axe, page: page + " at desktop width")
        let hrefs = try await evaluate(browser, "Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.href; })")
        let links = hrefs as? [String] ?? []

        try await browser.call("Emulation.setDeviceMetricsOverride",
                               ["width": phoneWidth, "height": 844, "deviceScaleFactor": 2, "mobile": true])
        try await reach()
        let phone = try await evaluate(browser, overflowScript) as? [String: Any] ?? [:]
        let width = number(phone["scrollWidth"]) ?? 1_000_000
        let offenders = (phone["offenders"] as? [String] ?? []).joined(separator: "; ")
        #expect(width <= Double(phoneWidth),
                "\(page): at \(phoneWidth) px the document is \(Int(width)) px wide; what sticks out: \(offenders)")
        try await checkAxe(browser, axe: axe, page: page + " at \(phoneWidth) px")
        try await browser.call("Emulation.clearDeviceMetricsOverride")
        return links
    }

    /// Injects axe-core into the page, runs the WCAG 2.0/2.1 A and AA rules and expects no serious or critical violation.
    static func checkAxe(_ browser: HeadlessBrowser, axe: String, page: String) async throws {
        _ = try await evaluate(browser, axe + "\n;true", timeout: 30)
        let answer = try await evaluate(browser, axeRunScript, timeout: 180) as? [String: Any] ?? [:]
        if let error = answer["error"] as? String {
            Issue.record("axe-core failed on \(page): \(error) (axe-core 4 or later is needed for the WCAG 2.1 tags)")
            return
        }
        guard let violations = answer["violations"] as? [[String: Any]] else {
            Issue.record("axe-core gave no answer on \(page): \(answer)")
            return
        }
        let failing = violations.filter { failingImpacts.contains($0["impact"] as? String ?? "") }
        let list = failing.map(describe).joined(separator: "; ")
        #expect(failing.isEmpty, "\(page): \(list)")
    }

    /// `color-contrast (serious, 9 elements), first at `.na` <span class="na">n/a</span>`
    static func describe(_ violation: [String: Any]) -> String {
        let id = violation["id"] as? String ?? "?"
        let impact = violation["impact"] as? String ?? "?"
        let count = Int(number(violation["count"]) ?? 0)
        let target = violation["target"] as? String ?? "?"
        let html = violation["html"] as? String ?? ""
        return "\(id) (\(impact), \(count) elements), first at `\(target)` \(html)"
    }

    /// axe.run with the WCAG 2.0 and 2.1 A and AA tags; answers `{violations: [{id, impact, count, target, html}]}` or `{error}`.
    static let wcagTagsJS = "[" + wcagTags.map { "'" + $0 + "'" }.joined(separator: ", ") + "]"

    static let axeRunScript = #"""
        (function () {
          if (typeof axe === 'undefined') return {error: 'axe-core did not load'};
          return axe.run(document, {runOnly: {type: 'tag', values: \#(wcagTagsJS)}, resultTypes: ['violations']})
            .then(function (result) {
              return {violations: result.violations.map(function (v) {
                var first = v.nodes[0] || {target: [], html: ''};
                return {id: v.id, impact: v.impact || 'unknown', count: v.nodes.length,
                        target: first.target.map(String).join(' '), html: String(first.html).slice(0, 160)};
              })};
            }, function (error) { return {error: String(error && error.message || error)}; });
        })()
        """#

    /// The document's width, and what sticks out past the phone's width: the outermost elements whose box
    /// does, and text (a long word, a hash) that runs out of its box. Whatever sits in a box that scrolls or
    /// clips sideways (a table in its scroll box) does not widen the document and is left out.
    static let overflowScript = #"""
        (function (limit) {
          function name(e) {
            var parts = [];
            for (var n = e; n && n.nodeType === 1 && n !== document.body && parts.length < 4; n = n.parentElement) {
              var s = n.tagName.toLowerCase();
              if (n.id) { parts.unshift(s + '#' + n.id); break; }
              if (n.classList.length) s += '.' + Array.from(n.classList).join('.');
              parts.unshift(s);
            }
            return parts.join(' > ');
          }
          function clipped(e) {
            for (var n = e.parentElement; n && n !== document.body; n = n.parentElement) {
              if (getComputedStyle(n).overflowX !== 'visible') return true;
            }
            return false;
          }
          function insideWide(e) {
            for (var n = e; n; n = n.parentElement) if (wide.has(n)) return true;
            return false;
          }
          var wide = new Set();
          Array.from(document.body.querySelectorAll('*')).forEach(function (e) {
            var r = e.getBoundingClientRect();
            if (r.width > 0 && r.right > limit + 0.5 && !clipped(e)) wide.add(e);
          });
          var found = [];
          wide.forEach(function (e) {
            if (!wide.has(e.parentElement)) found.push(name(e) + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
          });
          var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (var t = walker.nextNode(); t; t = walker.nextNode()) {
            var owner = t.parentElement;
            if (!owner || !t.textContent.trim() || insideWide(owner) || clipped(t)) continue;
            var range = document.createRange();
            range.selectNodeContents(t);
            var r = range.getBoundingClientRect();
            if (r.width > 0 && r.right > limit + 0.5) found.push('text in ' + name(owner) + ' (right edge ' + Math.round(r.right) + ' px)');
          }
          return {scrollWidth: document.documentElement.scrollWidth, offenders: found.slice(0, 8)};
        })(\#(phoneWidth))
        """#

    // MARK: Driving the browser

    /// Evaluates JavaScript (awaiting a promise) and returns its value; a script that throws fails with its message.
    @discardableResult
    static func evaluate(_ browser: HeadlessBrowser, _ script: String, timeout: Double = 10) async throws -> Any? {
        let result = try await browser.call("Runtime.evaluate", ["expression": script, "returnByValue": true, "awaitPromise": true],
                                            timeout: timeout)
        if let details = result["exceptionDetails"] as? [String: Any] {
            let description = (details["exception"] as? [String: Any])?["description"] as? String
            throw PageAuditError("the page's script failed: \(description ?? (details["text"] as? String) ?? "\(details)")")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Navigates to `url` (the same address again reloads it) and waits until the new document has loaded.
    static func open(_ browser: HeadlessBrowser, _ url: String) async throws {
        try await evaluate(browser, "window.__rinriAudit = true; true")
        try await browser.call("Page.navigate", ["url": url], timeout: 30)
        try await browser.waitFor("window.__rinriAudit === undefined && document.readyState === 'complete'", seconds: 30)
    }

    /// Runs script that sends a form and waits until the answer's document has loaded.
    static func submit(_ browser: HeadlessBrowser, _ script: String) async throws {
        try await evaluate(browser, "window.__rinriAudit = true; true")
        try await browser.act(script)
        try await browser.waitFor("window.__rinriAudit === undefined && document.readyState === 'complete'", seconds: 30)
    }

    static func logIn(_ browser: HeadlessBrowser, base: String, email: String, password: String) async throws {
        try await open(browser, base + "/login")
        try await submit(browser, """
            document.querySelector('input[name=email]').value = '\(email)';
            document.querySelector('input[name=password]').value = '\(password)';
            document.querySelector('form[action="/login"]').submit();
            """)
        try await browser.waitFor("location.pathname !== '/login'")
    }

    /// Switches the language with the header's language buttons (a form post that sets a cookie).
    static func switchLanguage(_ browser: HeadlessBrowser, to language: String) async throws {
        if try await evaluate(browser, "document.documentElement.lang") as? String == language { return }
        try await submit(browser, "document.querySelector('form.language button[value=\(language)]').click();")
        try await browser.waitFor("document.documentElement.lang === '\(language)'")
    }

    /// Queues a fairness analysis through the system page's upload form and returns the job page's path
    /// (nil, with an issue recorded, when the form is not there).
    static func queueJob(_ browser: HeadlessBrowser, base: String, system: String) async throws -> String? {
        try await open(browser, base + "/systems/\(system)")
        guard try await evaluate(browser, #"!!document.querySelector('form[action$="/evidence/upload"] input[type=file]')"#) as? Bool == true else {
            Issue.record("the system page has no upload form, so no job page is audited")
            return nil
        }
        try await submit(browser, #"""
            var form = document.querySelector('form[action$="/evidence/upload"]');
            function set(name, value) { var field = form.querySelector('[name="' + name + '"]'); if (field) field.value = value; }
            set('label', 'label'); set('prediction', 'prediction'); set('sensitive', 'sex'); set('checks', 'demographic_parity_ratio>=0.8');
            var files = new DataTransfer();
            files.items.add(new File(['sex,label,prediction\na,1,1\na,0,0\na,1,1\na,0,1\nb,1,1\nb,1,0\nb,0,0\nb,0,0\n'], 'cv.csv', {type: 'text/csv'}));
            form.querySelector('input[type=file]').files = files.files;
            form.submit();
            """#)
        let path = try await evaluate(browser, "location.pathname") as? String ?? ""
        guard path.contains("/jobs/") else {
            Issue.record("the upload form led to \(path), not to a job page")
            return nil
        }
        // The job page reloads itself (a Refresh header) while the job waits or runs: wait until it is done,
        // so its page holds still while it is checked.
        for _ in 0..<120 {
            let done = try? await evaluate(browser, "fetch(location.href).then(function (r) { return !r.headers.get('Refresh'); })")
            if done as? Bool == true { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        return path
    }

    static func number(_ value: Any?) -> Double? {
        if let value = value as? Double { return value }
        if let value = value as? Int { return Double(value) }
        if let value = value as? NSNumber { return value.doubleValue }
        return nil
    }

    // MARK: Seeding

    /// On top of `BrowserTests.Server` (an administrator, the unit Imaging and the EU biometric generative
    /// system FaceGen Concierge): a project owner, two more systems, a model, a dataset and an agent, a
    /// planning assessment with a sheet partly answered, a risk with a countermeasure, a document and a
    /// fairness report (sent by `rinri assess fairness --submit`).
    static func seed(_ server: BrowserTests.Server, _ cli: CLI) async throws -> Seeded {
        var s = Seeded()
        let base = server.base, token = server.token
        s.system = server.system
        s.unit = try await object("GET", base + "/api/v1/systems/\(s.system)", token: token).value("org_unit_id", as: String.self)
        let me = try await object("GET", base + "/api/v1/me", token: token).value("id", as: String.self)

        let created = try cli.run(["users", "create", "--email", s.ownerEmail, "--name", "Owner Person", "--role", "project_owner"],
                                  stdin: s.ownerPassword + "\n")
        #expect(created.status == 0, "\(created.stderr)")
        let users = (try await send("GET", base + "/api/v1/users", token: token).json as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let ownerEmail = s.ownerEmail
        let ownerID = users.first { $0["email"] as? String == ownerEmail }?["id"] as? String
        s.owner = try #require(ownerID, "the project owner is listed")

        s.ownedSystem = try await object("POST", base + "/api/v1/systems", [
            "name": "CV Screener", "purpose": "Ranks job applications for recruiters", "org_unit_id": s.unit, "owner_id": s.owner,
            "jurisdictions": ["JP"]], token: token).value("id", as: String.self)
        s.otherSystem = try await object("POST", base + "/api/v1/systems", [
            "name": "Demand Forecast", "purpose": "Forecasts weekly demand per store", "org_unit_id": s.unit,
            "jurisdictions": ["US"]], token: token).value("id", as: String.self)
        s.model = try await object("POST", base + "/api/v1/systems/\(s.system)/models", [
            "name": "FaceMatch", "model_version": "2.3.1", "type": "other"], token: token).value("id", as: String.self)
        s.dataset = try await object("POST", base + "/api/v1/systems/\(s.system)/datasets", [
            "name": "Guest enrolment photos", "acquisition_method": "purchased"], token: token).value("id", as: String.self)
        s.agent = try await object("POST", base + "/api/v1/systems/\(s.system)/agents", [
            "name": "Greeter", "role": "Drafts greetings", "accountable_owner_id": me, "autonomy_level": "autonomous"],
            token: token).value("id", as: String.self)

        let assessment = try await object("POST", base + "/api/v1/systems/\(s.system)/assessments", ["phase": "planning"], token: token)
        s.assessment = try assessment.value("id", as: String.self)
        let version = try assessment.value("version", as: Int.self)
        let answers: [String: Any] = ["bio_function": "identification", "pv_data_kinds": ["face_images", "location"]]
        _ = try await object("PUT", base + "/api/v1/assessments/\(s.assessment)/sheets/nec-human-rights-risk",
                             ["version": version, "answers": answers], token: token)
        let detail = try await object("GET", base + "/api/v1/assessments/\(s.assessment)", token: token)
        let sheets = (detail["sheets"] as? [[String: Any]] ?? []) + (detail["reviews"] as? [[String: Any]] ?? [])
        s.sheets = sheets.compactMap { $0["template_id"] as? String }
        #expect(!s.sheets.isEmpty, "the assessment has sheets")

        s.risk = try await object("POST", base + "/api/v1/systems/\(s.system)/risks", [
            "title": "Guests misidentified as someone else", "description": "A false match greets a guest by another guest's name.",
            "rights": ["privacy"], "affected_people": "Guests", "scale": 3, "scope": 2, "irremediability": 2, "likelihood": 3],
            token: token).value("id", as: String.self)
        _ = try await object("POST", base + "/api/v1/risks/\(s.risk)/countermeasures", [
            "title": "Confirm identity at the desk before using a name", "owner_id": me, "due_date": "2026-12-01",
            "status": "in_progress", "effect": "likelihood"], token: token)

        s.document = try await object("POST", base + "/api/v1/systems/\(s.system)/evidence", [
            "kind": "document", "title": "Consent screens v3", "assessment_id": s.assessment, "question_id": "bio_enrolment_basis",
            "report": ["summary": "Screens shown at enrolment.", "url": "https://intranet.example.com/consent"]],
            token: token).value("id", as: String.self)
        let data = cli.folder.appendingPathComponent("cv.csv")
        try "sex,label,prediction\na,1,1\na,0,0\na,1,1\na,0,1\nb,1,1\nb,1,0\nb,0,0\nb,0,0\n".write(to: data, atomically: true, encoding: .utf8)
        let submitted = try cli.run(["assess", "fairness", "--data", data.path, "--label", "label", "--prediction", "prediction",
                                     "--sensitive", "sex", "--submit", "--server", base, "--token", token, "--system", s.system])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let evidence = (try await send("GET", base + "/api/v1/systems/\(s.system)/evidence", token: token).json as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let reportID = evidence.first { $0["kind"] as? String == "fairness_report" }?["id"] as? String
        s.fairnessReport = try #require(reportID, "the fairness report was submitted")
        return s
    }

    /// Sends a JSON request with the API token.
    static func send(_ method: String, _ url: String, _ body: [String: Any]? = nil, token: String) async throws -> (status: Int, json: Any?) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data))
    }

    /// The JSON object a successful request answers. - Throws: naming the request and the answer otherwise.
    static func object(_ method: String, _ url: String, _ body: [String: Any]? = nil, token: String) async throws -> [String: Any] {
        let (status, json) = try await send(method, url, body, token: token)
        guard (200..<300).contains(status), let object = json as? [String: Any] else {
            throw PageAuditError("\(method) \(url) answered \(status): \(json.map { "\($0)" } ?? "no JSON")")
        }
        return object
    }
}

struct PageAuditError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

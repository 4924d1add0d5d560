import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RinriCore
import RinriTesting
import Testing

/// The governance journey in a real headless Chromium against `rinri serve`, in English and in Japanese:
/// first login and password change, people and the committee, a unit and an EU biometric generative system,
/// a planning assessment whose answers bring a conditional question and route it to the committee, reviews,
/// votes, the chair's approval with a condition, the phase gate refusing and then opening, and an auditor who
/// reads the log. Every step is clicks and form fills (`JourneySteps.swift`); the command line only creates the
/// first administrator, and the API only checks the outcome at the end.
///
/// Each step keeps a screenshot (1280×900 PNG) as `<folder>/<language>-<nn>-<step>.png`, where the folder is
/// `RINRI_TEST_SCREENSHOTS` or `.build/journeys/` in the package (never committed); the test prints it.
/// `.ci/run` installs Chromium; on a machine without it the suite is skipped, except under CI where that is a failure.
@Suite("Journeys in a real browser", .serialized)
struct JourneyTests {
    static let available = HeadlessBrowser.executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: available), arguments: ["en", "ja"])
    func governanceJourney(language: String) async throws {
        let cli = try CLI()
        // the first administrator, with a one-time password that the first login must replace
        let created = try cli.run(["users", "create", "--email", Journey.adminEmail, "--name", "Aiko Admin", "--role", "admin",
                                   "--generate-password"])
        #expect(created.status == 0, "\(created.stderr)")
        let oneTime = try #require(created.stdout.components(separatedBy: "Password (shown once): ").dropFirst().first?
            .trimmingCharacters(in: .whitespacesAndNewlines), "rinri users create printed no password: \(created.stdout)")
        let port = Int.random(in: 20_000...40_000)
        let server = try await cli.serve(port: String(port))
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        try await browser.connect()

        let folder = try Self.screenshotFolder()
        try Self.clearScreenshots(in: folder, language: language)
        print("journey screenshots [\(language)]: \(folder.path)")
        let journey = try await Journey(browser: browser, base: "http://127.0.0.1:\(port)", language: language, folder: folder,
                                        answers: Self.answers())
        try await journey.walk(adminPassword: oneTime)
        try await Self.checkOutcome(journey)
    }

    /// `RINRI_TEST_SCREENSHOTS`, or `.build/journeys/` in the package.
    static func screenshotFolder() throws -> URL {
        let folder: URL
        if let path = ProcessInfo.processInfo.environment["RINRI_TEST_SCREENSHOTS"], !path.isEmpty {
            folder = URL(fileURLWithPath: path)
        } else {
            let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            folder = package.appendingPathComponent(".build/journeys")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes the screenshots an earlier run of this language left (`en-07-committee-appointed.png`, …).
    static func clearScreenshots(in folder: URL, language: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix(language + "-") && name.hasSuffix(".png") && name.dropFirst(language.count + 1).prefix(2).allSatisfy(\.isNumber) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// The answers that make the system high-risk under the EU AI Act (it identifies people one-to-many, placed on
    /// the EU market by its provider) and raise one high risk: matches are acted on without a person verifying
    /// them — as in `GovernanceWorkflowTests.overrides`.
    static let overrides: [String: String] = [
        "scope_ai_system": "yes", "scope_eu_link": "placed_in_eu", "scope_exclusion": "no", "roles": "provider",
        "annex1_product": "no", "annex3_any": "yes", "art6_3_profiling": "yes", "bio_function": "identification",
        "bio_human_verification": "no",
    ]

    /// For each template and choice question, the answer the owner gives: the override, else the first choice that
    /// raises no risk for this system (read from the shipped templates, like `AssessmentDriver.defaultAnswer`), so
    /// that the only risk is the one the overrides raise. Text, number and date questions are filled on the page.
    static func answers() throws -> [String: [String: String]] {
        let library = try CheckSheetLibrary.loadBundled()
        let system = SystemAttributes(usesBiometricData: true, usesGenerativeAI: true, jurisdictions: ["EU", "DE"])
        var answers: [String: [String: String]] = [:]
        for template in library.templates {
            var chosen: [String: String] = [:]
            for question in template.questions {
                if let override = overrides[question.id] {
                    chosen[question.id] = override
                    continue
                }
                guard let values = question.allowedValues else { continue }
                chosen[question.id] = values.first { value in
                    let answer: AnswerValue = switch question.answer {
                    case .yesNoNA: .yesNoNA(value)
                    case .multipleChoice: .choices([value])
                    default: .choice(value)
                    }
                    return !question.risks.contains { $0.when.holds(in: EvaluationContext(system: system, answer: answer)) }
                } ?? values.first
            }
            answers[template.id] = chosen
        }
        return answers
    }

    /// What the journey left behind, read through the API: the system moved on, the case is approved with its
    /// condition done, three votes, and the audit chain verifies.
    static func checkOutcome(_ journey: Journey) async throws {
        let label = "[\(journey.language)] after the journey"
        let api = journey.base + "/api/v1"
        let admin = try await BrowserTests.Server.json("POST", api + "/auth/login", ["email": Journey.adminEmail, "password": Journey.password])
        let token = try #require(admin["token"] as? String, "\(label): the administrator cannot log in with the new password")
        let system = try await BrowserTests.Server.json("GET", api + "/systems/\(journey.systemID)", token: token)
        #expect(system["lifecycle_phase"] as? String == "development", "\(label): \(system)")
        let assessment = try await BrowserTests.Server.json("GET", api + "/assessments/\(journey.assessmentID)", token: token)
        #expect(assessment["state"] as? String == "approved_with_conditions", "\(label): \(assessment["state"] ?? "no state")")
        #expect(assessment["route"] as? String == "committee" && assessment["case_level"] as? String == "high", "\(label)")
        #expect((assessment["votes"] as? [Any])?.count == 3, "\(label): \(assessment["votes"] ?? "no votes")")
        let actions = assessment["actions"] as? [[String: Any]] ?? []
        #expect(actions.count == 1 && actions.allSatisfy { $0["status"] as? String == "done" }, "\(label): \(actions)")
        let auditor = try await BrowserTests.Server.json("POST", api + "/auth/login",
                                                         ["email": Journey.person("auditor").email, "password": Journey.password])
        let verified = try await BrowserTests.Server.json("GET", api + "/audit/verify", token: auditor["token"] as? String)
        #expect(verified["ok"] as? Bool == true, "\(label): \(verified)")
    }
}

/// A step that failed, named with its language and number: `[ja] step 07-committee-appointed failed: …`.
struct JourneyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: Driving the browser

extension Journey {
    /// Runs one step: its body, then the check of `<html lang>`, then a screenshot; a failure names the step and the
    /// language (and keeps a screenshot ending in `-failed`).
    func run(_ name: String, _ body: () async throws -> Void) async throws {
        step += 1
        let label = (step < 10 ? "0" : "") + "\(step)-\(name)"
        do {
            try await body()
            let lang = try await evaluate("document.documentElement.lang") as? String
            try check(lang == language, "<html lang> is \(lang ?? "missing"), not \(language)")
        } catch {
            try? await screenshot(label + "-failed")
            let url = (try? await evaluate("location.href")) as? String ?? "?"
            throw JourneyError("[\(language)] step \(label) failed: \(error) (at \(url))")
        }
        try await screenshot(label)
    }

    func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw JourneyError(message()) }
    }

    /// Evaluates JavaScript in the page (awaiting a promise); a script that throws fails with its message.
    @discardableResult
    func evaluate(_ script: String, timeout: Double = 10) async throws -> Any? {
        let result = try await browser.call("Runtime.evaluate", ["expression": script, "returnByValue": true, "awaitPromise": true], timeout: timeout)
        if let details = result["exceptionDetails"] as? [String: Any] {
            let description = (details["exception"] as? [String: Any])?["description"] as? String
            throw JourneyError("the page's script failed: \(description ?? (details["text"] as? String) ?? "\(details)")")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Runs script that leads to a new document (a click, a form sent) and waits until that document has loaded.
    func navigating(_ script: String) async throws {
        try await evaluate("window.__journey = true; true")
        try await browser.act(script)
        try await browser.waitFor("window.__journey === undefined && document.readyState === 'complete'", seconds: 20)
    }

    /// Opens a path of the site, as following a link to it would.
    func go(_ path: String) async throws {
        try await evaluate("window.__journey = true; true")
        try await browser.call("Page.navigate", ["url": base + path], timeout: 20)
        try await browser.waitFor("window.__journey === undefined && document.readyState === 'complete'", seconds: 20)
    }

    /// Clicks the link or button at `selector` and waits for the page it leads to.
    func click(_ selector: String) async throws {
        try check(try await evaluate("!!document.querySelector(\(Self.js(selector)))") as? Bool == true, "there is nothing to click at \(selector)")
        try await navigating("document.querySelector(\(Self.js(selector))).click();")
    }

    /// Types `value` into the field `name` of the form at `form`.
    func type(_ value: String, into name: String, of form: String) async throws {
        try await fill(form, [name: value])
    }

    /// Fills the named fields of the form at `form`: text and selects get the value, a checkbox is ticked by `true`
    /// (or when its value is the one given), a radio button when its value is the one given.
    func fill(_ form: String, _ fields: [String: Any]) async throws {
        let problem = try await evaluate(#"""
            (function (selector, fields) {
              var form = document.querySelector(selector);
              if (!form) return 'there is no form ' + selector;
              for (var name in fields) {
                var elements = form.querySelectorAll('[name="' + name + '"]'), value = fields[name];
                if (!elements.length) return 'the form ' + selector + ' has no field ' + name;
                elements.forEach(function (e) {
                  if (e.type === 'checkbox') e.checked = value === true || e.value === value;
                  else if (e.type === 'radio') e.checked = e.value === value;
                  else e.value = value;
                });
              }
              return null;
            })
            """# + "(\(Self.js(form)), \(Self.js(fields)))")
        if let problem = problem as? String { throw JourneyError(problem) }
    }

    /// Fills the form and sends it as its submit button would (the browser's validation first), then waits for the answer.
    func submitForm(_ form: String, _ fields: [String: Any] = [:]) async throws {
        try await fill(form, fields)
        let invalid = try await evaluate("""
            Array.from(document.querySelector(\(Self.js(form))).elements).filter(function (e) { return e.willValidate && !e.checkValidity(); })
              .map(function (e) { return e.name; })
            """) as? [String] ?? []
        try check(invalid.isEmpty, "the form \(form) is not valid: \(invalid)")
        try await navigating("document.querySelector(\(Self.js(form))).requestSubmit();")
    }

    func waitForPath(_ path: String) async throws {
        try await browser.waitFor("location.pathname === \(Self.js(path)) && document.readyState === 'complete'", seconds: 20)
    }

    func path() async throws -> String { try await evaluate("location.pathname") as? String ?? "" }

    /// The visible text of the first element at `selector` ("" when there is none).
    func text(_ selector: String = "main") async throws -> String {
        try await evaluate("(function () { var e = document.querySelector(\(Self.js(selector))); return e ? e.innerText : ''; })()") as? String ?? ""
    }

    /// Checks the page's language, and its heading and text when given.
    func expectPage(heading: String? = nil, contains expected: String? = nil) async throws {
        let lang = try await evaluate("document.documentElement.lang") as? String
        try check(lang == language, "<html lang> is \(lang ?? "missing"), not \(language)")
        if let heading {
            let h1 = try await text("h1")
            try check(h1 == heading, "the heading is “\(h1)”, not “\(heading)”")
        }
        if let expected {
            let page = try await text()
            try check(page.contains(expected), "the page does not show “\(expected)”: \(page.prefix(600))")
        }
    }

    /// Marks the `<section>` of the page whose heading starts with `heading` and returns a selector for it.
    func section(_ heading: String) async throws -> String {
        let found = try await evaluate("""
            (function (heading) {
              document.querySelectorAll('[data-journey-section]').forEach(function (e) { e.removeAttribute('data-journey-section'); });
              var h = Array.from(document.querySelectorAll('main h2')).find(function (h) { return h.innerText.indexOf(heading) === 0; });
              if (h) h.parentElement.setAttribute('data-journey-section', '');
              return !!h;
            })(\(Self.js(heading)))
            """) as? Bool == true
        try check(found, "the page has no section “\(heading)”")
        return "[data-journey-section]"
    }

    /// The addresses of the links inside `selector`.
    func links(in selector: String) async throws -> [String] {
        try await evaluate("""
            Array.from(document.querySelectorAll(\(Self.js(selector + " a[href]")))).map(function (a) { return a.getAttribute('href'); })
            """) as? [String] ?? []
    }

    /// The value of the option of the select at `select` whose text contains `label`.
    func option(_ select: String, labelled label: String) async throws -> String {
        let value = try await evaluate("""
            (function () {
              var o = Array.from(document.querySelectorAll(\(Self.js(select + " option"))))
                .find(function (o) { return o.text.indexOf(\(Self.js(label))) >= 0; });
              return o ? o.value : null;
            })()
            """) as? String
        guard let value else { throw JourneyError("\(select) has no option “\(label)”") }
        return value
    }

    /// Scrolls the element at `selector` into view for the screenshot (at the start: a little below the top edge).
    func show(_ selector: String, block: String = "start") async throws {
        try await evaluate("""
            (function (e, block) {
              if (e) e.scrollIntoView({block: block});
              if (e && block === 'start') window.scrollBy(0, -24);
              return true;
            })(document.querySelector(\(Self.js(selector))), \(Self.js(block)))
            """)
    }

    /// Saves what the browser shows as `<folder>/<language>-<name>.png`.
    func screenshot(_ name: String) async throws {
        let shot = try await browser.call("Page.captureScreenshot", ["format": "png"], timeout: 30)
        guard let data = (shot["data"] as? String).flatMap({ Data(base64Encoded: $0) }) else { throw JourneyError("no screenshot for \(name)") }
        try data.write(to: folder.appendingPathComponent("\(language)-\(name).png"))
    }

    /// A value (a string, a dictionary) as JavaScript source: JSON, written inside an array and taken out of it.
    static func js(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: [value]) else { return "null" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// Gives each unanswered question of the sheet on the page its answer (`answers[id]`, else the first choice; a
    /// filler for text, numbers and dates) and answers how many it filled (-1 when the sheet cannot be answered).
    static let fillSheet = #"""
        (function (answers) {
          var form = document.querySelector('form.sheet[data-autosave]');
          if (!form) return -1;
          var count = 0;
          form.querySelectorAll('fieldset.question').forEach(function (q) {
            if (!q.querySelector('.badge.todo')) return;
            var id = q.id.slice(2);
            var inputs = Array.from(q.querySelectorAll('[name="q.' + id + '"]:not([disabled])'));
            if (!inputs.length) return;
            var first = inputs[0];
            if (first.type === 'radio' || first.type === 'checkbox') {
              (inputs.find(function (e) { return e.value === answers[id]; }) || first).checked = true;
            } else if (first.type === 'date') { first.value = '2026-12-01'; }
            else if (first.type === 'number') { first.value = '1'; }
            else { first.value = 'Answered in the journey test: ' + id + '.'; }
            count++;
          });
          return count;
        })
        """#

    /// What on the page could change something: forms that post (other than logging out and the language
    /// switch), links to forms, and buttons outside search forms.
    static let editControls = #"""
        (function () {
          var forms = Array.from(document.querySelectorAll('form')).filter(function (f) {
            return (f.getAttribute('method') || 'get').toLowerCase() !== 'get' && ['/logout', '/language'].indexOf(f.getAttribute('action')) < 0;
          }).map(function (f) { return 'form ' + f.getAttribute('action'); });
          var links = Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.getAttribute('href'); })
            .filter(function (h) { return /\/(edit|new|delete|remove|reset-password|verify|confirm|report)(\?|$)/.test(h); });
          var buttons = Array.from(document.querySelectorAll('main button')).filter(function (b) { return !b.closest('form[method=get]'); })
            .map(function (b) { return 'button ' + b.innerText; });
          return forms.concat(links, buttons);
        })()
        """#
}

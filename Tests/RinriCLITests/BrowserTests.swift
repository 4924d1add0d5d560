import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RinriTesting
import Testing

/// The web pages in a real headless Chromium against `rinri serve`: log in, open an assessment, watch a
/// conditional question appear when a choice is clicked (the autosave script), switch the language.
///
/// `.ci/run` installs Chromium; on a machine without it the test is skipped, except under CI where that is a failure.
@Suite("In a real browser", .serialized)
struct BrowserTests {
    static let available = HeadlessBrowser.executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    /// A running `rinri serve` with an administrator, an EU biometric generative system, and an API token.
    struct Server {
        let process: Process
        let base: String
        let token: String
        let system: String

        static func start(_ cli: CLI) async throws -> Server {
            let created = try cli.run(["users", "create", "--email", "admin@example.com", "--name", "Admin", "--role", "admin"],
                                      stdin: "browser-test-password\n")
            #expect(created.status == 0, "\(created.stderr)")
            let port = Int.random(in: 20_000...40_000)
            let process = try await cli.serve(port: String(port))
            let base = "http://127.0.0.1:\(port)"
            let login = try await json("POST", base + "/api/v1/auth/login", ["email": "admin@example.com", "password": "browser-test-password"])
            let token = try #require(login["token"] as? String)
            let unit = try await json("POST", base + "/api/v1/org-units", ["name": "Imaging", "kind": "business_unit", "country": "JP"], token: token)
            let system = try await json("POST", base + "/api/v1/systems", [
                "name": "FaceGen Concierge", "purpose": "Greets returning guests", "org_unit_id": (try unit.value("id", as: String.self)),
                "jurisdictions": ["EU"], "uses_biometric_data": true, "uses_generative_ai": true], token: token)
            return Server(process: process, base: base, token: token, system: try #require(system["id"] as? String))
        }

        static func json(_ method: String, _ url: String, _ body: [String: Any]? = nil, token: String? = nil) async throws -> [String: Any] {
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = method
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
            let (data, _) = try await URLSession.shared.data(for: request)
            return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    @Test(.enabled(if: available))
    func aConditionalQuestionAppearsWhenAChoiceIsClicked() async throws {
        let cli = try CLI()
        let server = try await Server.start(cli)
        defer { server.stop() }
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        try await browser.connect()

        // log in through the form
        try await browser.go(server.base + "/login")
        try await browser.act("""
            document.querySelector('input[name=email]').value = 'admin@example.com';
            document.querySelector('input[name=password]').value = 'browser-test-password';
            document.querySelector('form[action="/login"]').submit();
            """)
        try await browser.waitFor("location.pathname === '/' && document.readyState === 'complete'")

        // open the planning assessment from the system's assessments page
        try await browser.go(server.base + "/systems/\(server.system)/assessments")
        try await browser.act("document.querySelector('form[action$=\"/assessments/new\"]').submit();")
        try await browser.waitFor("location.pathname.startsWith('/assessments/') && document.readyState === 'complete'")
        let assessment = try #require((try await browser.eval("location.pathname.split('/')[2]")) as? String)

        // the human-rights sheet: choosing one-to-many identification brings the watch-list question
        let sheet = server.base + "/assessments/\(assessment)/sheets/nec-human-rights-risk"
        try await browser.go(sheet)
        #expect(try await browser.eval("!!document.getElementById('q-bio_function')") as? Bool == true)
        #expect(try await browser.eval("!!document.getElementById('q-bio_watchlist_governance')") as? Bool == false)
        try await browser.act("document.querySelector('#q-bio_function input[value=identification]').click();")
        try await browser.waitFor("location.hash === '#q-bio_function' && !!document.getElementById('q-bio_watchlist_governance')")
        #expect(try await browser.eval("document.querySelector('#q-bio_function input[value=identification]').checked") as? Bool == true)
        #expect(try await browser.eval("!!document.querySelector('.flash')") as? Bool == true)
        let stored = try await Server.json("GET", server.base + "/api/v1/assessments/\(assessment)", token: server.token)
        let sheets = stored["sheets"] as? [[String: Any]] ?? []
        let answers = sheets.first { $0["template_id"] as? String == "nec-human-rights-risk" }?["answers"] as? [String: Any]
        #expect(answers?["bio_function"] as? String == "identification")

        // the same page in Japanese, and the heat map drawn on the register
        try await browser.act("document.querySelector('form.language button[value=ja]').click();")
        try await browser.waitFor("document.documentElement.lang === 'ja' && document.readyState === 'complete'")
        #expect((try await browser.eval("document.body.innerText") as? String)?.contains("回答を保存") == true)
        try await browser.go(server.base + "/risks")
        #expect(try await browser.eval("!!document.querySelector('.heatmaps svg')") as? Bool == true)
    }
}

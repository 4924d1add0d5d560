import Foundation
import NIOCore
import RinriCore
@testable import RinriWeb
import RinriTesting
import Testing
import VaporTesting

@Suite("Requests an attacker shapes: throttled logins, huge forms, foreign redirects, missing headers")
struct RequestSecurityTests {
    /// Logs in through a running server as if from `address` (the server trusts the loopback proxy).
    private static func login(_ t: TestApp, _ email: String, _ password: String, from address: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "X-Forwarded-For", value: address)
        let body = try JSONSerialization.data(withJSONObject: ["email": email, "password": password])
        return try await t.app.testing(method: .running(port: 0)).sendRequest(.POST, "/api/v1/auth/login", headers: headers,
                                                                                body: ByteBuffer(data: body))
    }

    @Test(arguments: TestDatabase.all)
    func anAttackerIsSlowedWhileTheOwnerLogsInFromElsewhere(db: TestDatabase) async throws {
        try await TestApp.with(db, adjust: { $0.trustedProxies = ["127.0.0.1", "::1"] }) { t in
            t.app.trustedProxies = [IPBlock("127.0.0.1")!, IPBlock("::1")!]
            t.app.loginPolicy = LoginThrottlePolicy(firstDelay: 60)
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let attacker = "203.0.113.7", owner = "198.51.100.20"
            for _ in 0..<5 {
                #expect(try await Self.login(t, "admin@example.com", "guess-guess-guess", from: attacker).status == .unauthorized)
            }
            // the sixth try from the attacker's address waits, with Retry-After, whatever the password
            let blocked = try await Self.login(t, "admin@example.com", TestApp.password, from: attacker)
            #expect(blocked.status == .tooManyRequests)
            #expect((Int(blocked.headers.first(name: "Retry-After") ?? "") ?? 0) > 50)
            #expect(String(buffer: blocked.body).contains("too_many_attempts"))
            // the owner, from another address, gets in at once
            #expect(try await Self.login(t, "admin@example.com", TestApp.password, from: owner).status == .ok)
            // a header from an untrusted peer is not believed: without trust, every try counts for the peer
            t.app.trustedProxies = []
            #expect(IPBlock.clientAddress(peer: IPAddress("192.0.2.1"), forwardedFor: ["10.1.1.1"], trusted: []) == IPAddress("192.0.2.1"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func failedLoginsForUnknownAccountsAreOneAuditEventPerAddressAndWindow(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let before = try await t.auditEvents().count
            for i in 0..<12 {
                let refused = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "nobody\(i)@example.com", "password": "whatever-it-is"])
                #expect(refused.status == .unauthorized)
            }
            #expect(try await t.auditEvents().count == before)
            // when the window has ended, one event counts them all
            await Housekeeping.run(t.app, now: Date().addingTimeInterval(16 * 60))
            let events = try await t.auditEvents().dropFirst(before)
            #expect(events.count == 1)
            let summary = try #require(events.first)
            #expect(summary.record.action == .loginFailed && summary.record.entityType == "address")
            #expect(summary.record.changes.contains("\"unknown_accounts\":12"))
            // and the chain still verifies
            #expect(try await t.request(.GET, "/api/v1/audit/verify", token: try await t.token(.auditor)).json["ok"] as? Bool == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func parallelGuessesAreCountedBeforeAnyPasswordIsChecked(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            t.app.loginPolicy = LoginThrottlePolicy(firstDelay: 60)
            _ = try await t.user([RoleGrant(role: .admin)], email: "target@example.com")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        try await t.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": "guess-guess"]).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            // five free attempts at most reach the password check; every other one waits
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 25)
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests })
        }
    }

    @Test func oneHashGateServesTheWholeApplication() async throws {
        try await TestApp.with(.sqlite) { t in
            #expect(t.app.hashGate === t.app.hashGate)
        }
    }

    @Test func concurrentPasswordHashesAreBounded() async throws {
        // one hash running (held until released, not for a while) and one waiting: a third is refused at once
        let gate = HashGate(permits: 1, maxWaiting: 1)
        let (release, releaser) = AsyncStream<Void>.makeStream()
        async let first: Int = gate.run { for await _ in release { break }; return 1 }
        while await gate.load.running < 1 { try await Task.sleep(for: .milliseconds(5)) }
        async let second: Int = gate.run { 2 }
        while await gate.load.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: RinriError.self) { try await gate.run { 3 } }
        releaser.finish()
        #expect(try await first + second == 3)
    }

    @Test func aFormWithTooManyFieldsIsRefusedQuicklyAndAHugeBodyToo() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let browser = Browser(t)
            try await browser.login("admin@example.com")
            _ = try await browser.get("/org-units/new")
            let before = try await t.count("org_units")
            // 100,000 fields is over the page's body limit: refused before it is read
            var pairs = (0..<100_000).map { ("f\($0)", "x") }
            pairs.insert(("name", "Flood"), at: 0)
            let flood = try await browser.post("/org-units/new", pairs: pairs)
            #expect(flood.status == .payloadTooLarge)
            // 5,000 short fields fit in the body but not in the form: refused with the limit named
            let many = try await browser.post("/org-units/new", pairs: [("name", "Flood")] + (0..<5_000).map { ("f\($0)", "") })
            #expect(many.status == .unprocessableEntity)
            #expect(many.body.contains(Localizer(.en)("error.too_many_fields", ["max": "1000"])))
            // an anonymous multipart post is refused before its parts are read
            let anonymous = try await t.raw(.POST, "/login", body: "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n--b--\r\n",
                                            contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "b"]))
            #expect(anonymous.status == .forbidden)
            // a multipart form with more parts than the page takes fields: refused before decoding
            let parts = (0..<2_000).map { "--b\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\n\r\n" }.joined() + "--b--\r\n"
            let manyParts = try await browser.postRaw("/org-units/new", body: parts, contentType: "multipart/form-data; boundary=b")
            #expect(manyParts.status == .unprocessableEntity)
            // a body over the route's limit: 413 with a JSON message on the API
            let token = try await t.token(.admin)
            let big = try await t.raw(.POST, "/api/v1/org-units", token: token, body: "{\"name\":\"" + String(repeating: "a", count: 300_000) + "\"}")
            #expect(big.status == .payloadTooLarge && big.errorCode == "body_too_large", "\(big.status) \(big.body)")
            #expect(try await t.count("org_units") == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTemplateThatExpandsWithoutEndIsRefusedAndStoresNothing(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.governanceOffice)
            let before = try await t.count("check_sheet_templates")
            var laughs = "id: laughs\nversion: 1.0.0\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            for n in 1...9 { laughs += "x\(n): &x\(n) [" + Array(repeating: "*x\(n - 1)", count: 10).joined(separator: ", ") + "]\n" }
            let refused = try await t.raw(.POST, "/api/v1/check-sheets", token: office, body: laughs, contentType: HTTPMediaType(type: "application", subType: "yaml"))
            // refused by the node count, which bounds the walk (its speed is the benchmark's business, not a test's)
            #expect(refused.status == .unprocessableEntity && refused.body.contains("nodes"), "\(refused.body)")
            let deep = String(repeating: "[", count: 50_000)
            #expect(try await t.raw(.POST, "/api/v1/check-sheets", token: office, body: deep, contentType: HTTPMediaType(type: "application", subType: "yaml")).status == .unprocessableEntity)
            #expect(try await t.count("check_sheet_templates") == before)
        }
    }

    @Test func theFormReaderKeepsEveryFieldAndStopsAtTheCap() throws {
        let body = (0..<200_000).map { "answer.q\($0)=yes" }.joined(separator: "&")
        let pairs = try FormBody.parse(body, maxFields: 300_000)
        #expect(pairs.count == 200_000)
        let form = FormState(pairs: pairs)
        #expect(form.names(prefixed: "answer.").count == 200_000)
        #expect(throws: RinriError.self) { try FormBody.parse(body, maxFields: 10) }
    }

    @Test(arguments: [
        "/%09/evil.example/", "/\t/evil.example/", "//evil.example", "/\\evil.example", "/%5Cevil.example", "https://evil.example",
        "http:/evil.example", " /systems", "/systems\r\nSet-Cookie: x=1", "/%0d%0aLocation:%20//evil", "/%2F/evil.example",
        "javascript:alert(1)", "\\\\evil.example", "/\u{200B}/evil.example", "/systems/\u{3000}x", "",
    ])
    func nextIsOnlyEverALocalPath(target: String) async throws {
        #expect(!RoutePath.isLocal(target), "\(target.debugDescription)")
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .auditor)], email: "a@example.com")
            let browser = Browser(t)
            _ = try await browser.get("/login")
            let login = try await browser.post("/login", ["email": "a@example.com", "password": TestApp.password, "next": target])
            #expect(login.headers.first(name: .location) == "/")
        }
    }

    @Test func localTargetsAreKept() {
        for target in ["/systems", "/systems?q=face&phase=planning", "/assessments/A1/sheets/x#q-1", "/risks/%E3%83%AA"] {
            #expect(RoutePath.isLocal(target), "\(target)")
        }
    }

    @Test func everyResponseCarriesAContentSecurityPolicy() async throws {
        try await TestApp.with(.sqlite, adjust: { $0.publicURL = URL(string: "https://rinri.example.com") }) { t in
            let token = try await t.token(.auditor)
            let page = try await t.request(.GET, "/login")
            let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("base-uri 'none'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"))
            for (path, auth) in [("/api/v1/me", token), ("/api/v1/openapi.json", nil), ("/api/v1/nothing-here", token), ("/health", nil)] {
                let response = try await t.request(.GET, path, token: auth)
                let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.hasPrefix("default-src 'none'") && policy.contains("sandbox"), "\(path): \(policy)")
                #expect(response.headers.first(name: "Cache-Control") == "no-store", "\(path)")
            }
            #expect(page.headers.first(name: "Strict-Transport-Security")?.contains("max-age=31536000") == true)
            let css = try await t.request(.GET, "/static/rinri.css")
            #expect(css.headers.first(name: "Cache-Control")?.contains("max-age") == true)
        }
        try await TestApp.with(.sqlite) { t in
            let plain = try await t.request(.GET, "/login")
            #expect(plain.headers.first(name: "Strict-Transport-Security") == nil)
        }
    }
}

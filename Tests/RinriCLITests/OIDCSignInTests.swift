import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RinriTesting
import Testing

/// Sign-in against a real OpenID Connect provider (`scripts/oidc`, on Authlib), which `.ci/run` starts
/// twice — one signing ID tokens with RS256, one with ES256 — and names in `RINRI_TEST_OIDC_ISSUERS`.
/// Each test starts `rinri serve` on the port registered as the providers' redirect URI. Without the
/// providers the suite is skipped, except under CI where that is a failure.
@Suite("Sign-in with a real OpenID Connect provider", .serialized)
struct OIDCSignInTests {
    static let env = ProcessInfo.processInfo.environment
    static let issuers = (env["RINRI_TEST_OIDC_ISSUERS"] ?? "").split(separator: " ").map(String.init)
    static let available = !issuers.isEmpty || env["CI"] == "true"

    /// A `rinri serve` signing in through `issuer`, with alice (a Rinri user already) and bob (created at
    /// first sign-in) as the provider's users, and groups deciding roles.
    struct Server {
        let process: Process
        let base: String

        static func start(issuer: String) async throws -> Server {
            let env = OIDCSignInTests.env
            let port = try #require(env["RINRI_TEST_OIDC_RINRI_PORT"], "RINRI_TEST_OIDC_RINRI_PORT names the redirect URI's port")
            let cli = try CLI()
            let alice = try cli.run(["users", "create", "--email", "alice@example.test", "--name", "Alice", "--role", "auditor"],
                                    stdin: "alice-rinri-password\n")
            #expect(alice.status == 0, "\(alice.stderr)")
            let process = try await cli.serve(port: port, env: [
                "RINRI_OIDC_ISSUER": issuer, "RINRI_OIDC_CLIENT_ID": env["RINRI_TEST_OIDC_CLIENT_ID"] ?? "",
                "RINRI_OIDC_CLIENT_SECRET": env["RINRI_TEST_OIDC_CLIENT_SECRET"] ?? "", "RINRI_OIDC_NAME": "CI provider",
                "RINRI_OIDC_GROUPS_CLAIM": "groups", "RINRI_OIDC_ROLE_MAP": "rinri-admins=admin;staff=employee",
                "RINRI_OIDC_CREATE_USERS": "on",
            ])
            let base = "http://127.0.0.1:\(port)"
            return Server(process: process, base: base)
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// An HTTP client that follows no redirect and keeps cookies by hand, to walk the flow step by step.
    final class Walker: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        var cookies: [String: String] = [:]
        lazy var session: URLSession = {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpShouldSetCookies = false
            configuration.httpCookieAcceptPolicy = .never
            return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        }()

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        struct Answer {
            var status: Int
            var location: String?
            var body: String
            var setCookies: [String: String]
        }

        func send(_ url: String, method: String = "GET", form: [String: String]? = nil, keepCookies: Bool = true) async throws -> Answer {
            var request = URLRequest(url: try #require(URL(string: url)))
            request.httpMethod = method
            if !cookies.isEmpty { request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie") }
            if let form {
                request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                request.httpBody = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
                    .joined(separator: "&").utf8)
            }
            let (data, response) = try await session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            var set: [String: String] = [:]
            for (name, value) in http.allHeaderFields where (name as? String)?.lowercased() == "set-cookie" {
                for cookie in (value as? String ?? "").components(separatedBy: ", ") {
                    let pair = cookie.split(separator: ";").first.map(String.init) ?? ""
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    if parts.count == 2, !parts[0].contains(" ") { set[parts[0]] = parts[1] }
                }
            }
            if keepCookies { for (name, value) in set { cookies[name] = value.isEmpty ? nil : value } }
            return Answer(status: http.statusCode, location: http.value(forHTTPHeaderField: "Location"),
                          body: String(decoding: data, as: UTF8.self), setCookies: set)
        }

        /// Starts at Rinri, logs in at the provider, and returns the callback URL the provider sends back to.
        func signInAtProvider(base: String, user: String, password: String) async throws -> String {
            let start = try await send(base + "/auth/oidc/start?next=/account")
            #expect(start.status == 303 && start.setCookies["rinri_oidc"] != nil)
            let authorize = try #require(start.location)
            #expect(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce=") && authorize.contains("state="))
            let form = try await send(authorize)
            #expect(form.status == 200 && form.body.contains("id=\"username\""))
            let action = try #require(form.body.range(of: #"action="([^"]*)""#, options: .regularExpression)
                .map { String(form.body[$0].dropFirst(8).dropLast()).replacingOccurrences(of: "&amp;", with: "&") })
            let provider = try #require(URL(string: authorize))
            let target = try #require(URL(string: action, relativeTo: provider)).absoluteString
            let posted = try await send(target, method: "POST", form: ["username": user, "password": password])
            #expect([302, 303].contains(posted.status))
            return try #require(posted.location)
        }
    }

    @Test(.enabled(if: available), arguments: issuers.isEmpty ? ["(no provider)"] : issuers)
    func anExistingUserAndANewOneSignInAndReplaysAreRefused(issuer: String) async throws {
        try #require(!Self.issuers.isEmpty, "CI starts the OpenID Connect providers; RINRI_TEST_OIDC_ISSUERS is empty")
        let server = try await Server.start(issuer: issuer)
        defer { server.stop() }

        // alice, already a Rinri auditor, signs in; her groups now decide her roles
        let alice = Walker()
        let callback = try await alice.signInAtProvider(base: server.base, user: "alice", password: "alice-pw")
        #expect(callback.hasPrefix(server.base + "/auth/oidc/callback?"))
        let flowCookie = try #require(alice.cookies["rinri_oidc"])
        let landed = try await alice.send(callback)
        #expect(landed.status == 303 && landed.location == "/account", "\(landed.status) \(landed.body.prefix(400))")
        #expect(landed.setCookies["rinri_session"]?.isEmpty == false)
        let account = try await alice.send(server.base + "/account")
        #expect(account.status == 200 && account.body.contains("alice@example.test"))
        #expect(account.body.contains("Administrator") && !account.body.contains("Auditor"), "groups rinri-admins and staff map to admin and employee")

        // the same callback again (the code and the nonce are spent): refused, no session
        let replayer = Walker()
        replayer.cookies["rinri_oidc"] = flowCookie
        let replay = try await replayer.send(callback)
        #expect(replay.status == 401 && replay.setCookies["rinri_session"] == nil)

        // a callback whose state is not the one this browser started with
        let forger = Walker()
        let forgedCallback = try await forger.signInAtProvider(base: server.base, user: "alice", password: "alice-pw")
        let tampered = forgedCallback.replacingOccurrences(of: "state=", with: "state=x")
        let refused = try await forger.send(tampered)
        #expect(refused.status == 401 && refused.setCookies["rinri_session"] == nil)

        // bob is unknown to Rinri: created at first sign-in, with the role his group gives
        let bob = Walker()
        let bobCallback = try await bob.signInAtProvider(base: server.base, user: "bob", password: "bob-pw")
        let bobLanded = try await bob.send(bobCallback)
        #expect(bobLanded.status == 303)
        let bobAccount = try await bob.send(server.base + "/account")
        #expect(bobAccount.body.contains("bob@example.test") && bobAccount.body.contains("Employee"))

        // a wrong password at the provider never comes back to Rinri: the provider shows its form again
        let guesser = Walker()
        let start = try await guesser.send(server.base + "/auth/oidc/start")
        let authorize = try #require(start.location)
        let wrong = try await guesser.send(authorize, method: "POST", form: ["username": "alice", "password": "not-her-password"])
        #expect(wrong.status == 200 && wrong.location == nil && wrong.body.contains("id=\"username\""))
    }

    @Test(.enabled(if: available && HeadlessBrowser.executable != nil))
    func aPersonSignsInWithTheProvidersButtonInARealBrowser() async throws {
        let issuer = try #require(Self.issuers.first, "CI starts the OpenID Connect providers; RINRI_TEST_OIDC_ISSUERS is empty")
        let server = try await Server.start(issuer: issuer)
        defer { server.stop() }
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        try await browser.connect()
        try await browser.go(server.base + "/login")
        #expect(try await browser.eval("document.getElementById('oidc-sign-in').textContent") as? String == "Sign in with CI provider")
        try await browser.act("document.getElementById('oidc-sign-in').click();")
        try await browser.waitFor("!!document.getElementById('username') && document.readyState === 'complete'")
        try await browser.act("""
            document.getElementById('username').value = 'alice';
            document.getElementById('password').value = 'alice-pw';
            document.getElementById('login').click();
            """)
        try await browser.waitFor("location.origin === '\(server.base)' && location.pathname === '/' && document.readyState === 'complete'", seconds: 20)
        try await browser.go(server.base + "/account")
        #expect((try await browser.eval("document.body.innerText") as? String)?.contains("alice@example.test") == true)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One address measured, and how it is reached.
struct Endpoint: Sendable {
    enum Access: Sendable {
        /// A page, with the browser session's cookie.
        case page
        /// The JSON API, with the bearer token.
        case api
        /// No credentials (`/health`).
        case anonymous
    }

    var path: String
    var access: Access
    /// Timed with many clients at once too.
    var throughput = false
    /// A single-record API read, whose throughput must be at least half of `/health`'s.
    var record = false

    var isHealth: Bool { path == "/health" }

    /// Every page and list endpoint, the record pages on the sample system, its case and its risk.
    static func all(system: String, assessment: String, risk: String) -> [Endpoint] {
        func page(_ path: String, load: Bool = false) -> Endpoint { Endpoint(path: path, access: .page, throughput: load) }
        func api(_ path: String, load: Bool = true, record: Bool = false) -> Endpoint {
            Endpoint(path: path, access: .api, throughput: load, record: record)
        }
        return [
            page("/"),
            page("/systems", load: true),
            page("/systems?page=50"),
            page("/systems?q=inspection"),
            page("/systems/\(system)"),
            page("/systems/\(system)/assessments"),
            page("/assessments/\(assessment)"),
            page("/risks", load: true),
            page("/risks?sort=-residual"),
            page("/systems/\(system)/risks"),
            page("/risks/\(risk)"),
            page("/coverage", load: true),
            page("/systems/\(system)/coverage"),
            page("/queue", load: true),
            page("/agenda"),
            page("/audit", load: true),
            page("/audit?page=100"),
            page("/org-units", load: true),
            page("/users", load: true),
            page("/governance"),
            page("/account"),
            api("/api/v1/systems"),
            api("/api/v1/systems?page=20"),
            api("/api/v1/systems/\(system)", record: true),
            api("/api/v1/risks"),
            api("/api/v1/risks?sort=-residual"),
            api("/api/v1/risks/\(risk)", record: true),
            api("/api/v1/coverage"),
            api("/api/v1/audit"),
            api("/api/v1/queue"),
            api("/api/v1/actions"),
            api("/api/v1/org-units"),
            api("/api/v1/users"),
            api("/api/v1/systems/\(system)/evidence"),
            api("/api/v1/systems/\(system)/assessments"),
            api("/api/v1/systems/\(system)/risks"),
            api("/api/v1/assessments/\(assessment)", record: true),
            Endpoint(path: "/health", access: .anonymous, throughput: true),
        ]
    }
}

/// One answer: how long it took to the last byte, its size and status.
struct Sample: Sendable {
    var seconds: Double
    var bytes: Int
    var status: UInt
    /// The start of the body when the status is not 200.
    var excerpt: String?
}

/// One endpoint timed one request at a time.
struct SequentialResult: Sendable {
    var endpoint: Endpoint
    /// Seconds of each request, sorted.
    var seconds: [Double]
    /// The largest answer, in bytes.
    var bytes: Int
    /// Answers that were not 200, and the first of them (status and the start of its body).
    var failures = 0
    var firstFailure: String?

    /// The nearest-rank percentile `p` (0 … 100) in milliseconds.
    func percentile(_ p: Double) -> Double {
        let rank = max(1, Int((p / 100 * Double(seconds.count)).rounded(.up)))
        return seconds[min(rank, seconds.count) - 1] * 1_000
    }

    var maximum: Double { (seconds.last ?? 0) * 1_000 }
}

/// One endpoint under many clients at once.
struct ThroughputResult: Sendable {
    var endpoint: Endpoint
    var clients: Int
    var requests: Int
    var seconds: Double
    /// Answers that were not 200.
    var errors: Int

    var perSecond: Double { Double(requests) / seconds }
}

/// An HTTP client signed in twice: with an API token and with a browser session.
final class BenchClient: Sendable {
    let http: HTTPClient
    let base: String
    let token: String
    /// `rinri_session=…`, as a browser sends it back.
    let session: String

    /// The largest answer a page or list may give (200 KB).
    static let maximumBytes = 200 * 1024

    private init(http: HTTPClient, base: String, token: String, session: String) {
        (self.http, self.base, self.token, self.session) = (http, base, token, session)
    }

    /// Logs in through `POST /api/v1/auth/login` (a bearer token) and the login form (a session cookie,
    /// posted with the form's CSRF token and the cookie that signs it), and checks the session reaches `/account`.
    static func signIn(server: BenchServer, concurrency: Int) async throws -> BenchClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(300))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(concurrency, 8))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let base = server.baseURL
            let credentials = try JSONSerialization.data(withJSONObject: ["email": server.email, "password": server.password])
            let login = try await send(http, "POST", base + "/api/v1/auth/login", headers: [("Content-Type", "application/json")],
                                       body: credentials)
            guard login.status == 200, let object = try? JSONSerialization.jsonObject(with: Data(login.body.utf8)) as? [String: Any],
                  let token = object["token"] as? String else {
                throw BenchError("the API login answered \(login.status): \(login.body.prefix(300))")
            }
            let form = try await send(http, "GET", base + "/login")
            guard form.status == 200, let range = form.body.range(of: #"name="_csrf" value=""#),
                  let csrfCookie = cookie("rinri_csrf", in: form.headers) else {
                throw BenchError("the login page answered \(form.status) without a CSRF token and cookie")
            }
            let csrf = String(form.body[range.upperBound...].prefix { $0 != "\"" })
            let fields = [("email", server.email), ("password", server.password), ("next", ""), ("_csrf", csrf)]
            let posted = try await send(http, "POST", base + "/login",
                                        headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "rinri_csrf=\(csrfCookie)")],
                                        body: Data(fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8))
            guard posted.status == 303, let secret = cookie("rinri_session", in: posted.headers) else {
                throw BenchError("the login form answered \(posted.status) without a session: \(posted.body.prefix(300))")
            }
            let client = BenchClient(http: http, base: base, token: token, session: "rinri_session=\(secret)")
            let account = try await client.fetch(Endpoint(path: "/account", access: .page))
            guard account.status == 200 else { throw BenchError("the session reached /account with \(account.status): \(account.excerpt ?? "")") }
            return client
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    func shutdown() async throws { try await http.shutdown() }

    /// One GET, timed until the last byte of the body. Only a failure to get an answer throws: a status
    /// other than 200 is reported (a redirect to the login or an error page is not the page).
    func fetch(_ endpoint: Endpoint) async throws -> Sample {
        var request = HTTPClientRequest(url: base + endpoint.path)
        switch endpoint.access {
        case .page: request.headers.add(name: "Cookie", value: session)
        case .api: request.headers.add(name: "Authorization", value: "Bearer \(token)")
        case .anonymous: break
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await http.execute(request, timeout: .seconds(300))
        let body = try await response.body.collect(upTo: 64 << 20)
        let elapsed = seconds(since: start)
        let excerpt = response.status == .ok ? nil : String(String(buffer: body).prefix(300))
        return Sample(seconds: elapsed, bytes: body.readableBytes, status: response.status.code, excerpt: excerpt)
    }

    /// `repeats` requests one after the other.
    func sequential(_ endpoint: Endpoint, repeats: Int) async throws -> SequentialResult {
        var result = SequentialResult(endpoint: endpoint, seconds: [], bytes: 0)
        for _ in 0..<repeats {
            let sample = try await fetch(endpoint)
            result.seconds.append(sample.seconds)
            result.bytes = max(result.bytes, sample.bytes)
            if sample.status != 200 {
                result.failures += 1
                if result.firstFailure == nil { result.firstFailure = "\(sample.status): \(sample.excerpt ?? "")" }
            }
        }
        result.seconds.sort()
        return result
    }

    /// `clients` clients, each sending its next request when the last is answered, for `duration` seconds.
    func throughput(_ endpoint: Endpoint, clients: Int, seconds duration: Double) async throws -> ThroughputResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(duration * 1e9)
        let (requests, errors) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var (done, errors) = (0, 0)
                    while DispatchTime.now().uptimeNanoseconds < deadline {
                        if try await self.fetch(endpoint).status != 200 { errors += 1 }
                        done += 1
                    }
                    return (done, errors)
                }
            }
            return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        return ThroughputResult(endpoint: endpoint, clients: clients, requests: requests, seconds: seconds(since: start), errors: errors)
    }

    // MARK: Helpers

    private static func send(_ http: HTTPClient, _ method: String, _ url: String, headers: [(String, String)] = [],
                             body: Data? = nil) async throws -> (status: UInt, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
        return (response.status.code, response.headers, text)
    }

    /// The value of cookie `name` among the `Set-Cookie` headers.
    private static func cookie(_ name: String, in headers: HTTPHeaders) -> String? {
        for header in headers["Set-Cookie"] {
            let pair = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name, !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
import NIOCore
import RinriCore
import VaporTesting

/// A minimal browser over the test client: keeps cookies, reads the CSRF token, posts forms.
public final class Browser: @unchecked Sendable {
    let t: TestApp
    var cookies: [String: String] = [:]
    /// The CSRF token of the last page that had a form.
    public private(set) var csrf: String?
    public var acceptLanguage: String?

    public init(_ t: TestApp, acceptLanguage: String? = nil) {
        self.t = t
        self.acceptLanguage = acceptLanguage
    }

    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let acceptLanguage { headers.add(name: .acceptLanguage, value: acceptLanguage) }
        return headers
    }

    private func remember(_ response: TestingHTTPResponse) -> TestResponse {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            // An emptied cookie (Max-Age=0) is one the site removed.
            if parts[1].isEmpty || header.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        let body = String(buffer: response.body)
        if let range = body.range(of: #"name="_csrf" value=""#) {
            csrf = String(body[range.upperBound...].prefix { $0 != "\"" })
        }
        return TestResponse(status: response.status, headers: response.headers, body: body)
    }

    /// The value of a cookie the site set.
    public func cookie(_ name: String) -> String? { cookies[name] }

    /// Drops the CSRF token the browser read, as a forged form from another site would lack it.
    public func forgetCSRF() { csrf = nil }

    /// Puts back a token kept from ``forgetCSRF()``.
    public func restoreCSRF(_ token: String?) { csrf = token }

    /// Sets (or with nil removes) a cookie as if the browser had it, to replay a stolen or forged one.
    public func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    /// GETs a page (no redirects are followed).
    public func get(_ path: String) async throws -> TestResponse {
        remember(try await t.app.testing().sendRequest(.GET, path, headers: headers()))
    }

    /// POSTs a form, adding the CSRF token unless `csrf` is false.
    public func post(_ path: String, _ fields: [String: String], csrf withToken: Bool = true) async throws -> TestResponse {
        try await post(path, pairs: fields.map { ($0.key, $0.value) }, csrf: withToken)
    }

    /// POSTs a form whose fields may repeat (ticked checkboxes of one name), adding the CSRF token.
    public func post(_ path: String, pairs: [(String, String)], csrf withToken: Bool = true) async throws -> TestResponse {
        var fields = pairs
        if withToken, let csrf { fields.append(("_csrf", csrf)) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        return remember(try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body)))
    }

    /// POSTs a multipart form with one file, adding the CSRF token.
    public func upload(_ path: String, _ fields: [String: String], file: (name: String, field: String, content: String)) async throws -> TestResponse {
        let boundary = "rinri-test-\(UUID().uuidString)"
        var body = ""
        var all = fields
        if let csrf { all["_csrf"] = csrf }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        var headers = headers()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return remember(try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body)))
    }

    /// POSTs a raw body with a content type, adding nothing (the caller writes any CSRF field into it).
    public func postRaw(_ path: String, body: String, contentType: String) async throws -> TestResponse {
        var headers = headers()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        return remember(try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body)))
    }

    /// Logs in through the login form.
    @discardableResult
    public func login(_ email: String, password: String = TestApp.password) async throws -> TestResponse {
        _ = try await get("/login")
        return try await post("/login", ["email": email, "password": password, "next": ""])
    }
}

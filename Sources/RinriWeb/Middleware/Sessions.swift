import Foundation
import RinriCore
import RinriApplication
import Vapor

/// How browser sessions are kept: their lifetime, whether cookies are Secure, and the key that signs
/// an anonymous visitor's CSRF cookie.
struct SessionSettings: Sendable {
    static let cookie = "rinri_session"
    static let csrfCookie = "rinri_csrf"

    var lifetime: SessionLifetime
    var secure: Bool
    var csrfKey: SymmetricKey

    /// Every cookie Rinri sets: HttpOnly, SameSite=Lax, Secure behind https.
    func cookie(_ value: String, maxAge: Int?, path: String = "/") -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, domain: nil, path: path,
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    /// The cookie that carries a session's secret; it lives no longer than the session may.
    func sessionCookie(_ secret: String) -> HTTPCookies.Value { cookie(secret, maxAge: Int(lifetime.absolute)) }

    var expiredCookie: HTTPCookies.Value { cookie("", maxAge: 0) }

    /// `token.signature`: a random token and its HMAC, so that a cookie planted from elsewhere (a
    /// sibling sub-domain, say) without the key is not accepted as this site's.
    func signedCSRF(_ token: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: csrfKey)
        return token + "." + Data(mac).base64URL
    }

    /// The token inside a signed CSRF cookie, nil when the signature does not match.
    func verifiedCSRF(_ cookie: String) -> String? {
        guard let dot = cookie.lastIndex(of: "."), cookie.count <= 200 else { return nil }
        let token = String(cookie[..<dot])
        guard let mac = Data(base64URLEncoded: String(cookie[cookie.index(after: dot)...])),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(token.utf8), using: csrfKey) else { return nil }
        return token
    }
}

struct SessionSettingsKey: StorageKey { typealias Value = SessionSettings }

extension Application {
    var sessionSettings: SessionSettings {
        guard let settings = storage[SessionSettingsKey.self] else { fatalError("sessions are configured in configure(_:config:options:)") }
        return settings
    }
}

/// Writes the cookies the request decided on (a new session, an ended one, an anonymous CSRF token)
/// into whatever response goes out, error pages included: it runs outside the error renderer.
struct SessionCookieMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for (name, value) in request.state.cookies { response.cookies[name] = value }
        return response
    }
}

extension Request {
    /// The browser session of the logged-in user, if this request has one.
    var webSession: WebSession? { state.session }

    /// The token every form carries as `_csrf`: the session's, or for an anonymous visitor the one in
    /// their signed CSRF cookie (made on first use). Anonymous visitors never get a stored session.
    var csrfToken: String {
        if let session = state.session { return session.csrf }
        if let token = state.anonymousCSRF ?? expectedCSRF {
            state.anonymousCSRF = token
            return token
        }
        let settings = application.sessionSettings
        let token = TokenSecret.generate().value
        state.cookies[SessionSettings.csrfCookie] = settings.cookie(settings.signedCSRF(token), maxAge: nil)
        state.anonymousCSRF = token
        return token
    }

    /// The CSRF token a posted form must carry: the session's, or the anonymous visitor's signed cookie's.
    var expectedCSRF: String? {
        if let session = state.session { return session.csrf }
        return cookies[SessionSettings.csrfCookie].flatMap { application.sessionSettings.verifiedCSRF($0.string) }
    }

    /// Shows `message` once on the next page of this session.
    func flash(_ message: String) async throws {
        guard let session = state.session else { return }
        try await SessionService(db).setFlash(message, session: session.id)
        state.session?.flash = message
    }

    /// Starts a fresh session for `user` (any session the browser had ends), and sets its cookie.
    func startSession(for user: UserAccount, via: String, whilePasswordHash hash: String? = nil) async throws {
        if let old = state.session { try await SessionService(db).close(old.id) }
        let opened = try await SessionService(db).open(userID: user.id, whilePasswordHash: hash, address: clientAddress?.description, via: via)
        state.session = opened.session
        state.user = user
        state.cookies[SessionSettings.cookie] = application.sessionSettings.sessionCookie(opened.secret)
    }

    /// Ends this browser's session and clears its cookie.
    func endSession() async throws {
        if let session = state.session { try await SessionService(db).close(session.id) }
        state.session = nil
        state.user = nil
        state.cookies[SessionSettings.cookie] = application.sessionSettings.expiredCookie
    }
}

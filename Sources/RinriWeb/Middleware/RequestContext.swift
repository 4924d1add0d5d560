import Foundation
import Fluent
import RinriCore
import RinriApplication
import Vapor

/// What Rinri knows about the request in hand: who, which language, which request id.
struct RequestState: Sendable {
    var requestID: String
    var user: UserAccount?
    var language: Language = .en
    /// Whether the caller authenticated with a bearer token (API) rather than a session (browser).
    var viaToken = false
    /// When the bearer token the caller used expires (nil: never, or no token).
    var tokenExpiresAt: Date?
    /// The logged-in browser's session.
    var session: WebSession?
    /// An anonymous visitor's CSRF token (from their signed cookie, or made for this page).
    var anonymousCSRF: String?
    /// Cookies to set on the response, whatever it turns out to be.
    var cookies: [String: HTTPCookies.Value] = [:]
    /// The session's message for the page this request shows (taken from the session, so it shows once).
    var flash: String?
    /// The client's address (behind trusted proxies, from `X-Forwarded-For`).
    var clientAddress: IPAddress?
}

private struct RequestStateKey: StorageKey { typealias Value = RequestState }

extension Request {
    var state: RequestState {
        get { storage[RequestStateKey.self] ?? RequestState(requestID: "-") }
        set { storage[RequestStateKey.self] = newValue }
    }

    /// The logged-in user, if any.
    var user: UserAccount? { state.user }

    /// The client's address: the peer's, or behind a trusted proxy the one `X-Forwarded-For` names.
    var clientAddress: IPAddress? { state.clientAddress }

    /// The logged-in user. - Throws: 401 when nobody is logged in.
    func requireUser() throws -> UserAccount {
        guard let user = state.user else { throw RinriError.unauthenticated() }
        return user
    }

    /// A translator into the request's language.
    var t: Localizer { Localizer(state.language) }

    /// Who is acting: the logged-in user with their roles (anonymous when nobody is), and this request's id.
    var actor: Actor {
        Actor(id: user?.id, label: user?.email ?? "anonymous", grants: user?.grants ?? [], requestID: state.requestID)
    }

    /// Whether this request is for the JSON API (errors answer JSON there).
    var isAPI: Bool { url.path.hasPrefix("/api/") }

    /// Static assets and the health check: served without a session, so that their requests, which a
    /// browser sends alongside a page, never write back a stale copy of the session (and its CSRF token).
    var isSessionless: Bool { url.path.hasPrefix("/static/") || url.path == "/health" || url.path == "/favicon.ico" }

    /// The services that change records: a handler hands them typed input and the actor.
    var writes: WriteServices { WriteServices(db: db) }
    /// The read models that pages and the API show.
    var reads: ReadModels { ReadModels(db: db) }
}

/// The services (writes) of every feature, bound to one database.
struct WriteServices {
    let db: any Database
    var inventory: InventoryService { InventoryService(db) }
    var evidence: EvidenceService { EvidenceService(db) }
    var users: UserService { UserService(db) }
    var governance: GovernanceService { GovernanceService(db) }
    var templates: TemplateService { TemplateService(db) }
    var assessments: AssessmentService { AssessmentService(db) }
    var risks: RiskService { RiskService(db) }
}

/// The read models (queries) of every feature, bound to one database.
struct ReadModels {
    let db: any Database
    var inventory: InventoryQueries { InventoryQueries(db) }
    var audit: AuditQueries { AuditQueries(db) }
    var evidence: EvidenceQueries { EvidenceQueries(db) }
    var users: UserQueries { UserQueries(db) }
    var governance: GovernanceQueries { GovernanceQueries(db) }
    var templates: TemplateQueries { TemplateQueries(db) }
    var assessments: AssessmentQueries { AssessmentQueries(db) }
    var risks: RiskQueries { RiskQueries(db) }
    var coverage: CoverageQueries { CoverageQueries(db) }
    var dashboard: DashboardQueries { DashboardQueries(db) }
}

/// Makes the configured audit key the key of every write the request makes (``AuditSigning``).
struct AuditKeyMiddleware: AsyncMiddleware {
    let key: AuditKey?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await AuditSigning.withKey(key) { try await next.respond(to: request) }
    }
}

/// Gives every request an id (kept from `X-Request-ID` when the caller sends a sane one) and echoes it
/// back; settles the language and the client's address (``IPBlock/clientAddress(peer:forwardedFor:trusted:)``).
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.headers.first(name: "X-Request-ID") ?? ""
        let valid = !incoming.isEmpty && incoming.count <= 64
            && incoming.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        var state = request.state
        state.requestID = valid ? incoming : UUID().uuidString.lowercased()
        state.language = Language.negotiate(acceptLanguage: request.headers.first(name: .acceptLanguage))
        if let cookie = request.cookies["rinri_lang"]?.string, let language = Language(rawValue: cookie) {
            state.language = language
        }
        // Never Vapor's peerAddress: it believes X-Forwarded-For from anyone.
        let peer = request.remoteAddress?.ipAddress.flatMap(IPAddress.init)
        state.clientAddress = IPBlock.clientAddress(peer: peer, forwardedFor: request.headers[.xForwardedFor],
                                                    trusted: request.application.trustedProxies)
        request.state = state
        request.logger[metadataKey: "request-id"] = .string(state.requestID)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: state.requestID)
        return response
    }
}

/// Adds headers that keep pages from being framed, sniffed or turned against the site.
///
/// Every response carries a Content-Security-Policy: pages may load only Rinri's own styles and images
/// and post only to Rinri (`base-uri 'none'`, no plug-ins); anything else (JSON, SVG, files, errors) gets `default-src 'none'; sandbox`, so
/// a document opened directly can run nothing. The self-contained report a page frames says so with
/// `X-Frame-Options: SAMEORIGIN` and is sandboxed too. HSTS is sent when the public URL is https.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Whether people reach Rinri over https (from `RINRI_PUBLIC_URL`).
    var https = false

    static let pagePolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; object-src 'none'"
    static let documentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; sandbox"
    static let otherPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = SecurityHeaders(framedBySite: response.headers.first(name: "X-Frame-Options") == "SAMEORIGIN",
                                      isHTML: response.headers.contentType == .html, https: https)
        for (name, value) in headers.values { response.headers.replaceOrAdd(name: name, value: value) }
        // Whatever Rinri answers may be confidential; only the static files say they may be kept.
        if !response.headers.contains(name: .cacheControl) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}

/// The security headers for one response, decided in one place.
struct SecurityHeaders {
    var framedBySite: Bool
    var isHTML: Bool
    var https: Bool

    var values: [(String, String)] {
        var values = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
                      ("X-Frame-Options", framedBySite ? "SAMEORIGIN" : "DENY"),
                      ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-origin")]
        let ancestors = framedBySite ? "'self'" : "'none'"
        let policy: String
        if framedBySite {
            policy = SecurityHeadersMiddleware.documentPolicy + "; frame-ancestors \(ancestors)"
        } else if isHTML {
            policy = SecurityHeadersMiddleware.pagePolicy + "; frame-ancestors \(ancestors)"
        } else {
            policy = SecurityHeadersMiddleware.otherPolicy
        }
        values.append(("Content-Security-Policy", policy))
        if https { values.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains")) }
        return values
    }
}

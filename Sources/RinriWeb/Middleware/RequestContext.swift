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
}

private struct RequestStateKey: StorageKey { typealias Value = RequestState }

extension Request {
    var state: RequestState {
        get { storage[RequestStateKey.self] ?? RequestState(requestID: "-") }
        set { storage[RequestStateKey.self] = newValue }
    }

    /// The logged-in user, if any.
    var user: UserAccount? { state.user }

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
}

/// Gives every request an id (kept from `X-Request-ID` when the caller sends a sane one) and echoes it back.
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
        request.state = state
        request.logger[metadataKey: "request-id"] = .string(state.requestID)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: state.requestID)
        return response
    }
}

/// Adds headers that keep pages from being framed or sniffed.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        if !response.headers.contains(name: "X-Frame-Options") {
            response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        }
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if response.headers.contentType == .html {
            let ancestors = response.headers.first(name: "X-Frame-Options") == "SAMEORIGIN" ? "'self'" : "'none'"
            response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                          value: "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors \(ancestors)")
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

/// Runs the sessions middleware for every request except the sessionless ones.
struct PageSessionsMiddleware: AsyncMiddleware {
    let sessions: SessionsMiddleware

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isSessionless { return try await next.respond(to: request) }
        return try await sessions.respond(to: request, chainingTo: next).get()
    }
}

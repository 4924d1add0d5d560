import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Finds the user behind a request: a bearer token on the API, the session cookie on pages.
///
/// A session is resumed only while it is live (``SessionLifetime``: idle and absolute limits checked on
/// every request); an ended one is deleted and its cookie cleared. A user whose password is a one-time
/// password reaches only their account page (and logging out) until they choose their own.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let found = try await request.writes.users.user(bearer: bearer.token) else {
                throw RinriError.unauthenticated("the API token is unknown, revoked or expired")
            }
            request.state.user = found.account
            request.state.viaToken = true
            request.state.tokenExpiresAt = found.expiresAt
        } else if !request.isAPI, !request.isSessionless, let cookie = request.cookies[SessionSettings.cookie]?.string {
            let settings = request.application.sessionSettings
            if let (session, user) = try await SessionService(request.db).resume(secret: cookie, lifetime: settings.lifetime) {
                request.state.session = session
                request.state.user = user
                if request.method == .GET, let flash = session.flash {
                    try await SessionService(request.db).setFlash(nil, session: session.id)
                    request.state.flash = flash
                    request.state.session?.flash = nil
                }
            } else {
                request.state.cookies[SessionSettings.cookie] = settings.expiredCookie
            }
        }
        if let language = request.state.user?.language { request.state.language = language }
        if let user = request.state.user, user.mustChangePassword, !Self.allowedBeforePasswordChange(request) {
            if request.isAPI {
                throw RinriError.forbidden(code: "password_change_required",
                                           "this account still has a one-time password; choose your own on the account page first")
            }
            return request.redirect(to: AccountRoute.account.path)
        }
        return try await next.respond(to: request)
    }

    /// What a user with a one-time password may do: see their account, change the password, log out.
    static func allowedBeforePasswordChange(_ request: Request) -> Bool {
        let open: Set<String> = [AccountRoute.account.path, AccountRoute.accountPassword.path, AccountRoute.logout.path,
                                 AccountRoute.language.path, AccountRoute.apiMe.path]
        return open.contains(request.url.path) || request.isSessionless
    }
}

/// Who may call a route.
enum Access: Sendable, Equatable, CustomStringConvertible {
    /// Anyone, logged in or not.
    case everyone
    /// Any logged-in user, whatever the role.
    case authenticated
    /// A logged-in user whose roles hold the permission.
    case permission(Permission)

    var description: String {
        switch self {
        case .everyone: return "public"
        case .authenticated: return "authenticated"
        case .permission(let p): return p.rawValue
        }
    }

    /// Throws 401 or 403 when the request may not pass.
    func check(_ request: Request) throws {
        switch self {
        case .everyone: return
        case .authenticated: _ = try request.requireUser()
        case .permission(let permission):
            let user = try request.requireUser()
            guard user.can(permission) else {
                throw RinriError.forbidden("your roles (\(user.grants.map(\.description).joined(separator: ", "))) do not allow \(permission.rawValue)")
            }
        }
    }
}

struct AccessMiddleware: AsyncMiddleware {
    let access: Access
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try access.check(request)
        return try await next.respond(to: request)
    }
}

/// The key under which every route records who may call it.
let accessKey = "rinri.access"

extension RoutesBuilder {
    /// Registers a route that states who may use it; the permission-matrix test reads it back.
    /// A form on the route may have up to `fields` fields (``BodyLimit/defaultFields`` when nil); a
    /// `.collect` body strategy without a size gets ``BodyLimit/defaultBytes``.
    @discardableResult
    func on(_ method: HTTPMethod, _ path: [PathComponent], access: Access, body: HTTPBodyStreamStrategy = .collect,
            fields: Int? = nil,
            use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        var strategy = body
        var limit: Int?
        if case .collect(let max) = body {
            limit = max?.value ?? BodyLimit.defaultBytes
            strategy = .collect(maxSize: ByteCount(value: limit!))
        }
        var guards: [any Middleware] = [AccessMiddleware(access: access)]
        if let limit { guards.append(BodyLimitMiddleware(limit: limit)) }
        guards.append(CSRFMiddleware(maxBodySize: limit))
        let route = grouped(guards).on(method, path, body: strategy, use: closure)
        route.userInfo[accessKey] = access
        route.userInfo[BodyLimit.bytesKey] = limit
        route.userInfo[BodyLimit.fieldsKey] = fields
        return route
    }
}

extension Route {
    /// Who may call this route, as registered.
    var access: Access? { userInfo[accessKey] as? Access }
}

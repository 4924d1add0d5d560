import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Finds the user behind a request: a bearer token on the API, the session cookie on pages.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let user = try await request.writes.users.user(bearer: bearer.token) else {
                throw RinriError.unauthenticated("the API token is unknown, revoked or expired")
            }
            request.state.user = user
            request.state.viaToken = true
        } else if !request.isAPI, !request.isSessionless, let id = request.session.data["user_id"] {
            if let user = try? await request.reads.users.account(id: id), user.isActive {
                request.state.user = user
            } else {
                request.session.data["user_id"] = nil
            }
        }
        if let language = request.state.user?.language { request.state.language = language }
        return try await next.respond(to: request)
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
    @discardableResult
    func on(_ method: HTTPMethod, _ path: [PathComponent], access: Access, body: HTTPBodyStreamStrategy = .collect,
            use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        var limit: Int?
        if case .collect(let max) = body { limit = max?.value }
        let route = grouped(AccessMiddleware(access: access), CSRFMiddleware(maxBodySize: limit)).on(method, path, body: body, use: closure)
        route.userInfo[accessKey] = access
        return route
    }
}

extension Route {
    /// Who may call this route, as registered.
    var access: Access? { userInfo[accessKey] as? Access }
}

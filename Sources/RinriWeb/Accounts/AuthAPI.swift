import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `POST /api/v1/auth/login`, `/api/v1/me` and personal API tokens.
struct AuthAPI: RouteHandlers {
    /// How long a token from `POST /api/v1/auth/login` lives.
    static let loginTokenLifetime: TimeInterval = 30 * 24 * 3600

    func register(_ app: any RoutesBuilder) {
        app.on(.POST, AccountRoute.apiLogin, access: .everyone, use: login)
        app.on(.GET, AccountRoute.apiMe, access: .authenticated, use: me)
        app.on(.GET, AccountRoute.apiTokens, access: .authenticated, use: listTokens)
        app.on(.POST, AccountRoute.apiTokens, access: .authenticated, use: createToken)
        app.on(.DELETE, AccountRoute.apiToken(.parameter), access: .authenticated, use: revokeToken)
    }

    func login(_ req: Request) async throws -> API.LoginResponseDTO {
        let body = try req.content.decode(API.LoginRequestDTO.self)
        let user = try await Authenticator.verify(email: body.email, password: body.password, on: req)
        let secret = TokenSecret.generate()
        let expires = Date().addingTimeInterval(Self.loginTokenLifetime)
        _ = try await req.writes.users.createToken(userID: user.id, name: "login \(AuditRecord.timestamp(Date()))",
                                                   secret: secret, expiresAt: expires,
                                                   context: Actor(id: user.id, label: user.email, requestID: req.state.requestID))
        return API.LoginResponseDTO(token: secret.value, expiresAt: expires, user: API.UserDTO(user))
    }

    func me(_ req: Request) async throws -> API.UserDTO {
        API.UserDTO(try req.requireUser())
    }

    func listTokens(_ req: Request) async throws -> [API.TokenDTO] {
        try await req.reads.users.tokens(of: req.requireUser().id).map(API.TokenDTO.init)
    }

    func createToken(_ req: Request) async throws -> Response {
        let body = try req.content.decode(API.CreateTokenDTO.self)
        let (secret, info) = try await TokenIssuer.issue(name: body.name, expiresInDays: body.expiresInDays, on: req)
        return try await API.CreatedTokenDTO(token: secret.value, info: API.TokenDTO(info)).encodeResponse(status: .created, for: req)
    }

    func revokeToken(_ req: Request) async throws -> HTTPStatus {
        try await req.writes.users.revokeToken(req.parameters.get("tokenID") ?? "", of: req.requireUser().id,
                                               context: req.actor)
        return .noContent
    }
}

/// Checks e-mail and password, writing `login` or `login_failed` to the audit log.
enum Authenticator {
    /// A Bcrypt hash of nothing, compared against when the e-mail is unknown so both paths take as long.
    private static let decoyHash: String = (try? Bcrypt.hash("rinri-decoy-password")) ?? ""

    static func verify(email: String?, password: String?, on req: Request) async throws -> UserAccount {
        var v = Validator()
        let email = EmailAddress.normalise(v.text(email, field: "email", max: 254))
        if (password ?? "").isEmpty { v.add("password", "required", "password is required") }
        try v.check()
        let password = password ?? ""
        let throttle = req.application.loginThrottle
        try throttle.check(email)
        let found = try await req.reads.users.credentials(email: email)
        let matches = try await req.password.async.verify(password, created: found?.passwordHash ?? decoyHash)
        let context = Actor(id: found?.account.id, label: email, requestID: req.state.requestID)
        guard let account = found?.account, matches, account.isActive else {
            throttle.recordFailure(email)
            try await req.writes.users.recordAuthentication(.loginFailed, userID: found?.account.id, email: email, context: context)
            throw RinriError.unauthenticated("the e-mail or the password is wrong")
        }
        throttle.reset(email)
        try await req.writes.users.recordAuthentication(.login, userID: account.id, email: email, context: context)
        return account
    }
}

/// Slows password guessing: after `limit` failures for one e-mail within `window`, logins for it are refused until the window passes.
///
/// Kept in memory per instance: behind a load balancer each instance counts on its own.
final class LoginThrottle: @unchecked Sendable {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]
    private let lock = NSLock()

    init(limit: Int = 10, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    func check(_ email: String, now: Date = Date()) throws {
        let recent = lock.withLock { failures[email]?.filter { now.timeIntervalSince($0) < window } ?? [] }
        if recent.count >= limit {
            throw RinriError(kind: .rateLimited, code: "too_many_attempts",
                             message: "too many failed logins for this e-mail; wait \(Int(window / 60)) minutes and try again")
        }
    }

    func recordFailure(_ email: String, now: Date = Date()) {
        lock.withLock {
            var list = failures[email, default: []].filter { now.timeIntervalSince($0) < window }
            list.append(now)
            failures[email] = list
            if failures.count > 10_000 { failures = failures.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < window } }
        }
    }

    func reset(_ email: String) { lock.withLock { failures[email] = nil } }
}

private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottle }

extension Application {
    /// The login throttle shared by the API and the login form.
    var loginThrottle: LoginThrottle {
        get { storage[LoginThrottleKey.self] ?? LoginThrottle() }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}

/// Issues personal API tokens (API and account page alike).
enum TokenIssuer {
    static func issue(name: String?, expiresInDays: Int?, on req: Request) async throws -> (TokenSecret, APITokenInfo) {
        let user = try req.requireUser()
        let expires = try TokenLifetime.expiry(days: expiresInDays)
        let secret = TokenSecret.generate()
        let info = try await req.writes.users.createToken(userID: user.id, name: name ?? "", secret: secret,
                                                          expiresAt: expires, context: req.actor)
        return (secret, info)
    }
}

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
        let login = try await Authenticator.verify(email: body.email, password: body.password, on: req)
        let user = login.account
        let secret = TokenSecret.generate()
        let expires = Date().addingTimeInterval(Self.loginTokenLifetime)
        _ = try await req.writes.users.createToken(userID: user.id, name: "login \(AuditRecord.timestamp(Date()))",
                                                   secret: secret, expiresAt: expires, whilePasswordHash: login.passwordHash,
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
///
/// Throttled by address and by (address, account) (``LoginThrottlePolicy``): a blocked key is answered
/// 429 with `Retry-After` before any password is hashed. Failures for accounts that do not exist are
/// counted, and written as one audit event per address and window. Hashes run through ``HashGate``.
enum Authenticator {
    /// A Bcrypt hash of nothing, compared against when the e-mail is unknown so both paths take as long.
    private static let decoyHash: String = (try? Bcrypt.hash("rinri-decoy-password")) ?? ""

    /// A login whose password matched, with the hash it matched: the session or token it opens is
    /// created only while that hash is still the user's (a password change in between ends it).
    struct VerifiedLogin {
        var account: UserAccount
        var passwordHash: String
    }

    static func verify(email: String?, password: String?, on req: Request) async throws -> VerifiedLogin {
        var v = Validator()
        let email = EmailAddress.normalise(v.text(email, field: "email", max: 254))
        if (password ?? "").isEmpty { v.add("password", "required", "password is required") }
        if (password ?? "").utf8.count > 1024 { v.add("password", "too_long", "password is longer than 1024 bytes") }
        try v.check()
        guard req.application.rinriConfig.passwordLogin else {
            throw RinriError.forbidden(code: "password_login_disabled", "this Rinri signs people in through the company's identity provider only")
        }
        let attempt = try await attempt(password ?? "", email: email, on: req)
        let found = attempt.found
        let context = Actor(id: found?.account.id, label: email, requestID: req.state.requestID)
        guard let account = found?.account, let hash = attempt.matchedHash, account.isActive else {
            if let account = found?.account {
                try await req.writes.users.recordAuthentication(.loginFailed, userID: account.id, email: email, context: context)
            } else if let summary = try await attempt.throttle.recordUnknown(address: attempt.address, email: email) {
                try await req.writes.users.recordUnknownLogins(summary, context: .system("login throttle"))
            }
            throw RinriError.unauthenticated("the e-mail or the password is wrong")
        }
        try await req.writes.users.recordAuthentication(.login, userID: account.id, email: email, context: context)
        return VerifiedLogin(account: account, passwordHash: hash)
    }

    /// Checks the current password before a change, throttled like a login from this address, so a
    /// stolen session cannot guess its way to a new password.
    /// - Throws: 422 `wrong_password`, 429 `too_many_attempts`.
    static func checkCurrentPassword(_ password: String, of user: UserAccount, on req: Request) async throws {
        guard try await attempt(password, email: user.email, on: req).matchedHash != nil else {
            throw RinriError.invalid(field: "current_password", code: "wrong_password", message: "the current password is wrong")
        }
    }

    /// One throttled password check.
    private struct Attempt {
        var found: (account: UserAccount, passwordHash: String)?
        /// The hash the password matched; nil when it did not.
        var matchedHash: String?
        var throttle: LoginThrottleStore
        var address: String
    }

    /// Counts the attempt for this address and account before anything else (429 while blocked),
    /// compares the password within the ``HashGate`` — against a decoy when the account is unknown or
    /// signs in through the identity provider, so every path takes as long — and gives the attempt
    /// back when an active account's password matched.
    private static func attempt(_ password: String, email: String, on req: Request) async throws -> Attempt {
        let address = req.clientAddress?.description ?? "unknown"
        let policy = req.application.loginPolicy
        let throttle = LoginThrottleStore(req.db, policy: policy)
        let keys = policy.keys(address: address, email: email)
        if let wait = try await throttle.reserve(keys) { throw tooManyAttempts(wait) }
        let found = try await req.reads.users.credentials(email: email)
        let hash = found.map(\.passwordHash).flatMap { $0.hasPrefix("$2") ? $0 : nil }
        let matches = try await req.application.hashGate.run {
            try await req.password.async.verify(password, created: hash ?? decoyHash)
        }
        let matched = matches && !password.isEmpty ? hash : nil
        if matched != nil, found?.account.isActive == true { try await throttle.succeeded(pair: keys[1].key, address: keys[0].key) }
        return Attempt(found: found, matchedHash: matched, throttle: throttle, address: address)
    }

    static func tooManyAttempts(_ wait: TimeInterval) -> RinriError {
        let seconds = Int(wait.rounded(.up))
        var error = RinriError(kind: .rateLimited, code: "too_many_attempts",
                               message: "too many failed logins from your address; wait \(seconds) seconds and try again",
                               arguments: ["seconds": String(seconds)])
        error.retryAfter = seconds
        return error
    }
}

/// Bounds how many password hashes (Bcrypt, deliberately slow) run at once, and how many wait: past
/// that, a request is answered 429 at once instead of queueing without end.
actor HashGate {
    let permits: Int
    let maxWaiting: Int
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(permits: Int = max(2, ProcessInfo.processInfo.activeProcessorCount), maxWaiting: Int = 64) {
        self.permits = permits
        self.maxWaiting = maxWaiting
    }

    nonisolated func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async throws {
        if running < permits {
            running += 1
            return
        }
        guard waiters.count < maxWaiting else {
            var error = RinriError(kind: .rateLimited, code: "busy", message: "the server is checking too many passwords at once; try again in a moment")
            error.retryAfter = 1
            throw error
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { running -= 1 } else { waiters.removeFirst().resume() }
    }

    /// How many hashes run and wait now.
    var load: (running: Int, waiting: Int) { (running, waiters.count) }
}

private struct HashGateKey: StorageKey { typealias Value = HashGate }
private struct LoginPolicyKey: StorageKey { typealias Value = LoginThrottlePolicy }

extension Request {
    /// A Bcrypt hash of a new password, within the bound on concurrent hashes (``HashGate``).
    func hashPassword(_ password: String) async throws -> String {
        try await application.hashGate.run { try await self.password.async.hash(password) }
    }
}

extension Application {
    /// The bound on concurrent password hashes.
    var hashGate: HashGate {
        get {
            guard let gate = storage[HashGateKey.self] else { fatalError("the hash gate is installed in configure(_:config:options:)") }
            return gate
        }
        set { storage[HashGateKey.self] = newValue }
    }

    /// How failed logins are throttled (tests shorten it).
    var loginPolicy: LoginThrottlePolicy {
        get { storage[LoginPolicyKey.self] ?? LoginThrottlePolicy() }
        set { storage[LoginPolicyKey.self] = newValue }
    }

    var rinriConfig: RinriConfig { storage[RinriConfigKey.self] ?? RinriConfig() }
}

/// Issues personal API tokens (API and account page alike). Every token expires (by default after
/// `RINRI_TOKEN_DEFAULT_DAYS`), and one minted with a token never outlives it.
enum TokenIssuer {
    static func issue(name: String?, expiresInDays: Int?, on req: Request) async throws -> (TokenSecret, APITokenInfo) {
        let user = try req.requireUser()
        let defaultDays = req.application.rinriConfig.tokenDefaultDays
        let expires = req.state.viaToken
            ? try TokenLifetime.minted(asked: expiresInDays, defaultDays: defaultDays, mintingExpiry: req.state.tokenExpiresAt)
            : try TokenLifetime.expiry(days: expiresInDays, defaultDays: defaultDays)
        let secret = TokenSecret.generate()
        let info = try await req.writes.users.createToken(userID: user.id, name: name ?? "", secret: secret,
                                                          expiresAt: expires, context: req.actor)
        return (secret, info)
    }
}

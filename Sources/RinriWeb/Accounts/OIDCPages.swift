import Crypto
import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Sign-in through the company's OpenID Connect provider: the authorisation code flow with PKCE.
///
/// Nothing is stored for the visitor until they are signed in: `state`, `nonce`, the PKCE verifier and
/// where to go afterwards travel in a short-lived cookie sealed with the session key (``FlowCookie``).
/// The callback checks the state, exchanges the code, verifies the ID token (signature against the
/// provider's keys, issuer, audience, expiry, nonce), refuses a nonce seen before, finds or creates the
/// user, and starts a session.
struct OIDCPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AccountRoute.oidcStart(next: nil), access: .everyone, use: start)
        web.on(.GET, AccountRoute.oidcCallback, access: .everyone, use: callback)
    }

    /// What the flow cookie carries between the start and the callback.
    struct FlowCookie: Codable {
        static let name = "rinri_oidc"
        static let path = "/auth/oidc"
        static let lifetime: TimeInterval = 600

        var state: String
        var nonce: String
        var verifier: String
        var next: String
        var issuedAt: Double

        func sealed(with key: SymmetricKey) throws -> String {
            let json = try JSONEncoder().encode(self)
            let mac = HMAC<SHA256>.authenticationCode(for: json, using: key)
            return json.base64URL + "." + Data(mac).base64URL
        }

        static func open(_ text: String, with key: SymmetricKey, now: Date = Date()) -> FlowCookie? {
            let parts = text.split(separator: ".")
            guard text.count <= 2_048, parts.count == 2, let json = Data(base64URLEncoded: String(parts[0])),
                  let mac = Data(base64URLEncoded: String(parts[1])),
                  HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: json, using: key),
                  let flow = try? JSONDecoder().decode(FlowCookie.self, from: json),
                  now.timeIntervalSince1970 - flow.issuedAt < lifetime else { return nil }
            return flow
        }
    }

    /// The address the provider sends people back to: `RINRI_PUBLIC_URL`, else the listening address.
    static func redirectURI(_ app: Application) -> String {
        let config = app.rinriConfig
        var base = config.publicURL?.absoluteString ?? {
            let host = config.hostname.contains(":") ? "[\(config.hostname)]" : config.hostname
            return "http://\(host):\(config.port)"
        }()
        while base.hasSuffix("/") { base.removeLast() }
        return base + AccountRoute.oidcCallback.path
    }

    private func provider(_ req: Request) throws -> OIDCProvider {
        guard let provider = req.application.oidcProvider else { throw RinriError.notFound("sign-in with an identity provider") }
        return provider
    }

    func start(_ req: Request) async throws -> Response {
        let provider = try provider(req)
        let settings = provider.settings
        let endpoint = try await provider.configuration().authorization_endpoint
        let next = req.query[String.self, at: "next"].flatMap { RoutePath.isLocal($0) ? $0 : nil } ?? AccountRoute.home.path
        let flow = FlowCookie(state: TokenSecret.randomURLSafe(bytes: 24), nonce: TokenSecret.randomURLSafe(bytes: 24),
                              verifier: PKCE.verifier(), next: next, issuedAt: Date().timeIntervalSince1970)
        var target = URLComponents(string: endpoint)
        let existing = target?.queryItems ?? []
        target?.queryItems = existing + [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: settings.clientID),
            URLQueryItem(name: "redirect_uri", value: Self.redirectURI(req.application)),
            URLQueryItem(name: "scope", value: settings.scopes.joined(separator: " ")),
            URLQueryItem(name: "state", value: flow.state), URLQueryItem(name: "nonce", value: flow.nonce),
            URLQueryItem(name: "code_challenge", value: PKCE.challenge(flow.verifier)),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        guard let location = target?.url?.absoluteString else { throw RinriError(kind: .badGateway, code: "oidc_unavailable",
                                                                                  message: "the identity provider's authorisation address does not read") }
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: location)
        let sessions = req.application.sessionSettings
        response.cookies[FlowCookie.name] = sessions.cookie(try flow.sealed(with: sessions.csrfKey), maxAge: Int(FlowCookie.lifetime),
                                                            path: FlowCookie.path)
        return response
    }

    func callback(_ req: Request) async throws -> Response {
        let sessions = req.application.sessionSettings
        let flow = req.cookies[FlowCookie.name].flatMap { FlowCookie.open($0.string, with: sessions.csrfKey) }
        // The cookie serves one callback, whatever its outcome.
        req.state.cookies[FlowCookie.name] = sessions.cookie("", maxAge: 0, path: FlowCookie.path)
        do {
            let provider = try provider(req)
            if let error = req.query[String.self, at: "error"] {
                throw RinriError(kind: .unauthenticated, code: "oidc_refused",
                                 message: "the identity provider did not sign you in (\(String(error.prefix(64)))); start again")
            }
            guard let flow, let state = req.query[String.self, at: "state"], ConstantTime.equal(state, flow.state) else {
                throw RinriError(kind: .unauthenticated, code: "oidc_state",
                                 message: "this sign-in was not started here or took too long; start again")
            }
            guard let code = req.query[String.self, at: "code"], !code.isEmpty, code.count <= 2_048 else {
                throw RinriError(kind: .unauthenticated, code: "oidc_refused", message: "the identity provider sent no code; start again")
            }
            let idToken = try await provider.exchange(code: code, verifier: flow.verifier, redirectURI: Self.redirectURI(req.application))
            let claims = try await provider.verify(idToken)
            try claims.check(issuer: try await provider.configuration().issuer, clientID: provider.settings.clientID, nonce: flow.nonce)
            let signIn = OIDCSignInService(req.db)
            guard try await signIn.useNonce(flow.nonce, until: claims.expires.addingTimeInterval(120)) else {
                throw OIDCProvider.invalid("it was used before (a replay)")
            }
            let user = try await signIn.signIn(OIDCIdentity(claims), settings: provider.settings)
            try await req.startSession(for: user, via: "oidc")
            try await req.writes.users.recordAuthentication(.login, userID: user.id, email: user.email,
                                                            context: Actor(id: user.id, label: user.email, requestID: req.state.requestID))
            return req.redirect(to: flow.next)
        } catch let error as RinriError {
            req.logger.notice("OpenID Connect sign-in refused: \(error.code): \(error.message)")
            var form = FormState()
            form.formError = req.t.message(for: error)
            return LoginView.render(PageContext(req), form: form, methods: .init(req.application.rinriConfig), status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }
}

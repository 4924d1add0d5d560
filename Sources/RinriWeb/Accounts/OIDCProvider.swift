import Foundation
import JWTKit
import RinriCore
import Vapor

/// The company's OpenID Connect provider as Rinri talks to it: its discovery document and signing keys
/// (cached for an hour; the keys fetched again once when a token names a key Rinri has not seen), the
/// token exchange, and the checks on an ID token.
actor OIDCProvider {
    struct Discovery: Decodable, Sendable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
    }

    /// The signing algorithms accepted: asymmetric ones only, so a public key can never serve as an HMAC secret.
    static let algorithms: [String: String] = ["RS256": "RSA", "ES256": "EC"]

    let settings: OIDCSettings
    private let client: any Client
    private var discovery: (value: Discovery, fetched: Date)?
    private var keys: (set: KeySet, fetched: Date)?

    init(settings: OIDCSettings, client: any Client) {
        self.settings = settings
        self.client = client
    }

    static func unavailable(_ what: String) -> RinriError {
        RinriError(kind: .badGateway, code: "oidc_unavailable", message: "the identity provider could not be used: \(what)")
    }

    /// The discovery document, whose issuer must be the configured one.
    func configuration(now: Date = Date()) async throws -> Discovery {
        if let discovery, now.timeIntervalSince(discovery.fetched) < 3600 { return discovery.value }
        var base = settings.issuer.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let value: Discovery = try await fetchJSON(base + "/.well-known/openid-configuration")
        guard value.issuer == settings.issuer.absoluteString || value.issuer == base else {
            throw Self.unavailable("its discovery document names the issuer \(value.issuer), not \(settings.issuer.absoluteString)")
        }
        discovery = (value, now)
        return value
    }

    private func fetchJSON<T: Decodable>(_ url: String) async throws -> T {
        let response: ClientResponse
        do { response = try await client.get(URI(string: url)) } catch { throw Self.unavailable("\(url) did not answer") }
        guard response.status == .ok, let body = response.body, body.readableBytes <= 1_048_576 else {
            throw Self.unavailable("\(url) answered \(response.status.code)")
        }
        do { return try JSONDecoder().decode(T.self, from: Data(buffer: body)) } catch {
            throw Self.unavailable("\(url) did not answer with the expected JSON")
        }
    }

    /// Exchanges an authorisation code (with its PKCE verifier) for the ID token.
    func exchange(code: String, verifier: String, redirectURI: String) async throws -> String {
        let endpoint = try await configuration().token_endpoint
        struct Form: Content { var grant_type, code, redirect_uri, code_verifier: String }
        struct Tokens: Decodable { var id_token: String? }
        let credentials = "\(Self.formEncode(settings.clientID)):\(Self.formEncode(settings.clientSecret))"
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: endpoint)) { request in
                request.headers.basicAuthorization = nil
                request.headers.replaceOrAdd(name: .authorization, value: "Basic " + Data(credentials.utf8).base64EncodedString())
                try request.content.encode(Form(grant_type: "authorization_code", code: code, redirect_uri: redirectURI,
                                                code_verifier: verifier), as: .urlEncodedForm)
            }
        } catch { throw Self.unavailable("its token endpoint did not answer") }
        guard response.status == .ok, let body = response.body,
              let tokens = try? JSONDecoder().decode(Tokens.self, from: Data(buffer: body)), let idToken = tokens.id_token else {
            throw RinriError(kind: .unauthenticated, code: "oidc_refused",
                             message: "the identity provider refused the sign-in (\(response.status.code)); start again")
        }
        return idToken
    }

    /// RFC 6749 §2.3.1: the client id and secret are form-encoded before Basic authentication.
    private static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Verifies an ID token's signature against the provider's keys and returns its claims (not yet
    /// checked against the sign-in: see ``IDTokenClaims/check(issuer:clientID:nonce:now:leeway:)``).
    /// - Throws: 401 `oidc_invalid_token` for a token that is malformed, unsigned, signed with an
    ///   algorithm other than RS256 or ES256, or whose signature does not verify.
    func verify(_ token: String, now: Date = Date()) async throws -> IDTokenClaims {
        let header = try Self.header(of: token)
        var keys = try await signingKeys(now: now)
        if let kid = header.kid, keys.kinds[kid] == nil { keys = try await signingKeys(now: now, refresh: true) }
        return try await Self.verify(token, header: header, keys: keys.set, groupsClaim: settings.groupsClaim)
    }

    /// The provider's signing keys, and the key type (`RSA`, `EC`) of each key id.
    struct KeySet: Sendable {
        var collection: JWTKeyCollection
        var kinds: [String: String]

        /// Reads a JWK set (RFC 7517); keys meant for something other than signatures are left out.
        static func read(_ data: Data) async throws -> KeySet {
            guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let list = document["keys"] as? [[String: Any]] else { throw OIDCProvider.unavailable("its keys are not a JWK set") }
            var kinds: [String: String] = [:]
            var usable: [[String: Any]] = []
            for key in list where (key["use"] as? String ?? "sig") == "sig" {
                guard let kid = key["kid"] as? String, let kty = key["kty"] as? String else { continue }
                kinds[kid] = kty
                usable.append(key)
            }
            let collection = JWTKeyCollection()
            do {
                let json = try JSONSerialization.data(withJSONObject: ["keys": usable])
                try await collection.add(jwksJSON: String(decoding: json, as: UTF8.self))
            } catch {
                throw OIDCProvider.unavailable("its keys do not read")
            }
            return KeySet(collection: collection, kinds: kinds)
        }
    }

    /// A token's header: its algorithm and key id.
    static func header(of token: String) throws -> (alg: String, kid: String?) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 16_384, parts.count == 3,
              let data = Data(base64URLEncoded: String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let alg = header["alg"] as? String else {
            throw invalid("it is not a signed JWT")
        }
        return (alg, header["kid"] as? String)
    }

    /// Verifies the signature with `keys` — RS256 or ES256 only, by a key of the matching type — and
    /// reads the claims.
    static func verify(_ token: String, header: (alg: String, kid: String?), keys: KeySet, groupsClaim: String?) async throws -> IDTokenClaims {
        guard let kind = algorithms[header.alg] else { throw invalid("it is signed with \(header.alg), not RS256 or ES256") }
        guard let kid = header.kid, keys.kinds[kid] == kind else {
            throw invalid("it names no \(kind) key of the provider")
        }
        do {
            _ = try await keys.collection.verify(token, as: SignedToken.self)
        } catch {
            throw invalid("its signature does not verify with the provider's keys")
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard let payload = Data(base64URLEncoded: String(parts[1])),
              let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else {
            throw invalid("its claims do not read")
        }
        return try Self.claims(claims, groupsClaim: groupsClaim)
    }

    private func signingKeys(now: Date, refresh: Bool = false) async throws -> (set: KeySet, kinds: [String: String]) {
        if let keys, now.timeIntervalSince(keys.fetched) < (refresh ? 60 : 3600) { return (keys.set, keys.set.kinds) }
        let url = try await configuration().jwks_uri
        let response: ClientResponse
        do { response = try await client.get(URI(string: url)) } catch { throw Self.unavailable("its keys (\(url)) did not answer") }
        guard response.status == .ok, let body = response.body, body.readableBytes <= 1_048_576 else {
            throw Self.unavailable("its keys (\(url)) answered \(response.status.code)")
        }
        let set = try await KeySet.read(Data(buffer: body))
        keys = (set, now)
        return (set, set.kinds)
    }

    static func invalid(_ what: String) -> RinriError {
        RinriError(kind: .unauthenticated, code: "oidc_invalid_token", message: "the identity provider's token was refused: \(what)")
    }

    /// Reads the claims Rinri uses from a verified token's payload.
    static func claims(_ json: [String: Any], groupsClaim: String?) throws -> IDTokenClaims {
        func date(_ key: String) -> Date? { (json[key] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) } }
        guard let issuer = json["iss"] as? String, let subject = json["sub"] as? String,
              let expires = date("exp"), let issuedAt = date("iat") else {
            throw invalid("it lacks iss, sub, exp or iat")
        }
        let audience = (json["aud"] as? String).map { [$0] } ?? (json["aud"] as? [String]) ?? []
        let verified = (json["email_verified"] as? Bool) ?? ((json["email_verified"] as? String) == "true")
        var groups: [String] = []
        if let groupsClaim {
            groups = (json[groupsClaim] as? [String]) ?? (json[groupsClaim] as? String).map { [$0] } ?? []
        }
        return IDTokenClaims(issuer: issuer, subject: subject, audience: audience, authorizedParty: json["azp"] as? String,
                             expires: expires, issuedAt: issuedAt, nonce: json["nonce"] as? String, email: json["email"] as? String,
                             emailVerified: verified, name: json["name"] as? String, groups: groups)
    }

    /// What JWTKit verifies the signature of; the claims are read and checked by Rinri itself.
    struct SignedToken: JWTPayload {
        init(from decoder: any Decoder) throws {}
        func encode(to encoder: any Encoder) throws {}
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}

private struct OIDCProviderKey: StorageKey { typealias Value = OIDCProvider }

extension Application {
    /// The configured OpenID Connect provider, nil when sign-in with one is off.
    var oidcProvider: OIDCProvider? {
        get { storage[OIDCProviderKey.self] }
        set { storage[OIDCProviderKey.self] = newValue }
    }
}

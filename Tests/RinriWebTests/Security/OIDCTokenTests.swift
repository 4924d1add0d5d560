import Foundation
import JWTKit
import RinriCore
import RinriApplication
@testable import RinriWeb
import RinriTesting
import Testing

/// ID tokens signed here with keys made for the test, checked as Rinri checks a provider's: forged,
/// unsigned, confused, expired, misaddressed and replayed tokens are refused. (The whole flow against
/// a real provider runs in `OIDCSignInTests` when CI starts one.)
@Suite("OpenID Connect ID tokens")
struct OIDCTokenTests {
    struct Claims: JWTPayload {
        var iss = "http://127.0.0.1:9000"
        var sub = "u-alice"
        var aud = "rinri"
        var exp = Int(Date().timeIntervalSince1970) + 300
        var iat = Int(Date().timeIntervalSince1970)
        var nonce: String? = "n-1"
        var email = "alice@example.test"
        var email_verified = true
        var groups = ["staff"]
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A provider key, its JWK set, and a signer with the same key id for a forger's key.
    static func keys() async throws -> (signer: JWTKeyCollection, forger: JWTKeyCollection, set: OIDCProvider.KeySet) {
        let key = ES256PrivateKey(), other = ES256PrivateKey()
        let (x, y) = try #require(key.publicKey.parameters)
        let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"k1","x":"\#(x)","y":"\#(y)"}]}"#
        let signer = JWTKeyCollection(), forger = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: "k1")
        await forger.add(ecdsa: other, kid: "k1")
        return (signer, forger, try await OIDCProvider.KeySet.read(Data(jwks.utf8)))
    }

    static func verify(_ token: String, _ set: OIDCProvider.KeySet) async throws -> IDTokenClaims {
        let claims = try await OIDCProvider.verify(token, header: try OIDCProvider.header(of: token), keys: set, groupsClaim: "groups")
        try claims.check(issuer: "http://127.0.0.1:9000", clientID: "rinri", nonce: "n-1")
        return claims
    }

    @Test func aGenuineTokenIsReadWithItsGroups() async throws {
        let (signer, _, set) = try await Self.keys()
        let claims = try await Self.verify(try await signer.sign(Claims(), kid: "k1"), set)
        #expect(claims.subject == "u-alice" && claims.email == "alice@example.test" && claims.emailVerified && claims.groups == ["staff"])
    }

    @Test func forgedUnsignedAndConfusedTokensAreRefused() async throws {
        let (signer, forger, set) = try await Self.keys()
        let genuine = try await signer.sign(Claims(), kid: "k1")
        let parts = genuine.split(separator: ".").map(String.init)
        var tampered = Claims()
        tampered.sub = "u-admin"
        let forgedPayload = try JSONEncoder().encode(tampered).base64URL
        let cases: [(String, String)] = [
            ("signed with another key under the provider's key id", try await forger.sign(Claims(), kid: "k1")),
            ("claims changed after signing", parts[0] + "." + forgedPayload + "." + parts[2]),
            ("alg none", Data(#"{"alg":"none","kid":"k1"}"#.utf8).base64URL + "." + parts[1] + "."),
            ("HS256 with the public key as secret", Data(#"{"alg":"HS256","kid":"k1"}"#.utf8).base64URL + "." + parts[1] + "." + parts[2]),
            ("RS256 header on an EC key", Data(#"{"alg":"RS256","kid":"k1"}"#.utf8).base64URL + "." + parts[1] + "." + parts[2]),
            ("an unknown key id", Data(#"{"alg":"ES256","kid":"k9"}"#.utf8).base64URL + "." + parts[1] + "." + parts[2]),
            ("not a JWT", "not.a-jwt"),
        ]
        for (what, token) in cases {
            let refused = await #expect(throws: RinriError.self, "\(what)") { _ = try await Self.verify(token, set) }
            #expect(refused?.code == "oidc_invalid_token", "\(what)")
        }
    }

    @Test func expiredMisaddressedAndMisnoncedTokensAreRefused() async throws {
        let (signer, _, set) = try await Self.keys()
        var expired = Claims(), audience = Claims(), nonce = Claims(), issuer = Claims()
        expired.exp = Int(Date().timeIntervalSince1970) - 600
        audience.aud = "another-app"
        nonce.nonce = "n-2"
        issuer.iss = "http://127.0.0.1:9001"
        for (what, claims) in [("expired", expired), ("audience", audience), ("nonce", nonce), ("issuer", issuer)] {
            let token = try await signer.sign(claims, kid: "k1")
            await #expect(throws: RinriError.self, "\(what)") { _ = try await Self.verify(token, set) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNonceServesOneSignInOnly(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let service = OIDCSignInService(t.app.db)
            let until = Date().addingTimeInterval(600)
            let first = try await service.useNonce("n-1", until: until)
            let replay = try await service.useNonce("n-1", until: until)
            let other = try await service.useNonce("n-2", until: until)
            #expect(first && !replay && other)
        }
    }

    @Test(arguments: TestDatabase.all)
    func usersAreMatchedLinkedOrCreatedAsConfigured(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let (known, _) = try await t.user([RoleGrant(role: .auditor)], email: "alice@example.test")
            var settings = OIDCSettings(issuer: URL(string: "http://127.0.0.1:9000")!, clientID: "rinri", clientSecret: "s")
            let service = OIDCSignInService(t.app.db)
            func identity(_ sub: String, _ email: String, verified: Bool = true, groups: [String] = []) -> OIDCIdentity {
                OIDCIdentity(IDTokenClaims(issuer: "http://127.0.0.1:9000", subject: sub, audience: ["rinri"], expires: Date(), issuedAt: Date(),
                                           nonce: nil, email: email, emailVerified: verified, name: nil, groups: groups))
            }
            // a verified address links the existing user, then the subject finds them
            let linked = try await service.signIn(identity("u-alice", "alice@example.test"), settings: settings)
            let again = try await service.signIn(identity("u-alice", "renamed@example.test"), settings: settings)
            #expect(linked.id == known.id && again.id == known.id)
            // an unverified address links nobody; another subject cannot take a linked user's address
            let unverified = await #expect(throws: RinriError.self) {
                _ = try await service.signIn(identity("u-x", "alice@example.test", verified: false), settings: settings)
            }
            #expect(unverified?.code == "oidc_no_account")
            let conflict = await #expect(throws: RinriError.self) {
                _ = try await service.signIn(identity("u-mallory", "alice@example.test"), settings: settings)
            }
            #expect(conflict?.code == "oidc_conflict")
            // unknown people are created only when the deployment says so, with the roles their groups give
            let users = try await t.count("users")
            await #expect(throws: RinriError.self) { _ = try await service.signIn(identity("u-bob", "bob@example.test"), settings: settings) }
            let unchanged = try await t.count("users")
            #expect(unchanged == users)
            settings.createUsers = true
            settings.groupsClaim = "groups"
            settings.roleMap = try OIDCSettings.parseRoleMap("rinri-admins=admin;staff=employee")
            let bob = try await service.signIn(identity("u-bob", "bob@example.test", groups: ["staff"]), settings: settings)
            #expect(bob.grants == [RoleGrant(role: .employee)])
            // groups decide roles at every sign-in; no role-giving group, no entry
            let promoted = try await service.signIn(identity("u-bob", "bob@example.test", groups: ["rinri-admins"]), settings: settings)
            #expect(promoted.grants == [RoleGrant(role: .admin)])
            let none = await #expect(throws: RinriError.self) {
                _ = try await service.signIn(identity("u-bob", "bob@example.test", groups: ["visitors"]), settings: settings)
            }
            #expect(none?.code == "oidc_no_role")
            // such a user has no password that any login could match
            let password = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "bob@example.test", "password": "!oidc"])
            #expect(password.status == .unauthorized)
            let events = try await t.auditEvents()
            #expect(events.contains { $0.record.changes.contains("oidc_linked") })
        }
    }
}

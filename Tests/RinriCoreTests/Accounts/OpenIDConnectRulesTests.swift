import Foundation
import RinriCore
import Testing

@Suite("OpenID Connect rules: settings, ID-token claims, PKCE")
struct OpenIDConnectRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func claims(iss: String = "https://id.example.com", aud: [String] = ["rinri"], azp: String? = nil,
                       exp: TimeInterval = 300, iat: TimeInterval = -10, nonce: String? = "n-1") -> IDTokenClaims {
        IDTokenClaims(issuer: iss, subject: "u-1", audience: aud, authorizedParty: azp, expires: now.addingTimeInterval(exp),
                      issuedAt: now.addingTimeInterval(iat), nonce: nonce, email: "a@example.com", emailVerified: true,
                      name: "A", groups: ["staff"])
    }

    static func check(_ claims: IDTokenClaims) throws {
        try claims.check(issuer: "https://id.example.com", clientID: "rinri", nonce: "n-1", now: now)
    }

    @Test func aTokenForThisSignInPasses() throws {
        try Self.check(Self.claims())
        try Self.check(Self.claims(aud: ["rinri", "other"], azp: "rinri"))
        try Self.check(Self.claims(exp: -30))  // within the minute allowed for clocks
    }

    @Test(arguments: [
        ("another issuer", claims(iss: "https://evil.example.com")),
        ("another audience", claims(aud: ["someone-else"])),
        ("several audiences without azp", claims(aud: ["rinri", "other"])),
        ("azp of another client", claims(aud: ["rinri", "other"], azp: "other")),
        ("expired", claims(exp: -120)),
        ("issued in the future", claims(iat: 600)),
        ("another nonce", claims(nonce: "n-2")),
        ("no nonce", claims(nonce: nil)),
    ])
    func aTokenThatIsNotForThisSignInIsRefused(what: String, claims: IDTokenClaims) {
        let refused = #expect(throws: RinriError.self, "\(what)") { try Self.check(claims) }
        #expect(refused?.code == "oidc_invalid_token" && refused?.kind == .unauthenticated)
    }

    @Test func pkceMatchesTheRFCExample() {
        // RFC 7636, appendix B
        #expect(PKCE.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let verifier = PKCE.verifier()
        #expect(verifier.count == 43 && verifier != PKCE.verifier())
        #expect(Data(base64URLEncoded: Data([0xfb, 0xff]).base64URL) == Data([0xfb, 0xff]))
    }

    @Test func groupsMapToRolesAndTheMapIsChecked() throws {
        let map = try OIDCSettings.parseRoleMap("rinri-admins=admin; staff=employee ; hr=project_owner@HR,reviewer:privacy")
        var settings = OIDCSettings(issuer: URL(string: "https://id.example.com")!, clientID: "c", clientSecret: "s")
        settings.roleMap = map
        #expect(settings.grants(forGroups: ["staff", "hr", "unknown"]).map(\.description)
                == ["project_owner@HR", "reviewer:privacy", "employee"])
        #expect(settings.grants(forGroups: ["nobody"]).isEmpty)
        for bad in ["admins", "=admin", "g=overlord", "g=auditor@U1"] {
            #expect(throws: RinriError.self, "\(bad)") { try OIDCSettings.parseRoleMap(bad) }
        }
        #expect(OIDCSettings.isAcceptableIssuer(URL(string: "https://id.example.com/realms/x")!))
        #expect(OIDCSettings.isAcceptableIssuer(URL(string: "http://127.0.0.1:9000")!))
        #expect(!OIDCSettings.isAcceptableIssuer(URL(string: "http://id.example.com")!))
        #expect(!OIDCSettings.isAcceptableIssuer(URL(string: "ftp://id.example.com")!))
    }

    @Test func theSettingsComeFromTheEnvironmentAndGoTogether() throws {
        let config = try RinriConfig.load(from: [
            "RINRI_OIDC_ISSUER": "https://id.example.com", "RINRI_OIDC_CLIENT_ID": "rinri", "RINRI_OIDC_CLIENT_SECRET": "s3cret",
            "RINRI_OIDC_NAME": "Example SSO", "RINRI_OIDC_GROUPS_CLAIM": "groups", "RINRI_OIDC_ROLE_MAP": "staff=employee",
            "RINRI_OIDC_CREATE_USERS": "on", "RINRI_OIDC_MATCH": "subject", "RINRI_PASSWORD_LOGIN": "off",
        ])
        let oidc = try #require(config.oidc)
        #expect(oidc.displayName == "Example SSO" && oidc.createUsers && oidc.match == .subject && oidc.groupsClaim == "groups")
        #expect(!config.passwordLogin)
        for broken: [String: String] in [
            ["RINRI_OIDC_ISSUER": "https://id.example.com"],
            ["RINRI_OIDC_ISSUER": "http://id.example.com", "RINRI_OIDC_CLIENT_ID": "c", "RINRI_OIDC_CLIENT_SECRET": "s"],
            ["RINRI_OIDC_ISSUER": "https://id.example.com", "RINRI_OIDC_CLIENT_ID": "c", "RINRI_OIDC_CLIENT_SECRET": "s",
             "RINRI_OIDC_ROLE_MAP": "staff=employee"],
            ["RINRI_PASSWORD_LOGIN": "off"],
        ] {
            #expect(throws: ConfigError.self, "\(broken.keys.sorted())") { try RinriConfig.load(from: broken) }
        }
        #expect(throws: ConfigError.self) {
            try RinriConfig.load(from: ["RINRI_OIDC_ISSUER": "https://id.example.com", "RINRI_OIDC_CLIENT_ID": "c",
                                        "RINRI_OIDC_CLIENT_SECRET": "leaked-secret", "RINRI_OIDC_MATCH": "guess"])
        }
    }
}

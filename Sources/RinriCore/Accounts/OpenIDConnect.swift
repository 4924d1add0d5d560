import Crypto
import Foundation

/// Sign-in through the company's OpenID Connect provider (`RINRI_OIDC_*`).
public struct OIDCSettings: Sendable, Equatable {
    /// How a signed-in person is matched to a Rinri user.
    public enum Match: String, Sendable, CaseIterable {
        /// By the provider's subject (`sub`) only: users are linked once (by an administrator or at creation).
        case subject
        /// By the subject once linked, else by a verified e-mail address, which links them.
        case email
    }

    /// The provider's issuer URL, as its discovery document and ID tokens name it.
    public var issuer: URL
    public var clientID: String
    public var clientSecret: String
    public var scopes: [String]
    /// The name on the login page's button ("Sign in with …").
    public var displayName: String
    public var match: Match
    /// The claim listing the person's groups; nil keeps roles in Rinri.
    public var groupsClaim: String?
    /// Which Rinri roles each group gives (`group=role,role;group=role`).
    public var roleMap: [String: [RoleGrant]]
    /// Whether a person the provider vouches for but Rinri does not know becomes a user (off by default).
    public var createUsers: Bool

    public init(issuer: URL, clientID: String, clientSecret: String, scopes: [String] = ["openid", "email", "profile"],
                displayName: String = "your organisation's account", match: Match = .email, groupsClaim: String? = nil,
                roleMap: [String: [RoleGrant]] = [:], createUsers: Bool = false) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.displayName = displayName
        self.match = match
        self.groupsClaim = groupsClaim
        self.roleMap = roleMap
        self.createUsers = createUsers
    }

    /// Parses `group=role,role;group=role@UNIT` (roles as `rinri users create --role` takes them).
    /// - Throws: ``RinriError`` naming the entry that does not read.
    public static func parseRoleMap(_ text: String) throws -> [String: [RoleGrant]] {
        var map: [String: [RoleGrant]] = [:]
        for entry in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw RinriError.invalid(field: "RINRI_OIDC_ROLE_MAP", code: "invalid_role_map",
                                         message: "\"\(entry)\" is not group=role[,role]")
            }
            let grants = try parts[1].split(separator: ",").map { try RoleGrant.parse(String($0)) }
            map[parts[0], default: []] += grants
        }
        return map
    }

    /// The roles a person's groups give, each once, in role order.
    public func grants(forGroups groups: [String]) -> [RoleGrant] {
        var seen: Set<RoleGrant> = []
        return groups.flatMap { roleMap[$0] ?? [] }.filter { seen.insert($0).inserted }.sorted { $0.role < $1.role }
    }

    /// Whether `url` may be an issuer: https, or http on the machine itself (a test provider).
    public static func isAcceptableIssuer(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return false }
        return scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host))
    }
}

/// The claims of an ID token that Rinri checks and uses.
public struct IDTokenClaims: Sendable, Equatable {
    public var issuer: String
    public var subject: String
    public var audience: [String]
    public var authorizedParty: String?
    public var expires: Date
    public var issuedAt: Date
    public var nonce: String?
    public var email: String?
    public var emailVerified: Bool
    public var name: String?
    public var groups: [String]

    public init(issuer: String, subject: String, audience: [String], authorizedParty: String? = nil, expires: Date, issuedAt: Date,
                nonce: String?, email: String?, emailVerified: Bool, name: String?, groups: [String]) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.authorizedParty = authorizedParty
        self.expires = expires
        self.issuedAt = issuedAt
        self.nonce = nonce
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
        self.groups = groups
    }

    /// Checks what OpenID Connect Core §3.1.3.7 asks of a client, once the signature is verified:
    /// the issuer, the audience (and the authorised party when there are several audiences), the
    /// expiry and issue time (with `leeway` seconds for clocks), and the nonce sent at the start.
    /// - Throws: ``RinriError`` `oidc_invalid_token` naming the claim that fails.
    public func check(issuer expectedIssuer: String, clientID: String, nonce expectedNonce: String, now: Date = Date(),
                      leeway: TimeInterval = 60) throws {
        func refuse(_ what: String) -> RinriError {
            RinriError(kind: .unauthenticated, code: "oidc_invalid_token", message: "the identity provider's token was refused: \(what)")
        }
        guard issuer == expectedIssuer else { throw refuse("it was issued by \(issuer), not \(expectedIssuer)") }
        guard audience.contains(clientID) else { throw refuse("it is meant for another application") }
        if audience.count > 1 || authorizedParty != nil {
            guard authorizedParty == clientID else { throw refuse("it was given to another application (azp)") }
        }
        guard expires.addingTimeInterval(leeway) > now else { throw refuse("it expired") }
        guard issuedAt.addingTimeInterval(-leeway) <= now else { throw refuse("it is dated in the future") }
        guard let nonce, ConstantTime.equal(nonce, expectedNonce) else { throw refuse("its nonce is not the one this sign-in sent") }
        guard !subject.isEmpty, subject.utf8.count <= 255 else { throw refuse("it names no subject") }
    }
}

/// Comparing secrets without telling an attacker, by the time it takes, how much of a guess was right.
public enum ConstantTime {
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Proof Key for Code Exchange (RFC 7636), S256.
public enum PKCE {
    /// A new code verifier: 32 random bytes, base64url (43 characters).
    public static func verifier() -> String { TokenSecret.randomURLSafe(bytes: 32) }

    /// The S256 challenge of a verifier.
    public static func challenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URL
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    public var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads base64url, with or without padding.
    public init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}

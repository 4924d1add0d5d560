import FluentKit
import Foundation
import RinriCore
import SQLKit

/// The person an OpenID Connect provider vouched for, from a verified and checked ID token.
public struct OIDCIdentity: Sendable, Equatable {
    public var issuer: String
    public var subject: String
    public var email: String?
    public var emailVerified: Bool
    public var name: String?
    public var groups: [String]

    public init(_ claims: IDTokenClaims) {
        issuer = claims.issuer
        subject = claims.subject
        email = claims.email.map(EmailAddress.normalise)
        emailVerified = claims.emailVerified
        name = claims.name
        groups = claims.groups
    }
}

/// Turns a verified OpenID Connect identity into a Rinri user: the linked user, else (when matching by
/// e-mail) the user with that verified address, which is then linked, else a new user when the
/// deployment creates them; roles from the groups claim when one is configured. Every link, creation
/// and role change is audited.
public struct OIDCSignInService: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    /// The password hash of a user who signs in through the provider only: no password matches it.
    public static let noPassword = "!oidc"

    /// - Throws: 403 `oidc_no_account` (unknown and not created), `oidc_no_role` (the groups give no
    ///   role), `oidc_conflict` (the address belongs to a user linked to someone else), `account_inactive`.
    public func signIn(_ identity: OIDCIdentity, settings: OIDCSettings) async throws -> UserAccount {
        let context = Actor(id: nil, label: "oidc: \(identity.email ?? identity.subject)")
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let user = try await Self.find(identity, settings: settings, on: tx, batch)
            guard user.isActive else {
                throw RinriError.forbidden(code: "account_inactive", "this Rinri account is deactivated; ask an administrator")
            }
            var grants = try await user.$grants.get(on: tx)
            if settings.groupsClaim != nil {
                let mapped = settings.grants(forGroups: identity.groups)
                guard !mapped.isEmpty else {
                    throw RinriError.forbidden(code: "oidc_no_role", "none of your groups (\(identity.groups.joined(separator: ", "))) gives a Rinri role")
                }
                if Set(mapped) != Set(grants.map(\.grant)) {
                    let before = grants.map(\.grant.description).sorted()
                    grants = try await user.setGrants(mapped, on: tx)
                    batch.add(.update, "user", user.id!.uuidString,
                              .updated(from: ["roles": .strings(before)], to: ["roles": .strings(mapped.map(\.description).sorted())]))
                }
            }
            return user.account(grants: grants)
        }
    }

    private static func find(_ identity: OIDCIdentity, settings: OIDCSettings, on tx: Database, _ batch: AuditBatch) async throws -> UserModel {
        if let linked = try await UserModel.query(on: tx).filter(\.$oidcIssuer == identity.issuer)
            .filter(\.$oidcSubject == identity.subject).first() {
            return linked
        }
        if settings.match == .email, identity.emailVerified, let email = identity.email,
           let user = try await UserModel.query(on: tx).filter(\.$email == email).first() {
            if user.oidcSubject != nil {
                throw RinriError.forbidden(code: "oidc_conflict", "the Rinri user \(email) is linked to another identity at the provider")
            }
            user.oidcIssuer = identity.issuer
            user.oidcSubject = identity.subject
            try await user.save(on: tx)
            batch.add(.update, "user", user.id!.uuidString, .note(["oidc_linked": .string(identity.issuer), "subject": .string(identity.subject)]))
            return user
        }
        guard settings.createUsers else {
            throw RinriError.forbidden(code: "oidc_no_account",
                                       "Rinri has no user for \(identity.email ?? identity.subject); ask an administrator to create one")
        }
        guard let email = identity.email, identity.emailVerified, EmailAddress.isValid(email) else {
            throw RinriError.forbidden(code: "oidc_no_account", "the provider gave no verified e-mail address to create a Rinri user with")
        }
        let grants = settings.groupsClaim == nil ? [RoleGrant(role: .employee)] : settings.grants(forGroups: identity.groups)
        guard !grants.isEmpty else {
            throw RinriError.forbidden(code: "oidc_no_role", "none of your groups (\(identity.groups.joined(separator: ", "))) gives a Rinri role")
        }
        let user = UserModel(email: email, name: String((identity.name ?? email).prefix(120)), passwordHash: noPassword)
        user.oidcIssuer = identity.issuer
        user.oidcSubject = identity.subject
        try await user.create(on: tx)
        _ = try await user.setGrants(grants, on: tx)
        var fields = user.auditFields
        fields["roles"] = .strings(grants.map(\.description).sorted())
        fields["oidc_issuer"] = .string(identity.issuer)
        batch.add(.create, "user", user.id!.uuidString, .created(fields))
        return user
    }

    /// Records a completed sign-in's nonce; false when it was used before (a replay).
    public func useNonce(_ nonce: String, until expiry: Date, now: Date = Date()) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let hash = TokenSecret.hash(of: nonce)
        let rows = try await sql.raw("""
            INSERT INTO oidc_nonces (nonce_hash, expires_at) VALUES (\(bind: hash), \(bind: expiry.timeIntervalSince1970))
            ON CONFLICT (nonce_hash) DO NOTHING RETURNING nonce_hash
            """).all()
        try await sql.raw("DELETE FROM oidc_nonces WHERE expires_at < \(bind: now.timeIntervalSince1970)").run()
        return !rows.isEmpty
    }
}

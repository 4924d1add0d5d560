import FluentKit
import Foundation
import RinriCore

/// Users, their roles, their API tokens and the login events.
///
/// Passwords arrive already hashed (Bcrypt, by the caller): this service never sees one in clear.
public struct UserService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Creates a user with roles.
    ///
    /// - Throws: ``RinriError`` `forbidden` without `users.manage`, `invalid` for a bad e-mail, name or
    ///   role (or none), `conflict` when the e-mail is taken.
    /// `mustChangePassword` marks a one-time password, which its holder replaces at first login.
    public func create(email: String, name: String, passwordHash: String, grants: [RoleGrant],
                       mustChangePassword: Bool = false, context: Actor) async throws -> UserAccount {
        try AccessPolicy.check(context, .manageUsers)
        let email = EmailAddress.normalise(email)
        var v = Validator()
        if !EmailAddress.isValid(email) { v.add("email", "invalid_email", "\"\(email)\" is not an e-mail address") }
        let name = v.text(name, field: "name", max: 120)
        try Self.checkRoles(grants, &v)
        try v.check()
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            if try await UserModel.query(on: tx).filter(\.$email == email).count() > 0 {
                throw RinriError.conflict(code: "email_taken", "a user with e-mail \(email) already exists", field: "email")
            }
            let user = UserModel(email: email, name: name, passwordHash: passwordHash)
            user.mustChangePassword = mustChangePassword
            try await user.create(on: tx)
            let models = try await user.setGrants(grants, on: tx)
            var fields = user.auditFields
            fields["roles"] = .strings(grants.map(\.description).sorted())
            batch.add(.create, "user", user.id!.uuidString, .created(fields))
            return user.account(grants: models)
        }
    }

    /// Changes a user's name, roles and whether the account is active.
    ///
    /// - Throws: ``RinriError`` `forbidden` without `users.manage`, `self_lockout` when administrators
    ///   would lock themselves out (``AccountPolicy``), `invalid` for a bad name or role, `not_found`
    ///   for an unknown user.
    public func update(userID: String, name: String, grants: [RoleGrant], isActive: Bool,
                       context: Actor) async throws -> UserAccount {
        try AccessPolicy.check(context, .manageUsers)
        if let actorID = context.id {
            try AccountPolicy.checkSelfEdit(actorID: actorID.uppercased(), targetID: userID.uppercased(), grants: grants, isActive: isActive)
        }
        var v = Validator()
        let name = v.text(name, field: "name", max: 120)
        try Self.checkRoles(grants, &v)
        try v.check()
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let user = try await UserModel.require(userID, on: tx)
            let oldGrants = try await user.$grants.get(on: tx)
            var before = user.auditFields
            before["roles"] = .strings(oldGrants.map(\.grant.description).sorted())
            user.name = name
            user.isActive = isActive
            try await user.save(on: tx)
            let models = try await user.setGrants(grants, on: tx)
            var after = user.auditFields
            after["roles"] = .strings(grants.map(\.description).sorted())
            let changes = AuditChanges.updated(from: before, to: after)
            if !changes.isEmpty { batch.add(.update, "user", userID, changes) }
            return user.account(grants: models)
        }
    }

    /// At least one role, each one valid.
    private static func checkRoles(_ grants: [RoleGrant], _ v: inout Validator) throws {
        if grants.isEmpty { v.add("roles", "required", "give the user at least one role") }
        for grant in grants {
            do { try grant.validate() } catch let error as RinriError { v.add("roles", error.code, error.message) }
        }
    }

    /// Replaces a user's password hash: the user's own, or anyone's with `users.manage` (a reset, which
    /// makes it a one-time password the user must replace at next login).
    ///
    /// Whoever knew the old password may have left a session or minted a token with it: every session of
    /// the user but `keepingSession` (the one changing its own password) ends, and every token is revoked.
    @discardableResult
    public func setPassword(userID: String, passwordHash: String, keepingSession: String? = nil,
                            context: Actor) async throws -> CredentialsEnded {
        try AccessPolicy.checkOwnAccount(context, userID: userID, or: .manageUsers)
        let reset = context.id?.uppercased() != userID.uppercased()
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let user = try await UserModel.require(userID, on: tx)
            user.passwordHash = passwordHash
            user.mustChangePassword = reset
            try await user.save(on: tx)
            let ended = try await Self.endCredentials(of: user, keepingSession: reset ? nil : keepingSession, on: tx)
            batch.add(.update, "user", userID, .note(["password": .string(reset ? "reset" : "changed"),
                                                      "sessions_ended": .int(ended.sessions), "tokens_revoked": .int(ended.tokens)]))
            return ended
        }
    }

    /// Ends every session of the user, the current one included ("log out everywhere").
    @discardableResult
    public func endSessions(userID: String, context: Actor) async throws -> Int {
        try AccessPolicy.checkOwnAccount(context, userID: userID, or: .manageUsers)
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let user = try await UserModel.require(userID, on: tx)
            let count = try await SessionService.closeAll(userID: try user.requireID().uuidString, keeping: nil, on: tx)
            batch.add(.logout, "user", userID, .note(["sessions_ended": .int(count), "scope": .string("everywhere")]))
            return count
        }
    }

    private static func endCredentials(of user: UserModel, keepingSession: String?, on db: any Database) async throws -> CredentialsEnded {
        let id = try user.requireID()
        let sessions = try await SessionService.closeAll(userID: id.uuidString, keeping: keepingSession, on: db)
        let live = APITokenModel.query(on: db).filter(\.$user.$id == id).filter(\.$revokedAt == nil)
        let tokens = try await live.count()
        try await APITokenModel.query(on: db).filter(\.$user.$id == id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
        return CredentialsEnded(sessions: sessions, tokens: tokens)
    }

    /// Sets the user's interface language (nil: follow the browser).
    public func setLanguage(userID: String, _ language: Language?, context: Actor) async throws {
        try AccessPolicy.checkOwnAccount(context, userID: userID)
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let user = try await UserModel.require(userID, on: tx)
            let before = user.auditFields
            user.language = language?.rawValue
            try await user.save(on: tx)
            batch.add(.update, "user", userID, .updated(from: before, to: user.auditFields))
        }
    }

    /// Writes a `login`, `login_failed` or `logout` event.
    public func recordAuthentication(_ action: AuditAction, userID: String?, email: String, context: Actor) async throws {
        try await AuditTrail.transaction(on: db, context: context) { _, batch in
            batch.add(action, "user", userID ?? "unknown", .note(["email": .string(EmailAddress.normalise(email))]))
        }
    }

    /// Writes one `login_failed` event for the failed logins to unknown accounts from one address in one window.
    public func recordUnknownLogins(_ summary: UnknownLoginSummary, context: Actor) async throws {
        try await AuditTrail.transaction(on: db, context: context) { _, batch in
            batch.add(.loginFailed, "address", summary.address, .note([
                "unknown_accounts": .int(summary.failures), "from": .string(AuditRecord.timestamp(summary.from)),
                "to": .string(AuditRecord.timestamp(summary.to)), "emails_sample": .strings(summary.emails),
            ]))
        }
    }

    // MARK: API tokens

    /// Stores a new token's hash for the acting user themselves; the caller shows the secret once.
    /// With `whilePasswordHash` (a token from a password login) the token is made only if that is still
    /// the user's password hash, checked under the lock a password change takes.
    public func createToken(userID: String, name: String, secret: TokenSecret, expiresAt: Date?,
                            whilePasswordHash hash: String? = nil, context: Actor) async throws -> APITokenInfo {
        try AccessPolicy.checkOwnAccount(context, userID: userID)
        var v = Validator()
        let name = v.text(name, field: "name", max: 120)
        try v.check()
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let user = try await UserModel.require(userID, on: tx)
            if let hash, user.passwordHash != hash {
                throw RinriError.unauthenticated("the password changed while you were logging in; log in again")
            }
            let token = APITokenModel()
            token.$user.id = user.id!
            token.name = name
            token.tokenHash = secret.hash
            token.prefix = secret.prefix
            token.expiresAt = expiresAt
            try await token.create(on: tx)
            batch.add(.tokenCreate, "api_token", token.id!.uuidString,
                      .created(["user_id": .string(userID), "name": .string(name), "prefix": .string(secret.prefix)]))
            return token.info
        }
    }

    /// Revokes one of the user's tokens. - Throws: `not_found` for another user's token.
    public func revokeToken(_ tokenID: String, of userID: String, context: Actor) async throws {
        try AccessPolicy.checkOwnAccount(context, userID: userID)
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            guard let uuid = UUID(uuidString: tokenID), let token = try await APITokenModel.find(uuid, on: tx),
                  token.$user.id.uuidString == userID.uppercased() else {
                throw RinriError.notFound("API token \(tokenID)")
            }
            guard token.revokedAt == nil else { return }
            token.revokedAt = Date()
            try await token.save(on: tx)
            batch.add(.tokenRevoke, "api_token", tokenID, .note(["user_id": .string(userID), "prefix": .string(token.prefix)]))
        }
    }

    /// The active user a bearer token belongs to, with the token's expiry, or nil when the token is
    /// unknown, revoked or expired.
    public func user(bearer secret: String, now: Date = Date()) async throws -> (account: UserAccount, expiresAt: Date?)? {
        guard secret.count <= 128,
              let token = try await APITokenModel.query(on: db).filter(\.$tokenHash == TokenSecret.hash(of: secret))
            .with(\.$user, { $0.with(\.$grants) }).first(),
              token.revokedAt == nil, (token.expiresAt.map { $0 > now } ?? true), token.user.isActive else { return nil }
        if (token.lastUsedAt.map { now.timeIntervalSince($0) > 300 } ?? true) {
            token.lastUsedAt = now
            try? await token.save(on: db)
        }
        return (token.user.account(grants: token.user.grants), token.expiresAt)
    }
}

/// What a password change ended: the user's other sessions and their API tokens.
public struct CredentialsEnded: Sendable, Equatable {
    public var sessions: Int
    public var tokens: Int
}

import FluentKit
import Foundation
import RinriCore

/// Server-side browser sessions: opened at login, checked and touched on every request, closed at
/// logout, and ended for a user everywhere (logout everywhere, a password change or reset).
///
/// Only the SHA-256 of a cookie's secret is stored. Logging in and out is audited by ``UserService``.
public struct SessionService: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    /// A session's last-seen time is written at most this often, not on every request.
    static let touchInterval: TimeInterval = 60

    /// Opens a session for a user who just proved who they are; returns the cookie's secret.
    ///
    /// With `whilePasswordHash` (a password login) the session is opened only if that is still the
    /// user's password hash, checked under the write lock a password change takes: a login that was
    /// checking the old password while it changed opens nothing.
    public func open(userID: String, whilePasswordHash hash: String? = nil, address: String?, via: String,
                     now: Date = Date()) async throws -> (secret: String, session: WebSession) {
        try await AuditTrail.transaction(on: db, context: .system("session")) { tx, _ in
            let user = try await UserModel.require(userID, on: tx)
            if let hash, user.passwordHash != hash {
                throw RinriError.unauthenticated("the password changed while you were logging in; log in again")
            }
            guard user.isActive else { throw RinriError.unauthenticated("this account is deactivated") }
            let secret = TokenSecret.generate()
            let model = WebSessionModel()
            model.id = secret.hash
            model.$user.id = try user.requireID()
            model.csrf = TokenSecret.generate().value
            model.createdAt = now
            model.lastSeenAt = now
            model.address = address
            model.via = via
            try await model.create(on: tx)
            return (secret.value, model.session)
        }
    }

    /// The live session behind a cookie's secret and its active user; nil when unknown, ended or the
    /// user is deactivated. An ended session is deleted on the spot.
    public func resume(secret: String, lifetime: SessionLifetime, now: Date = Date()) async throws -> (WebSession, UserAccount)? {
        guard !secret.isEmpty, secret.count <= 128,
              let model = try await WebSessionModel.query(on: db).filter(\.$id == TokenSecret.hash(of: secret))
                .with(\.$user, { $0.with(\.$grants) }).first() else { return nil }
        if lifetime.isExpired(createdAt: model.createdAt, lastSeenAt: model.lastSeenAt, now: now) || !model.user.isActive {
            try await model.delete(on: db)
            return nil
        }
        if now.timeIntervalSince(model.lastSeenAt) >= Self.touchInterval {
            model.lastSeenAt = now
            try await model.save(on: db)
        }
        return (model.session, model.user.account(grants: model.user.grants))
    }

    /// Keeps a message for the session's next page (nil clears it).
    public func setFlash(_ text: String?, session id: String) async throws {
        try await WebSessionModel.query(on: db).filter(\.$id == id).set(\.$flash, to: text).update()
    }

    /// Ends one session.
    public func close(_ id: String) async throws {
        try await WebSessionModel.query(on: db).filter(\.$id == id).delete()
    }

    /// Ends every session of a user but `keeping` (nil ends them all); returns how many ended.
    @discardableResult
    public func closeAll(userID: String, keeping: String? = nil) async throws -> Int {
        try await Self.closeAll(userID: userID, keeping: keeping, on: db)
    }

    static func closeAll(userID: String, keeping: String?, on db: any Database) async throws -> Int {
        guard let uuid = UUID(uuidString: userID) else { return 0 }
        func matching() -> QueryBuilder<WebSessionModel> {
            let query = WebSessionModel.query(on: db).filter(\.$user.$id == uuid)
            return keeping.map { query.filter(\.$id != $0) } ?? query
        }
        let count = try await matching().count()
        try await matching().delete()
        return count
    }

    /// How many sessions a user has open.
    public func count(userID: String) async throws -> Int {
        guard let uuid = UUID(uuidString: userID) else { return 0 }
        return try await WebSessionModel.query(on: db).filter(\.$user.$id == uuid).count()
    }

    /// Deletes every session that has ended; returns how many.
    @discardableResult
    public func purgeExpired(lifetime: SessionLifetime, now: Date = Date()) async throws -> Int {
        let (idle, absolute) = lifetime.cutoffs(now: now)
        func ended() -> QueryBuilder<WebSessionModel> {
            WebSessionModel.query(on: db).group(.or) { $0.filter(\.$lastSeenAt <= idle).filter(\.$createdAt <= absolute) }
        }
        let count = try await ended().count()
        try await ended().delete()
        return count
    }
}

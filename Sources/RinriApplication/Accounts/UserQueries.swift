import FluentKit
import Foundation
import RinriCore

/// Users and their tokens as pages, the API and sign-in read them (never a password hash, except to
/// the sign-in check through ``credentials(email:)``). Reads only; ``UserService`` changes them.
public struct UserQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func count() async throws -> Int { try await UserModel.query(on: db).count() }

    public func list() async throws -> [UserAccount] {
        try await UserModel.query(on: db).with(\.$grants).sort(\.$email).all().map { $0.account(grants: $0.grants) }
    }

    /// One page of the directory, searched in names and e-mail addresses.
    public func page(_ listing: Listing<UserSort>) async throws -> ResultPage<UserAccount> {
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        return try await UserModel.query(on: db).with(\.$grants).matching(listing.search, in: ["name", "email"]).page(listing) { query in
            switch listing.sort {
            case .name: query.sort(\.$name, direction)
            case .email: query.sort(\.$email, direction)
            case .created: query.sort(\.$createdAt, direction)
            }
        }.map { $0.account(grants: $0.grants) }
    }

    public func account(id: String) async throws -> UserAccount {
        let user = try await UserModel.require(id, on: db)
        return user.account(grants: try await user.$grants.get(on: db))
    }

    /// The account with this e-mail address (compared as ``EmailAddress/normalise(_:)`` does), if any.
    public func account(email: String) async throws -> UserAccount? {
        guard let user = try await UserModel.query(on: db).filter(\.$email == EmailAddress.normalise(email)).with(\.$grants).first() else { return nil }
        return user.account(grants: user.grants)
    }

    /// The account and password hash for an e-mail, if a user has it.
    public func credentials(email: String) async throws -> (account: UserAccount, passwordHash: String)? {
        guard let user = try await UserModel.query(on: db).filter(\.$email == EmailAddress.normalise(email))
            .with(\.$grants).first() else { return nil }
        return (user.account(grants: user.grants), user.passwordHash)
    }

    public func tokens(of userID: String) async throws -> [APITokenInfo] {
        let user = try await UserModel.require(userID, on: db)
        return try await APITokenModel.query(on: db).filter(\.$user.$id == user.id!).sort(\.$createdAt, .descending)
            .all().map(\.info)
    }
}

import FluentKit
import Foundation
import RinriCore

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "language") var language: String?
    @Field(key: "is_active") var isActive: Bool
    /// Set while the password is a one-time password (first administrator, created or reset by an administrator).
    @OptionalField(key: "must_change_password") var mustChangePassword: Bool?
    @OptionalField(key: "oidc_issuer") var oidcIssuer: String?
    @OptionalField(key: "oidc_subject") var oidcSubject: String?
    @Children(for: \.$user) var grants: [RoleGrantModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(email: String, name: String, passwordHash: String) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.isActive = true
    }

    func account(grants: [RoleGrantModel]) -> UserAccount {
        UserAccount(id: id!.uuidString, email: email, name: name, language: language.flatMap(Language.init(rawValue:)),
                    isActive: isActive, grants: grants.map(\.grant).sorted { $0.role < $1.role },
                    createdAt: createdAt ?? Date(), mustChangePassword: mustChangePassword ?? false)
    }

    var auditFields: [String: AuditValue] {
        ["email": .string(email), "name": .string(name), "is_active": .bool(isActive), "language": AuditValue(language)]
    }
}

final class RoleGrantModel: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "role") var role: String
    @OptionalField(key: "org_unit_id") var orgUnitID: String?
    @OptionalField(key: "review_domain") var reviewDomain: String?

    init() {}

    init(userID: UUID, grant: RoleGrant) {
        self.$user.id = userID
        self.role = grant.role.rawValue
        self.orgUnitID = grant.orgUnitID
        self.reviewDomain = grant.reviewDomain?.rawValue
    }

    var grant: RoleGrant {
        RoleGrant(role: Role(rawValue: role) ?? .employee, orgUnitID: orgUnitID,
                  reviewDomain: reviewDomain.flatMap(ReviewDomain.init(rawValue:)))
    }
}

final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "prefix") var prefix: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    var info: APITokenInfo {
        APITokenInfo(id: id!.uuidString, name: name, prefix: prefix, createdAt: createdAt ?? Date(),
                     expiresAt: expiresAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}

extension UserModel {
    /// The user with this id. - Throws: 404 when there is none.
    static func require(_ id: String, on db: Database) async throws -> UserModel {
        guard let uuid = UUID(uuidString: id), let user = try await UserModel.find(uuid, on: db) else {
            throw RinriError.notFound("user \(id)")
        }
        return user
    }
}

extension UserModel {
    /// Whether a referenced user exists (no reference is fine).
    static func exists(_ id: String?, on db: Database) async throws -> Bool {
        guard let id else { return true }
        guard let uuid = UUID(uuidString: id) else { return false }
        return try await UserModel.find(uuid, on: db) != nil
    }

    /// Refuses a reference to a user who does not exist. - Throws: 422 `unknown_user` on `field`.
    static func checkExists(_ id: String?, field: String, on db: Database) async throws {
        guard try await exists(id, on: db) else {
            throw RinriError.invalid(field: field, code: "unknown_user", message: "no user has id \(id ?? "")")
        }
    }
}

extension UserModel {
    /// Gives the user exactly `grants`, replacing any they held; returns the stored grants.
    func setGrants(_ grants: [RoleGrant], on db: Database) async throws -> [RoleGrantModel] {
        let id = try requireID()
        try await RoleGrantModel.query(on: db).filter(\.$user.$id == id).delete()
        let models = grants.map { RoleGrantModel(userID: id, grant: $0) }
        for model in models { try await model.create(on: db) }
        return models
    }
}

import Foundation

/// A user as the rest of Rinri sees it (never with the password hash).
public struct UserAccount: Sendable, Equatable {
    public var id: String
    public var email: String
    public var name: String
    public var language: Language?
    public var isActive: Bool
    public var grants: [RoleGrant]
    public var createdAt: Date
    /// Whether the user still has a one-time password and must choose their own before doing anything else.
    public var mustChangePassword: Bool

    public init(id: String, email: String, name: String, language: Language?, isActive: Bool,
                grants: [RoleGrant], createdAt: Date, mustChangePassword: Bool = false) {
        self.mustChangePassword = mustChangePassword
        self.id = id
        self.email = email
        self.name = name
        self.language = language
        self.isActive = isActive
        self.grants = grants
        self.createdAt = createdAt
    }

    /// Whether any of the user's roles holds the permission.
    public func can(_ permission: Permission) -> Bool { AccessPolicy.allows(grants, permission) }
}

/// A personal API token as listed to its owner (the secret itself is shown once only).
public struct APITokenInfo: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The first characters of the token, to tell tokens apart.
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, prefix: String, createdAt: Date, expiresAt: Date?, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

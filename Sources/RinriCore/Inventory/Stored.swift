import Foundation

/// A stored record: its id, edit version and timestamps around the domain value.
///
/// `version` starts at 1 and grows by one on every update; an update names the
/// version it was based on and is refused with 409 when the record moved on.
public struct Stored<Value: Sendable>: Sendable {
    public var id: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var value: Value

    public init(id: String, version: Int, createdAt: Date, updatedAt: Date, value: Value) {
        self.id = id
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.value = value
    }
}

/// A user as the rest of Rinri sees it (never with the password hash).
public struct UserAccount: Sendable, Equatable {
    public var id: String
    public var email: String
    public var name: String
    public var language: Language?
    public var isActive: Bool
    public var grants: [RoleGrant]
    public var createdAt: Date

    public init(id: String, email: String, name: String, language: Language?, isActive: Bool,
                grants: [RoleGrant], createdAt: Date) {
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

/// Filters for the inventory list.
public struct SystemFilter: Sendable, Equatable {
    public var search: String?
    public var orgUnitID: String?
    public var phase: LifecyclePhase?

    public init(search: String? = nil, orgUnitID: String? = nil, phase: LifecyclePhase? = nil) {
        self.search = search
        self.orgUnitID = orgUnitID
        self.phase = phase
    }
}

/// Filters and page for reading the audit log.
public struct AuditQuery: Sendable, Equatable {
    public var entityType: String?
    public var entityID: String?
    public var actorID: String?
    public var page: Int
    public var perPage: Int

    public init(entityType: String? = nil, entityID: String? = nil, actorID: String? = nil, page: Int = 1, perPage: Int = 50) {
        self.entityType = entityType
        self.entityID = entityID
        self.actorID = actorID
        self.page = page
        self.perPage = perPage
    }
}

/// One page of results.
public struct ResultPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var perPage: Int
    public var total: Int

    public init(items: [Item], page: Int, perPage: Int, total: Int) {
        self.items = items
        self.page = page
        self.perPage = perPage
        self.total = total
    }
}

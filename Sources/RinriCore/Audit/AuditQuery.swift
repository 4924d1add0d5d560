import Foundation

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

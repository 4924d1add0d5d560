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

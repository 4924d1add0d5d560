import Foundation

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

/// How the inventory list can be ordered (`sort=name`, `sort=-updated`, …).
public enum SystemSort: String, SortColumn {
    case name, phase, updated, created
}

/// How the list of organisation units can be ordered.
public enum OrgUnitSort: String, SortColumn {
    case name, country, kind
}

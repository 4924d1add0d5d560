import Foundation

/// How the risk register can be ordered: by inherent or residual level (highest first with `-`), title,
/// likelihood, status or when the risk was entered.
public enum RiskSort: String, SortColumn {
    case inherent, residual, title, likelihood, status, created
}

/// Filters of the risk register, besides the search in titles and descriptions.
public struct RiskFilter: Sendable, Equatable {
    public var systemID: String?
    public var status: RiskStatus?
    /// Only risks whose residual level is at least this.
    public var minimumResidual: RiskLevel?
    /// Only risks that count for routing and heat maps (``RiskRecord/counts``: not closed, not flagged).
    public var counted: Bool

    public init(systemID: String? = nil, status: RiskStatus? = nil, minimumResidual: RiskLevel? = nil, counted: Bool = false) {
        self.systemID = systemID
        self.status = status
        self.minimumResidual = minimumResidual
        self.counted = counted
    }
}

import Foundation
import Vapor

/// The handlers of one feature for one surface (its JSON API or its pages): they register their
/// routes, from the feature's route enum, and stay thin — parse a typed input, call the service, present.
protocol RouteHandlers: Sendable {
    func register(_ routes: any RoutesBuilder)
}

/// Every feature's handlers, in one list: adding a feature adds its lines here.
enum Features {
    static let all: [any RouteHandlers] = [
        AuthAPI(), SessionPages(), OIDCPages(), AccountPages(), UsersAPI(), UserPages(),
        AuditAPI(), AuditPages(),
        InventoryAPI(), SystemPages(), ComponentPages(), OrgUnitPages(),
        EvidenceAPI(), EvidencePages(),
        GovernanceAPI(), GovernancePages(),
        CoverageAPI(), CoveragePages(),
        AssessmentAPI(), AssessmentPages(), QueuePages(),
        RiskAPI(), RiskPages(),
    ]
}

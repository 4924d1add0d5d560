import Foundation

/// What the landing page shows a person: what waits for them and what needs the programme's attention.
/// Each list holds the first few entries; the counts are of all of them.
public struct DashboardSummary: Sendable {
    /// Reviews, decisions and confirmations waiting for the reader (nil when their roles do no such work).
    public var queue: WorkQueue?
    /// Open follow-up actions the reader owns, soonest due first.
    public var myActions: [ActionRecord] = []
    /// Risks whose residual level is high or critical and that count (not closed, not flagged), highest first.
    public var highRisks: [RiskRecord] = []
    public var highRiskCount = 0
    /// Systems whose gates wait on open blocking follow-up actions (conditions of an approval).
    public var blockedSystems: [BlockedSystem] = []
    public var blockedSystemCount = 0
    /// Approvals that went stale (a change re-opened them) and wait for a new assessment.
    public var staleApprovals: [AssessmentListItem] = []
    public var staleApprovalCount = 0
    /// Systems in the inventory by lifecycle phase.
    public var systemsByPhase: [LifecyclePhase: Int] = [:]
    /// Names of the systems the lists mention, by id.
    public var systemNames: [String: String] = [:]

    public init() {}

    /// How many entries each list shows.
    public static let listLength = 5
    /// How far the queue's lists are counted: past this the card says "20+".
    public static let queueLimit = 20
}

/// A system with the number of open blocking actions its gate waits on.
public struct BlockedSystem: Sendable, Equatable {
    public var systemID: String
    public var openBlockingActions: Int

    public init(systemID: String, openBlockingActions: Int) {
        self.systemID = systemID
        self.openBlockingActions = openBlockingActions
    }
}

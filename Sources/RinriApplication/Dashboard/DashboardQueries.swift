import FluentKit
import Foundation
import RinriCore
import SQLKit

/// The landing page's read model: a fixed number of queries, each grouped or limited, however large
/// the inventory, the register or the log.
public struct DashboardQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// What the reader sees; `works` when their roles review, decide or confirm, `governance` when they read the register.
    public func summary(for user: Actor, works: Bool, governance: Bool) async throws -> DashboardSummary {
        var summary = DashboardSummary()
        let limit = DashboardSummary.listLength
        if works { summary.queue = try await AssessmentQueries(db).queue(for: user, limit: DashboardSummary.queueLimit) }
        summary.myActions = Array(try await AssessmentQueries(db).openActions(ownedBy: user.key).prefix(limit))
        summary.systemsByPhase = try await systemsByPhase()
        if governance {
            let risks = try await RiskQueries(db).page(RiskFilter(minimumResidual: .high, counted: true),
                                                      Listing(perPage: limit, sort: .residual, descending: true))
            (summary.highRisks, summary.highRiskCount) = (risks.items, risks.total)
            let blocked = try await blockedSystems()
            (summary.blockedSystems, summary.blockedSystemCount) = (Array(blocked.prefix(limit)), blocked.count)
            let stale = try await staleApprovals(limit: limit)
            (summary.staleApprovals, summary.staleApprovalCount) = (stale.items, stale.total)
        }
        let ids = Set(summary.highRisks.map(\.systemID) + summary.blockedSystems.map(\.systemID) + summary.myActions.map(\.systemID))
        summary.systemNames = try await InventoryQueries(db).names(of: ids)
        return summary
    }

    private func systemsByPhase() async throws -> [LifecyclePhase: Int] {
        var counts: [LifecyclePhase: Int] = [:]
        for row in try await Grouped.count(AISystemModel.schema, by: ["lifecycle_phase"], on: db) {
            if let phase = LifecyclePhase(rawValue: try row.decode(column: "lifecycle_phase", as: String.self)) {
                counts[phase] = try Grouped.number(row)
            }
        }
        return counts
    }

    /// Systems with open blocking actions, most first (one grouped query).
    private func blockedSystems() async throws -> [BlockedSystem] {
        let rows = try await Grouped.count(ActionModel.schema, by: ["system_id"], on: db) { select in
            select.where("blocking", .equal, true).where("status", .notEqual, ActionStatus.done.rawValue)
        }
        return try rows.map { BlockedSystem(systemID: try $0.decode(column: "system_id", as: UUID.self).uuidString, openBlockingActions: try Grouped.number($0)) }
            .sorted { ($0.openBlockingActions, $1.systemID) > ($1.openBlockingActions, $0.systemID) }
    }

    private func staleApprovals(limit: Int) async throws -> ResultPage<AssessmentListItem> {
        let query = AssessmentModel.query(on: db).filter(\.$staleReason != nil)
            .filter(\.$state ~~ [AssessmentState.approved.rawValue, AssessmentState.approvedWithConditions.rawValue])
        let page = try await query.page(Listing<AssessmentSort>(perPage: limit, sort: .updated, descending: true)) { $0.sort(\.$updatedAt, .descending) }
        let names = try await InventoryQueries(db).names(of: Set(page.items.map(\.systemID.uuidString)))
        return page.map { AssessmentListItem(record: $0.record, systemName: names[$0.systemID.uuidString] ?? "—", pendingReviews: []) }
    }
}

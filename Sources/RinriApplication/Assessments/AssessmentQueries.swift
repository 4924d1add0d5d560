import FluentKit
import Foundation
import RinriCore
import SQLKit

/// Assessments as pages, the API and the command line read them: lists, a case with its evaluated
/// sheets, the work queue, what the reader may do on a case, the phase gate. Reads only;
/// ``AssessmentService`` changes them. Lists load their related rows in batches, never one query per row.
public struct AssessmentQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// One page of a system's assessments.
    public func page(systemID: String, _ listing: Listing<AssessmentSort>) async throws -> ResultPage<AssessmentListItem> {
        let system = try await AISystemModel.require(systemID, on: db)
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        return try await AssessmentModel.query(on: db).filter(\.$systemID == system.id!).page(listing) { query in
            switch listing.sort {
            case .created: query.sort(\.$createdAt, direction)
            case .updated: query.sort(\.$updatedAt, direction)
            case .phase: query.sort(\.$phase, direction).sort(\.$createdAt, .descending)
            case .state: query.sort(\.$state, direction).sort(\.$createdAt, .descending)
            }
        }.map { AssessmentListItem(record: $0.record, systemName: system.name, pendingReviews: []) }
    }

    /// One page of follow-up actions (of one system, or open ones only), by due date unless asked otherwise.
    public func actions(systemID: String?, openOnly: Bool, _ listing: Listing<ActionSort>) async throws -> ResultPage<ActionRecord> {
        let query = ActionModel.query(on: db)
        if let systemID { query.filter(\.$systemID == (try await AISystemModel.require(systemID, on: db)).id!) }
        if openOnly { query.filter(\.$status != ActionStatus.done.rawValue) }
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        return try await query.matching(listing.search, in: ["title"]).page(listing) { query in
            switch listing.sort {
            case .due: query.sort(\.$dueDate, direction)
            case .status: query.sort(\.$status, direction).sort(\.$dueDate)
            case .title: query.sort(\.$title, direction)
            }
        }.map(\.record)
    }

    /// Every assessment of one system, newest first (a system has few).
    public func list(systemID: String) async throws -> [AssessmentListItem] {
        let system = try await AISystemModel.require(systemID, on: db)
        return try await AssessmentModel.query(on: db).filter(\.$systemID == system.id!).sort(\.$createdAt, .descending).all().map {
            AssessmentListItem(record: $0.record, systemName: system.name, pendingReviews: [])
        }
    }

    public func detail(_ id: String) async throws -> AssessmentDetail {
        let model = try await AssessmentModel.require(id, on: db)
        return try await AssessmentService.detail(of: model, on: db)
    }

    /// The open actions a user owns (matched by their key, ignoring case), by due date.
    public func openActions(ownedBy key: String) async throws -> [ActionRecord] {
        try await ActionModel.query(on: db).filter(\.$status != ActionStatus.done.rawValue)
            .filter(.custom(SQLQueryString("upper(\(ident: ActionModel.schema).\(ident: "owner_id")) = \(bind: key.uppercased())")))
            .sort(\.$dueDate).all().map(\.record)
    }

    /// What waits for the user: reviews of their domains, cases they decide (as frozen on the
    /// panel, or as the office), and reported actions they may confirm. Cases the user is governed
    /// by are left out: they may not act on them.
    public func queue(for user: Actor) async throws -> WorkQueue {
        let open = try await AssessmentModel.query(on: db)
            .filter(\.$state ~~ [AssessmentState.submitted.rawValue, AssessmentState.inReview.rawValue]).sort(\.$updatedAt).all()
        let ids = open.compactMap(\.id)
        let sheets = ids.isEmpty ? [] : try await SheetModel.query(on: db).filter(\.$assessmentID ~~ ids).filter(\.$reviewDomain != nil).all()
        let reported = try await ActionModel.query(on: db).filter(\.$status == ActionStatus.reported.rawValue).sort(\.$dueDate).all()
        // Only the systems these cases and actions concern: the queue never reads the whole inventory.
        let systemIDs = Set(open.map(\.systemID)).union(reported.map(\.systemID))
        let systems = systemIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await AISystemModel.query(on: db)
            .filter(\.$id ~~ systemIDs).all().map { ($0.id!, $0) })
        var queue = WorkQueue()
        for model in open {
            guard let system = systems[model.systemID], !user.isGoverned(by: system, case: model) else { continue }
            let pending = sheets.filter { $0.assessmentID == model.id && $0.sheet.reviewConclusion == nil }
                .compactMap { $0.reviewDomain.flatMap(ReviewDomain.init(rawValue:)) }.filter(user.reviews)
            let item = AssessmentListItem(record: model.record, systemName: system.name, pendingReviews: pending)
            if !pending.isEmpty { queue.reviews.append(item) }
            let route = model.route.flatMap(ApprovalRoute.init(rawValue:))
            if (route == .committee && model.panel.contains { $0.userID == user.key }) || (route != .selfCheck && user.isGovernanceOffice) {
                queue.decisions.append(item)
            }
        }
        let cases = reported.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await AssessmentModel.query(on: db)
            .filter(\.$id ~~ Set(reported.map(\.assessmentID))).all().map { ($0.id!, $0) })
        for action in reported {
            guard let model = cases[action.assessmentID], let system = systems[action.systemID] else { continue }
            let actor = AssessmentActor(ownsSystem: user.owns(system), isGovernanceOffice: user.isGovernanceOffice,
                                        isGoverned: user.isGoverned(by: system, case: model),
                                        panelRole: model.panel.first { $0.userID == user.key }?.role, reviewDomains: [])
            if (try? ActionPolicy.checkConfirm(action.record, route: model.route.flatMap(ApprovalRoute.init(rawValue:)), actor: actor, userID: user.key)) != nil {
                queue.confirmations.append((action.record, system.name))
            }
        }
        return queue
    }

    /// What the user is for this assessment (owner, office, chair of the deciding body), for pages that offer only allowed steps.
    public func actor(_ id: String, user: Actor) async throws -> AssessmentActor {
        let model = try await AssessmentModel.require(id, on: db)
        let system = try await AISystemModel.require(model.systemID, on: db)
        return try await AssessmentService.actor(user, system: system, model: model, on: db)
    }

    /// Whether the user may answer this sheet now.
    public func mayAnswer(_ detail: AssessmentDetail, templateID: String, user: Actor) async throws -> Bool {
        let model = try await AssessmentModel.require(detail.record.id, on: db)
        guard let sheet = try await SheetModel.query(on: db).filter(\.$assessmentID == model.id!).filter(\.$templateID == templateID).first(),
              let system = try await AISystemModel.find(model.systemID, on: db) else { return false }
        return (try? await AssessmentService.checkMayAnswer(sheet, model: model, system: system, user: user, on: db)) != nil
    }

    /// What keeps the system from moving to `target` (empty when nothing does).
    public func gate(systemID: String, to target: LifecyclePhase) async throws -> [GateBlocker] {
        let system = try await AISystemModel.require(systemID, on: db)
        return try await GovernanceHooks.gateBlockers(system, to: target, on: db)
    }

    /// Committee cases awaiting a decision (submitted or in review), newest first, each with its detail.
    public func agenda() async throws -> [AssessmentDetail] {
        let models = try await AssessmentModel.query(on: db).filter(\.$route == ApprovalRoute.committee.rawValue)
            .filter(\.$state ~~ [AssessmentState.submitted.rawValue, AssessmentState.inReview.rawValue])
            .sort(\.$createdAt, .descending).all()
        return try await AssessmentDetails.load(models, on: db)
    }
}

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
    ///
    /// Each list holds at most `limit` entries, those that waited longest, and says when more wait
    /// (``WorkQueue/more``): the candidates are found by the database and read a chunk at a time until
    /// every list is full, so the queue costs the same however many cases are open.
    public func queue(for user: Actor, limit: Int = WorkQueue.defaultLimit) async throws -> WorkQueue {
        var queue = WorkQueue()
        let open = [AssessmentState.submitted.rawValue, AssessmentState.inReview.rawValue]
        let domains = ReviewDomain.allCases.filter(user.reviews).map(\.rawValue)
        if !domains.isEmpty {
            var reviewed = SQLQueryString("\(ident: AssessmentModel.schema).\(ident: "id") IN (SELECT \(ident: "assessment_id") FROM ")
            reviewed.appendInterpolation(ident: SheetModel.schema)
            reviewed.appendLiteral(" WHERE ")
            reviewed.appendInterpolation(ident: "review_domain")
            reviewed.appendLiteral(" IN (")
            reviewed.appendInterpolation(binds: domains)
            reviewed.appendLiteral("))")
            let candidates = AssessmentModel.query(on: db).filter(\.$state ~~ open).filter(.custom(reviewed)).sort(\.$updatedAt).sort(\.$id)
            try await scan(candidates, user: user, limit: limit) { models, systems in
                let ids = models.compactMap(\.id)
                let sheets = try await SheetModel.query(on: db).filter(\.$assessmentID ~~ ids).filter(\.$reviewDomain ~~ domains).all()
                for model in models {
                    guard let system = systems[model.systemID], !user.isGoverned(by: system, case: model) else { continue }
                    let pending = sheets.filter { $0.assessmentID == model.id && $0.sheet.reviewConclusion == nil }
                        .compactMap { $0.reviewDomain.flatMap(ReviewDomain.init(rawValue:)) }.filter(user.reviews)
                    guard !pending.isEmpty else { continue }
                    if queue.reviews.count == limit { queue.more.insert(.reviews); return false }
                    queue.reviews.append(AssessmentListItem(record: model.record, systemName: system.name, pendingReviews: pending))
                }
                return true
            }
        }
        if user.isGovernanceOffice || user.grants.contains(where: { $0.role == .committeeChair || $0.role == .committeeMember }) {
            let candidates = AssessmentModel.query(on: db).filter(\.$state ~~ open).filter(\.$route != nil)
                .filter(\.$route != ApprovalRoute.selfCheck.rawValue).sort(\.$updatedAt).sort(\.$id)
            if !user.isGovernanceOffice {
                candidates.filter(\.$route == ApprovalRoute.committee.rawValue)
                    .filter(.custom(SQLQueryString("\(ident: AssessmentModel.schema).\(ident: "panel") LIKE \(bind: "%" + user.key + "%")")))
            }
            try await scan(candidates, user: user, limit: limit) { models, systems in
                for model in models {
                    guard let system = systems[model.systemID], !user.isGoverned(by: system, case: model) else { continue }
                    let route = model.route.flatMap(ApprovalRoute.init(rawValue:))
                    guard (route == .committee && model.panel.contains { $0.userID == user.key }) || (route != .selfCheck && user.isGovernanceOffice)
                    else { continue }
                    if queue.decisions.count == limit { queue.more.insert(.decisions); return false }
                    queue.decisions.append(AssessmentListItem(record: model.record, systemName: system.name, pendingReviews: []))
                }
                return true
            }
        }
        let reported = ActionModel.query(on: db).filter(\.$status == ActionStatus.reported.rawValue).sort(\.$dueDate).sort(\.$id)
        var offset = 0
        while !queue.more.contains(.confirmations) {
            let actions = try await reported.copy().offset(offset).limit(Self.chunk).all()
            offset += actions.count
            let cases = actions.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await AssessmentModel.query(on: db)
                .filter(\.$id ~~ Set(actions.map(\.assessmentID))).all().map { ($0.id!, $0) })
            let systems = try await systemsByID(Set(actions.map(\.systemID)))
            for action in actions {
                guard let model = cases[action.assessmentID], let system = systems[action.systemID] else { continue }
                let actor = AssessmentActor(ownsSystem: user.owns(system), isGovernanceOffice: user.isGovernanceOffice,
                                            isGoverned: user.isGoverned(by: system, case: model),
                                            panelRole: model.panel.first { $0.userID == user.key }?.role, reviewDomains: [])
                guard (try? ActionPolicy.checkConfirm(action.record, route: model.route.flatMap(ApprovalRoute.init(rawValue:)), actor: actor,
                                                       userID: user.key)) != nil else { continue }
                if queue.confirmations.count == limit { queue.more.insert(.confirmations); break }
                queue.confirmations.append((action.record, system.name))
            }
            if actions.count < Self.chunk { break }
        }
        return queue
    }

    /// Cases read per query while the queue is filled: a little more than a full list, so one read
    /// usually fills it.
    private static let chunk = WorkQueue.defaultLimit + 14

    /// Reads `candidates` a chunk at a time, with their systems, and hands each chunk to `take` until it
    /// answers false (its list is full) or the candidates run out.
    private func scan(_ candidates: QueryBuilder<AssessmentModel>, user: Actor, limit: Int,
                      _ take: ([AssessmentModel], [UUID: AISystemModel]) async throws -> Bool) async throws {
        var offset = 0
        while true {
            let models = try await candidates.copy().offset(offset).limit(Self.chunk).all()
            offset += models.count
            guard try await take(models, try await systemsByID(Set(models.map(\.systemID)))), models.count == Self.chunk else { return }
        }
    }

    private func systemsByID(_ ids: Set<UUID>) async throws -> [UUID: AISystemModel] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await AISystemModel.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
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

    /// A page of the committee cases awaiting a decision (submitted or in review), newest first, each with its detail.
    public func agenda(_ listing: Listing<AssessmentSort>) async throws -> ResultPage<AssessmentDetail> {
        let page = try await AssessmentModel.query(on: db).filter(\.$route == ApprovalRoute.committee.rawValue)
            .filter(\.$state ~~ [AssessmentState.submitted.rawValue, AssessmentState.inReview.rawValue])
            .page(listing) { $0.sort(\.$createdAt, listing.descending ? .descending : .ascending) }
        return ResultPage(items: try await AssessmentDetails.load(page.items, on: db), page: page.page, perPage: page.perPage, total: page.total)
    }
}

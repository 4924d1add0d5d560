import FluentKit
import Foundation
import RinriCore

extension AssessmentStore {
    /// Submits, withdraws, starts the review of or reopens an assessment (decisions go through ``decide(_:_:version:user:)``).
    public func transition(_ id: String, _ transition: AssessmentTransition, version: Int, user: GovernanceUser) async throws -> AssessmentDetail {
        guard !transition.isDecision else {
            throw RinriError.invalid(field: "transition", code: "use_decision", message: "decisions are recorded with POST …/decision, with a rationale")
        }
        let before = try await detail(id)
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let model = try await Self.find(id, on: tx)
            let system = try await AISystemModel.find(model.systemID, on: tx)!
            let actor = try await Self.actor(user, system: system, bodyKey: model.bodyKey, on: tx)
            try AssessmentWorkflow.check(transition, from: AssessmentState(rawValue: model.state) ?? .draft,
                                         route: model.route.flatMap(ApprovalRoute.init(rawValue:)), actor: actor)
            var routing: ApprovalPolicy.Rule?
            var level: RiskLevel?
            if transition == .submit {
                try Self.checkComplete(before)
                let risks = try await RiskStore(tx).records(systemID: system.id!.uuidString)
                level = ApprovalPolicy.caseLevel(risks.filter(\.counts).map(\.residualLevel))
                routing = try await GovernanceStore(tx).approvalPolicy().policy.route(level: level!, phase: before.record.phase)
            }
            if transition == .reopen {
                // A reworked case is reviewed and voted on afresh.
                for vote in try await VoteModel.query(on: tx).filter(\.$assessmentID == model.id!).all() {
                    try await vote.deleteAudited(expected: nil, on: tx, batch)
                }
                for review in try await SheetModel.query(on: tx).filter(\.$assessmentID == model.id!).filter(\.$reviewDomain != nil).all()
                where !review.answers.isEmpty {
                    try await review.updateAudited(expected: review.version, on: tx, batch) { review.answers = [:] }
                }
            }
            try await model.updateAudited(expected: version, on: tx, batch) {
                model.state = transition.to.rawValue
                if transition == .submit {
                    model.caseLevel = level?.rawValue
                    model.route = routing?.route.rawValue
                    model.bodyKey = routing?.route == .committee ? routing?.body : nil
                    model.quorum = routing?.route == .committee ? routing?.quorum : nil
                } else if transition == .withdraw || transition == .reopen {
                    (model.route, model.bodyKey, model.quorum, model.caseLevel) = (nil, nil, nil, nil)
                }
            }
        }
        return try await detail(id)
    }

    static func checkComplete(_ detail: AssessmentDetail) throws {
        var v = Validator()
        for sheet in detail.sheets {
            let evaluation = sheet.evaluation
            if !evaluation.unanswered.isEmpty {
                v.add(sheet.template.id, "incomplete", "\(sheet.template.id): \(evaluation.unanswered.count) question(s) unanswered, first \(evaluation.unanswered[0])")
            }
            if !evaluation.missingEvidence.isEmpty {
                v.add(sheet.template.id, "evidence_missing", "\(sheet.template.id): \(evaluation.missingEvidence.count) answer(s) need evidence, first \(evaluation.missingEvidence[0])")
            }
        }
        try v.check()
    }

    static func actor(_ user: GovernanceUser, system: AISystemModel, bodyKey: String?, on db: Database) async throws -> AssessmentActor {
        let memberships = try await GovernanceStore(db).memberships(of: user.id)
        return AssessmentActor(ownsSystem: user.owns(system), isGovernanceOffice: user.isGovernanceOffice,
                               chairsDecidingBody: bodyKey.map { memberships[$0] == .chair } ?? false)
    }

    // MARK: Votes and decisions

    /// Records (or changes) a committee member's vote on a case in review.
    public func vote(_ id: String, _ vote: Vote, comment: String, user: GovernanceUser) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let model = try await Self.find(id, on: tx)
            guard model.state == AssessmentState.inReview.rawValue, model.route == ApprovalRoute.committee.rawValue, let key = model.bodyKey else {
                throw RinriError.conflict(code: "not_voting", "votes are cast on committee cases in review")
            }
            guard try await GovernanceStore(tx).memberships(of: user.id)[key] != nil else {
                throw RinriError.forbidden("only members of \(key) vote on this case")
            }
            let userID = UUID(uuidString: user.id)!
            if let existing = try await VoteModel.query(on: tx).filter(\.$assessmentID == model.id!).filter(\.$userID == userID).first() {
                try await existing.updateAudited(expected: existing.version, on: tx, batch) {
                    existing.vote = vote.rawValue
                    existing.comment = comment
                }
            } else {
                let model2 = VoteModel()
                (model2.assessmentID, model2.userID, model2.vote, model2.comment) = (model.id!, userID, vote.rawValue, comment)
                try await model2.createAudited(on: tx, batch)
            }
            try await Self.touch(model, on: tx)
        }
        return try await detail(id)
    }

    /// Records the decision on a case in review: outcome, rationale, evidence seen and conditions
    /// (which become follow-up actions).
    public func decide(_ id: String, _ decision: DecisionInput, version: Int, user: GovernanceUser) async throws -> AssessmentDetail {
        let before = try await detail(id)
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let model = try await Self.find(id, on: tx)
            let system = try await AISystemModel.find(model.systemID, on: tx)!
            let route = model.route.flatMap(ApprovalRoute.init(rawValue:))
            let actor = try await Self.actor(user, system: system, bodyKey: model.bodyKey, on: tx)
            try AssessmentWorkflow.check(decision.outcome, from: AssessmentState(rawValue: model.state) ?? .draft, route: route, actor: actor)
            guard model.version == version else { throw RinriError.staleVersion(expected: version, current: model.version) }
            if !before.pendingReviews.isEmpty {
                throw RinriError.conflict(code: "reviews_pending",
                                          "waiting for the \(before.pendingReviews.map(\.rawValue).joined(separator: ", ")) review(s) to conclude")
            }
            if route == .committee {
                try CommitteeRules.check(decision: decision.outcome, votes: before.votes.map(\.vote), quorum: model.quorum ?? 1)
            }
            try await Self.checkEvidence(decision.evidenceSeen, of: system, on: tx)
            for condition in decision.conditions {
                if let owner = condition.ownerID, try await UserModel.find(UUID(uuidString: owner), on: tx) == nil {
                    throw RinriError.invalid(field: "conditions.owner_id", code: "unknown_user", message: "no user has id \(owner)")
                }
            }
            let fieldsBefore = model.auditFields
            model.state = decision.outcome.to.rawValue
            model.rationale = decision.rationale
            model.evidenceSeen = decision.evidenceSeen
            model.decidedAt = Date()
            model.version += 1
            try await model.save(on: tx)
            batch.add(.decision, AssessmentModel.entityType, model.id!.uuidString,
                      AuditChanges.updated(from: fieldsBefore, to: model.auditFields))
            for condition in decision.conditions {
                let action = ActionModel()
                (action.assessmentID, action.systemID) = (model.id!, system.id!)
                action.apply(condition)
                try await action.createAudited(on: tx, batch)
            }
        }
        return try await detail(id)
    }

    private static func checkEvidence(_ ids: [String], of system: AISystemModel, on tx: Database) async throws {
        for id in ids {
            guard let evidence = try await EvidenceModel.find(UUID(uuidString: id), on: tx), evidence.systemID == system.id else {
                throw RinriError.invalid(field: "evidence_seen", code: "unknown_evidence", message: "evidence \(id) does not belong to this system")
            }
        }
    }

    // MARK: Follow-up actions

    public func actions(systemID: String? = nil, openOnly: Bool = false) async throws -> [ActionRecord] {
        var query = ActionModel.query(on: db)
        if let systemID { query = query.filter(\.$systemID == (try await InventoryStore(db).findSystem(systemID, on: db)).id!) }
        if openOnly { query = query.filter(\.$status == ActionStatus.open.rawValue) }
        return try await query.sort(\.$dueDate).all().map(\.record)
    }

    /// Marks a follow-up action done (its owner, the system's owner or the governance office).
    public func closeAction(_ actionID: String, note: String, version: Int, user: GovernanceUser) async throws -> ActionRecord {
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            guard let uuid = UUID(uuidString: actionID), let action = try await ActionModel.find(uuid, on: tx) else {
                throw RinriError.notFound("follow-up action \(actionID)")
            }
            let system = try await AISystemModel.find(action.systemID, on: tx)!
            guard action.ownerID?.uppercased() == user.id.uppercased() || user.owns(system) || user.isGovernanceOffice else {
                throw RinriError.forbidden("only the action's owner, the system's owner or the governance office closes it")
            }
            guard action.status == ActionStatus.open.rawValue else {
                throw RinriError.conflict(code: "already_done", "this action is already done")
            }
            try await action.updateAudited(expected: version, on: tx, batch) {
                action.status = ActionStatus.done.rawValue
                action.note = note
            }
            return action.record
        }
    }

    // MARK: Queues

    /// Cases waiting for the user: reviews of their domains, committee cases of their bodies,
    /// and office cases for the governance office.
    public func queue(for user: GovernanceUser) async throws -> (reviews: [AssessmentListItem], decisions: [AssessmentListItem]) {
        let memberships = try await GovernanceStore(db).memberships(of: user.id)
        let names = try await systemNames()
        let open = try await AssessmentModel.query(on: db)
            .filter(\.$state ~~ [AssessmentState.submitted.rawValue, AssessmentState.inReview.rawValue]).sort(\.$updatedAt).all()
        var reviews: [AssessmentListItem] = []
        var decisions: [AssessmentListItem] = []
        for model in open {
            let sheets = try await SheetModel.query(on: db).filter(\.$assessmentID == model.id!).all()
            let pending = sheets.filter { $0.reviewDomain != nil && $0.sheet.reviewConclusion == nil }
                .compactMap { $0.reviewDomain.flatMap(ReviewDomain.init(rawValue:)) }.filter(user.reviews)
            let item = AssessmentListItem(record: model.record, systemName: names[model.systemID] ?? "?", pendingReviews: pending)
            if !pending.isEmpty { reviews.append(item) }
            let route = model.route.flatMap(ApprovalRoute.init(rawValue:))
            if (route == .committee && model.bodyKey.map { memberships[$0] != nil } == true)
                || (route == .governanceOffice && user.isGovernanceOffice) || (route == .committee && user.isGovernanceOffice) {
                decisions.append(item)
            }
        }
        return (reviews, decisions)
    }
}

extension AssessmentStore {
    /// What the user is for this assessment (owner, office, chair of the deciding body), for pages that offer only allowed steps.
    public func actor(_ id: String, user: GovernanceUser) async throws -> AssessmentActor {
        let model = try await Self.find(id, on: db)
        let system = try await AISystemModel.find(model.systemID, on: db)!
        return try await Self.actor(user, system: system, bodyKey: model.bodyKey, on: db)
    }

    /// Whether the user may answer this sheet now.
    public func mayAnswer(_ detail: AssessmentDetail, templateID: String, user: GovernanceUser) async throws -> Bool {
        guard let sheet = try await SheetModel.query(on: db).filter(\.$assessmentID == UUID(uuidString: detail.record.id)!)
            .filter(\.$templateID == templateID).first(),
              let system = try await AISystemModel.find(UUID(uuidString: detail.record.systemID), on: db) else { return false }
        return (try? Self.checkMayAnswer(sheet, state: detail.record.state, system: system, user: user)) != nil
    }
}

import FluentKit
import Foundation
import RinriCore

extension AssessmentService {
    /// Submits, withdraws, starts the review of or reopens an assessment (decisions go through ``decide(_:_:version:user:)``).
    ///
    /// On submission the case is routed at the level ``ApprovalPolicy/caseLevel(raised:register:)``
    /// gives, and for a committee route the deciding body's membership is frozen on the case.
    public func transition(_ id: String, _ transition: AssessmentTransition, version: Int, user: Actor) async throws -> AssessmentDetail {
        guard !transition.isDecision else {
            throw RinriError.invalid(field: "transition", code: "use_decision", message: "decisions are recorded with POST …/decision, with a rationale")
        }
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await AssessmentModel.require(id, on: tx)
            let system = try await AISystemModel.require(model.systemID, on: tx)
            batch.touch([.coverage], system: system.id!)
            let actor = try await Self.actor(user, system: system, model: model, on: tx)
            try AssessmentWorkflow.check(transition, from: AssessmentState(rawValue: model.state) ?? .draft,
                                         route: model.route.flatMap(ApprovalRoute.init(rawValue:)), actor: actor)
            guard model.version == version else { throw RinriError.staleVersion(expected: version, current: model.version) }
            var routing: ApprovalPolicy.Rule?
            var level: RiskLevel?
            var panel: [PanelMember] = []
            if transition == .submit {
                let detail = try await Self.detail(of: model, on: tx)
                try Self.checkComplete(detail)
                let register = try await RiskQueries(tx).records(systemID: system.id!.uuidString)
                level = ApprovalPolicy.caseLevel(raised: detail.raisedRisks, register: register)
                routing = try await GovernanceQueries(tx).approvalPolicy().policy.route(level: level!, phase: detail.record.phase)
                if routing?.route == .committee, let body = routing?.body { panel = try await GovernanceService(tx).panel(of: body) }
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
                    model.panel = panel
                    model.submittedBy = user.key
                } else if transition == .withdraw || transition == .reopen {
                    (model.route, model.bodyKey, model.quorum, model.caseLevel) = (nil, nil, nil, nil)
                    model.panel = []
                }
            }
        }
        return try await AssessmentQueries(db).detail(id)
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

    /// What the user is for this case: owner side, governed, office, role on the deciding body (frozen and now), review domains.
    static func actor(_ user: Actor, system: AISystemModel, model: AssessmentModel, on db: Database) async throws -> AssessmentActor {
        let current = try await model.bodyKey.asyncFlatMap { try await GovernanceQueries(db).memberships(of: user.key)[$0] }
        return AssessmentActor(ownsSystem: user.owns(system), isGovernanceOffice: user.isGovernanceOffice,
                               isGoverned: user.isGoverned(by: system, case: model),
                               panelRole: model.panel.first { $0.userID == user.key }?.role, currentBodyRole: current,
                               reviewDomains: user.reviewDomains)
    }

    // MARK: Votes and decisions

    /// Records (or changes) a committee member's vote on a case in review.
    public func vote(_ id: String, _ vote: Vote, comment: String, user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await AssessmentModel.require(id, on: tx)
            guard model.state == AssessmentState.inReview.rawValue, model.route == ApprovalRoute.committee.rawValue, let key = model.bodyKey else {
                throw RinriError.conflict(code: "not_voting", "votes are cast on committee cases in review")
            }
            let system = try await AISystemModel.require(model.systemID, on: tx)
            try AssessmentWorkflow.checkVote(actor: try await Self.actor(user, system: system, model: model, on: tx), bodyKey: key)
            let userID = try user.userUUID()
            if let existing = try await VoteModel.query(on: tx).filter(\.$assessmentID == model.id!).filter(\.$userID == userID).first() {
                try await existing.updateAudited(expected: existing.version, on: tx, batch) {
                    existing.vote = vote.rawValue
                    existing.comment = comment
                }
            } else {
                let ballot = VoteModel()
                (ballot.assessmentID, ballot.userID, ballot.vote, ballot.comment) = (model.id!, userID, vote.rawValue, comment)
                try await ballot.createAudited(on: tx, batch)
            }
            try await Self.touch(model, on: tx)
        }
        return try await AssessmentQueries(db).detail(id)
    }

    /// Records the decision on a case in review: outcome, rationale, evidence seen, overrides of
    /// reviews, and conditions — the decision's and those of reviews approved with conditions —
    /// which become follow-up actions. Every check reads the case inside the transaction.
    public func decide(_ id: String, _ decision: DecisionInput, version: Int, user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await AssessmentModel.require(id, on: tx)
            let system = try await AISystemModel.require(model.systemID, on: tx)
            let route = model.route.flatMap(ApprovalRoute.init(rawValue:))
            let actor = try await Self.actor(user, system: system, model: model, on: tx)
            try AssessmentWorkflow.check(decision.outcome, from: AssessmentState(rawValue: model.state) ?? .draft, route: route, actor: actor)
            guard model.version == version else { throw RinriError.staleVersion(expected: version, current: model.version) }
            let detail = try await Self.detail(of: model, on: tx)
            try DecisionRules.checkReviews(outcome: decision.outcome, route: route,
                                           conclusions: detail.reviews.compactMap { r in r.sheet.reviewDomain.map { ($0, r.sheet.reviewConclusion) } },
                                           overrides: decision.overrideReviews)
            if route == .committee {
                let counted = try await Self.countedVotes(detail.votes, system: system, model: model, on: tx)
                try CommitteeRules.check(decision: decision.outcome, votes: counted, quorum: model.quorum ?? 1,
                                         recused: detail.votes.count - counted.count)
            }
            try await EvidenceModel.checkBelong(decision.evidenceSeen, to: system, field: "evidence_seen", on: tx)
            for condition in decision.conditions {
                try await UserModel.checkExists(condition.ownerID, field: "conditions.owner_id", on: tx)
            }
            let fieldsBefore = model.auditFields
            model.state = decision.outcome.to.rawValue
            model.rationale = decision.rationale
            model.evidenceSeen = decision.evidenceSeen
            model.reviewOverrides = decision.overrideReviews
            model.decidedAt = Date()
            model.version += 1
            try await model.save(on: tx)
            batch.add(.decision, AssessmentModel.entityType, model.id!.uuidString,
                      AuditChanges.updated(from: fieldsBefore, to: model.auditFields))
            var conditions = decision.conditions.map { ("decision", $0) }
            if decision.outcome != .reject {
                let reviews = detail.reviews.compactMap { r in
                    r.sheet.reviewDomain.map { (domain: $0, conclusion: r.sheet.reviewConclusion, conditions: r.sheet.reviewConditions) }
                }
                conditions += DecisionRules.reviewConditions(reviews, ownerID: system.ownerID?.uuidString).map { ("review:\($0.domain.rawValue)", $0.action) }
            }
            for (source, condition) in conditions {
                let action = ActionModel()
                (action.assessmentID, action.systemID, action.source) = (model.id!, system.id!, source)
                action.apply(condition)
                try await action.createAudited(on: tx, batch)
            }
        }
        return try await AssessmentQueries(db).detail(id)
    }

    /// The votes that count: cast by members of the frozen panel who are not governed by the case (recused members' votes do not).
    static func countedVotes(_ votes: [VoteRecord], system: AISystemModel, model: AssessmentModel, on tx: Database) async throws -> [Vote] {
        let panel = Set(model.panel.map(\.userID))
        let onPanel = votes.filter { panel.contains($0.userID.uppercased()) }
        let ids = onPanel.compactMap { UUID(uuidString: $0.userID) }
        let grants = Dictionary(grouping: ids.isEmpty ? [] : try await RoleGrantModel.query(on: tx).filter(\.$user.$id ~~ ids).all(),
                                by: { $0.$user.id.uuidString })
        return onPanel.filter { vote in
            let voter = Actor(id: vote.userID, label: "voter", grants: (grants[vote.userID.uppercased()] ?? []).map(\.grant))
            return !voter.isGoverned(by: system, case: model)
        }.map(\.vote)
    }

    // MARK: Re-classification

    /// Records the governance office's reasoned re-classification of the system the screening of this
    /// assessment classified; a prohibited classification keeps every gate closed until one is recorded.
    public func reclassify(_ id: String, tier: RiskTier, reason: String, version: Int, user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await AssessmentModel.require(id, on: tx)
            let system = try await AISystemModel.require(model.systemID, on: tx)
            batch.touch([.coverage], system: system.id!)
            let actor = try await Self.actor(user, system: system, model: model, on: tx)
            try Reclassification.check(actor: actor, hasScreening: try await Self.detail(of: model, on: tx).screeningTier != nil)
            try await model.updateAudited(expected: version, on: tx, batch) {
                model.reclassification = Reclassification(tier: tier, reason: reason, by: user.key, at: Date())
            }
        }
        return try await AssessmentQueries(db).detail(id)
    }

    // MARK: Follow-up actions

    /// Reports a follow-up action done (its owner or the system's owner side), with a note and the evidence that shows it.
    public func reportAction(_ actionID: String, note: String, evidence: [String], version: Int, user: Actor) async throws -> ActionRecord {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let action = try await Self.findAction(actionID, on: tx)
            let system = try await AISystemModel.require(action.systemID, on: tx)
            try ActionPolicy.checkReport(action.record, userID: user.key, ownsSystem: user.owns(system))
            try await EvidenceModel.checkBelong(evidence, to: system, field: "evidence_ids", on: tx)
            try await action.updateAudited(expected: version, on: tx, batch) {
                action.status = ActionStatus.reported.rawValue
                action.note = note
                action.reportedBy = user.key
                action.reportEvidence = evidence
            }
            return action.record
        }
    }

    /// Confirms a reported action (it becomes done) or sends it back to open, by the decider of its case or the office.
    public func confirmAction(_ actionID: String, confirmed: Bool, note: String, version: Int, user: Actor) async throws -> ActionRecord {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let action = try await Self.findAction(actionID, on: tx)
            let system = try await AISystemModel.require(action.systemID, on: tx)
            let model = try await AssessmentModel.find(action.assessmentID, on: tx)!
            let actor = try await Self.actor(user, system: system, model: model, on: tx)
            try ActionPolicy.checkConfirm(action.record, route: model.route.flatMap(ApprovalRoute.init(rawValue:)), actor: actor, userID: user.key)
            try await action.updateAudited(expected: version, on: tx, batch) {
                action.status = (confirmed ? ActionStatus.done : .open).rawValue
                action.confirmationNote = note.isEmpty ? nil : note
                action.confirmedBy = confirmed ? user.key : nil
                action.confirmedAt = confirmed ? Date() : nil
            }
            return action.record
        }
    }

    private static func findAction(_ id: String, on db: Database) async throws -> ActionModel {
        guard let uuid = UUID(uuidString: id), let action = try await ActionModel.find(uuid, on: db) else {
            throw RinriError.notFound("follow-up action \(id)")
        }
        return action
    }
}

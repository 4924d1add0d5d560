import FluentKit
import Foundation
import RinriCore

extension AssessmentStore {
    /// Submits, withdraws, starts the review of or reopens an assessment (decisions go through ``decide(_:_:version:user:)``).
    ///
    /// On submission the case is routed at the level ``ApprovalPolicy/caseLevel(raised:register:)``
    /// gives, and for a committee route the deciding body's membership is frozen on the case.
    public func transition(_ id: String, _ transition: AssessmentTransition, version: Int, user: Actor) async throws -> AssessmentDetail {
        guard !transition.isDecision else {
            throw RinriError.invalid(field: "transition", code: "use_decision", message: "decisions are recorded with POST …/decision, with a rationale")
        }
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await Self.find(id, on: tx)
            let system = try await AISystemModel.find(model.systemID, on: tx)!
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
                let register = try await RiskStore(tx).records(systemID: system.id!.uuidString)
                level = ApprovalPolicy.caseLevel(raised: detail.raisedRisks, register: register)
                routing = try await GovernanceStore(tx).approvalPolicy().policy.route(level: level!, phase: detail.record.phase)
                if routing?.route == .committee, let body = routing?.body { panel = try await GovernanceStore(tx).panel(of: body) }
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

    /// What the user is for this case: owner side, governed, office, role on the deciding body (frozen and now), review domains.
    static func actor(_ user: Actor, system: AISystemModel, model: AssessmentModel, on db: Database) async throws -> AssessmentActor {
        let current = try await model.bodyKey.asyncFlatMap { try await GovernanceStore(db).memberships(of: user.key)[$0] }
        return AssessmentActor(ownsSystem: user.owns(system), isGovernanceOffice: user.isGovernanceOffice,
                               isGoverned: user.isGoverned(by: system, case: model),
                               panelRole: model.panel.first { $0.userID == user.key }?.role, currentBodyRole: current,
                               reviewDomains: user.reviewDomains)
    }

    // MARK: Votes and decisions

    /// Records (or changes) a committee member's vote on a case in review.
    public func vote(_ id: String, _ vote: Vote, comment: String, user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await Self.find(id, on: tx)
            guard model.state == AssessmentState.inReview.rawValue, model.route == ApprovalRoute.committee.rawValue, let key = model.bodyKey else {
                throw RinriError.conflict(code: "not_voting", "votes are cast on committee cases in review")
            }
            let system = try await AISystemModel.find(model.systemID, on: tx)!
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
        return try await detail(id)
    }

    /// Records the decision on a case in review: outcome, rationale, evidence seen, overrides of
    /// reviews, and conditions — the decision's and those of reviews approved with conditions —
    /// which become follow-up actions. Every check reads the case inside the transaction.
    public func decide(_ id: String, _ decision: DecisionInput, version: Int, user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await Self.find(id, on: tx)
            let system = try await AISystemModel.find(model.systemID, on: tx)!
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
        return try await detail(id)
    }

    /// The votes that count: cast by members of the frozen panel who are not governed by the case (recused members' votes do not).
    static func countedVotes(_ votes: [VoteRecord], system: AISystemModel, model: AssessmentModel, on tx: Database) async throws -> [Vote] {
        let panel = Set(model.panel.map(\.userID))
        var counted: [Vote] = []
        for vote in votes where panel.contains(vote.userID.uppercased()) {
            let grants = try await RoleGrantModel.query(on: tx).filter(\.$user.$id == UUID(uuidString: vote.userID)!).all().map(\.grant)
            let voter = Actor(id: vote.userID, label: "voter", grants: grants)
            if !voter.isGoverned(by: system, case: model) { counted.append(vote.vote) }
        }
        return counted
    }

    private static func checkEvidence(_ ids: [String], of system: AISystemModel, on tx: Database, field: String = "evidence_seen") async throws {
        for id in ids {
            guard let evidence = try await EvidenceModel.find(UUID(uuidString: id), on: tx), evidence.systemID == system.id else {
                throw RinriError.invalid(field: field, code: "unknown_evidence", message: "evidence \(id) does not belong to this system")
            }
        }
    }

    // MARK: Re-classification

    /// Records the governance office's reasoned re-classification of the system the screening of this
    /// assessment classified; a prohibited classification keeps every gate closed until one is recorded.
    public func reclassify(_ id: String, tier: RiskTier, reason: String, version: Int, user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await Self.find(id, on: tx)
            let system = try await AISystemModel.find(model.systemID, on: tx)!
            guard user.isGovernanceOffice else {
                throw RinriError.forbidden(code: "office_only", "only the governance office re-classifies a screened system, with a reason")
            }
            guard !user.isGoverned(by: system, case: model) else {
                throw RinriError.forbidden(code: "own_exception", "you own or answered this case: another member of the governance office re-classifies it")
            }
            guard try await Self.detail(of: model, on: tx).screeningTier != nil else {
                throw RinriError.conflict(code: "no_screening", "this assessment has no completed EU AI Act screening to re-classify")
            }
            try await model.updateAudited(expected: version, on: tx, batch) {
                model.reclassification = Reclassification(tier: tier, reason: reason, by: user.key, at: Date())
            }
        }
        return try await detail(id)
    }

    // MARK: Follow-up actions

    public func actions(systemID: String? = nil, openOnly: Bool = false) async throws -> [ActionRecord] {
        var query = ActionModel.query(on: db)
        if let systemID { query = query.filter(\.$systemID == (try await InventoryStore(db).findSystem(systemID, on: db)).id!) }
        if openOnly { query = query.filter(\.$status != ActionStatus.done.rawValue) }
        return try await query.sort(\.$dueDate).all().map(\.record)
    }

    /// Reports a follow-up action done (its owner or the system's owner side), with a note and the evidence that shows it.
    public func reportAction(_ actionID: String, note: String, evidence: [String], version: Int, user: Actor) async throws -> ActionRecord {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let action = try await Self.findAction(actionID, on: tx)
            let system = try await AISystemModel.find(action.systemID, on: tx)!
            try ActionPolicy.checkReport(action.record, userID: user.key, ownsSystem: user.owns(system))
            try await Self.checkEvidence(evidence, of: system, on: tx, field: "evidence_ids")
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
            let system = try await AISystemModel.find(action.systemID, on: tx)!
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

    // MARK: Queues

    /// What waits for the user: reviews of their domains, cases they decide (as frozen on the
    /// panel, or as the office), and reported actions they may confirm. Cases the user is governed
    /// by are left out: they may not act on them.
    public func queue(for user: Actor) async throws -> WorkQueue {
        let names = try await systemNames()
        let open = try await AssessmentModel.query(on: db)
            .filter(\.$state ~~ [AssessmentState.submitted.rawValue, AssessmentState.inReview.rawValue]).sort(\.$updatedAt).all()
        let ids = open.compactMap(\.id)
        let sheets = ids.isEmpty ? [] : try await SheetModel.query(on: db).filter(\.$assessmentID ~~ ids).filter(\.$reviewDomain != nil).all()
        let systems = Dictionary(uniqueKeysWithValues: try await AISystemModel.query(on: db).all().map { ($0.id!, $0) })
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
        let reported = try await ActionModel.query(on: db).filter(\.$status == ActionStatus.reported.rawValue).sort(\.$dueDate).all()
        let cases = reported.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await AssessmentModel.query(on: db)
            .filter(\.$id ~~ Set(reported.map(\.assessmentID))).all().map { ($0.id!, $0) })
        for action in reported {
            guard let model = cases[action.assessmentID], let system = systems[action.systemID] else { continue }
            let actor = AssessmentActor(ownsSystem: user.owns(system), isGovernanceOffice: user.isGovernanceOffice,
                                        isGoverned: user.isGoverned(by: system, case: model),
                                        panelRole: model.panel.first { $0.userID == user.key }?.role, reviewDomains: [])
            if (try? ActionPolicy.checkConfirm(action.record, route: model.route.flatMap(ApprovalRoute.init(rawValue:)), actor: actor, userID: user.key)) != nil {
                queue.confirmations.append((action.record, names[action.systemID] ?? "?"))
            }
        }
        return queue
    }
}

/// What waits for one user.
public struct WorkQueue: Sendable {
    public var reviews: [AssessmentListItem] = []
    public var decisions: [AssessmentListItem] = []
    /// Reported follow-up actions the user may confirm, with their system's name.
    public var confirmations: [(action: ActionRecord, systemName: String)] = []
}

extension AssessmentStore {
    /// What the user is for this assessment (owner, office, chair of the deciding body), for pages that offer only allowed steps.
    public func actor(_ id: String, user: Actor) async throws -> AssessmentActor {
        let model = try await Self.find(id, on: db)
        let system = try await AISystemModel.find(model.systemID, on: db)!
        return try await Self.actor(user, system: system, model: model, on: db)
    }

    /// Whether the user may answer this sheet now.
    public func mayAnswer(_ detail: AssessmentDetail, templateID: String, user: Actor) async throws -> Bool {
        let model = try await Self.find(detail.record.id, on: db)
        guard let sheet = try await SheetModel.query(on: db).filter(\.$assessmentID == model.id!).filter(\.$templateID == templateID).first(),
              let system = try await AISystemModel.find(model.systemID, on: db) else { return false }
        return (try? await Self.checkMayAnswer(sheet, model: model, system: system, user: user, on: db)) != nil
    }
}

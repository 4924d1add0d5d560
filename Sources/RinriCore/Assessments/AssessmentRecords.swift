import Foundation

/// A phase-gate assessment of one AI system, as stored.
public struct AssessmentRecord: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var systemID: String
    public var phase: LifecyclePhase
    public var state: AssessmentState
    /// Who decides, set when the assessment is submitted.
    public var route: ApprovalRoute?
    /// The deciding body's key (committee routes).
    public var bodyKey: String?
    public var quorum: Int?
    /// The highest residual risk level of the system's open risks when it was submitted.
    public var caseLevel: RiskLevel?
    /// Why an approval went stale; nil while it holds.
    public var staleReason: String?
    /// The assessment this re-assessment replaces.
    public var supersedesID: String?
    public var rationale: String?
    /// Evidence ids the decider saw.
    public var evidenceSeen: [String]
    /// Reviews concluded not approved that the decision overrode, each with its reason.
    public var reviewOverrides: [ReviewOverride]
    /// The deciding body's members as frozen when the case was routed (committee routes).
    public var panel: [PanelMember]
    /// Who submitted the case (governed by it).
    public var submittedBy: String?
    /// Who wrote its owner answers (governed by it).
    public var authors: [String]
    /// The governance office's re-classification of the EU AI Act screening, when recorded.
    public var reclassification: Reclassification?
    public var createdAt: Date
    public var updatedAt: Date
    public var decidedAt: Date?

    public init(id: String, version: Int, systemID: String, phase: LifecyclePhase, state: AssessmentState,
                route: ApprovalRoute? = nil, bodyKey: String? = nil, quorum: Int? = nil, caseLevel: RiskLevel? = nil,
                staleReason: String? = nil, supersedesID: String? = nil, rationale: String? = nil,
                evidenceSeen: [String] = [], reviewOverrides: [ReviewOverride] = [], panel: [PanelMember] = [],
                submittedBy: String? = nil, authors: [String] = [], reclassification: Reclassification? = nil,
                createdAt: Date, updatedAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.version = version
        self.systemID = systemID
        self.phase = phase
        self.state = state
        self.route = route
        self.bodyKey = bodyKey
        self.quorum = quorum
        self.caseLevel = caseLevel
        self.staleReason = staleReason
        self.supersedesID = supersedesID
        self.rationale = rationale
        self.evidenceSeen = evidenceSeen
        self.reviewOverrides = reviewOverrides
        self.panel = panel
        self.submittedBy = submittedBy
        self.authors = authors
        self.reclassification = reclassification
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.decidedAt = decidedAt
    }
}

/// A member of the deciding body as it was when a case was routed.
public struct PanelMember: Sendable, Equatable, Codable {
    public var userID: String
    public var role: MemberRole

    public init(userID: String, role: MemberRole) {
        self.userID = userID
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case role
    }
}

/// The governance office's reasoned re-classification of a system the EU AI Act screening classified.
public struct Reclassification: Sendable, Equatable, Codable {
    public var tier: RiskTier
    public var reason: String
    public var by: String
    public var at: Date

    public init(tier: RiskTier, reason: String, by: String, at: Date) {
        self.tier = tier
        self.reason = reason
        self.by = by
        self.at = at
    }

    /// Validates a re-classification request. - Throws: ``RinriError`` (`invalid`, `reason_required`).
    /// Who records a re-classification: the governance office, never an office member governed by
    /// the case (its owner, submitter or an author), and only of a completed screening.
    /// - Throws: ``RinriError`` `office_only`, `own_exception` (403) or `no_screening` (409).
    public static func check(actor: AssessmentActor, hasScreening: Bool) throws {
        guard actor.isGovernanceOffice else {
            throw RinriError.forbidden(code: "office_only", "only the governance office re-classifies a screened system, with a reason")
        }
        guard !actor.isGoverned else {
            throw RinriError.forbidden(code: "own_exception", "you own or answered this case: another member of the governance office re-classifies it")
        }
        guard hasScreening else {
            throw RinriError.conflict(code: "no_screening", "this assessment has no completed EU AI Act screening to re-classify")
        }
    }

    public static func validate(tier: String?, reason: String?) throws -> (tier: RiskTier, reason: String) {
        var v = Validator()
        let tier = v.choice(tier, field: "tier", as: RiskTier.self)
        if tier == .unclassified { v.add("tier", "invalid_choice", "tier must be prohibited, high, limited or minimal") }
        try v.check()
        return (tier!, try SecondLine.reason(reason))
    }
}

/// One check sheet of an assessment: a template pinned at a version, with its answers.
///
/// Review sheets (``reviewDomain`` set) are answered by a reviewer of that domain.
public struct AssessmentSheet: Sendable, Equatable {
    public var templateID: String
    public var templateVersion: String
    public var reviewDomain: ReviewDomain?
    public var answers: [String: AnswerValue]
    /// The reviewer who last answered a review sheet.
    public var reviewerID: String?

    public init(templateID: String, templateVersion: String, reviewDomain: ReviewDomain?,
                answers: [String: AnswerValue], reviewerID: String? = nil) {
        self.templateID = templateID
        self.templateVersion = templateVersion
        self.reviewDomain = reviewDomain
        self.answers = answers
        self.reviewerID = reviewerID
    }

    /// The reviewer's conclusion, from the `review_conclusion` question.
    public var reviewConclusion: String? {
        if case .choice(let value)? = answers["review_conclusion"] { return value }
        return nil
    }

    /// The reviewer's conditions (or reasons), from the `review_conditions` question.
    public var reviewConditions: String? {
        if case .text(let value)? = answers["review_conditions"] { return value }
        return nil
    }
}

/// A member's recorded vote.
public struct VoteRecord: Sendable, Equatable {
    public var userID: String
    public var userName: String
    public var vote: Vote
    public var comment: String

    public init(userID: String, userName: String, vote: Vote, comment: String) {
        self.userID = userID
        self.userName = userName
        self.vote = vote
        self.comment = comment
    }
}

/// Where a follow-up action stands: open → reported (its owner says it is done) → done (the
/// decider or the office confirmed it); a report that is not confirmed goes back to open.
public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open, reported, done
}

/// A follow-up action, usually a condition of an approval.
public struct ActionInput: Sendable, Equatable {
    public var title: String
    public var ownerID: String?
    /// `YYYY-MM-DD`.
    public var dueDate: String?
    /// Whether the next phase gate stays closed until it is done.
    public var blocking: Bool
    public var status: ActionStatus
    /// What was done, when closed.
    public var note: String

    public init(title: String, ownerID: String?, dueDate: String?, blocking: Bool, status: ActionStatus = .open, note: String = "") {
        self.title = title
        self.ownerID = ownerID
        self.dueDate = dueDate
        self.blocking = blocking
        self.status = status
        self.note = note
    }

    /// Validates a condition given with a decision. - Throws: ``RinriError`` (`invalid`).
    public static func validate(title: String?, ownerID: String?, dueDate: String?, blocking: Bool?,
                                field: String = "conditions") throws -> ActionInput {
        var v = Validator()
        let title = v.text(title, field: "\(field).title", max: 500)
        let owner = v.text(ownerID, field: "\(field).owner_id", required: false, max: 64)
        if !owner.isEmpty && UUID(uuidString: owner) == nil { v.add("\(field).owner_id", "invalid_id", "owner_id must be a user id") }
        let due = v.date(dueDate, field: "\(field).due_date")
        try v.check()
        return ActionInput(title: title, ownerID: owner.isEmpty ? nil : owner, dueDate: due, blocking: blocking ?? true)
    }
}

/// A follow-up action as stored.
public struct ActionRecord: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var assessmentID: String
    public var systemID: String
    public var action: ActionInput
    /// `decision`, or `review:<domain>` for a condition a linked review attached.
    public var source: String
    /// Who reported it done, and the evidence they cited.
    public var reportedBy: String?
    public var reportEvidence: [String]
    /// Who confirmed it, when, and what they noted.
    public var confirmedBy: String?
    public var confirmedAt: Date?
    public var confirmationNote: String?

    public init(id: String, version: Int, assessmentID: String, systemID: String, action: ActionInput, source: String = "decision",
                reportedBy: String? = nil, reportEvidence: [String] = [], confirmedBy: String? = nil, confirmedAt: Date? = nil,
                confirmationNote: String? = nil) {
        self.id = id
        self.version = version
        self.assessmentID = assessmentID
        self.systemID = systemID
        self.action = action
        self.source = source
        self.reportedBy = reportedBy
        self.reportEvidence = reportEvidence
        self.confirmedBy = confirmedBy
        self.confirmedAt = confirmedAt
        self.confirmationNote = confirmationNote
    }
}

/// What a report that an action is done, and its confirmation, carry.
public enum ActionReport {
    /// Validates a report: what was done (required) and the evidence that shows it (ids, optional).
    /// - Throws: ``RinriError`` (`invalid`).
    public static func validate(note: String?, evidenceIDs: [String]?) throws -> (note: String, evidence: [String]) {
        var v = Validator()
        let note = v.text(note, field: "note", max: 4_000)
        var evidence: [String] = []
        for id in (evidenceIDs ?? []).map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty && !evidence.contains(id) {
            if UUID(uuidString: id) == nil { v.add("evidence_ids", "invalid_id", "evidence_ids must list evidence ids") } else { evidence.append(id) }
        }
        try v.check()
        return (note, evidence)
    }

    /// Validates the note of a confirmation (optional) or of a return to open (required: say what is missing).
    /// - Throws: ``RinriError`` (`invalid`).
    public static func validateConfirmation(note: String?, confirmed: Bool) throws -> String {
        var v = Validator()
        let note = v.text(note, field: "note", required: !confirmed, max: 4_000)
        try v.check()
        return note
    }
}

/// Who reports a follow-up action done and who confirms it.
public enum ActionPolicy {
    /// Checks a report that the action is done: by its owner or the system's owner side, while it is open.
    /// - Throws: ``RinriError`` `forbidden`, `already_reported`, `already_done`.
    public static func checkReport(_ action: ActionRecord, userID: String, ownsSystem: Bool) throws {
        guard action.action.ownerID?.uppercased() == userID.uppercased() || ownsSystem else {
            throw RinriError.forbidden("only the action's owner or the system's owner reports it done")
        }
        switch action.action.status {
        case .open: return
        case .reported: throw RinriError.conflict(code: "already_reported", "this action was reported done and waits for confirmation")
        case .done: throw RinriError.conflict(code: "already_done", "this action is already done")
        }
    }

    /// Checks a confirmation (or a return to open) of a reported action.
    ///
    /// The decider of the case confirms — the office for office cases, the chair as frozen at
    /// routing for committee cases, the owner for a self-check — or the governance office. Nobody
    /// governed by the case and nobody confirming their own report does, except on a self-check.
    /// - Parameter actor: what the user is for the action's assessment.
    /// - Throws: ``RinriError`` `forbidden`, `own_confirmation` (403), `not_reported`, `already_done` (409).
    public static func checkConfirm(_ action: ActionRecord, route: ApprovalRoute?, actor: AssessmentActor, userID: String) throws {
        let decides: Bool
        switch route {
        case .selfCheck?: decides = actor.ownsSystem
        case .governanceOffice?: decides = actor.isGovernanceOffice
        case .committee?: decides = actor.chairsDecidingBody
        case nil: decides = false
        }
        guard decides || actor.isGovernanceOffice else {
            throw RinriError.forbidden("only the decider of the case or the governance office confirms its conditions")
        }
        if route != .selfCheck || !decides {
            guard !actor.isGoverned, action.reportedBy?.uppercased() != userID.uppercased() else {
                throw RinriError.forbidden(code: "own_confirmation", "you are governed by this case or reported the action yourself: another decider or office member confirms it")
            }
        }
        switch action.action.status {
        case .reported: return
        case .open: throw RinriError.conflict(code: "not_reported", "this action has not been reported done yet")
        case .done: throw RinriError.conflict(code: "already_done", "this action is already done")
        }
    }
}

/// Why a re-assessment was opened.
public enum ReassessmentTrigger: String, Codable, Sendable, CaseIterable {
    case newModelVersion = "new_model_version"
    case intendedUseChanged = "intended_use_changed"
    case affectedPeopleChanged = "affected_people_changed"
    case jurisdictionsChanged = "jurisdictions_changed"
    /// The biometric, generative-AI or autonomous-agent flag of the system changed.
    case characteristicsChanged = "characteristics_changed"
    case incidentLinked = "incident_linked"
    case frameworkChanged = "framework_changed"
    case manual
}

/// A decision taken on a case: the outcome, the rationale, the evidence seen and the conditions.
public struct DecisionInput: Sendable, Equatable {
    public var outcome: AssessmentTransition
    public var rationale: String
    public var evidenceSeen: [String]
    public var conditions: [ActionInput]
    /// Reviews concluded not approved that this approval overrules, each with its reason.
    public var overrideReviews: [ReviewOverride]

    public init(outcome: AssessmentTransition, rationale: String, evidenceSeen: [String], conditions: [ActionInput],
                overrideReviews: [ReviewOverride] = []) {
        self.outcome = outcome
        self.rationale = rationale
        self.evidenceSeen = evidenceSeen
        self.conditions = conditions
        self.overrideReviews = overrideReviews
    }

    /// Validates a decision: an outcome among the three decisions, a rationale, conditions exactly
    /// when approving with conditions. - Throws: ``RinriError`` (`invalid`).
    public static func validate(outcome: String?, rationale: String?, evidenceSeen: [String]?,
                                conditions: [ActionInput], overrideReviews: [ReviewOverride] = []) throws -> DecisionInput {
        var v = Validator()
        let transition = v.choice(outcome, field: "outcome", as: AssessmentTransition.self)
        if let transition, !transition.isDecision {
            v.add("outcome", "invalid_choice", "outcome must be approve, approve_with_conditions or reject")
        }
        let rationale = v.text(rationale, field: "rationale", max: 20_000)
        var evidence: [String] = []
        for id in (evidenceSeen ?? []).map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty && !evidence.contains(id) {
            evidence.append(id)
        }
        if evidence.contains(where: { UUID(uuidString: $0) == nil }) { v.add("evidence_seen", "invalid_id", "evidence_seen must list evidence ids") }
        if transition == .approveWithConditions && conditions.isEmpty {
            v.add("conditions", "required", "an approval with conditions needs at least one condition")
        }
        if transition != nil && transition != .approveWithConditions && !conditions.isEmpty {
            v.add("conditions", "not_allowed", "only an approval with conditions takes conditions")
        }
        try v.check()
        return DecisionInput(outcome: transition!, rationale: rationale, evidenceSeen: evidence, conditions: conditions,
                             overrideReviews: overrideReviews)
    }
}

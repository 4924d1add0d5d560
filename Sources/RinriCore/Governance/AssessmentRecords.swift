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
    public var createdAt: Date
    public var updatedAt: Date
    public var decidedAt: Date?

    public init(id: String, version: Int, systemID: String, phase: LifecyclePhase, state: AssessmentState,
                route: ApprovalRoute? = nil, bodyKey: String? = nil, quorum: Int? = nil, caseLevel: RiskLevel? = nil,
                staleReason: String? = nil, supersedesID: String? = nil, rationale: String? = nil,
                evidenceSeen: [String] = [], createdAt: Date, updatedAt: Date, decidedAt: Date? = nil) {
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
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.decidedAt = decidedAt
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

/// Whether a follow-up action is done.
public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open, done
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

    public init(id: String, version: Int, assessmentID: String, systemID: String, action: ActionInput) {
        self.id = id
        self.version = version
        self.assessmentID = assessmentID
        self.systemID = systemID
        self.action = action
    }
}

/// Why a re-assessment was opened.
public enum ReassessmentTrigger: String, Codable, Sendable, CaseIterable {
    case newModelVersion = "new_model_version"
    case intendedUseChanged = "intended_use_changed"
    case affectedPeopleChanged = "affected_people_changed"
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

    public init(outcome: AssessmentTransition, rationale: String, evidenceSeen: [String], conditions: [ActionInput]) {
        self.outcome = outcome
        self.rationale = rationale
        self.evidenceSeen = evidenceSeen
        self.conditions = conditions
    }

    /// Validates a decision: an outcome among the three decisions, a rationale, conditions exactly
    /// when approving with conditions. - Throws: ``RinriError`` (`invalid`).
    public static func validate(outcome: String?, rationale: String?, evidenceSeen: [String]?,
                                conditions: [ActionInput]) throws -> DecisionInput {
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
        return DecisionInput(outcome: transition!, rationale: rationale, evidenceSeen: evidence, conditions: conditions)
    }
}

import Foundation

/// Where a phase-gate assessment stands.
///
/// draft → submitted → in review → approved | approved with conditions | rejected; a rejected
/// assessment goes back to draft. An approval becomes stale when a re-assessment trigger fires.
public enum AssessmentState: String, Codable, Sendable, CaseIterable {
    case draft, submitted
    case inReview = "in_review"
    case approved
    case approvedWithConditions = "approved_with_conditions"
    case rejected

    /// Whether the assessment has been approved (with or without conditions).
    public var isApproved: Bool { self == .approved || self == .approvedWithConditions }

    /// Whether answers may still change.
    public var isEditable: Bool { self == .draft }

    /// Whether a decision has been taken.
    public var isDecided: Bool { isApproved || self == .rejected }
}

/// A step that moves an assessment from one state to another.
public enum AssessmentTransition: String, Codable, Sendable, CaseIterable {
    /// draft → submitted: the owner hands in complete sheets; the case is routed.
    case submit
    /// submitted → draft: the owner takes the submission back before review starts.
    case withdraw
    /// submitted → in review: the deciding body accepts the case; linked reviews are opened.
    case startReview = "start_review"
    /// in review → approved.
    case approve
    /// in review → approved with conditions.
    case approveWithConditions = "approve_with_conditions"
    /// in review → rejected.
    case reject
    /// rejected → draft: the owner reworks the answers.
    case reopen

    /// The state the transition starts from.
    public var from: AssessmentState {
        switch self {
        case .submit: return .draft
        case .withdraw, .startReview: return .submitted
        case .approve, .approveWithConditions, .reject: return .inReview
        case .reopen: return .rejected
        }
    }

    /// The state the transition leads to.
    public var to: AssessmentState {
        switch self {
        case .submit: return .submitted
        case .withdraw, .reopen: return .draft
        case .startReview: return .inReview
        case .approve: return .approved
        case .approveWithConditions: return .approvedWithConditions
        case .reject: return .rejected
        }
    }

    /// The step in words, for messages.
    public var phrase: String {
        switch self {
        case .submit: return "submit"
        case .withdraw: return "withdraw"
        case .startReview: return "start the review of"
        case .approve: return "approve"
        case .approveWithConditions: return "approve with conditions"
        case .reject: return "reject"
        case .reopen: return "reopen"
        }
    }

    /// Whether this is one of the three decisions.
    public var isDecision: Bool { self == .approve || self == .approveWithConditions || self == .reject }

    /// The decision that leads to `state`, if `state` is a decided state.
    public static func decision(for state: AssessmentState) -> AssessmentTransition? {
        allCases.first { $0.isDecision && $0.to == state }
    }
}

/// What the acting user is, for one assessment.
public struct AssessmentActor: Sendable, Equatable {
    /// May write the system's inventory record (its owner, a project owner of its unit, the office, an admin).
    public var ownsSystem: Bool
    /// Holds the governance-office role.
    public var isGovernanceOffice: Bool
    /// Chairs the body the case is routed to (committee routes).
    public var chairsDecidingBody: Bool

    public init(ownsSystem: Bool, isGovernanceOffice: Bool, chairsDecidingBody: Bool) {
        self.ownsSystem = ownsSystem
        self.isGovernanceOffice = isGovernanceOffice
        self.chairsDecidingBody = chairsDecidingBody
    }
}

/// The rules of the assessment state machine: which transitions exist and who may make them.
public enum AssessmentWorkflow {
    /// Checks that `transition` may be made from `state` by `actor` on a case routed to `route`.
    ///
    /// Owners submit, withdraw and reopen. The case's route decides who starts the review and
    /// decides: the owner for a self-check, the governance office for office cases, and for
    /// committee cases the chair of the deciding body (the office may start the review).
    /// - Throws: ``RinriError`` `conflict` (`invalid_transition`) when the state does not allow it,
    ///   `forbidden` when the actor may not make it.
    public static func check(_ transition: AssessmentTransition, from state: AssessmentState,
                             route: ApprovalRoute?, actor: AssessmentActor) throws {
        guard transition.from == state else {
            throw RinriError.conflict(code: "invalid_transition",
                                      "you cannot \(transition.phrase) an assessment that is \(state.rawValue)"
                                      + " (only a \(transition.from.rawValue) one can)")
        }
        guard mayMake(transition, route: route, actor: actor) else {
            throw RinriError.forbidden("you may not \(transition.phrase) this assessment"
                                       + (route.map { " (it is routed to \($0.rawValue.replacingOccurrences(of: "_", with: " ")))" } ?? ""))
        }
    }

    /// Whether `actor` may make `transition` on a case routed to `route`.
    public static func mayMake(_ transition: AssessmentTransition, route: ApprovalRoute?, actor: AssessmentActor) -> Bool {
        switch transition {
        case .submit, .withdraw, .reopen:
            return actor.ownsSystem
        case .startReview:
            return decides(route, actor) || (route == .committee && actor.isGovernanceOffice)
        case .approve, .approveWithConditions, .reject:
            return decides(route, actor)
        }
    }

    private static func decides(_ route: ApprovalRoute?, _ actor: AssessmentActor) -> Bool {
        switch route {
        case .selfCheck: return actor.ownsSystem
        case .governanceOffice: return actor.isGovernanceOffice
        case .committee: return actor.chairsDecidingBody
        case nil: return false
        }
    }
}

/// A committee member's vote on a case.
public enum Vote: String, Codable, Sendable, CaseIterable {
    case approve
    case approveWithConditions = "approve_with_conditions"
    case reject
    case abstain
}

extension Vote {
    /// Validates a vote and its optional comment. - Throws: ``RinriError`` (`invalid`).
    public static func validate(vote: String?, comment: String?) throws -> (vote: Vote, comment: String) {
        var v = Validator()
        let vote = v.choice(vote, field: "vote", as: Vote.self)
        let comment = v.text(comment, field: "comment", required: false, max: 4_000)
        try v.check()
        return (vote!, comment)
    }
}

/// The rules a committee decision follows.
public enum CommitteeRules {
    /// Checks a committee decision against the votes cast.
    ///
    /// At least `quorum` members must have voted (abstentions count towards the quorum). The
    /// decision must follow the majority of the non-abstaining votes: a case with more votes to
    /// reject than to approve (with or without conditions) cannot be approved, and one with
    /// more votes to approve cannot be rejected; a tie may go either way and the rationale says why.
    /// - Throws: ``RinriError`` `conflict` (`quorum_not_met` or `against_votes`).
    public static func check(decision: AssessmentTransition, votes: [Vote], quorum: Int) throws {
        guard votes.count >= quorum else {
            throw RinriError.conflict(code: "quorum_not_met",
                                      "the committee needs \(quorum) votes to decide; \(votes.count) cast so far")
        }
        let approving = votes.filter { $0 == .approve || $0 == .approveWithConditions }.count
        let rejecting = votes.filter { $0 == .reject }.count
        if decision == .reject && approving > rejecting {
            throw RinriError.conflict(code: "against_votes", "the votes are \(approving) to approve and \(rejecting) to reject: the committee cannot reject")
        }
        if decision != .reject && rejecting > approving {
            throw RinriError.conflict(code: "against_votes", "the votes are \(approving) to approve and \(rejecting) to reject: the committee cannot approve")
        }
    }
}

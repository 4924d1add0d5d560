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
///
/// Two questions are kept apart: who may act *for* the owner (``ownsSystem``: anyone who may
/// write the system's record, the office and administrators included), and who is *governed* by
/// the case (``isGoverned``: the system's named owner, project owners of its unit, the person who
/// submitted the case and everyone who wrote its owner answers). The governed never judge their
/// own case, whatever other roles they hold.
public struct AssessmentActor: Sendable, Equatable {
    /// May act for the owner: write the system's record (its owner, a project owner of its unit, the office, an admin).
    public var ownsSystem: Bool
    /// Governed by the case: named owner, unit project owner, submitter or author of owner answers.
    public var isGoverned: Bool
    /// Holds the governance-office role.
    public var isGovernanceOffice: Bool
    /// The role on the deciding body when the case was routed (membership is frozen then).
    public var panelRole: MemberRole?
    /// The role on that body now, which may differ from ``panelRole`` after new appointments.
    public var currentBodyRole: MemberRole?
    /// The review domains the user reviews.
    public var reviewDomains: Set<ReviewDomain>

    public init(ownsSystem: Bool, isGovernanceOffice: Bool, chairsDecidingBody: Bool = false, isGoverned: Bool = false,
                panelRole: MemberRole? = nil, currentBodyRole: MemberRole? = nil, reviewDomains: Set<ReviewDomain> = []) {
        self.ownsSystem = ownsSystem
        self.isGoverned = isGoverned
        self.isGovernanceOffice = isGovernanceOffice
        self.panelRole = panelRole ?? (chairsDecidingBody ? .chair : nil)
        self.currentBodyRole = currentBodyRole ?? self.panelRole
        self.reviewDomains = reviewDomains
    }

    /// Chairs the body the case is routed to, as frozen at routing.
    public var chairsDecidingBody: Bool { panelRole == .chair }
    /// Sits on the deciding body as frozen at routing (chair, member or secretary).
    public var sitsOnPanel: Bool { panelRole != nil }
}

/// The rules of the assessment state machine: which transitions exist and who may make them.
public enum AssessmentWorkflow {
    /// Checks that `transition` may be made from `state` by `actor` on a case routed to `route`.
    ///
    /// Owners submit, withdraw and reopen. The case's route decides who starts the review and
    /// decides: the owner for a self-check, the governance office for office cases, and for
    /// committee cases the chair of the deciding body as frozen at routing (the office may start
    /// the review). Nobody governed by the case starts its review or decides it, except on a
    /// self-check, which the policy only chooses at the level the answers raised.
    /// - Throws: ``RinriError`` `conflict` (`invalid_transition`) when the state does not allow it;
    ///   `forbidden` when the actor's roles do not allow it, `own_decision` when they are governed by
    ///   the case, `not_on_panel` when they joined the deciding body after the case was routed.
    public static func check(_ transition: AssessmentTransition, from state: AssessmentState,
                             route: ApprovalRoute?, actor: AssessmentActor) throws {
        guard transition.from == state else {
            throw RinriError.conflict(code: "invalid_transition",
                                      "you cannot \(transition.phrase) an assessment that is \(state.rawValue)"
                                      + " (only a \(transition.from.rawValue) one can)",
                                      arguments: ["state": state.rawValue, "transition": transition.rawValue])
        }
        if let refusal = refusal(transition, route: route, actor: actor) { throw refusal }
    }

    /// Whether `actor` may make `transition` on a case routed to `route`.
    public static func mayMake(_ transition: AssessmentTransition, route: ApprovalRoute?, actor: AssessmentActor) -> Bool {
        refusal(transition, route: route, actor: actor) == nil
    }

    /// Why `actor` may not make `transition` on a case routed to `route`; nil when they may.
    public static func refusal(_ transition: AssessmentTransition, route: ApprovalRoute?, actor: AssessmentActor) -> RinriError? {
        let routed = route.map { " (it is routed to \($0.rawValue.replacingOccurrences(of: "_", with: " ")))" } ?? ""
        let denied = RinriError.forbidden(code: "forbidden", "you may not \(transition.phrase) this assessment" + routed)
        switch transition {
        case .submit, .withdraw, .reopen:
            return actor.ownsSystem ? nil : denied
        case .startReview, .approve, .approveWithConditions, .reject:
            let mayByRole: Bool
            switch route {
            case .selfCheck?: return actor.ownsSystem ? nil : denied
            case .governanceOffice?: mayByRole = actor.isGovernanceOffice
            case .committee?:
                mayByRole = actor.chairsDecidingBody || (transition == .startReview && actor.isGovernanceOffice)
                if !mayByRole && actor.currentBodyRole == .chair {
                    return .forbidden(code: "not_on_panel",
                                      "you became chair after this case was routed: it is decided by the body as it was then")
                }
            case nil: return denied
            }
            guard mayByRole else { return denied }
            guard !actor.isGoverned else {
                return .forbidden(code: "own_decision",
                                  "you own, submitted or answered this case: another member of the deciding body or the office must \(transition.phrase) it",
                                  arguments: ["transition": transition.rawValue])
            }
            return nil
        }
    }

    /// Checks that the actor may vote on a committee case in review.
    /// - Throws: ``RinriError`` `forbidden`, `not_on_panel` (joined the body after routing) or `own_vote` (governed by the case: recused).
    public static func checkVote(actor: AssessmentActor, bodyKey: String) throws {
        guard actor.sitsOnPanel else {
            if actor.currentBodyRole != nil {
                throw RinriError.forbidden(code: "not_on_panel", "you joined \(bodyKey) after this case was routed: its members as they were then vote on it")
            }
            throw RinriError.forbidden("only members of \(bodyKey) vote on this case")
        }
        guard !actor.isGoverned else {
            throw RinriError.forbidden(code: "own_vote", "you own, submitted or answered this case: you are recused and do not vote on it")
        }
    }
}

/// Who may answer a linked review.
public enum ReviewPolicy {
    /// Checks that `actor` may answer the `domain` review while the assessment is `state`.
    /// - Throws: ``RinriError`` `forbidden` (not a reviewer of the domain), `own_review` (governed by the case),
    ///   `not_in_review` (409, the case is not submitted or in review).
    public static func checkMayAnswer(_ domain: ReviewDomain, state: AssessmentState, actor: AssessmentActor) throws {
        guard actor.reviewDomains.contains(domain) else {
            throw RinriError.forbidden("only a \(domain.rawValue) reviewer answers this review")
        }
        guard !actor.isGoverned else {
            throw RinriError.forbidden(code: "own_review", "you own, submitted or answered this case: another \(domain.rawValue) reviewer concludes its review",
                                       arguments: ["domain": domain.rawValue])
        }
        guard state == .submitted || state == .inReview else {
            throw RinriError.conflict(code: "not_in_review", "reviews are answered while the assessment is submitted or in review; it is \(state.rawValue)",
                                      arguments: ["state": state.rawValue])
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
    /// At least `quorum` members must have voted (abstentions count towards the quorum). Only
    /// votes of members who sat on the body when the case was routed and are not governed by it
    /// count: a member who owns the system is recused. The decision must follow the majority of
    /// the counted non-abstaining votes: a case with more votes to reject than to approve (with or
    /// without conditions) cannot be approved, and one with more votes to approve cannot be
    /// rejected; a tie may go either way and the rationale says why.
    /// - Parameter recused: votes on record that do not count, for the message.
    /// - Throws: ``RinriError`` `conflict` (`quorum_not_met` or `against_votes`).
    public static func check(decision: AssessmentTransition, votes: [Vote], quorum: Int, recused: Int = 0) throws {
        guard votes.count >= quorum else {
            let note = recused > 0 ? " (\(recused) vote(s) of recused members do not count)" : ""
            throw RinriError.conflict(code: "quorum_not_met",
                                      "the committee needs \(quorum) votes to decide; \(votes.count) cast so far" + note,
                                      arguments: ["quorum": String(quorum), "cast": String(votes.count)])
        }
        let approving = votes.filter { $0 == .approve || $0 == .approveWithConditions }.count
        let rejecting = votes.filter { $0 == .reject }.count
        let counts = ["approving": String(approving), "rejecting": String(rejecting)]
        if decision == .reject && approving > rejecting {
            throw RinriError.conflict(code: "against_votes", "the votes are \(approving) to approve and \(rejecting) to reject: the committee cannot reject",
                                      arguments: counts)
        }
        if decision != .reject && rejecting > approving {
            throw RinriError.conflict(code: "against_votes", "the votes are \(approving) to approve and \(rejecting) to reject: the committee cannot approve",
                                      arguments: counts)
        }
    }
}

/// How a list of assessments can be ordered (newest first by default).
public enum AssessmentSort: String, SortColumn {
    case created, updated, phase, state
}

/// How follow-up actions can be ordered (by due date by default).
public enum ActionSort: String, SortColumn {
    case due, status, title
}

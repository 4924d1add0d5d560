import Foundation

/// One reason a system cannot move to the next lifecycle phase.
public enum GateBlocker: Sendable, Equatable, Codable {
    /// A forward move may only go one phase at a time.
    case skipsPhase(from: LifecyclePhase, to: LifecyclePhase)
    /// A retired system comes back into use only as an exception the governance office records with a reason.
    case leavesRetirement(to: LifecyclePhase)
    /// No assessment has been opened for the current phase.
    case noAssessment(phase: LifecyclePhase)
    /// The current phase's assessment is not approved.
    case notApproved(phase: LifecyclePhase, state: AssessmentState)
    /// The approval was marked stale by a re-assessment trigger.
    case staleApproval(phase: LifecyclePhase, reason: String)
    /// The EU AI Act screening of that phase classifies the system as a prohibited practice.
    case prohibited(phase: LifecyclePhase)
    /// A blocking condition of the approval is still open.
    case openCondition(title: String, due: String?)
    /// A blocking condition was reported done and waits for the decider or the office to confirm it.
    case conditionUnconfirmed(title: String)
    /// A risk at a level that requires countermeasures has some that are not done (or none at all).
    case countermeasuresOutstanding(risk: String, level: RiskLevel, outstanding: Int)
    /// A risk at a level that requires countermeasures has some reported done that the second line has not verified.
    case countermeasuresUnverified(risk: String, level: RiskLevel, unverified: Int)

    /// A stable code for API clients and translations.
    public var code: String {
        switch self {
        case .skipsPhase: return "skips_phase"
        case .leavesRetirement: return "leaves_retirement"
        case .noAssessment: return "no_assessment"
        case .notApproved: return "not_approved"
        case .staleApproval: return "stale_approval"
        case .prohibited: return "prohibited"
        case .openCondition: return "open_condition"
        case .conditionUnconfirmed: return "condition_unconfirmed"
        case .countermeasuresOutstanding: return "countermeasures_outstanding"
        case .countermeasuresUnverified: return "countermeasures_unverified"
        }
    }

    /// An English sentence a person can act on.
    public var message: String {
        switch self {
        case let .skipsPhase(from, to):
            return "a system moves one phase at a time: from \(from.rawValue) the next phase is not \(to.rawValue)"
        case let .leavesRetirement(to):
            return "a retired system returns to \(to.rawValue) only as an exception the governance office records with a reason"
        case let .noAssessment(phase):
            return "the \(phase.rawValue) assessment has not been started"
        case let .notApproved(phase, state):
            return "the \(phase.rawValue) assessment is \(state.rawValue.replacingOccurrences(of: "_", with: " ")), not approved"
        case let .staleApproval(phase, reason):
            return "the \(phase.rawValue) approval is stale (\(reason)); a re-assessment must be approved"
        case let .prohibited(phase):
            return "the \(phase.rawValue) EU AI Act screening classifies the system as a prohibited practice; only a reasoned re-classification by the governance office lifts this"
        case let .openCondition(title, due):
            return "the condition “\(title)”\(due.map { " (due \($0))" } ?? "") is still open"
        case let .conditionUnconfirmed(title):
            return "the condition “\(title)” was reported done and waits for the decider or the governance office to confirm it"
        case let .countermeasuresOutstanding(risk, level, outstanding):
            return outstanding == 0
                ? "the \(level.rawValue) risk “\(risk)” has no countermeasure"
                : "the \(level.rawValue) risk “\(risk)” has \(outstanding) countermeasure(s) not done"
        case let .countermeasuresUnverified(risk, level, unverified):
            return "the \(level.rawValue) risk “\(risk)” has \(unverified) countermeasure(s) reported done that the governance office has not verified"
        }
    }
}

/// What the gate knows about the phase a system is leaving.
public struct GateFacts: Sendable, Equatable {
    /// The latest assessment of the current phase, if any.
    public struct Assessment: Sendable, Equatable {
        public var state: AssessmentState
        /// Why the approval went stale, when it did.
        public var staleReason: String?

        public init(state: AssessmentState, staleReason: String? = nil) {
            self.state = state
            self.staleReason = staleReason
        }
    }

    /// A blocking follow-up action of the system that is not done.
    public struct Condition: Sendable, Equatable {
        public var title: String
        public var due: String?
        /// Reported done by its owner, waiting for confirmation.
        public var reported: Bool

        public init(title: String, due: String? = nil, reported: Bool = false) {
            self.title = title
            self.due = due
            self.reported = reported
        }
    }

    /// An open risk of the system with its countermeasures' completion.
    public struct Risk: Sendable, Equatable {
        public var title: String
        public var inherentLevel: RiskLevel
        public var countermeasures: Int
        /// Countermeasures that count as done (at levels that need verification: done and verified).
        public var countermeasuresDone: Int
        /// Countermeasures reported done that still wait for verification.
        public var countermeasuresUnverified: Int

        public init(title: String, inherentLevel: RiskLevel, countermeasures: Int, countermeasuresDone: Int, countermeasuresUnverified: Int = 0) {
            self.title = title
            self.inherentLevel = inherentLevel
            self.countermeasures = countermeasures
            self.countermeasuresDone = countermeasuresDone
            self.countermeasuresUnverified = countermeasuresUnverified
        }
    }

    public var assessment: Assessment?
    /// Blocking conditions of the system that are not done, in due order.
    public var openConditions: [Condition]
    public var risks: [Risk]
    /// Phases whose latest assessment's screening classifies the system as prohibited (not re-classified by the office).
    public var prohibitedIn: [LifecyclePhase]

    public init(assessment: Assessment?, openConditions: [Condition] = [], risks: [Risk] = [], prohibitedIn: [LifecyclePhase] = []) {
        self.assessment = assessment
        self.openConditions = openConditions
        self.risks = risks
        self.prohibitedIn = prohibitedIn
    }
}

/// How a change of lifecycle phase relates to the lifecycle order.
public enum PhaseMove: Sendable, Equatable {
    case stay
    /// To an earlier phase (not from retirement): rework, no gate.
    case back
    /// Into retirement: taking a system out of use is always allowed.
    case retire
    /// To a later phase: passes the gate.
    case forward
    /// Out of retirement into any phase: an exception reserved to the governance office.
    case leaveRetirement
}

/// The phase gate: whether a system may move from one lifecycle phase to another.
public enum PhaseGate {
    /// The phase after `phase` in the lifecycle, nil for the last.
    public static func next(after phase: LifecyclePhase) -> LifecyclePhase? {
        let all = LifecyclePhase.allCases
        let index = all.firstIndex(of: phase)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    /// What kind of move `from` → `to` is.
    public static func move(from: LifecyclePhase, to: LifecyclePhase) -> PhaseMove {
        if from == to { return .stay }
        if from == .retired { return .leaveRetirement }
        if to == .retired { return .retire }
        let all = LifecyclePhase.allCases
        return all.firstIndex(of: to)! > all.firstIndex(of: from)! ? .forward : .back
    }

    /// Whether moving from `from` to `to` passes a gate. Moving back, staying, and retiring a
    /// system do not; leaving retirement is gated (only the governance office makes that move,
    /// as a recorded exception), so a detour through `retired` never skips a gate.
    public static func isGated(from: LifecyclePhase, to: LifecyclePhase) -> Bool {
        let kind = move(from: from, to: to)
        return kind == .forward || kind == .leaveRetirement
    }

    /// Everything that keeps the gate from `from` to `to` closed; empty when the move may happen.
    ///
    /// - Parameter countermeasuresRequiredAt: inherent risk levels whose risks need at least one
    ///   countermeasure, all of them done (and verified where ``RiskPolicy`` asks for it), before the
    ///   gate opens (from the approval policy).
    public static func blockers(from: LifecyclePhase, to: LifecyclePhase, facts: GateFacts,
                                countermeasuresRequiredAt: [RiskLevel]) -> [GateBlocker] {
        switch move(from: from, to: to) {
        case .stay, .back, .retire: return []
        case .leaveRetirement: return [.leavesRetirement(to: to)]
        case .forward: break
        }
        if next(after: from) != to { return [.skipsPhase(from: from, to: to)] }
        var blockers: [GateBlocker] = []
        if let assessment = facts.assessment {
            if !assessment.state.isApproved {
                blockers.append(.notApproved(phase: from, state: assessment.state))
            } else if let reason = assessment.staleReason {
                blockers.append(.staleApproval(phase: from, reason: reason))
            }
        } else {
            blockers.append(.noAssessment(phase: from))
        }
        blockers += facts.prohibitedIn.map(GateBlocker.prohibited(phase:))
        blockers += facts.openConditions.map {
            $0.reported ? GateBlocker.conditionUnconfirmed(title: $0.title) : .openCondition(title: $0.title, due: $0.due)
        }
        for risk in facts.risks where countermeasuresRequiredAt.contains(risk.inherentLevel) {
            let notDone = risk.countermeasures - risk.countermeasuresDone - risk.countermeasuresUnverified
            if risk.countermeasures == 0 || notDone > 0 {
                blockers.append(.countermeasuresOutstanding(risk: risk.title, level: risk.inherentLevel, outstanding: notDone))
            } else if risk.countermeasuresUnverified > 0 {
                blockers.append(.countermeasuresUnverified(risk: risk.title, level: risk.inherentLevel, unverified: risk.countermeasuresUnverified))
            }
        }
        return blockers
    }
}

/// Who may make a phase change that is an exception to the gate, and what it needs.
public enum PhaseChangePolicy {
    /// An exception the governance office makes, recorded in the audit log with its reason.
    public struct Exception: Sendable, Equatable {
        /// `leave_retirement` or `legacy_registration`.
        public var kind: String
        public var from: LifecyclePhase?
        public var to: LifecyclePhase
        public var reason: String

        public init(kind: String, from: LifecyclePhase?, to: LifecyclePhase, reason: String) {
            self.kind = kind
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// Checks a change of phase on an existing system by someone who may edit it.
    ///
    /// Leaving retirement is reserved to the governance office, with a reason, and never by an
    /// office member who is governed by the system (its named owner, say).
    /// - Returns: the exception to record, or nil for an ordinary move (which then passes the gate).
    /// - Throws: ``RinriError`` `office_only`, `own_exception` (403) or `reason_required` (422).
    public static func checkChange(from: LifecyclePhase, to: LifecyclePhase, isGovernanceOffice: Bool, isGoverned: Bool,
                                   reason: String?) throws -> Exception? {
        guard PhaseGate.move(from: from, to: to) == .leaveRetirement else { return nil }
        let reason = try secondLineReason(isGovernanceOffice: isGovernanceOffice, isGoverned: isGoverned, reason: reason,
                                          what: "a retired system comes back into use")
        return Exception(kind: "leave_retirement", from: from, to: to, reason: reason)
    }

    /// Checks the phase a new system is registered in: past `planning` only for the governance
    /// office (legacy systems already in use), with a reason, and never by an office member who is
    /// governed by the system being registered (its named owner, a project owner of its unit).
    /// - Throws: ``RinriError`` `office_only`, `own_exception` (403) or `reason_required` (422).
    public static func checkRegistration(phase: LifecyclePhase, isGovernanceOffice: Bool, isGoverned: Bool,
                                         reason: String?) throws -> Exception? {
        guard phase != .planning else { return nil }
        let reason = try secondLineReason(isGovernanceOffice: isGovernanceOffice, isGoverned: isGoverned, reason: reason,
                                          what: "a system is registered past planning")
        return Exception(kind: "legacy_registration", from: nil, to: phase, reason: reason)
    }

    private static func secondLineReason(isGovernanceOffice: Bool, isGoverned: Bool, reason: String?, what: String) throws -> String {
        guard isGovernanceOffice else {
            throw RinriError.forbidden(code: "office_only", "only the governance office decides that \(what), as a recorded exception")
        }
        guard !isGoverned else {
            throw RinriError.forbidden(code: "own_exception", "you own this system: another member of the governance office records this exception")
        }
        return try SecondLine.reason(reason)
    }
}

/// The reason every second-line act carries into the audit log.
public enum SecondLine {
    /// The trimmed reason. - Throws: ``RinriError`` `reason_required` (422) when it is empty, `too_long` past 4,000 characters.
    public static func reason(_ text: String?, field: String = "reason") throws -> String {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw RinriError.invalid(field: field, code: "reason_required", message: "\(field) is required: this is a second-line act recorded in the audit log")
        }
        guard trimmed.count <= 4_000 else {
            throw RinriError.invalid(field: field, code: "too_long", message: "\(field) is longer than 4000 characters")
        }
        return trimmed
    }
}

import Foundation

/// One reason a system cannot move to the next lifecycle phase.
public enum GateBlocker: Sendable, Equatable, Codable {
    /// A forward move may only go one phase at a time.
    case skipsPhase(from: LifecyclePhase, to: LifecyclePhase)
    /// No assessment has been opened for the current phase.
    case noAssessment(phase: LifecyclePhase)
    /// The current phase's assessment is not approved.
    case notApproved(phase: LifecyclePhase, state: AssessmentState)
    /// The approval was marked stale by a re-assessment trigger.
    case staleApproval(phase: LifecyclePhase, reason: String)
    /// A blocking condition of the approval is still open.
    case openCondition(title: String, due: String?)
    /// A risk at a level that requires countermeasures has some that are not done (or none at all).
    case countermeasuresOutstanding(risk: String, level: RiskLevel, outstanding: Int)

    /// A stable code for API clients and translations.
    public var code: String {
        switch self {
        case .skipsPhase: return "skips_phase"
        case .noAssessment: return "no_assessment"
        case .notApproved: return "not_approved"
        case .staleApproval: return "stale_approval"
        case .openCondition: return "open_condition"
        case .countermeasuresOutstanding: return "countermeasures_outstanding"
        }
    }

    /// An English sentence a person can act on.
    public var message: String {
        switch self {
        case let .skipsPhase(from, to):
            return "a system moves one phase at a time: from \(from.rawValue) the next phase is not \(to.rawValue)"
        case let .noAssessment(phase):
            return "the \(phase.rawValue) assessment has not been started"
        case let .notApproved(phase, state):
            return "the \(phase.rawValue) assessment is \(state.rawValue.replacingOccurrences(of: "_", with: " ")), not approved"
        case let .staleApproval(phase, reason):
            return "the \(phase.rawValue) approval is stale (\(reason)); a re-assessment must be approved"
        case let .openCondition(title, due):
            return "the condition “\(title)”\(due.map { " (due \($0))" } ?? "") is still open"
        case let .countermeasuresOutstanding(risk, level, outstanding):
            return outstanding == 0
                ? "the \(level.rawValue) risk “\(risk)” has no countermeasure"
                : "the \(level.rawValue) risk “\(risk)” has \(outstanding) countermeasure(s) not done"
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

    /// An open risk of the system with its countermeasures' completion.
    public struct Risk: Sendable, Equatable {
        public var title: String
        public var inherentLevel: RiskLevel
        public var countermeasures: Int
        public var countermeasuresDone: Int

        public init(title: String, inherentLevel: RiskLevel, countermeasures: Int, countermeasuresDone: Int) {
            self.title = title
            self.inherentLevel = inherentLevel
            self.countermeasures = countermeasures
            self.countermeasuresDone = countermeasuresDone
        }
    }

    public var assessment: Assessment?
    /// Open blocking conditions of that assessment: title and due date.
    public var openConditions: [(title: String, due: String?)]
    public var risks: [Risk]

    public init(assessment: Assessment?, openConditions: [(title: String, due: String?)] = [], risks: [Risk] = []) {
        self.assessment = assessment
        self.openConditions = openConditions
        self.risks = risks
    }

    public static func == (lhs: GateFacts, rhs: GateFacts) -> Bool {
        lhs.assessment == rhs.assessment && lhs.risks == rhs.risks
            && lhs.openConditions.map(\.title) == rhs.openConditions.map(\.title)
            && lhs.openConditions.map(\.due) == rhs.openConditions.map(\.due)
    }
}

/// The phase gate: whether a system may move from one lifecycle phase to another.
public enum PhaseGate {
    /// The phase after `phase` in the lifecycle, nil for the last.
    public static func next(after phase: LifecyclePhase) -> LifecyclePhase? {
        let all = LifecyclePhase.allCases
        let index = all.firstIndex(of: phase)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    /// Whether moving from `from` to `to` passes a gate. Moving back, staying, and retiring a
    /// system do not: retiring takes a system out of use, which is always allowed.
    public static func isGated(from: LifecyclePhase, to: LifecyclePhase) -> Bool {
        guard to != .retired, from != to else { return false }
        let all = LifecyclePhase.allCases
        return all.firstIndex(of: to)! > all.firstIndex(of: from)!
    }

    /// Everything that keeps the gate from `from` to `to` closed; empty when the move may happen.
    ///
    /// - Parameter countermeasuresRequiredAt: inherent risk levels whose risks need at least one
    ///   countermeasure, all of them done, before the gate opens (from the approval policy).
    public static func blockers(from: LifecyclePhase, to: LifecyclePhase, facts: GateFacts,
                                countermeasuresRequiredAt: [RiskLevel]) -> [GateBlocker] {
        guard isGated(from: from, to: to) else { return [] }
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
        blockers += facts.openConditions.map { GateBlocker.openCondition(title: $0.title, due: $0.due) }
        for risk in facts.risks where countermeasuresRequiredAt.contains(risk.inherentLevel) {
            let outstanding = risk.countermeasures - risk.countermeasuresDone
            if risk.countermeasures == 0 || outstanding > 0 {
                blockers.append(.countermeasuresOutstanding(risk: risk.title, level: risk.inherentLevel, outstanding: outstanding))
            }
        }
        return blockers
    }
}

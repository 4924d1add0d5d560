import Foundation
import RinriCore

/// Phase-gate assessments: opening, sheets and evidence, the workflow's steps, follow-up actions,
/// the gate and re-assessments, and the work waiting for people (queue, agenda).
enum AssessmentRoute: SiteRoute, Hashable {
    case list(system: SystemID)
    case open(system: SystemID)
    case assessment(AssessmentID)
    case sheet(AssessmentID, template: TemplateID)
    case attachEvidence(AssessmentID)
    case transition(AssessmentID)
    case vote(AssessmentID)
    case decision(AssessmentID)
    case reclassification(AssessmentID)
    case actionReport(ActionID)
    case actionConfirm(ActionID)
    case actionReturn(ActionID)
    case queue
    case agenda
    case apiList(system: SystemID)
    case apiGate(system: SystemID)
    case apiReassessments(system: SystemID)
    case apiAssessment(AssessmentID)
    case apiSheet(AssessmentID, template: TemplateID)
    case apiTransitions(AssessmentID)
    case apiVotes(AssessmentID)
    case apiDecision(AssessmentID)
    case apiReclassification(AssessmentID)
    case apiActions
    case apiActionReport(ActionID)
    case apiActionConfirm(ActionID)
    case apiActionReturn(ActionID)
    case apiQueue

    var path: String {
        switch self {
        case .list(let system): return "/systems/\(system)/assessments"
        case .open(let system): return "/systems/\(system)/assessments/new"
        case .assessment(let id): return "/assessments/\(id)"
        case let .sheet(id, template): return "/assessments/\(id)/sheets/\(template)"
        case .attachEvidence(let id): return "/assessments/\(id)/evidence"
        case .transition(let id): return "/assessments/\(id)/transition"
        case .vote(let id): return "/assessments/\(id)/vote"
        case .decision(let id): return "/assessments/\(id)/decision"
        case .reclassification(let id): return "/assessments/\(id)/reclassification"
        case .actionReport(let id): return "/actions/\(id)/report"
        case .actionConfirm(let id): return "/actions/\(id)/confirm"
        case .actionReturn(let id): return "/actions/\(id)/return"
        case .queue: return "/queue"
        case .agenda: return "/agenda"
        case .apiList(let system): return "/api/v1/systems/\(system)/assessments"
        case .apiGate(let system): return "/api/v1/systems/\(system)/gate"
        case .apiReassessments(let system): return "/api/v1/systems/\(system)/reassessments"
        case .apiAssessment(let id): return "/api/v1/assessments/\(id)"
        case let .apiSheet(id, template): return "/api/v1/assessments/\(id)/sheets/\(template)"
        case .apiTransitions(let id): return "/api/v1/assessments/\(id)/transitions"
        case .apiVotes(let id): return "/api/v1/assessments/\(id)/votes"
        case .apiDecision(let id): return "/api/v1/assessments/\(id)/decision"
        case .apiReclassification(let id): return "/api/v1/assessments/\(id)/reclassification"
        case .apiActions: return "/api/v1/actions"
        case .apiActionReport(let id): return "/api/v1/actions/\(id)/report"
        case .apiActionConfirm(let id): return "/api/v1/actions/\(id)/confirm"
        case .apiActionReturn(let id): return "/api/v1/actions/\(id)/return"
        case .apiQueue: return "/api/v1/queue"
        }
    }

    static let all: [AssessmentRoute] = [
        .list(system: .parameter), .open(system: .parameter), .assessment(.parameter), .sheet(.parameter, template: .parameter),
        .attachEvidence(.parameter), .transition(.parameter), .vote(.parameter), .decision(.parameter), .reclassification(.parameter),
        .actionReport(.parameter), .actionConfirm(.parameter), .actionReturn(.parameter), .queue, .agenda,
        .apiList(system: .parameter), .apiGate(system: .parameter), .apiReassessments(system: .parameter), .apiAssessment(.parameter),
        .apiSheet(.parameter, template: .parameter), .apiTransitions(.parameter), .apiVotes(.parameter), .apiDecision(.parameter),
        .apiReclassification(.parameter), .apiActions, .apiActionReport(.parameter), .apiActionConfirm(.parameter), .apiActionReturn(.parameter),
        .apiQueue,
    ]
}

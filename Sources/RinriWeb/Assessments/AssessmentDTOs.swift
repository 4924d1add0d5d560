import Foundation
import RinriCore
import RinriApplication
import Vapor

/// An answer as the API shows it: the plain value (a string, a list of strings or a number).
struct AnswerOut: Encodable, Sendable {
    var value: AnswerValue
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch value {
        case .yesNoNA(let s), .choice(let s), .text(let s), .date(let s): try c.encode(s)
        case .choices(let list): try c.encode(list)
        case .number(let n): try c.encode(n)
        }
    }
}

extension API {
    struct ActionDTO: Content {
        var id: String; var version: Int; var assessmentId: String; var systemId: String; var title: String
        var ownerId: Nullable<String>; var dueDate: Nullable<String>; var blocking: Bool; var status: String; var note: String
        var source: String; var reportedBy: Nullable<String>; var reportEvidence: [String]
        var confirmedBy: Nullable<String>; var confirmedAt: Nullable<Date>; var confirmationNote: Nullable<String>
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ a: ActionRecord) {
            (id, version, assessmentId, systemId, title) = (a.id, a.version, a.assessmentID, a.systemID, a.action.title)
            (ownerId, dueDate, blocking) = (Nullable(a.action.ownerID), Nullable(a.action.dueDate), a.action.blocking)
            (status, note) = (a.action.status.rawValue, a.action.note)
            (source, reportedBy, reportEvidence) = (a.source, Nullable(a.reportedBy), a.reportEvidence)
            (confirmedBy, confirmedAt, confirmationNote) = (Nullable(a.confirmedBy), Nullable(a.confirmedAt), Nullable(a.confirmationNote))
        }
    }

    struct SheetDTO: Encodable, Sendable {
        struct OutcomeDTO: Encodable, Sendable { var group: String; var id: String; var labelEn: String; var labelJa: String; var obligations: [String] }
        struct RaisedDTO: Encodable, Sendable { var questionId: String; var titleEn: String; var level: String }
        var templateId: String; var templateVersion: String; var kind: String; var reviewDomain: Nullable<String>
        var titleEn: String; var titleJa: String; var applyingSections: [String]; var applyingQuestions: [String]
        var answers: [String: AnswerOut]; var unanswered: [String]; var missingEvidence: [String]; var complete: Bool
        var risksRaised: [RaisedDTO]; var outcomes: [OutcomeDTO]; var reviewConclusion: Nullable<String>

        init(_ s: EvaluatedAssessmentSheet) {
            let e = s.evaluation
            (templateId, templateVersion, kind) = (s.template.id, s.template.version, s.template.kind.rawValue)
            reviewDomain = Nullable(s.sheet.reviewDomain?.rawValue)
            (titleEn, titleJa, applyingSections, applyingQuestions) = (s.template.title.en, s.template.title.ja, e.applyingSections, e.applyingQuestions)
            answers = e.effectiveAnswers.mapValues(AnswerOut.init)
            (unanswered, missingEvidence, complete) = (e.unanswered, e.missingEvidence, e.isComplete)
            risksRaised = e.risks.map { r in
                let severity = try? HarmSeverity(scale: r.risk.severity.scale, scope: r.risk.severity.scope, irremediability: r.risk.severity.irremediability)
                return RaisedDTO(questionId: r.questionID, titleEn: r.risk.title.en,
                                 level: severity.map { RiskScoring.level($0, likelihood: r.risk.likelihood).rawValue } ?? "unknown")
            }
            // Outcomes are shown once every applying question is answered (until then the fall-back would show).
            outcomes = (e.unanswered.isEmpty ? e.outcomes : []).map { OutcomeDTO(group: $0.group, id: $0.outcome.id, labelEn: $0.outcome.label.en, labelJa: $0.outcome.label.ja,
                                                   obligations: $0.outcome.obligations.map(\.ref)) }
            reviewConclusion = Nullable(s.sheet.reviewConclusion)
        }
    }

    struct AssessmentDTO: Content {
        struct VoteDTO: Encodable, Sendable { var userId: String; var userName: String; var vote: String; var comment: String }
        struct PanelDTO: Encodable, Sendable { var userId: String; var userName: String; var role: String }
        struct OverrideDTO: Encodable, Sendable { var domain: String; var reason: String }
        struct ReclassificationDTO: Encodable, Sendable { var tier: String; var reason: String; var by: String; var at: Date }
        var id: String; var version: Int; var systemId: String; var systemName: String; var phase: String; var state: String
        var route: Nullable<String>; var bodyKey: Nullable<String>; var quorum: Nullable<Int>; var caseLevel: Nullable<String>
        var staleReason: Nullable<String>; var supersedesId: Nullable<String>; var rationale: Nullable<String>; var evidenceSeen: [String]
        var riskTier: String; var screeningTier: Nullable<String>; var reclassification: Nullable<ReclassificationDTO>
        var complete: Bool; var answered: Int; var applying: Int; var pendingReviews: [String]
        var submittedBy: Nullable<String>; var authors: [String]; var panel: [PanelDTO]; var reviewOverrides: [OverrideDTO]
        var sheets: [SheetDTO]; var reviews: [SheetDTO]; var votes: [VoteDTO]; var actions: [ActionDTO]
        var createdAt: Date; var updatedAt: Date; var decidedAt: Nullable<Date>

        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ d: AssessmentDetail) {
            let r = d.record
            (id, version, systemId, systemName, phase, state) = (r.id, r.version, r.systemID, d.system.value.name, r.phase.rawValue, r.state.rawValue)
            (route, bodyKey, quorum, caseLevel) = (Nullable(r.route?.rawValue), Nullable(r.bodyKey), Nullable(r.quorum), Nullable(r.caseLevel?.rawValue))
            (staleReason, supersedesId, rationale, evidenceSeen) = (Nullable(r.staleReason), Nullable(r.supersedesID), Nullable(r.rationale), r.evidenceSeen)
            (riskTier, complete, answered, applying) = (d.attributes.riskTier.rawValue, d.isComplete, d.progress.answered, d.progress.applying)
            screeningTier = Nullable(d.screeningTier?.rawValue)
            reclassification = Nullable(r.reclassification.map { ReclassificationDTO(tier: $0.tier.rawValue, reason: $0.reason, by: $0.by, at: $0.at) })
            (submittedBy, authors) = (Nullable(r.submittedBy), r.authors)
            panel = r.panel.map { PanelDTO(userId: $0.userID, userName: d.userNames[$0.userID] ?? "?", role: $0.role.rawValue) }
            reviewOverrides = r.reviewOverrides.map { OverrideDTO(domain: $0.domain.rawValue, reason: $0.reason) }
            pendingReviews = d.pendingReviews.map(\.rawValue)
            (sheets, reviews) = (d.sheets.map(SheetDTO.init), d.reviews.map(SheetDTO.init))
            votes = d.votes.map { VoteDTO(userId: $0.userID, userName: $0.userName, vote: $0.vote.rawValue, comment: $0.comment) }
            actions = d.actions.map(ActionDTO.init)
            (createdAt, updatedAt, decidedAt) = (r.createdAt, r.updatedAt, Nullable(r.decidedAt))
        }
    }

    struct AssessmentItemDTO: Content {
        var id: String; var version: Int; var systemId: String; var systemName: String; var phase: String; var state: String
        var route: Nullable<String>; var caseLevel: Nullable<String>; var staleReason: Nullable<String>; var pendingReviews: [String]
        var updatedAt: Date
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ i: AssessmentListItem) {
            let r = i.record
            (id, version, systemId, systemName, phase, state) = (r.id, r.version, r.systemID, i.systemName, r.phase.rawValue, r.state.rawValue)
            (route, caseLevel, staleReason) = (Nullable(r.route?.rawValue), Nullable(r.caseLevel?.rawValue), Nullable(r.staleReason))
            (pendingReviews, updatedAt) = (i.pendingReviews.map(\.rawValue), r.updatedAt)
        }
    }

    struct QueueDTO: Content {
        var reviews: [AssessmentItemDTO]; var decisions: [AssessmentItemDTO]; var confirmations: [ActionDTO]
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ queue: WorkQueue) {
            reviews = queue.reviews.map(AssessmentItemDTO.init)
            decisions = queue.decisions.map(AssessmentItemDTO.init)
            confirmations = queue.confirmations.map { ActionDTO($0.action) }
        }
    }

    struct GateDTO: Content {
        struct Blocker: Content { var code: String; var message: String }
        var from: String; var to: String; var open: Bool; var blockers: [Blocker]
    }

    struct OpenAssessmentDTO: Content { var phase: String? }
    struct AnswersDTO: Content { var version: Int?; var answers: [String: AnswerJSON]? 
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            answers = try c.decodeIfPresent([String: AnswerJSON].self, forKey: .answers)
        }
        func encode(to encoder: any Encoder) throws {}
        enum CodingKeys: String, CodingKey { case version, answers }
    }
    struct TransitionDTO: Content { var transition: String?; var version: Int? }
    struct VoteInputDTO: Content { var vote: String?; var comment: String? }
    struct ConditionDTO: Content { var title: String?; var ownerId: String?; var dueDate: String?; var blocking: Bool? }
    struct OverrideInputDTO: Content { var domain: String?; var reason: String? }
    struct DecisionDTO: Content {
        var outcome: String?; var rationale: String?; var evidenceSeen: [String]?; var conditions: [ConditionDTO]?
        var overrideReviews: [OverrideInputDTO]?; var version: Int?
    }
    struct ReportActionDTO: Content { var note: String?; var evidenceIds: [String]?; var version: Int? }
    struct ConfirmActionDTO: Content { var note: String?; var version: Int? }
    struct ReclassifyDTO: Content { var tier: String?; var reason: String?; var version: Int? }
    struct ReassessDTO: Content { var trigger: String?; var detail: String? }
    struct FrameworkChangeDTO: Content { var ref: String?; var summary: String? }
}

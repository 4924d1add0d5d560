import Foundation
import RinriCore

/// An answer as the API shows it: the plain value (a string, a list of strings or a number).
public enum AnswerOut: Codable, Sendable, Equatable {
    case string(String)
    case strings([String])
    case number(Double)

    public init(_ value: AnswerValue) {
        switch value {
        case .yesNoNA(let s), .choice(let s), .text(let s), .date(let s): self = .string(s)
        case .choices(let list): self = .strings(list)
        case .number(let n): self = .number(n)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) { self = .string(text) }
        else if let number = try? c.decode(Double.self) { self = .number(number) }
        else { self = .strings(try c.decode([String].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .strings(let list): try c.encode(list)
        case .number(let n): try c.encode(n)
        }
    }
}

extension API {
    public struct ActionDTO: Codable, Sendable {
        public var id: String; public var version: Int; public var assessmentId: String; public var systemId: String; public var title: String
        public var ownerId: String?; public var dueDate: String?; public var blocking: Bool; public var status: String; public var note: String
        public var source: String; public var reportedBy: String?; public var reportEvidence: [String]
        public var confirmedBy: String?; public var confirmedAt: Date?; public var confirmationNote: String?
        public init(_ a: ActionRecord) {
            (id, version, assessmentId, systemId, title) = (a.id, a.version, a.assessmentID, a.systemID, a.action.title)
            (ownerId, dueDate, blocking) = ((a.action.ownerID), (a.action.dueDate), a.action.blocking)
            (status, note) = (a.action.status.rawValue, a.action.note)
            (source, reportedBy, reportEvidence) = (a.source, (a.reportedBy), a.reportEvidence)
            (confirmedBy, confirmedAt, confirmationNote) = ((a.confirmedBy), (a.confirmedAt), (a.confirmationNote))
        }
        public init(id: String, version: Int, assessmentId: String, systemId: String, title: String, ownerId: String? = nil, dueDate: String? = nil, blocking: Bool, status: String, note: String, source: String, reportedBy: String? = nil, reportEvidence: [String], confirmedBy: String? = nil, confirmedAt: Date? = nil, confirmationNote: String? = nil) {
            self.id = id
            self.version = version
            self.assessmentId = assessmentId
            self.systemId = systemId
            self.title = title
            self.ownerId = ownerId
            self.dueDate = dueDate
            self.blocking = blocking
            self.status = status
            self.note = note
            self.source = source
            self.reportedBy = reportedBy
            self.reportEvidence = reportEvidence
            self.confirmedBy = confirmedBy
            self.confirmedAt = confirmedAt
            self.confirmationNote = confirmationNote
        }
    }

    public struct SheetDTO: Codable, Sendable {
        public struct OutcomeDTO: Codable, Sendable { public var group: String; public var id: String; public var labelEn: String; public var labelJa: String; public var obligations: [String]
            public init(group: String, id: String, labelEn: String, labelJa: String, obligations: [String]) { self.group = group; self.id = id; self.labelEn = labelEn; self.labelJa = labelJa; self.obligations = obligations }
        }
        public struct RaisedDTO: Codable, Sendable { public var questionId: String; public var titleEn: String; public var level: String
            public init(questionId: String, titleEn: String, level: String) { self.questionId = questionId; self.titleEn = titleEn; self.level = level }
        }
        public var templateId: String; public var templateVersion: String; public var kind: String; public var reviewDomain: String?
        public var titleEn: String; public var titleJa: String; public var applyingSections: [String]; public var applyingQuestions: [String]
        public var answers: [String: AnswerOut]; public var unanswered: [String]; public var missingEvidence: [String]; public var complete: Bool
        public var risksRaised: [RaisedDTO]; public var outcomes: [OutcomeDTO]; public var reviewConclusion: String?

        public init(_ s: EvaluatedAssessmentSheet) {
            let e = s.evaluation
            (templateId, templateVersion, kind) = (s.template.id, s.template.version, s.template.kind.rawValue)
            reviewDomain = (s.sheet.reviewDomain?.rawValue)
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
            reviewConclusion = (s.sheet.reviewConclusion)
        }
        public init(templateId: String, templateVersion: String, kind: String, reviewDomain: String? = nil, titleEn: String, titleJa: String, applyingSections: [String], applyingQuestions: [String], answers: [String: AnswerOut], unanswered: [String], missingEvidence: [String], complete: Bool, risksRaised: [RaisedDTO], outcomes: [OutcomeDTO], reviewConclusion: String? = nil) {
            self.templateId = templateId
            self.templateVersion = templateVersion
            self.kind = kind
            self.reviewDomain = reviewDomain
            self.titleEn = titleEn
            self.titleJa = titleJa
            self.applyingSections = applyingSections
            self.applyingQuestions = applyingQuestions
            self.answers = answers
            self.unanswered = unanswered
            self.missingEvidence = missingEvidence
            self.complete = complete
            self.risksRaised = risksRaised
            self.outcomes = outcomes
            self.reviewConclusion = reviewConclusion
        }
    }

    public struct AssessmentDTO: Codable, Sendable {
        public struct VoteDTO: Codable, Sendable { public var userId: String; public var userName: String; public var vote: String; public var comment: String
            public init(userId: String, userName: String, vote: String, comment: String) { self.userId = userId; self.userName = userName; self.vote = vote; self.comment = comment }
        }
        public struct PanelDTO: Codable, Sendable { public var userId: String; public var userName: String; public var role: String
            public init(userId: String, userName: String, role: String) { self.userId = userId; self.userName = userName; self.role = role }
        }
        public struct OverrideDTO: Codable, Sendable { public var domain: String; public var reason: String
            public init(domain: String, reason: String) { self.domain = domain; self.reason = reason }
        }
        public struct ReclassificationDTO: Codable, Sendable { public var tier: String; public var reason: String; public var by: String; public var at: Date
            public init(tier: String, reason: String, by: String, at: Date) { self.tier = tier; self.reason = reason; self.by = by; self.at = at }
        }
        public var id: String; public var version: Int; public var systemId: String; public var systemName: String; public var phase: String; public var state: String
        public var route: String?; public var bodyKey: String?; public var quorum: Int?; public var caseLevel: String?
        public var staleReason: String?; public var supersedesId: String?; public var rationale: String?; public var evidenceSeen: [String]
        public var riskTier: String; public var screeningTier: String?; public var reclassification: ReclassificationDTO?
        public var complete: Bool; public var answered: Int; public var applying: Int; public var pendingReviews: [String]
        public var submittedBy: String?; public var authors: [String]; public var panel: [PanelDTO]; public var reviewOverrides: [OverrideDTO]
        public var sheets: [SheetDTO]; public var reviews: [SheetDTO]; public var votes: [VoteDTO]; public var actions: [ActionDTO]
        public var createdAt: Date; public var updatedAt: Date; public var decidedAt: Date?

        public init(_ d: AssessmentDetail) {
            let r = d.record
            (id, version, systemId, systemName, phase, state) = (r.id, r.version, r.systemID, d.system.value.name, r.phase.rawValue, r.state.rawValue)
            (route, bodyKey, quorum, caseLevel) = ((r.route?.rawValue), (r.bodyKey), (r.quorum), (r.caseLevel?.rawValue))
            (staleReason, supersedesId, rationale, evidenceSeen) = ((r.staleReason), (r.supersedesID), (r.rationale), r.evidenceSeen)
            (riskTier, complete, answered, applying) = (d.attributes.riskTier.rawValue, d.isComplete, d.progress.answered, d.progress.applying)
            screeningTier = (d.screeningTier?.rawValue)
            reclassification = (r.reclassification.map { ReclassificationDTO(tier: $0.tier.rawValue, reason: $0.reason, by: $0.by, at: $0.at) })
            (submittedBy, authors) = ((r.submittedBy), r.authors)
            panel = r.panel.map { PanelDTO(userId: $0.userID, userName: d.userNames[$0.userID] ?? "?", role: $0.role.rawValue) }
            reviewOverrides = r.reviewOverrides.map { OverrideDTO(domain: $0.domain.rawValue, reason: $0.reason) }
            pendingReviews = d.pendingReviews.map(\.rawValue)
            (sheets, reviews) = (d.sheets.map(SheetDTO.init), d.reviews.map(SheetDTO.init))
            votes = d.votes.map { VoteDTO(userId: $0.userID, userName: $0.userName, vote: $0.vote.rawValue, comment: $0.comment) }
            actions = d.actions.map(ActionDTO.init)
            (createdAt, updatedAt, decidedAt) = (r.createdAt, r.updatedAt, (r.decidedAt))
        }
        public init(id: String, version: Int, systemId: String, systemName: String, phase: String, state: String, route: String? = nil, bodyKey: String? = nil, quorum: Int? = nil, caseLevel: String? = nil, staleReason: String? = nil, supersedesId: String? = nil, rationale: String? = nil, evidenceSeen: [String], riskTier: String, screeningTier: String? = nil, reclassification: ReclassificationDTO? = nil, complete: Bool, answered: Int, applying: Int, pendingReviews: [String], submittedBy: String? = nil, authors: [String], panel: [PanelDTO], reviewOverrides: [OverrideDTO], sheets: [SheetDTO], reviews: [SheetDTO], votes: [VoteDTO], actions: [ActionDTO], createdAt: Date, updatedAt: Date, decidedAt: Date? = nil) {
            self.id = id
            self.version = version
            self.systemId = systemId
            self.systemName = systemName
            self.phase = phase
            self.state = state
            self.route = route
            self.bodyKey = bodyKey
            self.quorum = quorum
            self.caseLevel = caseLevel
            self.staleReason = staleReason
            self.supersedesId = supersedesId
            self.rationale = rationale
            self.evidenceSeen = evidenceSeen
            self.riskTier = riskTier
            self.screeningTier = screeningTier
            self.reclassification = reclassification
            self.complete = complete
            self.answered = answered
            self.applying = applying
            self.pendingReviews = pendingReviews
            self.submittedBy = submittedBy
            self.authors = authors
            self.panel = panel
            self.reviewOverrides = reviewOverrides
            self.sheets = sheets
            self.reviews = reviews
            self.votes = votes
            self.actions = actions
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.decidedAt = decidedAt
        }
    }

    public struct AssessmentItemDTO: Codable, Sendable {
        public var id: String; public var version: Int; public var systemId: String; public var systemName: String; public var phase: String; public var state: String
        public var route: String?; public var caseLevel: String?; public var staleReason: String?; public var pendingReviews: [String]
        public var updatedAt: Date
        public init(_ i: AssessmentListItem) {
            let r = i.record
            (id, version, systemId, systemName, phase, state) = (r.id, r.version, r.systemID, i.systemName, r.phase.rawValue, r.state.rawValue)
            (route, caseLevel, staleReason) = ((r.route?.rawValue), (r.caseLevel?.rawValue), (r.staleReason))
            (pendingReviews, updatedAt) = (i.pendingReviews.map(\.rawValue), r.updatedAt)
        }
        public init(id: String, version: Int, systemId: String, systemName: String, phase: String, state: String, route: String? = nil, caseLevel: String? = nil, staleReason: String? = nil, pendingReviews: [String], updatedAt: Date) {
            self.id = id
            self.version = version
            self.systemId = systemId
            self.systemName = systemName
            self.phase = phase
            self.state = state
            self.route = route
            self.caseLevel = caseLevel
            self.staleReason = staleReason
            self.pendingReviews = pendingReviews
            self.updatedAt = updatedAt
        }
    }

    public struct QueueDTO: Codable, Sendable {
        public var reviews: [AssessmentItemDTO]; public var decisions: [AssessmentItemDTO]; public var confirmations: [ActionDTO]
        /// The lists that show only the first entries (those that waited longest): more wait.
        public var more: [String]
        public init(_ queue: WorkQueue) {
            reviews = queue.reviews.map(AssessmentItemDTO.init)
            decisions = queue.decisions.map(AssessmentItemDTO.init)
            confirmations = queue.confirmations.map { ActionDTO($0.action) }
            more = WorkQueue.Section.allCases.filter(queue.more.contains).map(\.rawValue)
        }
        public init(reviews: [AssessmentItemDTO], decisions: [AssessmentItemDTO], confirmations: [ActionDTO], more: [String] = []) {
            self.reviews = reviews
            self.decisions = decisions
            self.confirmations = confirmations
            self.more = more
        }
    }

    public struct GateDTO: Codable, Sendable {
        public struct Blocker: Codable, Sendable { public var code: String; public var message: String
            public init(code: String, message: String) { self.code = code; self.message = message }
        }
        public var from: String; public var to: String; public var open: Bool; public var blockers: [Blocker]
        public init(from: String, to: String, open: Bool, blockers: [Blocker]) {
            self.from = from
            self.to = to
            self.open = open
            self.blockers = blockers
        }
    }

    public struct OpenAssessmentDTO: Codable, Sendable { public var phase: String?
        public init(phase: String? = nil) { self.phase = phase }
    }
    public struct AnswersDTO: Codable, Sendable {
        public var version: Int?
        public var answers: [String: AnswerJSON]?
        public init(version: Int? = nil, answers: [String: AnswerJSON]? = nil) { self.version = version; self.answers = answers }
    }
    public struct TransitionDTO: Codable, Sendable { public var transition: String?; public var version: Int?
        public init(transition: String? = nil, version: Int? = nil) { self.transition = transition; self.version = version }
    }
    public struct VoteInputDTO: Codable, Sendable { public var vote: String?; public var comment: String?
        public init(vote: String? = nil, comment: String? = nil) { self.vote = vote; self.comment = comment }
    }
    public struct ConditionDTO: Codable, Sendable { public var title: String?; public var ownerId: String?; public var dueDate: String?; public var blocking: Bool?
        public init(title: String? = nil, ownerId: String? = nil, dueDate: String? = nil, blocking: Bool? = nil) { self.title = title; self.ownerId = ownerId; self.dueDate = dueDate; self.blocking = blocking }
    }
    public struct OverrideInputDTO: Codable, Sendable { public var domain: String?; public var reason: String?
        public init(domain: String? = nil, reason: String? = nil) { self.domain = domain; self.reason = reason }
    }
    public struct DecisionDTO: Codable, Sendable {
        public var outcome: String?; public var rationale: String?; public var evidenceSeen: [String]?; public var conditions: [ConditionDTO]?
        public var overrideReviews: [OverrideInputDTO]?; public var version: Int?
        public init(outcome: String? = nil, rationale: String? = nil, evidenceSeen: [String]? = nil, conditions: [ConditionDTO]? = nil, overrideReviews: [OverrideInputDTO]? = nil, version: Int? = nil) {
            self.outcome = outcome
            self.rationale = rationale
            self.evidenceSeen = evidenceSeen
            self.conditions = conditions
            self.overrideReviews = overrideReviews
            self.version = version
        }
    }
    public struct ReportActionDTO: Codable, Sendable { public var note: String?; public var evidenceIds: [String]?; public var version: Int?
        public init(note: String? = nil, evidenceIds: [String]? = nil, version: Int? = nil) { self.note = note; self.evidenceIds = evidenceIds; self.version = version }
    }
    public struct ConfirmActionDTO: Codable, Sendable { public var note: String?; public var version: Int?
        public init(note: String? = nil, version: Int? = nil) { self.note = note; self.version = version }
    }
    public struct ReclassifyDTO: Codable, Sendable { public var tier: String?; public var reason: String?; public var version: Int?
        public init(tier: String? = nil, reason: String? = nil, version: Int? = nil) { self.tier = tier; self.reason = reason; self.version = version }
    }
    public struct ReassessDTO: Codable, Sendable { public var trigger: String?; public var detail: String?
        public init(trigger: String? = nil, detail: String? = nil) { self.trigger = trigger; self.detail = detail }
    }
    public struct FrameworkChangeDTO: Codable, Sendable { public var ref: String?; public var summary: String?
        public init(ref: String? = nil, summary: String? = nil) { self.ref = ref; self.summary = summary }
    }
}

import Foundation

/// One sheet of an assessment with its template and evaluation.
public struct EvaluatedAssessmentSheet: Sendable {
    public var sheet: AssessmentSheet
    public var template: CheckSheetTemplate
    public var evaluation: CheckSheetEvaluation

    public init(sheet: AssessmentSheet, template: CheckSheetTemplate, evaluation: CheckSheetEvaluation) {
        self.sheet = sheet
        self.template = template
        self.evaluation = evaluation
    }
}

/// Everything about one assessment that its pages and API show.
public struct AssessmentDetail: Sendable {
    public var record: AssessmentRecord
    public var system: Stored<AISystemInput>
    /// The attributes conditions saw, with the risk tier from the EU AI Act screening when answered.
    public var attributes: SystemAttributes
    /// The sheets the owner answers, in order.
    public var sheets: [EvaluatedAssessmentSheet]
    /// The linked review sheets, one per review domain.
    public var reviews: [EvaluatedAssessmentSheet]
    public var votes: [VoteRecord]
    public var actions: [ActionRecord]
    /// Evidence attached to this assessment, by question id.
    public var evidence: [String: [Stored<EvidenceInput>]]
    /// Names of users, by upper-case id (voters, the panel, authors).
    public var userNames: [String: String] = [:]

    public init(record: AssessmentRecord, system: Stored<AISystemInput>, attributes: SystemAttributes, userNames: [String: String],
                sheets: [EvaluatedAssessmentSheet], reviews: [EvaluatedAssessmentSheet], votes: [VoteRecord], actions: [ActionRecord],
                evidence: [String: [Stored<EvidenceInput>]]) {
        self.record = record
        self.system = system
        self.attributes = attributes
        self.userNames = userNames
        self.sheets = sheets
        self.reviews = reviews
        self.votes = votes
        self.actions = actions
        self.evidence = evidence
    }

    /// Every risk the answers raise, as the templates raise it (owner sheets and reviews).
    public var raisedRisks: [RaisedRisk] { (sheets + reviews).flatMap(\.evaluation.risks) }

    /// The screening's classification before any re-classification, once the screening is fully answered.
    public var screeningTier: RiskTier? {
        for sheet in sheets where sheet.evaluation.unanswered.isEmpty {
            if let tier = RiskTierReading.tier(from: sheet.evaluation.outcomes) { return tier }
        }
        return nil
    }

    /// Whether the screening classifies the system as prohibited and the office has not re-classified it.
    public var isProhibited: Bool { record.reclassification == nil && screeningTier == .prohibited }

    /// Whether every owner sheet is complete (answers and required evidence).
    public var isComplete: Bool { sheets.allSatisfy(\.evaluation.isComplete) }

    /// Review domains whose reviewer has not concluded yet.
    public var pendingReviews: [ReviewDomain] {
        reviews.filter { $0.sheet.reviewConclusion == nil }.compactMap(\.sheet.reviewDomain)
    }

    /// Answered questions over applying questions, over every owner sheet.
    public var progress: (answered: Int, applying: Int) {
        sheets.reduce((0, 0)) { total, sheet in
            let applying = sheet.evaluation.applyingQuestions.count
            return (total.0 + applying - sheet.evaluation.unanswered.count, total.1 + applying)
        }
    }

    /// The screening outcomes (e.g. EU AI Act classification) of every sheet whose applying questions are all answered.
    public var outcomes: [(template: CheckSheetTemplate, result: OutcomeResult)] {
        sheets.filter { $0.evaluation.unanswered.isEmpty }.flatMap { sheet in sheet.evaluation.outcomes.map { (sheet.template, $0) } }
    }

    /// Screening sheets that cannot classify yet because questions are unanswered.
    public var pendingScreenings: [CheckSheetTemplate] {
        sheets.filter { !$0.template.outcomes.isEmpty && !$0.evaluation.unanswered.isEmpty }.map(\.template)
    }

    /// The sheet (owner or review) with this template id.
    public func sheet(_ templateID: String) -> EvaluatedAssessmentSheet? {
        (sheets + reviews).first { $0.template.id == templateID }
    }
}

/// An assessment in a list or queue.
public struct AssessmentListItem: Sendable {
    public var record: AssessmentRecord
    public var systemName: String
    /// For reviewer queues: the review domains waiting for a conclusion.
    public var pendingReviews: [ReviewDomain]

    public init(record: AssessmentRecord, systemName: String, pendingReviews: [ReviewDomain]) {
        self.record = record
        self.systemName = systemName
        self.pendingReviews = pendingReviews
    }
}

/// Reads the EU AI Act screening's classification as a risk tier.
public enum RiskTierReading {
    public static func tier(from outcomes: [OutcomeResult]) -> RiskTier? {
        guard let id = outcomes.first(where: { $0.group == "classification" })?.outcome.id else { return nil }
        if id.hasPrefix("prohibited") { return .prohibited }
        if id.hasPrefix("high_risk") { return .high }
        if id.hasPrefix("limited") { return .limited }
        if id.hasPrefix("minimal") { return .minimal }
        return nil
    }
}

/// What waits for one user.
public struct WorkQueue: Sendable {
    /// The lists of the queue.
    public enum Section: String, Sendable, CaseIterable { case reviews, decisions, confirmations }

    /// How many entries each list holds at most (those that waited longest).
    public static let defaultLimit = 50

    public var reviews: [AssessmentListItem] = []
    public var decisions: [AssessmentListItem] = []
    /// Reported follow-up actions the user may confirm, with their system's name.
    public var confirmations: [(action: ActionRecord, systemName: String)] = []
    /// The lists that are full: more entries wait than they show.
    public var more: Set<Section> = []

    public init() {}
}

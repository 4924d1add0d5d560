import Foundation

/// A risk proposed for the risk register by an answer (§11 step 4).
public struct RaisedRisk: Sendable, Equatable {
    /// The question whose answer raised the risk.
    public var questionID: String
    /// The position of the risk in the question's `risks`.
    public var riskIndex: Int
    /// The risk template whose `when` held.
    public var risk: RiskTemplate

    public init(questionID: String, riskIndex: Int, risk: RiskTemplate) {
        self.questionID = questionID
        self.riskIndex = riskIndex
        self.risk = risk
    }
}

/// The result of one outcome group: the first outcome in file order whose `when` holds (§7).
public struct OutcomeResult: Sendable, Equatable {
    /// The outcome group, e.g. `classification`.
    public var group: String
    /// The first outcome of the group whose `when` held.
    public var outcome: Outcome

    public init(group: String, outcome: Outcome) {
        self.group = group
        self.outcome = outcome
    }
}

/// A template evaluated against a system and stored answers (docs/check-sheets.md §11).
///
/// Questions are visited in document order; a question that does not apply, or whose stored
/// answer does not validate against its answer type, reads as `null` for every later condition.
public struct CheckSheetEvaluation: Sendable, Equatable {
    /// The evaluated template's id.
    public let templateID: String
    /// The evaluated template's version, which an assessment pins.
    public let templateVersion: String
    /// Ids of the sections whose `applies_when` holds, in document order.
    public let applyingSections: [String]
    /// Ids of the applying questions, in document order.
    public let applyingQuestions: [String]
    /// The answers conditions saw: valid answers of applying questions only.
    public let effectiveAnswers: [String: AnswerValue]
    /// Applying questions without a (valid) answer.
    public let unanswered: [String]
    /// Applying, answered questions that need evidence and have none.
    public let missingEvidence: [String]
    /// Risks raised, in document order.
    public let risks: [RaisedRisk]
    /// One result per group that has one, in the order the groups first appear in the file.
    public let outcomes: [OutcomeResult]

    /// Evaluates `template`.
    ///
    /// - Parameters:
    ///   - answers: stored answers by question id, including answers of questions that no longer apply.
    ///   - evidence: ids of the questions that have at least one evidence item attached.
    public init(template: CheckSheetTemplate, system: SystemAttributes, answers: [String: AnswerValue],
                evidence: Set<String> = []) {
        var pass = EvaluationPass(system: system)
        for section in template.sections {
            pass.visit(section, answers: answers, evidence: evidence)
        }
        templateID = template.id
        templateVersion = template.version
        applyingSections = pass.sections
        applyingQuestions = pass.questions
        effectiveAnswers = pass.effective
        unanswered = pass.unanswered
        missingEvidence = pass.missingEvidence
        risks = pass.risks
        outcomes = Self.outcomes(of: template, in: EvaluationContext(system: system, answers: pass.effective))
    }

    /// Whether every applying question is answered and has the evidence it needs (§11 step 3).
    public var isComplete: Bool { unanswered.isEmpty && missingEvidence.isEmpty }

    /// Whether the question applies.
    public func applies(_ questionID: String) -> Bool { applyingQuestions.contains(questionID) }

    /// Whether the section applies.
    public func sectionApplies(_ sectionID: String) -> Bool { applyingSections.contains(sectionID) }

    /// The result of `group`, if any outcome of it matched.
    public func outcome(group: String) -> Outcome? {
        outcomes.first { $0.group == group }?.outcome
    }

    private static func outcomes(of template: CheckSheetTemplate, in context: EvaluationContext) -> [OutcomeResult] {
        var results: [OutcomeResult] = []
        var groups: [String] = []
        for outcome in template.outcomes {
            if !groups.contains(outcome.group) { groups.append(outcome.group) }
            guard !results.contains(where: { $0.group == outcome.group }), outcome.when.holds(in: context) else { continue }
            results.append(OutcomeResult(group: outcome.group, outcome: outcome))
        }
        return results.sorted { groups.firstIndex(of: $0.group)! < groups.firstIndex(of: $1.group)! }
    }
}

/// The single pass over the questions in document order.
private struct EvaluationPass {
    let system: SystemAttributes
    var effective: [String: AnswerValue] = [:]
    var sections: [String] = []
    var questions: [String] = []
    var unanswered: [String] = []
    var missingEvidence: [String] = []
    var risks: [RaisedRisk] = []

    init(system: SystemAttributes) {
        self.system = system
    }

    private var context: EvaluationContext { EvaluationContext(system: system, answers: effective) }

    mutating func visit(_ section: Section, answers: [String: AnswerValue], evidence: Set<String>) {
        guard section.appliesWhen?.holds(in: context) ?? true else { return }
        sections.append(section.id)
        for question in section.questions where question.appliesWhen?.holds(in: context) ?? true {
            questions.append(question.id)
            guard let value = answers[question.id].flatMap({ try? $0.validated(for: question) }) else {
                unanswered.append(question.id)
                continue
            }
            effective[question.id] = value
            if question.evidenceRequired && !value.isNotApplicable && !evidence.contains(question.id) {
                missingEvidence.append(question.id)
            }
            let riskContext = EvaluationContext(system: system, answers: effective, answer: value)
            for (index, risk) in question.risks.enumerated() where risk.when.holds(in: riskContext) {
                risks.append(RaisedRisk(questionID: question.id, riskIndex: index, risk: risk))
            }
        }
    }
}

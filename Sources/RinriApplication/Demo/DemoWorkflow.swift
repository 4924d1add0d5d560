import FluentKit
import Foundation
import RinriCore

/// Answer values written the way the demo's answer sheets read.
enum DemoAnswer {
    static let yes = AnswerValue.yesNoNA("yes")
    static let no = AnswerValue.yesNoNA("no")
    static func pick(_ option: String) -> AnswerValue { .choice(option) }
    static func picks(_ options: String...) -> AnswerValue { .choices(options) }
    /// A free-text answer in both languages (the answer field is one text).
    static func text(_ english: String, _ japanese: String) -> AnswerValue { .text(english + "\n" + japanese) }
}

/// The steps of an assessment, taken through ``AssessmentService`` by whoever the workflow says takes them.
extension DemoLoader {
    var assessments: AssessmentService { AssessmentService(db) }

    /// Opens a draft for the system's current phase, as its owner.
    func open(_ systemID: String, owner: Actor) async throws -> AssessmentDetail {
        try await assessments.open(systemID: systemID, phase: nil, user: owner)
    }

    /// Answers every applying question of the owner's sheets — `given` where it names the question, else
    /// the first plausible answer that raises no risk (``defaultAnswer(_:system:answers:)``) — sheet by
    /// sheet, screenings first (their classification decides what applies elsewhere); then attaches a
    /// document to every answer that needs evidence, as the owner does on the sheet page.
    func complete(_ opened: AssessmentDetail, answers given: [String: AnswerValue], owner: Actor,
                  label: String) async throws -> AssessmentDetail {
        var detail = opened
        for _ in 0..<24 {
            let ordered = detail.sheets.filter { !$0.template.outcomes.isEmpty } + detail.sheets.filter { $0.template.outcomes.isEmpty }
            guard let sheet = ordered.first(where: { !$0.evaluation.unanswered.isEmpty }) else { break }
            let answers = fill(sheet, system: detail.attributes, given: given)
            guard !answers.isEmpty else { break }
            detail = try await assessments.saveAnswers(detail.record.id, templateID: sheet.template.id, answers: answers,
                                                       version: detail.record.version, user: owner)
        }
        for sheet in detail.sheets {
            for questionID in sheet.evaluation.missingEvidence {
                guard let question = sheet.template.question(id: questionID) else { continue }
                _ = try await answerRecord(question, detail: detail, label: label, owner: owner)
            }
        }
        return try await AssessmentQueries(db).detail(detail.record.id)
    }

    /// The answers to add to a sheet: question by question in document order, so that each conditional
    /// question is answered exactly when the answers before it make it apply.
    func fill(_ sheet: EvaluatedAssessmentSheet, system: SystemAttributes, given: [String: AnswerValue]) -> [String: AnswerValue?] {
        var answers = sheet.sheet.answers
        var added: [String: AnswerValue?] = [:]
        for _ in 0...sheet.template.questions.count {
            let evaluation = CheckSheetEvaluation(template: sheet.template, system: system, answers: answers)
            guard let next = evaluation.unanswered.first(where: { added[$0] == nil }),
                  let question = sheet.template.question(id: next) else { break }
            let value = given[next] ?? defaultAnswer(question, system: system, answers: evaluation.effectiveAnswers)
            answers[next] = value
            added[next] = value
        }
        return added
    }

    /// The first plausible answer that raises none of the question's risks (`yes` before `no`, options
    /// in their order), so that only the answers the story chooses raise risks.
    func defaultAnswer(_ question: Question, system: SystemAttributes, answers: [String: AnswerValue]) -> AnswerValue {
        let candidates: [AnswerValue]
        switch question.answer {
        case .yesNoNA: candidates = [DemoAnswer.yes, DemoAnswer.no, AnswerValue.yesNoNA("na")]
        case .singleChoice: candidates = question.options.map { AnswerValue.choice($0.id) }
        case .multipleChoice: candidates = question.options.map { AnswerValue.choices([$0.id]) }
        case .text: candidates = [DemoAnswer.text("Recorded in the project file.", "プロジェクト資料に記録しています。")]
        case .number: candidates = [AnswerValue.number(24)]
        case .date: candidates = [AnswerValue.date(day(0))]
        }
        for candidate in candidates {
            let context = EvaluationContext(system: system, answers: answers, answer: candidate)
            if !question.risks.contains(where: { $0.when.holds(in: context) }) { return candidate }
        }
        return candidates.first ?? DemoAnswer.text("Recorded in the project file.", "プロジェクト資料に記録しています。")
    }

    /// A reviewer answers their domain's review: `conclusion` (`approved`, `approved_with_conditions`,
    /// `not_approved`), each condition on a line of its own (each becomes a follow-up action when the case
    /// is approved), `answers` where given and plausible answers to the rest. A review the case does not
    /// have is left alone.
    func review(_ detail: AssessmentDetail, _ domain: ReviewDomain, _ conclusion: String, conditions: [String] = [],
                answers: [String: AnswerValue] = [:], people: DemoPeople) async throws -> AssessmentDetail {
        guard let sheet = detail.reviews.first(where: { $0.sheet.reviewDomain == domain }) else { return detail }
        var given = answers
        given["review_conclusion"] = .choice(conclusion)
        if !conditions.isEmpty { given["review_conditions"] = .text(conditions.joined(separator: "\n")) }
        let added = fill(sheet, system: detail.attributes, given: given)
        return try await assessments.saveAnswers(detail.record.id, templateID: sheet.template.id, answers: added,
                                                 version: detail.record.version, user: try people.reviewer(domain).actor)
    }

    /// Concludes, as `approved`, every review of the case that is still pending.
    func approveRemainingReviews(_ detail: AssessmentDetail, people: DemoPeople) async throws -> AssessmentDetail {
        var detail = detail
        for domain in detail.pendingReviews { detail = try await review(detail, domain, "approved", people: people) }
        return detail
    }

    func submit(_ detail: AssessmentDetail, owner: Actor) async throws -> AssessmentDetail {
        try await assessments.transition(detail.record.id, .submit, version: detail.record.version, user: owner)
    }

    /// Who starts the review of and decides a case on the route its submission chose: the chair of the
    /// deciding committee, the office member who takes office cases, or the owner on a self-check.
    func decider(of detail: AssessmentDetail, people: DemoPeople, owner: Actor) -> Actor {
        switch detail.record.route {
        case .committee?: return people.chair.actor
        case .governanceOffice?: return people.officer.actor
        case .selfCheck?, nil: return owner
        }
    }

    func startReview(_ detail: AssessmentDetail, by user: Actor) async throws -> AssessmentDetail {
        try await assessments.transition(detail.record.id, .startReview, version: detail.record.version, user: user)
    }

    /// The committee's votes, each with its comment; a case not routed to the committee has none.
    func vote(_ detail: AssessmentDetail, _ ballots: [(DemoPerson, Vote, String)]) async throws -> AssessmentDetail {
        guard detail.record.route == .committee else { return detail }
        var detail = detail
        for (voter, vote, comment) in ballots {
            detail = try await assessments.vote(detail.record.id, vote, comment: comment, user: voter.actor)
        }
        return detail
    }

    /// Records a decision as the decider would enter it on the decision form (checked by ``DecisionInput/validate``).
    func decide(_ detail: AssessmentDetail, _ outcome: AssessmentTransition, rationale: String, evidenceSeen: [String] = [],
                conditions: [ActionInput] = [], by decider: Actor) async throws -> AssessmentDetail {
        let decision = try DecisionInput.validate(outcome: outcome.rawValue, rationale: rationale, evidenceSeen: evidenceSeen,
                                                  conditions: conditions)
        return try await assessments.decide(detail.record.id, decision, version: detail.record.version, user: decider)
    }

    /// The owner reports a follow-up action done; the decider (or the office) confirms it.
    func reportAndConfirm(_ action: ActionRecord, note: String, evidence: [String], owner: Actor, confirmer: Actor,
                          confirmation: String) async throws {
        let reported = try await assessments.reportAction(action.id, note: note, evidence: evidence, version: action.version, user: owner)
        _ = try await assessments.confirmAction(reported.id, confirmed: true, note: confirmation, version: reported.version, user: confirmer)
    }

    // MARK: Risks

    /// A risk entered by hand, as on the risk form, with its countermeasures.
    func enterRisk(_ systemID: String, _ raw: RiskInput.Raw, countermeasures: [CountermeasureInput], owner: Actor) async throws -> RiskRecord {
        let risks = RiskService(db)
        var record = try await risks.create(systemID: systemID, try RiskInput.validate(raw), user: owner)
        for measure in countermeasures { record = try await risks.addCountermeasure(to: record.id, measure, user: owner) }
        return record
    }

    /// A countermeasure as entered on the form (checked by ``CountermeasureInput/validate``).
    func measure(_ title: String, owner: DemoPerson, due: Int?, status: CountermeasureStatus, effect: RiskScoring.Effect,
                 evidence: [String] = []) throws -> CountermeasureInput {
        try CountermeasureInput.validate(title: title, ownerID: owner.id, dueDate: due.map { day($0) }, status: status.rawValue,
                                         effect: effect.rawValue, evidenceIDs: evidence)
    }
}

import Foundation
import RinriCore
import RinriTesting
import Testing

/// Drives assessments through the JSON API as a user would, answering every applying question.
struct AssessmentDriver {
    let t: TestApp
    let library: CheckSheetLibrary
    let system: SystemAttributes
    /// Answers to give instead of the default choice, by question id.
    var overrides: [String: Any] = [:]

    init(_ t: TestApp, system: SystemAttributes, overrides: [String: Any] = [:]) throws {
        self.t = t
        self.library = try CheckSheetLibrary.loadBundled()
        self.system = system
        self.overrides = overrides
    }

    /// The first candidate answer that raises no risk, so the only risks are the ones a test chooses.
    func defaultAnswer(_ question: Question, answers: [String: AnswerValue]) -> Any {
        let candidates: [(Any, AnswerValue)]
        switch question.answer {
        case .yesNoNA: candidates = ["yes", "no", "na"].map { ($0, .yesNoNA($0)) }
        case .singleChoice: candidates = question.options.map { ($0.id, .choice($0.id)) }
        case .multipleChoice: candidates = question.options.map { ([$0.id], .choices([$0.id])) }
        case .text: candidates = [("Answered in the workflow test.", .text("Answered in the workflow test."))]
        case .number: candidates = [(1, .number(1))]
        case .date: candidates = [("2026-12-01", .date("2026-12-01"))]
        }
        for (json, value) in candidates {
            let context = EvaluationContext(system: system, answers: answers, answer: value)
            if !question.risks.contains(where: { $0.when.holds(in: context) }) { return json }
        }
        return candidates[0].0
    }

    static func value(_ json: Any, _ question: Question) -> AnswerValue? {
        if let list = json as? [String] { return .choices(list) }
        if let n = json as? Int { return .number(Double(n)) }
        guard let s = json as? String else { return nil }
        switch question.answer {
        case .yesNoNA: return .yesNoNA(s)
        case .singleChoice: return .choice(s)
        case .text: return .text(s)
        case .date: return .date(s)
        default: return nil
        }
    }

    /// Answers the owner's sheets until nothing is unanswered and every required piece of evidence is attached.
    @discardableResult
    func complete(_ assessmentID: String, systemID: String, owner: String) async throws -> [String: Any] {
        var detail = try await t.request(.GET, "/api/v1/assessments/\(assessmentID)", token: owner).json
        for _ in 0..<40 {
            var changed = false
            for sheet in detail["sheets"] as? [[String: Any]] ?? [] {
                let templateID = try sheet.value("template_id", as: String.self)
                let template = try #require(library.template(id: templateID))
                let unanswered = sheet["unanswered"] as? [String] ?? []
                if !unanswered.isEmpty {
                    var known: [String: AnswerValue] = [:]
                    for (id, json) in sheet["answers"] as? [String: Any] ?? [:] {
                        if let q = template.question(id: id), let v = Self.value(json, q) { known[id] = v }
                    }
                    var batch: [String: Any] = [:]
                    for id in unanswered {
                        let question = try #require(template.question(id: id))
                        batch[id] = overrides[id] ?? defaultAnswer(question, answers: known)
                    }
                    let saved = try await t.request(.PUT, "/api/v1/assessments/\(assessmentID)/sheets/\(templateID)", token: owner,
                                                    json: ["version": (try detail.value("version", as: Int.self)), "answers": batch])
                    #expect(saved.status == .ok, "\(saved.body)")
                    detail = saved.json
                    changed = true
                    break
                }
                for questionID in sheet["missing_evidence"] as? [String] ?? [] {
                    let evidence = try await t.request(.POST, "/api/v1/systems/\(systemID)/evidence", token: owner, json: [
                        "kind": "document", "title": "Evidence for \(questionID)", "assessment_id": assessmentID, "question_id": questionID,
                        "report": ["summary": "Minutes of the review of \(questionID).", "url": "https://intranet.example.com/\(questionID)"]])
                    #expect(evidence.status == .created, "\(evidence.body)")
                    changed = true
                }
                if changed { break }
            }
            if !changed { return detail }
            detail = try await t.request(.GET, "/api/v1/assessments/\(assessmentID)", token: owner).json
        }
        Issue.record("the assessment did not become complete")
        return detail
    }
}

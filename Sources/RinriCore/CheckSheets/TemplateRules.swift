import Foundation

/// The lint rules of §13 that look at one loaded template (the loader has already reported
/// structural problems, which are skipped here through ``LintCollector/isBroken(_:)``).
struct TemplateRules {
    let template: CheckSheetTemplate
    let file: String
    /// The catalogue the principle ids must exist in; `nil` when it did not load.
    let principleIDs: Set<String>?
    let lint: LintCollector

    func run() {
        checkIdentity()
        checkSections()
        let questions = Dictionary(template.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        checkQuestions()
        checkConditions(questions)
        checkOutcomes()
    }

    private func error(_ path: String, _ message: String) {
        if !lint.isBroken(path) { lint.ruleError(path, message) }
    }

    private func warning(_ path: String, _ message: String) {
        if !lint.isBroken(path) { lint.warning(path, message) }
    }

    // MARK: Rules 2 and 3

    private func checkIdentity() {
        if !IdentifierPattern.isTemplateID(template.id) {
            error("id", "template id '\(template.id)' must match ^[a-z0-9-]+$")
        }
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        if fileName != "\(template.id).yaml" {
            error("id", "template id '\(template.id)' must equal the file name '\(fileName)' without .yaml")
        }
        if !IdentifierPattern.isSemVer(template.version) {
            error("version", "version '\(template.version)' is not MAJOR.MINOR.PATCH")
        }
        if template.kind == .review && template.reviewDomain == nil {
            error("kind", "a review template needs review_domain")
        } else if template.kind != .review && template.reviewDomain != nil {
            error("review_domain", "review_domain is allowed only with kind: review")
        }
        if template.phases.isEmpty { error("phases", "phases must not be empty") }
        for phase in duplicates(template.phases.map(\.rawValue)) {
            error("phases", "phase '\(phase)' is listed twice")
        }
    }

    // MARK: Rules 4 and 6 to 8, warning 3

    private func checkSections() {
        if template.sections.isEmpty { error("sections", "a template needs at least one section") }
        var seen = Set<String>()
        for (index, section) in template.sections.enumerated() {
            let path = "sections[\(index)]"
            checkLocalID(section.id, "\(path).id", what: "section id")
            if !seen.insert(section.id).inserted { error("\(path).id", "duplicate section id '\(section.id)'") }
            if section.questions.isEmpty { error("\(path).questions", "a section needs at least one question") }
        }
    }

    private func checkQuestions() {
        var seen = Set<String>()
        let sectionIDs = Set(template.sections.map(\.id))
        for (path, question) in questionPaths() {
            if sectionIDs.contains(question.id) {
                warning("\(path).id", "question id '\(question.id)' is also a section id; use ids that name one thing")
            }
            if question.requestsReviews {
                if question.answer != .multipleChoice {
                    error("\(path).requests_reviews", "requests_reviews is allowed only on a multiple_choice question")
                }
                for (index, option) in question.options.enumerated() where ReviewDomain(rawValue: option.id) == nil {
                    error("\(path).options[\(index)].id", "option '\(option.id)' of a requests_reviews question is not a review domain (\(ReviewDomain.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            checkLocalID(question.id, "\(path).id", what: "question id")
            if !seen.insert(question.id).inserted {
                error("\(path).id", "duplicate question id '\(question.id)' (ids are unique across the template)")
            }
            checkOptions(question, path)
            checkReferences(question, path)
            for (index, risk) in question.risks.enumerated() { checkRisk(risk, "\(path).risks[\(index)]") }
            if question.evidenceRequired && question.answer == .text {
                warning("\(path).evidence_required", "evidence_required on a text question")
            }
        }
    }

    /// Every question with its element path, in document order.
    private func questionPaths() -> [(String, Question)] {
        template.sections.enumerated().flatMap { sectionIndex, section in
            section.questions.enumerated().map { ("sections[\(sectionIndex)].questions[\($0)]", $1) }
        }
    }

    private func checkOptions(_ question: Question, _ path: String) {
        if question.answer.isChoice {
            if question.options.count < 2 {
                error(question.options.isEmpty ? path : "\(path).options",
                      "a \(question.answer.rawValue) question needs at least two options")
            }
        } else if !question.options.isEmpty {
            error("\(path).options", "options are allowed only on single_choice and multiple_choice questions")
        }
        var seen = Set<String>()
        for (index, option) in question.options.enumerated() {
            let optionPath = "\(path).options[\(index)].id"
            checkLocalID(option.id, optionPath, what: "option id")
            if IdentifierPattern.booleanWords.contains(option.id) {
                error(optionPath, "option id '\(option.id)' is a YAML boolean word; choose another id")
            }
            if !seen.insert(option.id).inserted { error(optionPath, "duplicate option id '\(option.id)'") }
        }
    }

    private func checkReferences(_ question: Question, _ path: String) {
        if question.principles.isEmpty { error("\(path).principles", "at least one principle is required") }
        for (index, id) in question.principles.enumerated() {
            let itemPath = "\(path).principles[\(index)]"
            if question.principles[..<index].contains(id) { error(itemPath, "principle '\(id)' is listed twice") }
            if let principleIDs, !principleIDs.contains(id) {
                error(itemPath, "principle '\(id)' is not in the principle catalogue")
            }
        }
        if question.frameworks.isEmpty { error("\(path).frameworks", "at least one framework reference is required") }
        for (index, reference) in question.frameworks.enumerated() {
            let itemPath = "\(path).frameworks[\(index)]"
            if question.frameworks[..<index].contains(reference) {
                error(itemPath, "framework reference '\(reference)' is listed twice")
            }
            checkFramework(reference, itemPath)
        }
        // Warning 1 (a well-formed reference unknown to the framework catalogue) is not checked:
        // Rinri has no framework catalogue yet, so only the patterns of §9 are enforced.
    }

    private func checkFramework(_ reference: String, _ path: String) {
        if !FrameworkReference.isWellFormed(reference) {
            error(path, "framework reference '\(reference)' matches no pattern of docs/check-sheets.md §9")
        }
    }

    private func checkLocalID(_ id: String, _ path: String, what: String) {
        if !IdentifierPattern.isLocalID(id) { error(path, "\(what) '\(id)' must match ^[a-z0-9_]+$") }
    }

    // MARK: Rule 11

    private func checkRisk(_ risk: RiskTemplate, _ path: String) {
        if risk.rights.isEmpty { error("\(path).rights", "a risk needs at least one affected right") }
        let components = [("scale", risk.severity.scale), ("scope", risk.severity.scope),
                          ("irremediability", risk.severity.irremediability)]
        for (name, value) in components where !(1...4).contains(value) {
            error("\(path).severity.\(name)", "severity \(name) \(value) is outside 1..4")
        }
        if !(1...4).contains(risk.likelihood) {
            error("\(path).likelihood", "likelihood \(risk.likelihood) is outside 1..4")
        }
        if risk.countermeasures.isEmpty {
            error("\(path).countermeasures", "a risk needs at least one countermeasure")
        }
    }

    // MARK: Rule 4 for outcomes, rule 8 for obligations, warning 4

    private func checkOutcomes() {
        var seenIDs = Set<String>()
        var fallbackGroups = Set<String>()
        for (index, outcome) in template.outcomes.enumerated() {
            let path = "outcomes[\(index)]"
            checkLocalID(outcome.group, "\(path).group", what: "group id")
            checkLocalID(outcome.id, "\(path).id", what: "outcome id")
            if !seenIDs.insert(outcome.id).inserted { error("\(path).id", "duplicate outcome id '\(outcome.id)'") }
            for (obligationIndex, obligation) in outcome.obligations.enumerated() {
                checkFramework(obligation.ref, "\(path).obligations[\(obligationIndex)].ref")
            }
            if fallbackGroups.contains(outcome.group) {
                warning(path, "outcome '\(outcome.id)' follows a fall-back (when: \"true\") of group "
                        + "'\(outcome.group)' and can never be the result")
            }
            if outcome.isFallback && !lint.isBroken("\(path).when") { fallbackGroups.insert(outcome.group) }
        }
    }

    // MARK: Rules 9 and 10

    private func checkConditions(_ questions: [String: Question]) {
        func check(_ condition: Condition?, _ path: String, _ scope: ConditionScope) {
            guard let condition, !lint.isBroken(path) else { return }
            ConditionChecker(questions: questions, scope: scope) { error(path, $0) }.check(condition)
        }
        check(template.appliesWhen, "applies_when",
              ConditionScope(place: "the template's applies_when", allowsAnswers: false, visible: [], owner: nil))
        var earlier = Set<String>()
        for (sectionIndex, section) in template.sections.enumerated() {
            let sectionPath = "sections[\(sectionIndex)]"
            check(section.appliesWhen, "\(sectionPath).applies_when",
                  ConditionScope(place: "a section's applies_when", allowsAnswers: true, visible: earlier, owner: nil))
            var visible = earlier
            for (questionIndex, question) in section.questions.enumerated() {
                let path = "\(sectionPath).questions[\(questionIndex)]"
                check(question.appliesWhen, "\(path).applies_when",
                      ConditionScope(place: "a question's applies_when", allowsAnswers: true, visible: visible, owner: nil,
                                     current: question.id))
                for (riskIndex, risk) in question.risks.enumerated() {
                    check(risk.when, "\(path).risks[\(riskIndex)].when",
                          ConditionScope(place: "risks[].when", allowsAnswers: true, visible: visible, owner: question,
                                         current: question.id))
                }
                visible.insert(question.id)
            }
            earlier = visible
        }
        let all = Set(questions.keys)
        for (index, outcome) in template.outcomes.enumerated() {
            check(outcome.when, "outcomes[\(index)].when",
                  ConditionScope(place: "an outcome's when", allowsAnswers: true, visible: all, owner: nil))
        }
    }

    private func duplicates(_ values: [String]) -> [String] {
        var seen = Set<String>(), repeated: [String] = []
        for value in values where !seen.insert(value).inserted && !repeated.contains(value) { repeated.append(value) }
        return repeated
    }
}

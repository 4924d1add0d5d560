import Foundation

/// What a check-sheet template is for (docs/check-sheets.md §3).
public enum CheckSheetKind: String, Codable, Sendable, CaseIterable {
    /// A company AI-ethics check sheet.
    case ethics
    /// A human-rights risk check sheet.
    case humanRights = "human_rights"
    /// A screening against a law or public guideline.
    case regulation
    /// A linked review answered by a reviewer of one ``ReviewDomain``.
    case review
}

/// One check-sheet template: a versioned, bilingual questionnaire loaded from YAML.
///
/// Build one with ``CheckSheetLinter/lintTemplate(yaml:file:catalogue:)`` or
/// ``CheckSheetLibrary/loadBundled()``; write it back with ``yamlText()``.
public struct CheckSheetTemplate: Sendable, Equatable, Codable {
    /// The template id, equal to its file name without `.yaml`.
    public var id: String
    /// The semantic version an assessment pins.
    public var version: String
    /// What the template is for.
    public var kind: CheckSheetKind
    /// The reviewing function; set exactly when ``kind`` is ``CheckSheetKind/review``.
    public var reviewDomain: ReviewDomain?
    /// The phase gates at which the template is offered.
    public var phases: [LifecyclePhase]
    /// Whole-template condition over `system.*` paths; `nil` means always.
    public var appliesWhen: Condition?
    /// The title shown in lists and on the sheet.
    public var title: LocalizedText
    /// What the template covers and how to use it.
    public var description: LocalizedText
    /// Sections in document order.
    public var sections: [Section]
    /// Screening outcomes in file order (empty for most templates).
    public var outcomes: [Outcome]

    public init(id: String, version: String, kind: CheckSheetKind, reviewDomain: ReviewDomain? = nil,
                phases: [LifecyclePhase], appliesWhen: Condition? = nil, title: LocalizedText,
                description: LocalizedText, sections: [Section], outcomes: [Outcome] = []) {
        self.id = id
        self.version = version
        self.kind = kind
        self.reviewDomain = reviewDomain
        self.phases = phases
        self.appliesWhen = appliesWhen
        self.title = title
        self.description = description
        self.sections = sections
        self.outcomes = outcomes
    }

    /// Every question in document order.
    public var questions: [Question] { sections.flatMap(\.questions) }

    /// The question with this id, if any.
    public func question(id: String) -> Question? {
        for section in sections {
            if let question = section.questions.first(where: { $0.id == id }) { return question }
        }
        return nil
    }

    /// Whether the template is offered at `phase` for a system with these attributes (§11 step 1).
    public func isOffered(at phase: LifecyclePhase, for system: SystemAttributes) -> Bool {
        guard phases.contains(phase) else { return false }
        guard let appliesWhen else { return true }
        return appliesWhen.holds(in: EvaluationContext(system: system))
    }
}

/// A titled group of questions, optionally conditional.
public struct Section: Sendable, Equatable, Codable {
    /// The id: `^[a-z0-9_]+$`, unique within the template (option ids: within the question).
    public var id: String
    /// The title shown in lists and on the sheet.
    public var title: LocalizedText
    /// May use `system.*` and questions of earlier sections; `nil` means always.
    public var appliesWhen: Condition?
    /// The questions in document order.
    public var questions: [Question]

    public init(id: String, title: LocalizedText, appliesWhen: Condition? = nil, questions: [Question]) {
        self.id = id
        self.title = title
        self.appliesWhen = appliesWhen
        self.questions = questions
    }
}

/// One question of a template (§5).
public struct Question: Sendable, Equatable, Codable {
    /// How a question is answered.
    public enum AnswerType: String, Codable, Sendable, CaseIterable {
        case yesNoNA = "yes_no_na"
        case singleChoice = "single_choice"
        case multipleChoice = "multiple_choice"
        case text, number, date

        /// Whether the answer picks from ``Question/options``.
        public var isChoice: Bool { self == .singleChoice || self == .multipleChoice }
    }

    /// One choice of a choice question.
    public struct Option: Sendable, Equatable, Codable {
        /// The id: `^[a-z0-9_]+$`, unique within the template (option ids: within the question).
        public var id: String
        /// The label shown for the choice or result.
        public var label: LocalizedText

        public init(id: String, label: LocalizedText) {
            self.id = id
            self.label = label
        }
    }

    /// The id: `^[a-z0-9_]+$`, unique within the template (option ids: within the question).
    public var id: String
    /// The question, or what an obligation requires.
    public var text: LocalizedText
    /// Guidance for the person answering.
    public var help: LocalizedText
    /// How the question is answered.
    public var answer: AnswerType
    /// The choices; non-empty exactly for choice questions.
    public var options: [Option]
    /// Whether an answer other than `na` needs evidence before submission.
    public var evidenceRequired: Bool
    /// A multiple-choice question whose option ids are review domains: the selected domains'
    /// review sheets are opened in the assessment (`requests_reviews: true`).
    public var requestsReviews: Bool
    /// May use `system.*` and earlier questions; `nil` means always.
    public var appliesWhen: Condition?
    /// Principle ids from the catalogue.
    public var principles: [String]
    /// Framework reference ids (§9).
    public var frameworks: [String]
    /// Risks an answer raises.
    public var risks: [RiskTemplate]

    public init(id: String, text: LocalizedText, help: LocalizedText, answer: AnswerType, options: [Option] = [],
                evidenceRequired: Bool = false, appliesWhen: Condition? = nil, principles: [String],
                frameworks: [String], risks: [RiskTemplate] = [], requestsReviews: Bool = false) {
        self.id = id
        self.text = text
        self.help = help
        self.answer = answer
        self.options = options
        self.evidenceRequired = evidenceRequired
        self.requestsReviews = requestsReviews
        self.appliesWhen = appliesWhen
        self.principles = principles
        self.frameworks = frameworks
        self.risks = risks
    }

    /// The string values a condition may compare this question with: `yes`/`no`/`na` or the option ids.
    public var allowedValues: [String]? {
        switch answer {
        case .yesNoNA: return ["yes", "no", "na"]
        case .singleChoice, .multipleChoice: return options.map(\.id)
        case .text, .number, .date: return nil
        }
    }
}

/// A right that a risk can affect (§2 `Right`).
public enum HumanRight: String, Codable, Sendable, CaseIterable {
    case privacy
    case nonDiscrimination = "non_discrimination"
    case freedomOfExpression = "freedom_of_expression"
    case physicalSafety = "physical_safety"
    case humanDignity = "human_dignity"
    case accessToRemedy = "access_to_remedy"
    case labourRights = "labour_rights"
    case rightsOfTheChild = "rights_of_the_child"
    case freedomOfThought = "freedom_of_thought"
    case property
    case other
}

/// A risk an answer proposes for the risk register (§6).
public struct RiskTemplate: Sendable, Equatable, Codable {
    /// Severity after the UN Guiding Principles, each component 1 (low) to 4 (very high).
    public struct Severity: Sendable, Equatable, Codable {
        /// Gravity of the harm.
        public var scale: Int
        /// How many people are affected.
        public var scope: Int
        /// How hard the harm is to put right.
        public var irremediability: Int

        public init(scale: Int, scope: Int, irremediability: Int) {
            self.scale = scale
            self.scope = scope
            self.irremediability = irremediability
        }
    }

    /// When the risk is raised; may use `answer` and earlier questions.
    public var when: Condition
    /// The title shown in lists and on the sheet.
    public var title: LocalizedText
    /// The rights affected.
    public var rights: [HumanRight]
    /// Severity from the point of view of the people affected.
    public var severity: Severity
    /// Inherent likelihood 1..4 before the countermeasures.
    public var likelihood: Int
    /// Suggested treatments, edited by the owner in the register.
    public var countermeasures: [LocalizedText]

    public init(when: Condition, title: LocalizedText, rights: [HumanRight], severity: Severity, likelihood: Int,
                countermeasures: [LocalizedText]) {
        self.when = when
        self.title = title
        self.rights = rights
        self.severity = severity
        self.likelihood = likelihood
        self.countermeasures = countermeasures
    }
}

/// A possible result of a screening group, with its obligations (§7).
public struct Outcome: Sendable, Equatable, Codable {
    /// The group the outcome belongs to, e.g. `classification`.
    public var group: String
    /// The id: `^[a-z0-9_]+$`, unique within the template (option ids: within the question).
    public var id: String
    /// The label shown for the choice or result.
    public var label: LocalizedText
    /// May use any question; the literal `true` makes a fall-back.
    public var when: Condition
    /// What the outcome entails.
    public var obligations: [Obligation]

    public init(group: String, id: String, label: LocalizedText, when: Condition, obligations: [Obligation] = []) {
        self.group = group
        self.id = id
        self.label = label
        self.when = when
        self.obligations = obligations
    }

    /// Whether `when` is literally `true`, so later outcomes of the group can never result.
    public var isFallback: Bool { when.source.trimmingCharacters(in: .whitespaces) == "true" }
}

/// What an outcome requires, and the article or control it comes from.
public struct Obligation: Sendable, Equatable, Codable {
    /// A framework reference id (§9).
    public var ref: String
    /// The question, or what an obligation requires.
    public var text: LocalizedText

    public init(ref: String, text: LocalizedText) {
        self.ref = ref
        self.text = text
    }
}

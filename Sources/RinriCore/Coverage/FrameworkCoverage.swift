import Foundation

/// A framework whose coverage Rinri reports (docs/check-sheets.md §9).
///
/// Only these four are reported; references with other prefixes (`JP-GG`, `OECD`, `UNGP`,
/// `DOC`) are valid in templates but have no coverage report.
public enum Framework: String, CaseIterable, Codable, Sendable {
    /// The EU AI Act, Regulation (EU) 2024/1689.
    case euAIAct = "EUAIA"
    /// The Japan AI Guidelines for Business, common principles C1–C10.
    case japanAIGL = "JP-AIGL"
    /// The NIST AI Risk Management Framework 1.0.
    case nistAIRMF = "NIST"
    /// ISO/IEC 42001:2023 clauses and Annex A controls.
    case iso42001 = "ISO42001"

    /// The reported framework of a reference id such as `EUAIA.Art10(2)(f)`, read from the
    /// prefix before the first `.`; `nil` for other prefixes and for ids without a `.`.
    public static func of(_ ref: String) -> Framework? {
        guard let dot = ref.firstIndex(of: ".") else { return nil }
        return Framework(rawValue: String(ref[..<dot]))
    }
}

/// Whether an in-scope framework reference is covered.
public enum CoverageStatus: String, CaseIterable, Codable, Sendable {
    /// At least one applying question citing the reference is answered and has the evidence it needs.
    case covered
    /// The reference is in scope but no citing question covers it yet.
    case open
}

/// A question of a template, named by template id and question id.
public struct QuestionRef: Sendable, Equatable, Hashable, Codable {
    /// The template's id.
    public var templateID: String
    /// The question's id within the template.
    public var questionID: String

    public init(templateID: String, questionID: String) {
        self.templateID = templateID
        self.questionID = questionID
    }
}

/// One framework reference and the applying questions that cite it.
public struct RefCoverage: Sendable, Equatable, Codable {
    /// The reference id, e.g. `EUAIA.Art10(2)(f)`.
    public var ref: String
    /// Every applying question citing the reference, in the order the sheets and questions were given.
    public var questions: [QuestionRef]

    public init(ref: String, questions: [QuestionRef]) {
        self.ref = ref
        self.questions = questions
    }
}

/// A template and its evaluation for one system.
public struct EvaluatedSheet: Sendable, Equatable {
    /// The evaluated template.
    public var template: CheckSheetTemplate
    /// The template evaluated against the system and its answers and evidence.
    public var evaluation: CheckSheetEvaluation

    public init(template: CheckSheetTemplate, evaluation: CheckSheetEvaluation) {
        self.template = template
        self.evaluation = evaluation
    }
}

/// How far one system's check sheets cover one framework.
///
/// Definitions, for a system and the sheets evaluated for it:
/// - a reference is **in scope** when an applying question (``CheckSheetEvaluation/applyingQuestions``)
///   cites it in its `frameworks`; references of questions that do not apply, and of outcome
///   obligations, are not in scope;
/// - an in-scope reference is **covered** when at least one applying question citing it is
///   answered (in ``CheckSheetEvaluation/effectiveAnswers``) and is not missing required evidence
///   (not in ``CheckSheetEvaluation/missingEvidence``); an answer of `na` counts as an answer;
/// - otherwise it is **open**.
///
/// ``percentage`` is covered ÷ (covered + open) × 100, or `nil` when no reference is in scope.
/// Both lists are in natural order (``FrameworkCoverage/naturalOrder(_:_:)``).
public struct FrameworkCoverage: Sendable, Equatable, Codable {
    /// The framework.
    public var framework: Framework
    /// The covered references.
    public var covered: [RefCoverage]
    /// The in-scope references that are not covered.
    public var open: [RefCoverage]
    /// Covered ÷ in scope × 100, `nil` when nothing is in scope.
    public var percentage: Double?

    public init(framework: Framework, covered: [RefCoverage], open: [RefCoverage], percentage: Double?) {
        self.framework = framework
        self.covered = covered
        self.open = open
        self.percentage = percentage
    }

    /// The status of `ref`, or `nil` when it is not in scope.
    public func status(of ref: String) -> CoverageStatus? {
        if covered.contains(where: { $0.ref == ref }) { return .covered }
        if open.contains(where: { $0.ref == ref }) { return .open }
        return nil
    }

    /// The coverage of every ``Framework`` for one system, in ``Framework/allCases`` order;
    /// frameworks without an in-scope reference are included with empty lists and a `nil` percentage.
    public static func system(_ sheets: [EvaluatedSheet]) -> [FrameworkCoverage] {
        var citing: [String: [QuestionRef]] = [:]
        var coveredRefs: Set<String> = []
        for sheet in sheets {
            let evaluation = sheet.evaluation
            let missing = Set(evaluation.missingEvidence)
            for questionID in evaluation.applyingQuestions {
                guard let question = sheet.template.question(id: questionID) else { continue }
                let questionRef = QuestionRef(templateID: sheet.template.id, questionID: questionID)
                let covers = evaluation.effectiveAnswers[questionID] != nil && !missing.contains(questionID)
                for ref in Set(question.frameworks) where Framework.of(ref) != nil {
                    if !(citing[ref]?.contains(questionRef) ?? false) { citing[ref, default: []].append(questionRef) }
                    if covers { coveredRefs.insert(ref) }
                }
            }
        }
        return Framework.allCases.map { framework in
            let refs = citing.keys.filter { Framework.of($0) == framework }.sorted(by: naturalOrder)
            let entries = refs.map { RefCoverage(ref: $0, questions: citing[$0] ?? []) }
            let covered = entries.filter { coveredRefs.contains($0.ref) }
            let open = entries.filter { !coveredRefs.contains($0.ref) }
            return FrameworkCoverage(framework: framework, covered: covered, open: open,
                                     percentage: percent(covered.count, of: entries.count))
        }
    }

    /// `part` ÷ `whole` × 100, or `nil` when `whole` is 0.
    static func percent(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole) * 100
    }
}

/// The framework coverage of one AI system.
public struct SystemCoverage: Sendable, Equatable, Codable {
    /// The inventory id of the system.
    public var systemID: String
    /// The system's display name.
    public var systemName: String
    /// One entry per framework, as ``FrameworkCoverage/system(_:)`` returns them.
    public var frameworks: [FrameworkCoverage]

    public init(systemID: String, systemName: String, frameworks: [FrameworkCoverage]) {
        self.systemID = systemID
        self.systemName = systemName
        self.frameworks = frameworks
    }

    /// Computes the coverage of the system from its evaluated sheets.
    public init(systemID: String, systemName: String, sheets: [EvaluatedSheet]) {
        self.init(systemID: systemID, systemName: systemName, frameworks: FrameworkCoverage.system(sheets))
    }

    /// The coverage of `framework`, if present.
    public func coverage(of framework: Framework) -> FrameworkCoverage? {
        frameworks.first { $0.framework == framework }
    }
}

/// How many systems cover one reference, and how many have it in scope but open.
public struct OrganisationRefCoverage: Sendable, Equatable, Codable {
    public var ref: String
    public var coveredCount: Int
    public var openCount: Int

    public init(ref: String, coveredCount: Int, openCount: Int) {
        self.ref = ref
        self.coveredCount = coveredCount
        self.openCount = openCount
    }
}

/// The number of systems for which a reference is covered (or open): one group of the organisation's coverage.
public struct RefCount: Sendable, Equatable {
    public var ref: String
    public var status: CoverageStatus
    public var systems: Int

    public init(ref: String, status: CoverageStatus, systems: Int) {
        self.ref = ref
        self.status = status
        self.systems = systems
    }
}

/// How far the systems of an organisation cover one framework.
///
/// Each (system, reference) pair with the reference in scope for the system counts once;
/// ``percentage`` is covered pairs ÷ in-scope pairs × 100, or `nil` when no system has any
/// reference of the framework in scope.
public struct OrganisationFrameworkCoverage: Sendable, Equatable, Codable {
    /// The framework.
    public var framework: Framework
    /// Every reference in scope for at least one system, in natural order.
    public var refs: [OrganisationRefCoverage]
    /// Covered pairs ÷ in-scope pairs × 100, `nil` when there is no in-scope pair.
    public var percentage: Double?

    public init(framework: Framework, refs: [OrganisationRefCoverage], percentage: Double?) {
        self.framework = framework
        self.refs = refs
        self.percentage = percentage
    }

    /// The number of covered (system, reference) pairs.
    public var coveredPairs: Int { refs.reduce(0) { $0 + $1.coveredCount } }
    /// The number of in-scope (system, reference) pairs.
    public var inScopePairs: Int { refs.reduce(0) { $0 + $1.coveredCount + $1.openCount } }
}

extension FrameworkCoverage {
    /// The organisation's coverage of each framework from every system's coverage: per reference, how
    /// many systems cover it and how many have it open; the percentage is covered (system, reference)
    /// pairs over pairs in scope.
    public static func organisation(_ systems: [SystemCoverage]) -> [OrganisationFrameworkCoverage] {
        var counts: [String: [CoverageStatus: Int]] = [:]
        for system in systems {
            for coverage in system.frameworks {
                for entry in coverage.covered { counts[entry.ref, default: [:]][.covered, default: 0] += 1 }
                for entry in coverage.open { counts[entry.ref, default: [:]][.open, default: 0] += 1 }
            }
        }
        return organisation(counts: counts.flatMap { ref, byStatus in
            byStatus.map { RefCount(ref: ref, status: $0.key, systems: $0.value) }
        })
    }

    /// The organisation's coverage from counts already grouped by reference and status (the database's
    /// `GROUP BY`); references of frameworks Rinri does not report are left out.
    public static func organisation(counts: [RefCount]) -> [OrganisationFrameworkCoverage] {
        Framework.allCases.map { framework in
            var covered: [String: Int] = [:]
            var open: [String: Int] = [:]
            for count in counts where Framework.of(count.ref) == framework {
                switch count.status {
                case .covered: covered[count.ref, default: 0] += count.systems
                case .open: open[count.ref, default: 0] += count.systems
                }
            }
            let refs = Set(covered.keys).union(open.keys).sorted(by: naturalOrder).map {
                OrganisationRefCoverage(ref: $0, coveredCount: covered[$0] ?? 0, openCount: open[$0] ?? 0)
            }
            let pairs = refs.reduce(0) { $0 + $1.coveredCount + $1.openCount }
            let coveredPairs = refs.reduce(0) { $0 + $1.coveredCount }
            return OrganisationFrameworkCoverage(framework: framework, refs: refs,
                                                 percentage: percent(coveredPairs, of: pairs))
        }
    }

    /// Natural order of reference ids: runs of ASCII digits compare by their numeric value, other
    /// runs as strings, so `EUAIA.Art2` < `EUAIA.Art10` and `NIST.MS-2.2` < `NIST.MS-2.11`.
    /// Ids that compare equal that way (`A01`, `A1`) fall back to plain string order.
    public static func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = NaturalToken.split(lhs)
        let right = NaturalToken.split(rhs)
        for (l, r) in zip(left, right) where l != r {
            if let order = NaturalToken.less(l, r) { return order }
        }
        if left.count != right.count { return left.count < right.count }
        return lhs < rhs
    }
}

/// A run of digits or of other characters in a reference id.
private enum NaturalToken: Equatable {
    case number(String)
    case text(String)

    static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }

    static func split(_ string: String) -> [NaturalToken] {
        var tokens: [NaturalToken] = []
        var current = ""
        var inNumber = false
        for character in string {
            if !current.isEmpty && isDigit(character) != inNumber {
                tokens.append(inNumber ? .number(current) : .text(current))
                current = ""
            }
            inNumber = isDigit(character)
            current.append(character)
        }
        if !current.isEmpty { tokens.append(inNumber ? .number(current) : .text(current)) }
        return tokens
    }

    /// Whether `lhs` sorts before `rhs`; `nil` when they are numerically equal (`01`, `1`).
    static func less(_ lhs: NaturalToken, _ rhs: NaturalToken) -> Bool? {
        switch (lhs, rhs) {
        case let (.number(l), .number(r)):
            let a = l.drop { $0 == "0" }
            let b = r.drop { $0 == "0" }
            if a.count != b.count { return a.count < b.count }
            return a == b ? nil : a < b
        case let (.number(l), .text(r)), let (.text(l), .text(r)), let (.text(l), .number(r)):
            return l < r
        }
    }
}

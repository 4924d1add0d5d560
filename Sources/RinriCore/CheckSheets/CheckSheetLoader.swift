import Foundation
import Yams

/// Builds the model from YAML (docs/check-sheets.md §3–§8), reporting structural problems:
/// parse errors, missing, unknown and duplicate keys, wrong types, values outside fixed sets,
/// malformed bilingual texts and conditions that do not parse.
///
/// Where a value is missing or broken a placeholder is used, so that the linter can still check
/// the rest of the file; a file with any error never yields a template.
struct CheckSheetLoader {
    let reader: YAMLNodeReader
    private var lint: LintCollector { reader.lint }

    init(lint: LintCollector) {
        reader = YAMLNodeReader(lint: lint)
    }

    static let placeholderText = LocalizedText(en: "", ja: "")

    // MARK: Template

    func template(yaml: String) -> CheckSheetTemplate? {
        guard let root = reader.compose(yaml) else { return nil }
        let keys = ["id", "version", "kind", "review_domain", "phases", "applies_when", "title", "description",
                    "sections", "outcomes"]
        guard let map = reader.mapping(root, "", allowed: keys,
                                       required: ["id", "version", "kind", "phases", "title", "description", "sections"])
        else { return nil }
        let sections = map["sections"].flatMap { reader.sequence($0, "sections") } ?? []
        let outcomes = map["outcomes"].flatMap { reader.sequence($0, "outcomes") } ?? []
        return CheckSheetTemplate(
            id: map["id"].flatMap { reader.string($0, "id") } ?? "",
            version: map["version"].flatMap { reader.version($0, "version") } ?? "",
            kind: map["kind"].flatMap { reader.enumeration($0, "kind", CheckSheetKind.self) } ?? .ethics,
            reviewDomain: map["review_domain"].flatMap { reader.enumeration($0, "review_domain", ReviewDomain.self) },
            phases: map["phases"].flatMap { phases($0) } ?? [],
            appliesWhen: map["applies_when"].flatMap { reader.condition($0, "applies_when") },
            title: text(map["title"], "title"),
            description: text(map["description"], "description"),
            sections: sections.map { section($0.node, $0.path) },
            outcomes: outcomes.map { outcome($0.node, $0.path) })
    }

    private func phases(_ node: Node) -> [LifecyclePhase]? {
        reader.sequence(node, "phases")?.compactMap { reader.enumeration($0.node, $0.path, LifecyclePhase.self) }
    }

    private func text(_ node: Node?, _ path: String) -> LocalizedText {
        node.flatMap { reader.localizedText($0, path) } ?? Self.placeholderText
    }

    private func texts(_ node: Node?, _ path: String) -> [LocalizedText] {
        guard let node, let items = reader.sequence(node, path) else { return [] }
        return items.map { text($0.node, $0.path) }
    }

    // MARK: Section and question

    private func section(_ node: Node, _ path: String) -> Section {
        let map = reader.mapping(node, path, allowed: ["id", "title", "applies_when", "questions"],
                                 required: ["id", "title", "questions"]) ?? [:]
        let questions = map["questions"].flatMap { reader.sequence($0, "\(path).questions") } ?? []
        return Section(
            id: map["id"].flatMap { reader.string($0, "\(path).id") } ?? "",
            title: text(map["title"], "\(path).title"),
            appliesWhen: map["applies_when"].flatMap { reader.condition($0, "\(path).applies_when") },
            questions: questions.map { question($0.node, $0.path) })
    }

    private func question(_ node: Node, _ path: String) -> Question {
        let keys = ["id", "text", "help", "answer", "options", "evidence_required", "applies_when", "principles",
                    "frameworks", "risks", "requests_reviews"]
        let map = reader.mapping(node, path, allowed: keys,
                                 required: ["id", "text", "help", "answer", "principles", "frameworks"]) ?? [:]
        let options = map["options"].flatMap { reader.sequence($0, "\(path).options") } ?? []
        let risks = map["risks"].flatMap { reader.sequence($0, "\(path).risks") } ?? []
        return Question(
            id: map["id"].flatMap { reader.string($0, "\(path).id") } ?? "",
            text: text(map["text"], "\(path).text"),
            help: text(map["help"], "\(path).help"),
            answer: map["answer"].flatMap { reader.enumeration($0, "\(path).answer", Question.AnswerType.self) } ?? .text,
            options: options.map { option($0.node, $0.path) },
            evidenceRequired: map["evidence_required"].flatMap { reader.bool($0, "\(path).evidence_required") } ?? false,
            appliesWhen: map["applies_when"].flatMap { reader.condition($0, "\(path).applies_when") },
            principles: map["principles"].flatMap { reader.strings($0, "\(path).principles") } ?? [],
            frameworks: map["frameworks"].flatMap { reader.strings($0, "\(path).frameworks") } ?? [],
            risks: risks.map { risk($0.node, $0.path) },
            requestsReviews: map["requests_reviews"].flatMap { reader.bool($0, "\(path).requests_reviews") } ?? false)
    }

    private func option(_ node: Node, _ path: String) -> Question.Option {
        let map = reader.mapping(node, path, allowed: ["id", "label"], required: ["id", "label"]) ?? [:]
        return Question.Option(id: map["id"].flatMap { reader.string($0, "\(path).id") } ?? "",
                               label: text(map["label"], "\(path).label"))
    }

    // MARK: Risk and outcome

    private func risk(_ node: Node, _ path: String) -> RiskTemplate {
        let keys = ["when", "title", "rights", "severity", "likelihood", "countermeasures"]
        let map = reader.mapping(node, path, allowed: keys, required: keys) ?? [:]
        let rights = map["rights"].flatMap { reader.sequence($0, "\(path).rights") } ?? []
        return RiskTemplate(
            when: map["when"].flatMap { reader.condition($0, "\(path).when") } ?? .always,
            title: text(map["title"], "\(path).title"),
            rights: rights.compactMap { reader.enumeration($0.node, $0.path, HumanRight.self) },
            severity: map["severity"].flatMap { severity($0, "\(path).severity") } ?? .init(scale: 1, scope: 1, irremediability: 1),
            likelihood: map["likelihood"].flatMap { reader.int($0, "\(path).likelihood") } ?? 1,
            countermeasures: texts(map["countermeasures"], "\(path).countermeasures"))
    }

    private func severity(_ node: Node, _ path: String) -> RiskTemplate.Severity? {
        let keys = ["scale", "scope", "irremediability"]
        let map = reader.mapping(node, path, allowed: keys, required: keys) ?? [:]
        func value(_ key: String) -> Int { map[key].flatMap { reader.int($0, "\(path).\(key)") } ?? 1 }
        return RiskTemplate.Severity(scale: value("scale"), scope: value("scope"), irremediability: value("irremediability"))
    }

    private func outcome(_ node: Node, _ path: String) -> Outcome {
        let map = reader.mapping(node, path, allowed: ["group", "id", "label", "when", "obligations"],
                                 required: ["group", "id", "label", "when"]) ?? [:]
        let obligations = map["obligations"].flatMap { reader.sequence($0, "\(path).obligations") } ?? []
        return Outcome(
            group: map["group"].flatMap { reader.string($0, "\(path).group") } ?? "",
            id: map["id"].flatMap { reader.string($0, "\(path).id") } ?? "",
            label: text(map["label"], "\(path).label"),
            when: map["when"].flatMap { reader.condition($0, "\(path).when") } ?? .always,
            obligations: obligations.map { obligation($0.node, $0.path) })
    }

    private func obligation(_ node: Node, _ path: String) -> Obligation {
        let map = reader.mapping(node, path, allowed: ["ref", "text"], required: ["ref", "text"]) ?? [:]
        return Obligation(ref: map["ref"].flatMap { reader.string($0, "\(path).ref") } ?? "",
                          text: text(map["text"], "\(path).text"))
    }

    // MARK: Principle catalogue

    func catalogue(yaml: String) -> PrincipleCatalogue? {
        guard let root = reader.compose(yaml),
              let map = reader.mapping(root, "", allowed: ["catalogue", "version", "principles"],
                                       required: ["catalogue", "version", "principles"]) else { return nil }
        let items = map["principles"].flatMap { reader.sequence($0, "principles") } ?? []
        return PrincipleCatalogue(
            catalogue: map["catalogue"].flatMap { reader.string($0, "catalogue") } ?? "",
            version: map["version"].flatMap { reader.version($0, "version") } ?? "",
            principles: items.map { principle($0.node, $0.path) })
    }

    private func principle(_ node: Node, _ path: String) -> Principle {
        let keys = ["id", "version", "source", "title", "summary", "frameworks"]
        let map = reader.mapping(node, path, allowed: keys, required: Array(keys.dropLast())) ?? [:]
        return Principle(
            id: map["id"].flatMap { reader.string($0, "\(path).id") } ?? "",
            version: map["version"].flatMap { reader.version($0, "\(path).version") } ?? "",
            source: map["source"].flatMap { reader.enumeration($0, "\(path).source", PrincipleSource.self) } ?? .sony,
            title: text(map["title"], "\(path).title"),
            summary: text(map["summary"], "\(path).summary"),
            frameworks: map["frameworks"].flatMap { reader.strings($0, "\(path).frameworks") } ?? [])
    }
}

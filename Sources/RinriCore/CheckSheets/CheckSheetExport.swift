import Foundation
import Yams

extension CheckSheetTemplate {
    /// The template in the YAML format of docs/check-sheets.md; loading it gives back an equal template.
    ///
    /// Texts and conditions are double-quoted; ids and references are written plain when YAML
    /// reads them back as the same string.
    public func yamlText() -> String {
        var out = TemplateYAMLWriter()
        out.line(0, "id: \(YAMLScalar.plain(id))")
        out.line(0, "version: \(YAMLScalar.plain(version))")
        out.line(0, "kind: \(kind.rawValue)")
        if let reviewDomain { out.line(0, "review_domain: \(reviewDomain.rawValue)") }
        out.line(0, "phases: \(YAMLScalar.flowList(phases.map(\.rawValue)))")
        if let appliesWhen { out.line(0, "applies_when: \(YAMLScalar.quoted(appliesWhen.source))") }
        out.text(0, "title", title)
        out.text(0, "description", description)
        out.line(0, "sections:")
        for section in sections { out.section(section) }
        if !outcomes.isEmpty {
            out.line(0, "outcomes:")
            for outcome in outcomes { out.outcome(outcome) }
        }
        return out.text
    }
}

/// Writes the block layout used by the shipped templates.
private struct TemplateYAMLWriter {
    var text = ""

    mutating func line(_ indent: Int, _ content: String) {
        text += String(repeating: " ", count: indent) + content + "\n"
    }

    /// A bilingual text as a nested block mapping.
    mutating func text(_ indent: Int, _ key: String, _ value: LocalizedText) {
        line(indent, "\(key):")
        line(indent + 2, "en: \(YAMLScalar.quoted(value.en))")
        line(indent + 2, "ja: \(YAMLScalar.quoted(value.ja))")
    }

    mutating func section(_ section: Section) {
        line(2, "- id: \(YAMLScalar.plain(section.id))")
        text(4, "title", section.title)
        if let appliesWhen = section.appliesWhen { line(4, "applies_when: \(YAMLScalar.quoted(appliesWhen.source))") }
        line(4, "questions:")
        for question in section.questions { self.question(question) }
    }

    mutating func question(_ question: Question) {
        line(6, "- id: \(YAMLScalar.plain(question.id))")
        text(8, "text", question.text)
        text(8, "help", question.help)
        line(8, "answer: \(question.answer.rawValue)")
        if !question.options.isEmpty {
            line(8, "options:")
            for option in question.options {
                line(10, "- {id: \(YAMLScalar.plain(option.id)), label: \(YAMLScalar.flowText(option.label))}")
            }
        }
        if question.evidenceRequired { line(8, "evidence_required: true") }
        if question.requestsReviews { line(8, "requests_reviews: true") }
        if let appliesWhen = question.appliesWhen { line(8, "applies_when: \(YAMLScalar.quoted(appliesWhen.source))") }
        line(8, "principles: \(YAMLScalar.flowList(question.principles))")
        line(8, "frameworks: \(YAMLScalar.flowList(question.frameworks))")
        if !question.risks.isEmpty {
            line(8, "risks:")
            for risk in question.risks { self.risk(risk) }
        }
    }

    mutating func risk(_ risk: RiskTemplate) {
        let severity = risk.severity
        line(10, "- when: \(YAMLScalar.quoted(risk.when.source))")
        line(12, "title: \(YAMLScalar.flowText(risk.title))")
        line(12, "rights: \(YAMLScalar.flowList(risk.rights.map(\.rawValue)))")
        line(12, "severity: {scale: \(severity.scale), scope: \(severity.scope), irremediability: \(severity.irremediability)}")
        line(12, "likelihood: \(risk.likelihood)")
        line(12, "countermeasures:")
        for countermeasure in risk.countermeasures { line(14, "- \(YAMLScalar.flowText(countermeasure))") }
    }

    mutating func outcome(_ outcome: Outcome) {
        line(2, "- group: \(YAMLScalar.plain(outcome.group))")
        line(4, "id: \(YAMLScalar.plain(outcome.id))")
        line(4, "label: \(YAMLScalar.flowText(outcome.label))")
        line(4, "when: \(YAMLScalar.quoted(outcome.when.source))")
        if !outcome.obligations.isEmpty {
            line(4, "obligations:")
            for obligation in outcome.obligations {
                line(6, "- {ref: \(YAMLScalar.plain(obligation.ref)), text: \(YAMLScalar.flowText(obligation.text))}")
            }
        }
    }
}

/// Scalar formatting for the YAML writer.
enum YAMLScalar {
    /// A double-quoted scalar with YAML escapes.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The value unquoted when that is safe in block and flow context and reads back as the same string.
    static func plain(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_-.()".unicodeScalars.contains(scalar))
        }
        guard safe, let first = value.unicodeScalars.first, CharacterSet.alphanumerics.contains(first),
              !IdentifierPattern.booleanWords.contains(value.lowercased()),
              Resolver.default.resolveTag(of: Node(value)) == .str else { return quoted(value) }
        return value
    }

    static func flowList(_ values: [String]) -> String {
        "[" + values.map(plain).joined(separator: ", ") + "]"
    }

    static func flowText(_ text: LocalizedText) -> String {
        "{en: \(quoted(text.en)), ja: \(quoted(text.ja))}"
    }
}

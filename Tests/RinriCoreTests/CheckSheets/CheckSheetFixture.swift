import Foundation
import RinriCore
import Testing

/// A small valid template (`t.yaml`) whose lines the lint tests replace one at a time.
enum CheckSheetFixture {
    static let lines: [String] = [
        "id: t",                                                            // 1
        "version: 1.0.0",                                                   // 2
        "kind: ethics",                                                     // 3
        "phases: [planning]",                                               // 4
        "title: {en: \"T\", ja: \"テスト\"}",                                  // 5
        "description: {en: \"D\", ja: \"説明です。\"}",                         // 6
        "sections:",                                                        // 7
        "  - id: s1",                                                       // 8
        "    title: {en: \"S1\", ja: \"第一章\"}",                              // 9
        "    questions:",                                                   // 10
        "      - id: q1",                                                   // 11
        "        text: {en: \"Q1?\", ja: \"質問一ですか。\"}",                    // 12
        "        help: {en: \"H\", ja: \"補足です。\"}",                         // 13
        "        answer: yes_no_na",                                        // 14
        "        principles: [SONY.1]",                                     // 15
        "        frameworks: [NIST.GV-1]",                                  // 16
        "        risks:",                                                   // 17
        "          - when: \"answer == 'no'\"",                             // 18
        "            title: {en: \"R\", ja: \"リスク\"}",                        // 19
        "            rights: [privacy]",                                    // 20
        "            severity: {scale: 2, scope: 2, irremediability: 2}",   // 21
        "            likelihood: 2",                                        // 22
        "            countermeasures:",                                     // 23
        "              - {en: \"Do it.\", ja: \"対応します。\"}",                 // 24
        "      - id: q2",                                                   // 25
        "        text: {en: \"Q2?\", ja: \"質問二ですか。\"}",                    // 26
        "        help: {en: \"H\", ja: \"補足です。\"}",                         // 27
        "        answer: single_choice",                                    // 28
        "        options:",                                                 // 29
        "          - {id: a, label: {en: \"A\", ja: \"エー\"}}",                  // 30
        "          - {id: b, label: {en: \"B\", ja: \"ビー\"}}",                  // 31
        "        applies_when: \"answers.q1 == 'yes'\"",                    // 32
        "        principles: [SONY.1]",                                     // 33
        "        frameworks: [EUAIA.Art5(1)(a)]",                           // 34
        "  - id: s2",                                                       // 35
        "    title: {en: \"S2\", ja: \"第二章\"}",                              // 36
        "    applies_when: \"answers.q2 == 'a'\"",                          // 37
        "    questions:",                                                   // 38
        "      - id: q3",                                                   // 39
        "        text: {en: \"Q3?\", ja: \"質問三ですか。\"}",                    // 40
        "        help: {en: \"H\", ja: \"補足です。\"}",                         // 41
        "        answer: number",                                           // 42
        "        principles: [NEC.HR.privacy]",                             // 43
        "        frameworks: [ISO42001.A.7.4]",                             // 44
        "outcomes:",                                                        // 45
        "  - group: result",                                                // 46
        "    id: big",                                                      // 47
        "    label: {en: \"Big\", ja: \"大\"}",                                // 48
        "    when: \"answers.q3 > 10\"",                                    // 49
        "    obligations:",                                                 // 50
        "      - {ref: UNGP.18, text: {en: \"Act.\", ja: \"対応します。\"}}",      // 51
        "  - group: result",                                                // 52
        "    id: other",                                                    // 53
        "    label: {en: \"Other\", ja: \"その他\"}",                          // 54
        "    when: \"true\"",                                               // 55
    ]

    /// The template text with 1-based lines replaced (a replacement may span several lines).
    static func yaml(replacing replacements: [Int: String] = [:], appending extra: [String] = []) -> String {
        let replaced = lines.enumerated().map { replacements[$0.offset + 1] ?? $0.element }
        return (replaced + extra).joined(separator: "\n") + "\n"
    }

    static let catalogue = PrincipleCatalogue(version: "1.0.0", principles: [
        Principle(id: "SONY.1", version: "1.0.0", source: .sony, title: LocalizedText(en: "One", ja: "一"),
                  summary: LocalizedText(en: "One.", ja: "一です。")),
        Principle(id: "NEC.HR.privacy", version: "1.0.0", source: .nec, title: LocalizedText(en: "Privacy", ja: "プライバシー"),
                  summary: LocalizedText(en: "Privacy.", ja: "プライバシーです。")),
    ])

    static func lint(_ yaml: String, file: String = "t.yaml") -> CheckSheetLinter.TemplateResult {
        CheckSheetLinter.lintTemplate(yaml: yaml, file: file, catalogue: catalogue)
    }

    static func bundledTemplateText(_ id: String) throws -> String {
        let url = try #require(RinriResources.url("CheckSheets/\(id).yaml"))
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// Expects a problem rendered as `file:line: …fragment…` (warnings as `file:line: warning: …`).
func expectProblem(_ problems: [LintProblem], _ location: String, _ fragment: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    let rendered = problems.map(\.description)
    let found = rendered.contains { $0.hasPrefix(location + ": ") && $0.contains(fragment) }
    #expect(found, "no problem \(location): …\(fragment)… in\n\(rendered.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
}

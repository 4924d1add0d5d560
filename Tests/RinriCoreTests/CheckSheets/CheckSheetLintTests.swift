import Foundation
import RinriCore
import Testing

/// One bad variant of the fixture: lines replaced, and the problem expected.
struct LintCase: Sendable, CustomTestStringConvertible {
    var replacing: [Int: String]
    var appending: [String] = []
    var location: String
    var fragment: String

    var testDescription: String { "\(location) \(fragment)" }
}

@Suite("Check-sheet linter")
struct CheckSheetLintTests {
    func run(_ lintCase: LintCase, sourceLocation: SourceLocation = #_sourceLocation) {
        // given
        let yaml = CheckSheetFixture.yaml(replacing: lintCase.replacing, appending: lintCase.appending)
        // when
        let result = CheckSheetFixture.lint(yaml)
        // then
        expectProblem(result.problems, lintCase.location, lintCase.fragment, sourceLocation: sourceLocation)
        if lintCase.location.contains("warning") {
            #expect(result.template != nil, "warnings alone do not reject a file", sourceLocation: sourceLocation)
        } else {
            #expect(result.template == nil, "a file with an error yields no template", sourceLocation: sourceLocation)
        }
    }

    @Test func theFixtureIsValid() throws {
        // given / when
        let result = CheckSheetFixture.lint(CheckSheetFixture.yaml())
        // then
        #expect(result.problems == [])
        let template = try #require(result.template)
        #expect(template.id == "t" && template.questions.map(\.id) == ["q1", "q2", "q3"])
        #expect(template.outcomes.last?.isFallback == true)
    }

    @Test("Rule 1: parse errors, missing, unknown and duplicate keys, wrong types", arguments: [
        LintCase(replacing: [3: "kind: ethics: x"], location: "t.yaml:3", fragment: "YAML does not parse"),
        LintCase(replacing: [13: "        # no help"], location: "t.yaml:11",
                 fragment: "sections[0].questions[0]: missing required key 'help'"),
        LintCase(replacing: [22: "            likelyhood: 2"], location: "t.yaml:22",
                 fragment: "sections[0].questions[0].risks[0].likelyhood: unknown key 'likelyhood'"),
        LintCase(replacing: [22: "            likelyhood: 2"], location: "t.yaml:18", fragment: "missing required key 'likelihood'"),
        LintCase(replacing: [22: "            likelihood: high"], location: "t.yaml:22", fragment: "must be an integer"),
        LintCase(replacing: [30: "          - {id: yes, label: {en: \"A\", ja: \"エー\"}}"], location: "t.yaml:30",
                 fragment: "options[0].id: must be a string, not the boolean yes; quote it"),
        LintCase(replacing: [16: "        principles: [SONY.1]"], location: "t.yaml:16", fragment: "duplicate key 'principles'"),
        LintCase(replacing: [4: "phases: planning"], location: "t.yaml:4", fragment: "phases: must be a list"),
        LintCase(replacing: [14: "        answer: yes_no_na\n        evidence_required: \"yes\""], location: "t.yaml:15",
                 fragment: "evidence_required: must be true or false"),
    ])
    func structure(_ lintCase: LintCase) { run(lintCase) }

    @Test("Unknown keys are errors at every level", arguments: [
        LintCase(replacing: [6: "titel: {en: \"D\", ja: \"説明です。\"}"], location: "t.yaml:6", fragment: "titel: unknown key"),
        LintCase(replacing: [9: "    titel: {en: \"S1\", ja: \"第一章\"}"], location: "t.yaml:9",
                 fragment: "sections[0].titel: unknown key"),
        LintCase(replacing: [16: "        framework: [NIST.GV-1]"], location: "t.yaml:16", fragment: "framework: unknown key"),
        LintCase(replacing: [30: "          - {id: a, label: {en: \"A\", ja: \"エー\"}, help: x}"], location: "t.yaml:30",
                 fragment: "options[0].help: unknown key"),
        LintCase(replacing: [21: "            severity: {scale: 2, scope: 2, irremediability: 2, extent: 1}"],
                 location: "t.yaml:21", fragment: "severity.extent: unknown key"),
        LintCase(replacing: [24: "              - {en: \"Do it.\", ja: \"対応します。\", fr: \"Faites.\"}"], location: "t.yaml:24",
                 fragment: "countermeasures[0].fr: unknown key"),
        LintCase(replacing: [51: "      - {ref: UNGP.18, text: {en: \"Act.\", ja: \"対応します。\"}, due: 1}"], location: "t.yaml:51",
                 fragment: "obligations[0].due: unknown key"),
        LintCase(replacing: [55: "    when: \"true\"\n    weight: 1"], location: "t.yaml:56", fragment: "outcomes[1].weight: unknown key"),
    ])
    func unknownKeys(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 2: template id", arguments: [
        LintCase(replacing: [1: "id: T_1"], location: "t.yaml:1", fragment: "id: template id 'T_1' must match ^[a-z0-9-]+$"),
        LintCase(replacing: [1: "id: other"], location: "t.yaml:1", fragment: "must equal the file name 't.yaml'"),
    ])
    func templateID(_ lintCase: LintCase) { run(lintCase) }

    @Test func rule2TemplateIDsAreUniqueAcrossFiles() {
        // given
        let catalogue = CheckSheetSource(name: "principles.yaml", yaml: """
            catalogue: rinri-principles
            version: 1.0.0
            principles:
              - {id: SONY.1, version: 1.0.0, source: sony, title: {en: "One", ja: "一"}, summary: {en: "One.", ja: "一です。"}}
              - {id: NEC.HR.privacy, version: 1.0.0, source: nec, title: {en: "P", ja: "プライバシー"}, summary: {en: "P.", ja: "プライバシーです。"}}
            """)
        let yaml = CheckSheetFixture.yaml()
        // when
        let result = CheckSheetLinter.lintLibrary(
            catalogue: catalogue, templates: [CheckSheetSource(name: "a/t.yaml", yaml: yaml), CheckSheetSource(name: "b/t.yaml", yaml: yaml)])
        // then
        expectProblem(result.problems, "b/t.yaml:1", "template id 't' is already used by a/t.yaml")
        #expect(result.templates.count == 1)
    }

    @Test("Rule 3: version, kind, review_domain, phases", arguments: [
        LintCase(replacing: [2: "version: 1.0"], location: "t.yaml:2", fragment: "version '1.0' is not MAJOR.MINOR.PATCH"),
        LintCase(replacing: [2: "version: 1.02.0"], location: "t.yaml:2", fragment: "is not MAJOR.MINOR.PATCH"),
        LintCase(replacing: [3: "kind: policy"], location: "t.yaml:3",
                 fragment: "kind: 'policy' is not one of ethics, human_rights, regulation, review"),
        LintCase(replacing: [3: "kind: review"], location: "t.yaml:3", fragment: "a review template needs review_domain"),
        LintCase(replacing: [3: "kind: ethics\nreview_domain: legal"], location: "t.yaml:4",
                 fragment: "review_domain is allowed only with kind: review"),
        LintCase(replacing: [3: "kind: review\nreview_domain: finance"], location: "t.yaml:4", fragment: "'finance' is not one of"),
        LintCase(replacing: [4: "phases: [planning, planning]"], location: "t.yaml:4", fragment: "phase 'planning' is listed twice"),
        LintCase(replacing: [4: "phases: [planing]"], location: "t.yaml:4", fragment: "phases[0]: 'planing' is not one of"),
        LintCase(replacing: [4: "phases: []"], location: "t.yaml:4", fragment: "phases must not be empty"),
    ])
    func versionKindPhases(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 4: local ids and duplicates", arguments: [
        LintCase(replacing: [8: "  - id: S1"], location: "t.yaml:8", fragment: "section id 'S1' must match ^[a-z0-9_]+$"),
        LintCase(replacing: [35: "  - id: s1"], location: "t.yaml:35", fragment: "duplicate section id 's1'"),
        LintCase(replacing: [39: "      - id: q1"], location: "t.yaml:39", fragment: "duplicate question id 'q1'"),
        LintCase(replacing: [25: "      - id: q-2"], location: "t.yaml:25", fragment: "question id 'q-2' must match"),
        LintCase(replacing: [31: "          - {id: a, label: {en: \"B\", ja: \"ビー\"}}"], location: "t.yaml:31",
                 fragment: "duplicate option id 'a'"),
        LintCase(replacing: [30: "          - {id: 'on', label: {en: \"A\", ja: \"エー\"}}"], location: "t.yaml:30",
                 fragment: "option id 'on' is a YAML boolean word"),
        LintCase(replacing: [46: "  - group: Result"], location: "t.yaml:46", fragment: "group id 'Result' must match"),
        LintCase(replacing: [53: "    id: big"], location: "t.yaml:53", fragment: "duplicate outcome id 'big'"),
    ])
    func localIDs(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 5: bilingual texts", arguments: [
        LintCase(replacing: [5: "title: {en: \"T\"}"], location: "t.yaml:5", fragment: "title: missing required key 'ja'"),
        LintCase(replacing: [5: "title: {en: \"\", ja: \"テスト\"}"], location: "t.yaml:5", fragment: "title.en: English text is empty"),
        LintCase(replacing: [12: "        text: {en: \"Q1?\", ja: \"\"}"], location: "t.yaml:12", fragment: "Japanese text is empty"),
        LintCase(replacing: [13: "        help: {en: \"H\", ja: \"Help\"}"], location: "t.yaml:13",
                 fragment: "help.ja: Japanese text contains no Japanese script"),
        LintCase(replacing: [24: "              - {en: \"Do it.\", ja: \"OK\"}"], location: "t.yaml:24",
                 fragment: "countermeasures[0].ja: Japanese text contains no Japanese script"),
        LintCase(replacing: [51: "      - {ref: UNGP.18, text: {en: \"Act.\"}}"], location: "t.yaml:51",
                 fragment: "obligations[0].text: missing required key 'ja'"),
        LintCase(replacing: [30: "          - {id: a, label: {en: \"A\", ja: \"A\"}}"], location: "t.yaml:30", fragment: "label.ja"),
    ])
    func texts(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 6: options", arguments: [
        LintCase(replacing: [14: "        answer: single_choice"], location: "t.yaml:11",
                 fragment: "a single_choice question needs at least two options"),
        LintCase(replacing: [31: "          # only one"], location: "t.yaml:29", fragment: "needs at least two options"),
        LintCase(replacing: [28: "        answer: text"], location: "t.yaml:29",
                 fragment: "options are allowed only on single_choice and multiple_choice questions"),
    ])
    func options(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 7: principles", arguments: [
        LintCase(replacing: [15: "        principles: []"], location: "t.yaml:15", fragment: "at least one principle is required"),
        LintCase(replacing: [15: "        principles: [SONY.1, SONY.1]"], location: "t.yaml:15", fragment: "principle 'SONY.1' is listed twice"),
        LintCase(replacing: [15: "        principles: [SONY.9]"], location: "t.yaml:15",
                 fragment: "principles[0]: principle 'SONY.9' is not in the principle catalogue"),
    ])
    func principles(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 8: framework references", arguments: [
        LintCase(replacing: [16: "        frameworks: []"], location: "t.yaml:16", fragment: "at least one framework reference"),
        LintCase(replacing: [16: "        frameworks: [NIST.GV-1, NIST.GV-1]"], location: "t.yaml:16", fragment: "'NIST.GV-1' is listed twice"),
        LintCase(replacing: [34: "        frameworks: [EUAIA.Art26.11]"], location: "t.yaml:34",
                 fragment: "'EUAIA.Art26.11' matches no pattern"),
        LintCase(replacing: [44: "        frameworks: [ISO42001.A.7.4, nist.gv-1]"], location: "t.yaml:44",
                 fragment: "frameworks[1]: framework reference 'nist.gv-1' matches no pattern"),
        LintCase(replacing: [51: "      - {ref: UNGP.32, text: {en: \"Act.\", ja: \"対応します。\"}}"], location: "t.yaml:51",
                 fragment: "obligations[0].ref: framework reference 'UNGP.32' matches no pattern"),
    ])
    func frameworks(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 9: conditions and scope", arguments: [
        LintCase(replacing: [32: "        applies_when: \"answers.q1 = 'yes'\""], location: "t.yaml:32",
                 fragment: "condition does not parse at column 12"),
        LintCase(replacing: [32: "        applies_when: \"system.uses_robots\""], location: "t.yaml:32",
                 fragment: "unknown path 'system.uses_robots'"),
        LintCase(replacing: [32: "        applies_when: \"answers.zz == 'yes'\""], location: "t.yaml:32",
                 fragment: "answers.zz refers to an unknown question 'zz'"),
        LintCase(replacing: [32: "        applies_when: \"answers.q3 == 1\""], location: "t.yaml:32",
                 fragment: "answers.q3 in a question's applies_when refers to question 'q3' which is not earlier"),
        LintCase(replacing: [32: "        applies_when: \"answers.q2 == 'a'\""], location: "t.yaml:32",
                 fragment: "refers to question 'q2' itself"),
        LintCase(replacing: [37: "    applies_when: \"answers.q3 == 1\""], location: "t.yaml:37",
                 fragment: "sections[1].applies_when: answers.q3 in a section's applies_when refers to question 'q3' which is not earlier"),
        LintCase(replacing: [32: "        applies_when: \"answer == 'yes'\""], location: "t.yaml:32",
                 fragment: "'answer' is allowed only in risks[].when"),
        LintCase(replacing: [49: "    when: \"answer == 'yes'\""], location: "t.yaml:49", fragment: "'answer' is allowed only in risks[].when"),
        LintCase(replacing: [4: "phases: [planning]\napplies_when: \"answers.q1 == 'yes'\""], location: "t.yaml:5",
                 fragment: "answers.q1 is not allowed in the template's applies_when"),
        LintCase(replacing: [18: "          - when: \"answers.q2 == 'a'\""], location: "t.yaml:18",
                 fragment: "answers.q2 in risks[].when refers to question 'q2' which is not earlier"),
        LintCase(replacing: [18: "          - when: \"answers.q1 == 'no'\""], location: "t.yaml:18",
                 fragment: "refers to question 'q1' itself; use 'answer'"),
    ])
    func conditions(_ lintCase: LintCase) { run(lintCase) }

    @Test("Rule 10: literal values, in, ordering, system literals", arguments: [
        LintCase(replacing: [32: "        applies_when: \"answers.q1 == 'maybe'\""], location: "t.yaml:32",
                 fragment: "'maybe' is not a value of answers.q1 (yes, no, na)"),
        LintCase(replacing: [37: "    applies_when: \"answers.q2 in ['a', 'c']\""], location: "t.yaml:37",
                 fragment: "'c' is not a value of answers.q2 (a, b)"),
        LintCase(replacing: [37: "    applies_when: \"'a' in answers.q2\""], location: "t.yaml:37",
                 fragment: "'in' needs a multiple_choice question on the right, but answers.q2 is single_choice"),
        LintCase(replacing: [37: "    applies_when: \"answers.q1 > 'a'\""], location: "t.yaml:37",
                 fragment: "'>' needs a number or date question, but answers.q1 is yes_no_na"),
        LintCase(replacing: [32: "        applies_when: \"system.risk_tier == 'extreme'\""], location: "t.yaml:32",
                 fragment: "'extreme' is not a value of system.risk_tier"),
        LintCase(replacing: [32: "        applies_when: \"system.lifecycle_phase in ['planning', 'testing']\""], location: "t.yaml:32",
                 fragment: "'testing' is not a value of system.lifecycle_phase"),
        LintCase(replacing: [18: "          - when: \"answer == 'nope'\""], location: "t.yaml:18", fragment: "'nope' is not a value of answer"),
        LintCase(replacing: [32: "        applies_when: \"answers.q1\""], location: "t.yaml:32",
                 fragment: "answers.q1 is a string where a boolean is needed"),
        LintCase(replacing: [49: "    when: \"answers.q3 > '10'\""], location: "t.yaml:49",
                 fragment: "'>' compares a number with a string"),
    ])
    func literalValues(_ lintCase: LintCase) { run(lintCase) }

    @Test func aliasesAreExpandedAndProblemsReportedWhereTheAliasIsUsed() throws {
        // given
        let valid = CheckSheetFixture.yaml(replacing: [32: "        applies_when: &c \"answers.q1 == 'yes'\"", 37: "    applies_when: *c"])
        let invalid = CheckSheetFixture.yaml(replacing: [32: "        applies_when: &c \"answers.q1 == 'maybe'\"", 37: "    applies_when: *c"])
        // when
        let loaded = CheckSheetFixture.lint(valid)
        let rejected = CheckSheetFixture.lint(invalid)
        // then
        #expect(try #require(loaded.template).sections[1].appliesWhen?.source == "answers.q1 == 'yes'")
        expectProblem(rejected.problems, "t.yaml:32", "'maybe' is not a value of answers.q1")
        expectProblem(rejected.problems, "t.yaml:37", "sections[1].applies_when: 'maybe' is not a value of answers.q1")
    }

    @Test("Rule 11: risks", arguments: [
        LintCase(replacing: [20: "            rights: []"], location: "t.yaml:20", fragment: "a risk needs at least one affected right"),
        LintCase(replacing: [20: "            rights: [privacy, happiness]"], location: "t.yaml:20",
                 fragment: "rights[1]: 'happiness' is not one of"),
        LintCase(replacing: [21: "            severity: {scale: 5, scope: 2, irremediability: 2}"], location: "t.yaml:21",
                 fragment: "severity.scale: severity scale 5 is outside 1..4"),
        LintCase(replacing: [21: "            severity: {scale: 2, scope: 2, irremediability: 0}"], location: "t.yaml:21",
                 fragment: "severity irremediability 0 is outside 1..4"),
        LintCase(replacing: [21: "            severity: {scale: 2, scope: 2}"], location: "t.yaml:21",
                 fragment: "severity: missing required key 'irremediability'"),
        LintCase(replacing: [22: "            likelihood: 7"], location: "t.yaml:22", fragment: "likelihood 7 is outside 1..4"),
        LintCase(replacing: [23: "            countermeasures: []", 24: ""], location: "t.yaml:23",
                 fragment: "a risk needs at least one countermeasure"),
    ])
    func risks(_ lintCase: LintCase) { run(lintCase) }

    @Test("Warnings 3 and 4", arguments: [
        LintCase(replacing: [42: "        answer: text\n        evidence_required: true", 49: "    when: \"answers.q3 == 'x'\""],
                 location: "t.yaml:43: warning", fragment: "evidence_required: evidence_required on a text question"),
        LintCase(replacing: [:], appending: ["  - group: result", "    id: never", "    label: {en: \"Never\", ja: \"なし\"}",
                                             "    when: \"answers.q3 < 10\""],
                 location: "t.yaml:56: warning", fragment: "outcome 'never' follows a fall-back"),
    ])
    func warnings(_ lintCase: LintCase) { run(lintCase) }

    @Test func warning1IsNotReportedWithoutAFrameworkCatalogue() {
        // given a reference that is well-formed but cited nowhere else
        let yaml = CheckSheetFixture.yaml(replacing: [16: "        frameworks: [NIST.GV-99, JP-GG.6, DOC.SPDX]"])
        // when
        let result = CheckSheetFixture.lint(yaml)
        // then
        #expect(result.problems == [])
    }

    @Test func warning2ReportsPrinciplesNoTemplateRefersTo() {
        // given
        let catalogue = CheckSheetSource(name: "principles.yaml", yaml: """
            catalogue: rinri-principles
            version: 1.0.0
            principles:
              - {id: SONY.1, version: 1.0.0, source: sony, title: {en: "One", ja: "一"}, summary: {en: "One.", ja: "一です。"}}
              - {id: NEC.HR.privacy, version: 1.0.0, source: nec, title: {en: "P", ja: "プライバシー"}, summary: {en: "P.", ja: "プライバシーです。"}}
              - id: SONY.2
                version: 1.0.0
                source: sony
                title: {en: "Two", ja: "二"}
                summary: {en: "Two.", ja: "二です。"}
            """)
        // when
        let result = CheckSheetLinter.lintLibrary(
            catalogue: catalogue, templates: [CheckSheetSource(name: "t.yaml", yaml: CheckSheetFixture.yaml())])
        // then
        expectProblem(result.problems, "principles.yaml:6: warning", "principle 'SONY.2' is not referred to by any template")
        #expect(result.templates.count == 1 && result.catalogue?.principles.count == 3)
    }

    @Test func catalogueRules() {
        // given
        let yaml = """
            catalogue: rinri-principles
            version: 1.0
            principles:
              - {id: sony.1, version: 1.0.0, source: sony, title: {en: "One", ja: "一"}, summary: {en: "One.", ja: "一です。"}}
              - {id: NEC.HR.x, version: 1.0.0, source: acme, title: {en: "X", ja: "エックス"}, summary: {en: "X.", ja: "エックスです。"}, frameworks: [OECD.1.9]}
            """
        // when
        let result = CheckSheetLinter.lintCatalogue(yaml: yaml, file: "p.yaml")
        // then
        #expect(result.catalogue == nil)
        expectProblem(result.problems, "p.yaml:2", "version '1.0' is not MAJOR.MINOR.PATCH")
        expectProblem(result.problems, "p.yaml:4", "principle id 'sony.1' must match")
        expectProblem(result.problems, "p.yaml:5", "source: 'acme' is not one of sony, nec")
        expectProblem(result.problems, "p.yaml:5", "'OECD.1.9' matches no pattern")
    }

    @Test func throwingLoadersListEveryProblem() throws {
        // given
        let bad = CheckSheetFixture.yaml(replacing: [1: "id: T", 2: "version: 1"])
        // when / then
        let template = try CheckSheetTemplate(yaml: CheckSheetFixture.yaml(), file: "t.yaml", catalogue: CheckSheetFixture.catalogue)
        #expect(template.sections.count == 2)
        let error = try #require(throws: CheckSheetLintError.self) {
            try CheckSheetTemplate(yaml: bad, file: "t.yaml", catalogue: CheckSheetFixture.catalogue)
        }
        #expect(error.problems.map(\.line) == [1, 1, 2])
        #expect(error.description.hasPrefix("3 error(s) in check-sheet files:\nt.yaml:1: id: template id 'T'"))
        #expect(throws: CheckSheetLintError.self) { try PrincipleCatalogue(yaml: "catalogue: [", file: "p.yaml") }
    }

    @Test func warningsAreRenderedWithTheWarningMarker() {
        // given
        let problem = LintProblem(file: "a.yaml", line: 3, severity: .warning, message: "x: y")
        // then
        #expect(problem.description == "a.yaml:3: warning: x: y")
        #expect(LintProblem(file: "a.yaml", line: 3, severity: .error, message: "x: y").description == "a.yaml:3: x: y")
    }

    @Test(arguments: ["EUAIA.Art5(1)(a)", "EUAIA.Art10(2)(f)", "EUAIA.Art50", "EUAIA.Art3(49)", "EUAIA.AnnexIII.5(b)",
                      "EUAIA.AnnexIV.2(d)", "EUAIA.AnnexI", "NIST.MS-2.11", "NIST.GV-6", "ISO42001.A.7.4", "ISO42001.A.6.2.8",
                      "ISO42001.6.1.4", "ISO42001.10", "JP-AIGL.C10", "JP-GG.6", "OECD.1.2", "UNGP.31(b)", "DOC.ModelCard"])
    func frameworkPatternsAcceptTheDocumentedExamples(_ reference: String) {
        #expect(FrameworkReference.isWellFormed(reference))
    }

    @Test(arguments: ["EUAIA.Art26.11", "EUAIA.AnnexXIV", "EUAIA.AnnexIII.5(bb)", "NIST.XX-1", "ISO42001.3", "ISO42001.11",
                      "JP-AIGL.C11", "JP-GG.7", "OECD.2.1", "UNGP.32", "UNGP.18(i)", "DOC.Readme", "euaia.Art5", "EUAIA.Art5 "])
    func frameworkPatternsRejectOtherIDs(_ reference: String) {
        #expect(!FrameworkReference.isWellFormed(reference))
    }
}

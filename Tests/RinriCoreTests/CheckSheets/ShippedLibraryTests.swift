import Foundation
import RinriCore
import Testing

@Suite("Shipped check-sheet library")
struct ShippedLibraryTests {
    let library: CheckSheetLibrary

    init() throws {
        library = try CheckSheetLibrary.loadBundled()
    }

    @Test func everyShippedFileLoadsWithoutProblems() {
        // then
        #expect(library.templates.count == 11)
        #expect(library.warnings == [], "\(library.warnings.map(\.description))")
        #expect(library.questionCount >= 200)
        #expect(library.templates.map(\.id) == library.templates.map(\.id).sorted())
        #expect(library.principles.principles.count >= 7)
    }

    @Test func theShippedTemplatesMatchTheTableOfSection15() throws {
        let kinds = Dictionary(uniqueKeysWithValues: library.templates.map { ($0.id, $0.kind) })
        #expect(kinds["sony-ethics-planning"] == .ethics && kinds["nec-human-rights-risk"] == .humanRights)
        #expect(kinds["eu-ai-act-screening"] == .regulation && kinds["jp-aigl"] == .regulation)
        let reviews = library.templates.filter { $0.kind == .review }
        #expect(Set(reviews.compactMap(\.reviewDomain)) == Set(ReviewDomain.allCases))
        for review in reviews {
            let last = try #require(review.questions.suffix(2).first)
            #expect(last.id == "review_conclusion" && last.options.map(\.id) == ["approved", "approved_with_conditions", "not_approved"])
            #expect(review.questions.last?.id == "review_conditions")
        }
        #expect(try #require(library.template(id: "eu-ai-act-screening")).outcomes.count > 10)
    }

    @Test func everyQuestionIsBilingualAndCitesPrinciplesAndFrameworks() {
        let known = library.principles.ids
        for template in library.templates {
            for question in template.questions {
                let where_ = "\(template.id)/\(question.id)"
                #expect(!question.text.en.isEmpty && LocalizedText.containsJapanese(question.text.ja), "\(where_)")
                #expect(!question.help.en.isEmpty && LocalizedText.containsJapanese(question.help.ja), "\(where_)")
                #expect(question.text.text(.ja) == question.text.ja && question.text.text(.en) == question.text.en)
                #expect(!question.principles.isEmpty && question.principles.allSatisfy(known.contains), "\(where_)")
                #expect(!question.frameworks.isEmpty && question.frameworks.allSatisfy(FrameworkReference.isWellFormed), "\(where_)")
            }
        }
    }

    @Test func everyShippedTemplateRoundTripsThroughItsYAMLExport() {
        for template in library.templates {
            // when
            let text = template.yamlText()
            let reloaded = CheckSheetLinter.lintTemplate(yaml: text, file: "\(template.id).yaml", catalogue: library.principles)
            // then
            #expect(reloaded.problems == [], "\(template.id): \(reloaded.problems.map(\.description))")
            #expect(reloaded.template == template, "\(template.id) changed in the round trip")
        }
    }

    @Test func exportQuotesWhatYAMLWouldReadAsAnotherType() throws {
        // given: texts and ids that need quoting
        var template = try #require(library.template(id: "review-quality"))
        template.title = LocalizedText(en: "null", ja: "yes: \"引用\" \\ 改行\nタブ\t#")
        template.sections[0].questions[0].frameworks = ["NIST.GV-1"]
        template.sections[0].id = "123"
        // when
        let text = template.yamlText()
        let reloaded = CheckSheetLinter.lintTemplate(yaml: text, file: "review-quality.yaml", catalogue: library.principles)
        // then
        #expect(text.contains("  - id: \"123\"\n"))
        #expect(text.contains("id: review-quality\n") && text.contains("frameworks: [NIST.GV-1]"))
        #expect(reloaded.problems == [], "\(reloaded.problems.map(\.description))")
        #expect(reloaded.template?.title == template.title)
        #expect(reloaded.template?.sections[0].id == "123")
    }

    @Test func theDocumentedExampleLoadsAndEvaluatesAsDescribed() throws {
        // given
        let example = DocumentedExample.yaml
        // when
        let result = CheckSheetLinter.lintTemplate(yaml: example, file: "example-camera-analytics.yaml", catalogue: library.principles)
        let template = try #require(result.template, "\(result.problems.map(\.description))")
        let evaluation = CheckSheetEvaluation(template: template, system: SystemAttributes(usesBiometricData: true, jurisdictions: ["JP"]),
                                              answers: ["law_enforcement_rbi": .yesNoNA("yes")])
        // then
        #expect(result.problems == [])
        #expect(!evaluation.sectionApplies("eu"))
        #expect(evaluation.outcome(group: "classification")?.id == "other")
    }
}

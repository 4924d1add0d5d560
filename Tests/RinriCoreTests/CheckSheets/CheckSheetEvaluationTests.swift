import Foundation
import RinriCore
import Testing

@Suite("Check-sheet evaluation")
struct CheckSheetEvaluationTests {
    let library: CheckSheetLibrary
    /// A biometric, generative system sold in the EU and Japan.
    let system = SystemAttributes(usesBiometricData: true, usesGenerativeAI: true, usesAutonomousAgents: false,
                                  jurisdictions: ["EU", "JP"], lifecyclePhase: .development)

    init() throws {
        library = try CheckSheetLibrary.loadBundled()
    }

    /// Answers that make the system a high-risk Annex III system for a provider (profiling rules out Art 6(3)).
    static let highRiskAnswers: [String: AnswerValue] = {
        var answers: [String: AnswerValue] = [
            "scope_ai_system": .yesNoNA("yes"), "scope_eu_link": .choice("placed_in_eu"), "scope_exclusion": .yesNoNA("no"),
            "roles": .choices(["provider"]), "value_chain_provider": .yesNoNA("no"), "established_outside_eu": .yesNoNA("yes"),
            "gpai_model_provider": .yesNoNA("no"), "gpai_integrated": .yesNoNA("yes"),
            "annex1_product": .yesNoNA("no"), "annex3_any": .yesNoNA("yes"),
            "annex3_areas": .choices(["employment", "biometrics"]), "annex3_biometric_uses": .choices(["emotion_recognition"]),
            "art6_3_profiling": .yesNoNA("yes"),
            // stored, but ignored: the exemption questions do not apply once the system profiles people
            "art6_3_condition": .choice("narrow_procedural"), "art6_3_no_material_influence": .yesNoNA("yes"),
            "art50_1": .yesNoNA("yes"), "art50_2": .yesNoNA("yes"), "art50_3": .yesNoNA("no"),
            "art50_4_deepfake": .yesNoNA("no"), "art50_4_text": .yesNoNA("no"),
            "hr_risk_and_data": .yesNoNA("yes"), "hr_documentation_logging": .yesNoNA("yes"),
            "hr_oversight_accuracy": .yesNoNA("yes"), "hr_qms_conformity": .yesNoNA("yes"), "hr_post_market": .yesNoNA("no"),
            "ai_literacy": .yesNoNA("yes"),
        ]
        for letter in ["a", "b", "c", "d", "e", "f", "g", "h"] { answers["art5_\(letter)"] = .yesNoNA("no") }
        return answers
    }()

    @Test func euScreeningClassifiesAnAnnexIIISystemAsHighRisk() throws {
        // given
        let screening = try #require(library.template(id: "eu-ai-act-screening"))
        #expect(screening.isOffered(at: .development, for: system))
        // when
        let result = CheckSheetEvaluation(template: screening, system: system, answers: Self.highRiskAnswers)
        // then
        #expect(result.outcome(group: "classification")?.id == "high_risk_annex_iii")
        #expect(result.outcome(group: "provider")?.id == "provider_high_risk")
        #expect(result.outcome(group: "deployer") == nil)
        #expect(result.outcome(group: "authorised_representative")?.id == "authorised_representative_high_risk")
        #expect(result.outcome(group: "transparency_interaction")?.id == "art50_1_applies")
        #expect(result.outcome(group: "transparency_synthetic")?.id == "art50_2_applies")
        #expect(result.outcome(group: "art6_3_exemption") == nil, "the stored exemption answers are ignored")
        #expect(result.outcomes.first?.group == "classification")
        #expect(!result.applies("art6_3_condition") && !result.applies("art6_3_no_material_influence"))
        #expect(result.effectiveAnswers["art6_3_condition"] == nil)
        #expect(result.sectionApplies("provider_readiness") && !result.sectionApplies("deployer_readiness"))
        #expect(result.applies("annex3_biometric_uses") && !result.applies("annex3_area5_uses"))
    }

    @Test func euScreeningCompletenessNeedsEvidence() throws {
        // given
        let screening = try #require(library.template(id: "eu-ai-act-screening"))
        // when
        let withoutEvidence = CheckSheetEvaluation(template: screening, system: system, answers: Self.highRiskAnswers)
        let withEvidence = CheckSheetEvaluation(template: screening, system: system, answers: Self.highRiskAnswers,
                                                evidence: Set(withoutEvidence.missingEvidence))
        // then
        #expect(withoutEvidence.unanswered == [])
        #expect(withoutEvidence.missingEvidence == ["gpai_integrated", "hr_risk_and_data", "hr_documentation_logging",
                                                     "hr_oversight_accuracy", "hr_qms_conformity", "hr_post_market", "ai_literacy"])
        #expect(!withoutEvidence.isComplete)
        #expect(withEvidence.isComplete)
    }

    @Test func aNoAnswerRaisesTheQuestionsRisk() throws {
        // given
        let screening = try #require(library.template(id: "eu-ai-act-screening"))
        // when
        let result = CheckSheetEvaluation(template: screening, system: system, answers: Self.highRiskAnswers)
        // then
        #expect(result.risks.map(\.questionID) == ["hr_post_market"])
        #expect(result.risks.first?.risk.title.en == "Serious incidents may not be reported in time")
        #expect(result.risks.first?.risk.rights == [.accessToRemedy, .physicalSafety])
    }

    @Test func reviewRisksFollowTheAnswer() throws {
        // given
        let review = try #require(library.template(id: "review-quality"))
        // when
        let no = CheckSheetEvaluation(template: review, system: system, answers: ["qa_quality_requirements": .yesNoNA("no")])
        let yes = CheckSheetEvaluation(template: review, system: system, answers: ["qa_quality_requirements": .yesNoNA("yes")])
        let na = CheckSheetEvaluation(template: review, system: system, answers: ["qa_quality_requirements": .yesNoNA("na")])
        // then
        #expect(no.risks.map(\.questionID) == ["qa_quality_requirements"])
        #expect(no.risks.first?.risk.title.ja == "測定可能なAIの出荷基準がない")
        #expect(no.risks.first?.riskIndex == 0)
        #expect(yes.risks.isEmpty && na.risks.isEmpty)
        #expect(no.missingEvidence == ["qa_quality_requirements"] && na.missingEvidence.isEmpty)
    }

    @Test func outOfScopeAndFallBackClassifications() throws {
        // given
        let screening = try #require(library.template(id: "eu-ai-act-screening"))
        // when
        let outOfScope = CheckSheetEvaluation(template: screening, system: system, answers: ["scope_ai_system": .yesNoNA("no")])
        let empty = CheckSheetEvaluation(template: screening, system: system, answers: [:])
        // then
        #expect(outOfScope.outcome(group: "classification")?.id == "out_of_scope")
        #expect(!outOfScope.sectionApplies("prohibited"))
        #expect(empty.outcome(group: "classification")?.id == "minimal")
        #expect(!empty.isComplete && empty.unanswered.contains("scope_ai_system"))
    }

    @Test func humanRightsSheetShowsTheBiometricAndGenerativeSectionsOnly() throws {
        // given
        let sheet = try #require(library.template(id: "nec-human-rights-risk"))
        // when
        let result = CheckSheetEvaluation(template: sheet, system: system, answers: [:])
        // then
        #expect(result.sectionApplies("biometrics"))
        #expect(result.sectionApplies("generative_ai"))
        #expect(!result.sectionApplies("ai_agents"))
        let agentQuestions = try #require(sheet.sections.first { $0.id == "ai_agents" }).questions.map(\.id)
        #expect(!agentQuestions.isEmpty && agentQuestions.allSatisfy { !result.applies($0) })
        #expect(result.applyingSections.first == "rights_first")
    }

    @Test func templatesAreOfferedByPhaseAndJurisdiction() {
        // given
        let japanOnly = SystemAttributes(jurisdictions: ["JP"])
        // when
        let planning = library.templates(for: .planning, system: japanOnly).map(\.id)
        let euPlanning = library.templates(for: .planning, system: system).map(\.id)
        // then
        #expect(planning.contains("sony-ethics-planning") && planning.contains("jp-aigl") && planning.contains("nec-human-rights-risk"))
        #expect(!planning.contains("eu-ai-act-screening") && !planning.contains("sony-ethics-release"))
        #expect(euPlanning.contains("eu-ai-act-screening"))
    }

    @Test func aSectionConditionSeesOnlyApplyingAnswers() throws {
        // given: jp-aigl's developer section depends on answers.jp_roles
        let sheet = try #require(library.template(id: "jp-aigl"))
        let japan = SystemAttributes(jurisdictions: ["JP"])
        // when
        let developer = CheckSheetEvaluation(template: sheet, system: japan, answers: ["jp_roles": .choices(["developer"])])
        let none = CheckSheetEvaluation(template: sheet, system: japan, answers: [:])
        // then
        #expect(developer.sectionApplies("developer") && !developer.sectionApplies("provider"))
        #expect(!none.sectionApplies("developer"))
    }
}

@Suite("Answer validation")
struct AnswerValidationTests {
    static func question(_ answer: Question.AnswerType, options: [String] = []) -> Question {
        Question(id: "q", text: LocalizedText(en: "Q", ja: "質問"), help: LocalizedText(en: "H", ja: "補足"), answer: answer,
                 options: options.map { Question.Option(id: $0, label: LocalizedText(en: $0, ja: "選択肢")) },
                 principles: ["SONY.1"], frameworks: ["NIST.GV-1"])
    }

    func rejection(_ input: [String], _ answer: Question.AnswerType, options: [String] = []) -> RinriError? {
        do {
            _ = try AnswerValue.parse(input, for: Self.question(answer, options: options))
            return nil
        } catch let error as RinriError {
            return error
        } catch {
            return nil
        }
    }

    @Test func validAnswersParse() throws {
        #expect(try AnswerValue.parse("yes", for: Self.question(.yesNoNA)) == .yesNoNA("yes"))
        #expect(try AnswerValue.parse("b", for: Self.question(.singleChoice, options: ["a", "b"])) == .choice("b"))
        #expect(try AnswerValue.parse(["c", "a", "c"], for: Self.question(.multipleChoice, options: ["a", "b", "c"]))
                == .choices(["a", "c"]), "choices are deduplicated and put in option order")
        #expect(try AnswerValue.parse("", for: Self.question(.multipleChoice, options: ["a", "b"])) == .choices([]))
        #expect(try AnswerValue.parse(" 24.5 ", for: Self.question(.number)) == .number(24.5))
        #expect(try AnswerValue.parse("2024-02-29", for: Self.question(.date)) == .date("2024-02-29"))
        #expect(try AnswerValue.parse(" free text ", for: Self.question(.text)) == .text("free text"))
        let longest = String(repeating: "あ", count: 10_000)
        #expect(try AnswerValue.parse(longest, for: Self.question(.text)) == .text(longest))
    }

    @Test(arguments: [
        (["maybe"], Question.AnswerType.yesNoNA, "invalid_choice"),
        (["YES"], .yesNoNA, "invalid_choice"),
        (["c"], .singleChoice, "invalid_choice"),
        (["a", "zz"], .multipleChoice, "invalid_choice"),
        (["abc"], .number, "not_a_number"),
        (["inf"], .number, "not_a_number"),
        (["nan"], .number, "not_a_number"),
        (["2023-02-29"], .date, "invalid_date"),
        (["2024-13-01"], .date, "invalid_date"),
        (["2024-2-01"], .date, "invalid_date"),
        (["24-02-01"], .date, "invalid_date"),
        (["   "], .text, "required"),
        ([String(repeating: "x", count: 10_001)], .text, "too_long"),
    ] as [([String], Question.AnswerType, String)])
    func invalidAnswersAreRejectedWithTheQuestionAsField(input: [String], answer: Question.AnswerType, code: String) throws {
        // when
        let error = try #require(rejection(input, answer, options: ["a", "b"]))
        // then
        #expect(error.kind == .invalid)
        #expect(error.field == "q")
        #expect(error.code == code)
    }

    @Test func aValueOfAnotherAnswerTypeIsRejected() {
        #expect(throws: RinriError.invalid(field: "q", code: "wrong_answer_type", message: "q takes a number answer, not yes_no_na")) {
            try AnswerValue.yesNoNA("yes").validated(for: Self.question(.number))
        }
        #expect(throws: RinriError.self) { try AnswerValue.number(.infinity).validated(for: Self.question(.number)) }
    }

    @Test func answersEncodeWithTheirType() throws {
        // given
        let values: [AnswerValue] = [.yesNoNA("na"), .choice("a"), .choices(["a", "b"]), .text("t"), .number(2.5), .date("2024-01-01")]
        // when
        let data = try JSONEncoder().encode(values)
        // then
        #expect(try JSONDecoder().decode([AnswerValue].self, from: data) == values)
        #expect(String(decoding: try JSONEncoder().encode(AnswerValue.choice("a")), as: UTF8.self).contains(#""type":"single_choice""#))
    }
}

import Foundation
import Testing
@testable import RinriCore

/// Small templates whose questions cite references of all four reported frameworks.
enum CoverageFixture {
    static func question(_ id: String, _ frameworks: String, extra: [String] = []) -> [String] {
        [
            "      - id: \(id)",
            "        text: {en: \"\(id)?\", ja: \"質問ですか。\"}",
            "        help: {en: \"H\", ja: \"補足です。\"}",
            "        answer: yes_no_na",
        ] + extra + [
            "        principles: [SONY.1]",
            "        frameworks: [\(frameworks)]",
        ]
    }

    static func templateYAML(id: String, questions: [[String]]) -> String {
        let head = [
            "id: \(id)",
            "version: 1.0.0",
            "kind: ethics",
            "phases: [planning]",
            "title: {en: \"T\", ja: \"テスト\"}",
            "description: {en: \"D\", ja: \"説明です。\"}",
            "sections:",
            "  - id: s1",
            "    title: {en: \"S1\", ja: \"第一章\"}",
            "    questions:",
        ]
        return (head + questions.flatMap { $0 }).joined(separator: "\n") + "\n"
    }

    /// `cov`: five questions; `logs` needs evidence, `biometric` applies to biometric systems only.
    static let yaml = templateYAML(id: "cov", questions: [
        question("data", "EUAIA.Art10(2)(f), NIST.MS-2.11, UNGP.18"),
        question("logs", "EUAIA.Art12, ISO42001.A.7.4", extra: ["        evidence_required: true"]),
        question("art2", "EUAIA.Art2, EUAIA.Art10(2)(f)"),
        question("biometric", "EUAIA.Art5(1)(h), JP-AIGL.C3",
                 extra: ["        applies_when: \"system.uses_biometric_data\""]),
        question("transparency", "EUAIA.Art50, EUAIA.Art9, OECD.1.2"),
    ])

    static func template(_ yaml: String = yaml, id: String = "cov") throws -> CheckSheetTemplate {
        let result = CheckSheetLinter.lintTemplate(yaml: yaml, file: "\(id).yaml", catalogue: nil)
        return try #require(result.template, "fixture does not lint: \(result.problems.map(\.description))")
    }

    static let plain = SystemAttributes(jurisdictions: ["EU", "JP"])
    static let biometric = SystemAttributes(usesBiometricData: true, jurisdictions: ["EU", "JP"])

    /// System A: not biometric; `logs` answered without evidence, `art2` unanswered.
    static func systemA() throws -> SystemCoverage {
        let template = try template()
        let answers: [String: AnswerValue] = ["data": .yesNoNA("yes"), "logs": .yesNoNA("yes"),
                                              "transparency": .yesNoNA("yes"), "biometric": .yesNoNA("yes")]
        let evaluation = CheckSheetEvaluation(template: template, system: plain, answers: answers)
        return SystemCoverage(systemID: "sys-a", systemName: "A",
                              sheets: [EvaluatedSheet(template: template, evaluation: evaluation)])
    }

    /// System B: biometric; `logs` has its evidence, `transparency` unanswered.
    static func systemB() throws -> SystemCoverage {
        let template = try template()
        let answers: [String: AnswerValue] = ["data": .yesNoNA("no"), "logs": .yesNoNA("yes"),
                                              "art2": .yesNoNA("yes"), "biometric": .yesNoNA("na")]
        let evaluation = CheckSheetEvaluation(template: template, system: biometric, answers: answers, evidence: ["logs"])
        return SystemCoverage(systemID: "sys-b", systemName: "B",
                              sheets: [EvaluatedSheet(template: template, evaluation: evaluation)])
    }
}

@Suite("Framework coverage")
struct FrameworkCoverageTests {
    func refs(_ entries: [RefCoverage]) -> [String] { entries.map(\.ref) }

    @Test func frameworksAreReadFromTheReferencePrefix() {
        #expect(Framework.of("EUAIA.Art10(2)(f)") == .euAIAct)
        #expect(Framework.of("EUAIA.AnnexIII.5(b)") == .euAIAct)
        #expect(Framework.of("JP-AIGL.C3") == .japanAIGL)
        #expect(Framework.of("NIST.MS-2.11") == .nistAIRMF)
        #expect(Framework.of("ISO42001.A.7.4") == .iso42001)
        for other in ["JP-GG.6", "UNGP.18", "OECD.1.2", "DOC.ModelCard", "EUAIA", "euaia.Art5", ""] {
            #expect(Framework.of(other) == nil, "\(other)")
        }
    }

    @Test func aSystemsCoverageFollowsAnswersEvidenceAndApplicability() throws {
        // given / when: system A (see CoverageFixture)
        let coverage = try CoverageFixture.systemA()
        // then: the frameworks come in a fixed order, all four present
        #expect(coverage.frameworks.map(\.framework) == [.euAIAct, .japanAIGL, .nistAIRMF, .iso42001])
        let eu = try #require(coverage.coverage(of: .euAIAct))
        #expect(refs(eu.covered) == ["EUAIA.Art9", "EUAIA.Art10(2)(f)", "EUAIA.Art50"])
        #expect(refs(eu.open) == ["EUAIA.Art2", "EUAIA.Art12"], "unanswered art2, logs without its evidence")
        #expect(eu.percentage == 60)
        #expect(eu.status(of: "EUAIA.Art5(1)(h)") == nil, "biometric does not apply: its refs are out of scope")
        #expect(eu.status(of: "EUAIA.Art12") == .open)
        #expect(eu.status(of: "EUAIA.Art9") == .covered)
        // a reference cited by an answered and an unanswered question is covered, listing both
        let art10 = try #require(eu.covered.first { $0.ref == "EUAIA.Art10(2)(f)" })
        #expect(art10.questions == [QuestionRef(templateID: "cov", questionID: "data"),
                                    QuestionRef(templateID: "cov", questionID: "art2")])
        let japan = try #require(coverage.coverage(of: .japanAIGL))
        #expect(japan.covered.isEmpty && japan.open.isEmpty && japan.percentage == nil)
        #expect(coverage.coverage(of: .nistAIRMF) == FrameworkCoverage(
            framework: .nistAIRMF,
            covered: [RefCoverage(ref: "NIST.MS-2.11", questions: [QuestionRef(templateID: "cov", questionID: "data")])],
            open: [], percentage: 100))
        let iso = try #require(coverage.coverage(of: .iso42001))
        #expect(refs(iso.open) == ["ISO42001.A.7.4"] && iso.covered.isEmpty && iso.percentage == 0)
    }

    @Test func evidenceAndApplicabilityChangeTheResult() throws {
        // given / when: system B is biometric, has the logs evidence and a `no` and an `na` answer
        let coverage = try CoverageFixture.systemB()
        // then
        let eu = try #require(coverage.coverage(of: .euAIAct))
        #expect(refs(eu.covered) == ["EUAIA.Art2", "EUAIA.Art5(1)(h)", "EUAIA.Art10(2)(f)", "EUAIA.Art12"])
        #expect(refs(eu.open) == ["EUAIA.Art9", "EUAIA.Art50"])
        #expect(abs((eu.percentage ?? 0) - 200.0 / 3) < 1e-9)
        #expect(coverage.coverage(of: .japanAIGL)?.percentage == 100)
        #expect(coverage.coverage(of: .iso42001)?.covered.map(\.ref) == ["ISO42001.A.7.4"])
    }

    @Test func otherPrefixesAreNotReported() throws {
        let coverage = try CoverageFixture.systemA()
        let all = coverage.frameworks.flatMap { $0.covered + $0.open }.map(\.ref)
        #expect(!all.contains("UNGP.18") && !all.contains("OECD.1.2"))
        #expect(all.count == 7)
    }

    @Test func aSecondSheetCanCoverWhatTheFirstLeavesOpen() throws {
        // given: system A's sheet leaves ISO42001.A.7.4 open; a second template cites it too
        let first = try CoverageFixture.template()
        let secondYAML = CoverageFixture.templateYAML(id: "records", questions: [
            CoverageFixture.question("records", "ISO42001.A.7.4, ISO42001.A.10.1"),
        ])
        let second = try CoverageFixture.template(secondYAML, id: "records")
        let system = CoverageFixture.plain
        let sheets = [
            EvaluatedSheet(template: first, evaluation: CheckSheetEvaluation(
                template: first, system: system, answers: ["logs": .yesNoNA("yes")])),
            EvaluatedSheet(template: second, evaluation: CheckSheetEvaluation(
                template: second, system: system, answers: ["records": .yesNoNA("no")])),
        ]
        // when
        let iso = try #require(FrameworkCoverage.system(sheets).first { $0.framework == .iso42001 })
        // then
        #expect(refs(iso.covered) == ["ISO42001.A.7.4", "ISO42001.A.10.1"])
        #expect(iso.open.isEmpty && iso.percentage == 100)
        #expect(iso.covered.first?.questions == [QuestionRef(templateID: "cov", questionID: "logs"),
                                                 QuestionRef(templateID: "records", questionID: "records")])
    }

    @Test func noSheetsMeansNothingInScope() {
        let coverage = FrameworkCoverage.system([])
        #expect(coverage.count == 4)
        #expect(coverage.allSatisfy { $0.covered.isEmpty && $0.open.isEmpty && $0.percentage == nil })
    }

    @Test func referencesSortNaturally() {
        let eu = ["EUAIA.Art10(2)(f)", "EUAIA.Art2", "EUAIA.Art10(11)", "EUAIA.Art10", "EUAIA.Art3(49)", "EUAIA.Art10(2)"]
        #expect(eu.sorted(by: FrameworkCoverage.naturalOrder)
                == ["EUAIA.Art2", "EUAIA.Art3(49)", "EUAIA.Art10", "EUAIA.Art10(2)", "EUAIA.Art10(2)(f)", "EUAIA.Art10(11)"])
        let nist = ["NIST.MS-2.11", "NIST.MS-10.1", "NIST.MS-2.2", "NIST.GV-6"]
        #expect(nist.sorted(by: FrameworkCoverage.naturalOrder) == ["NIST.GV-6", "NIST.MS-2.2", "NIST.MS-2.11", "NIST.MS-10.1"])
        let iso = ["ISO42001.A.10.1", "ISO42001.7.2", "ISO42001.A.7.4", "ISO42001.A.6.2.8", "ISO42001.10"]
        #expect(iso.sorted(by: FrameworkCoverage.naturalOrder)
                == ["ISO42001.7.2", "ISO42001.10", "ISO42001.A.6.2.8", "ISO42001.A.7.4", "ISO42001.A.10.1"])
        // numerically equal digit runs still get a strict order
        #expect(FrameworkCoverage.naturalOrder("A01", "A1") != FrameworkCoverage.naturalOrder("A1", "A01"))
        #expect(!FrameworkCoverage.naturalOrder("A1", "A1"))
    }

    @Test func theOrganisationRollUpCountsSystemReferencePairs() throws {
        // given
        let systems = [try CoverageFixture.systemA(), try CoverageFixture.systemB()]
        // when
        let organisation = FrameworkCoverage.organisation(systems)
        // then
        #expect(organisation.map(\.framework) == Framework.allCases)
        let eu = try #require(organisation.first { $0.framework == .euAIAct })
        #expect(eu.refs == [
            OrganisationRefCoverage(ref: "EUAIA.Art2", coveredCount: 1, openCount: 1),
            OrganisationRefCoverage(ref: "EUAIA.Art5(1)(h)", coveredCount: 1, openCount: 0),
            OrganisationRefCoverage(ref: "EUAIA.Art9", coveredCount: 1, openCount: 1),
            OrganisationRefCoverage(ref: "EUAIA.Art10(2)(f)", coveredCount: 2, openCount: 0),
            OrganisationRefCoverage(ref: "EUAIA.Art12", coveredCount: 1, openCount: 1),
            OrganisationRefCoverage(ref: "EUAIA.Art50", coveredCount: 1, openCount: 1),
        ])
        #expect(eu.coveredPairs == 7 && eu.inScopePairs == 11)
        #expect(abs((eu.percentage ?? 0) - 700.0 / 11) < 1e-9)
        let art10 = try #require(eu.refs.first { $0.ref == "EUAIA.Art10(2)(f)" })
        #expect(art10.coveredCount == 2 && art10.openCount == 0)
        #expect(organisation.first { $0.framework == .japanAIGL }?.percentage == 100)
        #expect(organisation.first { $0.framework == .nistAIRMF }?.refs.first?.coveredCount == 2)
        let iso = try #require(organisation.first { $0.framework == .iso42001 })
        #expect(iso.percentage == 50 && iso.refs.first?.openCount == 1)
    }

    @Test func groupedCountsGiveTheSameRollUpAsEverySystem() throws {
        // given: the counts a GROUP BY over the coverage summary would answer, in no particular order
        let systems = [try CoverageFixture.systemA(), try CoverageFixture.systemB()]
        var counts: [RefCount] = []
        for system in systems {
            for framework in system.frameworks {
                counts += framework.covered.map { RefCount(ref: $0.ref, status: .covered, systems: 1) }
                counts += framework.open.map { RefCount(ref: $0.ref, status: .open, systems: 1) }
            }
        }
        counts.append(RefCount(ref: "OECD.1.1", status: .covered, systems: 3))
        // when
        let grouped = FrameworkCoverage.organisation(counts: counts.reversed())
        // then: identical to the roll-up of the systems themselves; unreported frameworks are left out
        #expect(grouped == FrameworkCoverage.organisation(systems))
        #expect(grouped.flatMap(\.refs).allSatisfy { !$0.ref.hasPrefix("OECD") })
    }

    @Test func anEmptyOrganisationHasNoPercentages() {
        let organisation = FrameworkCoverage.organisation([])
        #expect(organisation.count == 4)
        #expect(organisation.allSatisfy { $0.refs.isEmpty && $0.percentage == nil && $0.inScopePairs == 0 })
    }

    @Test func coverageRoundTripsThroughJSON() throws {
        let coverage = try CoverageFixture.systemB()
        let data = try JSONEncoder().encode(coverage)
        #expect(try JSONDecoder().decode(SystemCoverage.self, from: data) == coverage)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"framework\":\"JP-AIGL\""))
    }
}

import FluentKit
import Foundation
import RinriCore
import RinriMetrics
import RinriWire

/// The demo's evidence, stored through ``EvidenceService`` with the registry of evidence kinds, as the
/// API and the pages store it: documents behind check-sheet answers, and a fairness report computed
/// from a generated hiring table by the invocation `rinri assess fairness` runs.
extension DemoLoader {
    /// A document (minutes, a procedure, a link), attached to a question of a draft assessment when both are given.
    func document(systemID: String, assessmentID: String? = nil, questionID: String? = nil, title: String, summary: String,
                  url: String? = nil, owner: Actor) async throws -> Stored<EvidenceInput> {
        let report = try DocumentEvidenceKind.accept(DocumentEvidence(summary: summary, url: url))
        let payload = try EvidencePayload(DocumentEvidenceKind.self, report: report)
        let input = EvidenceInput(kind: payload.kind, title: String(title.prefix(200)), resultJSON: String(decoding: payload.json, as: UTF8.self),
                                  passed: payload.passed, command: "", rinriVersion: rinriVersion, inputSHA256: payload.inputSHA256(nil),
                                  inputRows: payload.rows, assessmentID: assessmentID, questionID: questionID, source: .page)
        return try await EvidenceService(db).create(input, in: systemID, context: owner)
    }

    /// The record behind an answer that needs evidence, named after its question in both languages.
    func answerRecord(_ question: Question, detail: AssessmentDetail, label: String, owner: Actor) async throws -> Stored<EvidenceInput> {
        let summary = """
            Demo data / デモデータ
            \(question.text.en)
            Recorded in the project file of \(label) on \(day(0)).

            \(question.text.ja)
            \(label)のプロジェクト資料に記録（\(day(0))）。
            """
        return try await document(systemID: detail.record.systemID, assessmentID: detail.record.id, questionID: question.id,
                                  title: "\(label) — \(question.id)", summary: summary,
                                  url: "https://intranet.\(DemoOrganisation.emailDomain)/\(label.lowercased())/\(question.id)", owner: owner)
    }

    // MARK: Fairness

    static let applicantsFile = "talentmatch-synthetic-applicants.csv"
    static let applicantsSeed: UInt64 = 20_261_207

    /// What the demo asks of the fairness engine, written as `rinri assess fairness` takes it.
    static let fairnessInvocation = FairnessInvocation(
        label: "label", prediction: "prediction", score: "score", sensitive: ["gender", "age_band"],
        intersections: [["gender", "age_band"]], reference: "gender=male",
        checks: ["demographic_parity_ratio>=0.8", "equal_opportunity_difference<=0.1"])

    /// A synthetic hiring table: `rows` applicants with gender, age band, whether they were qualified
    /// (`label`), the screener's score and whether it shortlisted them (`prediction`, score ≥ 0.5). The
    /// score of women and of applicants aged 50 or over is pushed down, so the disparity a real test
    /// would find is built in: both checks of ``fairnessInvocation`` fail. The same seed gives the same table.
    static func syntheticApplicants(rows: Int = 2_000, seed: UInt64 = DemoLoader.applicantsSeed) -> Data {
        var random = SplitMix64(seed: seed)
        var csv = "gender,age_band,label,prediction,score\n"
        for _ in 0..<rows {
            let gender = random.nextUnit() < 0.42 ? "female" : "male"
            let ageDraw = random.nextUnit()
            let age = ageDraw < 0.35 ? "under_30" : (ageDraw < 0.80 ? "30_to_49" : "50_plus")
            let qualified = random.nextUnit() < 0.40
            // about normal, standard deviation 0.125
            let noise = (random.nextUnit() + random.nextUnit() + random.nextUnit() - 1.5) * 0.25
            var score = qualified ? 0.68 : 0.36
            if gender == "female" { score -= 0.06 }
            if age == "50_plus" { score -= 0.08 }
            score = min(0.999, max(0.001, score + noise))
            csv += "\(gender),\(age),\(qualified ? 1 : 0),\(score >= 0.5 ? 1 : 0),\(String(format: "%.3f", score))\n"
        }
        return Data(csv.utf8)
    }

    /// Runs the fairness analysis on the synthetic table — the same invocation and entry point as
    /// `rinri assess fairness` and the server's jobs — and stores the report as evidence of the system,
    /// on a question of a draft assessment when one is given, with the command that repeats the run.
    func fairnessEvidence(systemID: String, assessmentID: String?, questionID: String?, owner: Actor) async throws -> Stored<EvidenceInput> {
        let invocation = Self.fairnessInvocation
        try invocation.validate()
        let table = Self.syntheticApplicants()
        let report = try invocation.run(source: TableSource.data(table, name: Self.applicantsFile))
        let payload = try EvidencePayload(FairnessEvidence.self, report: report)
        let command = invocation.commandLine(data: Self.applicantsFile) + "  # table generated by rinri demo (seed \(Self.applicantsSeed))"
        let input = EvidenceInput(kind: payload.kind,
                                  title: "Fairness of TalentMatch 0.4 on 2,000 synthetic applicants / 合成応募者2,000件での公平性評価",
                                  resultJSON: String(decoding: payload.json, as: UTF8.self), passed: payload.passed, command: command,
                                  rinriVersion: rinriVersion, inputSHA256: payload.inputSHA256(SHA256Hex.of(table)), inputRows: payload.rows,
                                  assessmentID: assessmentID, questionID: questionID, source: .job)
        return try await EvidenceService(db).create(input, in: systemID, context: owner)
    }
}

import Fluent
import Foundation
import RinriCore
import RinriMetrics
import RinriApplication
import Vapor

/// What a server-side fairness run needs, stored with the job so it can be shown and re-run.
struct FairnessJobParameters: Codable, Sendable, Equatable {
    var fileName: String
    var inputSHA256: String
    var label: String
    var prediction: String
    var score: String?
    var sensitive: [String]
    var intersections: [[String]]
    var positiveLabel: String?
    var checks: [String]

    /// Validates form input. - Throws: ``RinriError`` (`invalid`) listing every bad field.
    static func validate(form: FormState, fileName: String, sha256: String) throws -> FairnessJobParameters {
        var v = Validator()
        let label = v.text(form["label"], field: "label", max: 200)
        let prediction = v.text(form["prediction"], field: "prediction", max: 200)
        let sensitive = form.list("sensitive")
        if sensitive.isEmpty { v.add("sensitive", "required", "name at least one sensitive column") }
        let intersections = form["intersect"].split(separator: ";").map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }.filter { !$0.isEmpty }
        for columns in intersections where columns.count < 2 {
            v.add("intersect", "invalid", "an intersection names two or more columns, e.g. sex,race")
        }
        let checks = form["checks"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for check in checks {
            do { _ = try ThresholdExpression(parsing: check) } catch { v.add("checks", "invalid_check", error.description) }
        }
        try v.check()
        return FairnessJobParameters(fileName: fileName, inputSHA256: sha256, label: label, prediction: prediction,
                                     score: form.optional("score"), sensitive: sensitive, intersections: intersections,
                                     positiveLabel: form.optional("positive_label"), checks: checks)
    }

    var spec: FairnessSpec {
        get throws {
            FairnessSpec(labelColumn: label, predictionColumn: prediction, scoreColumn: score, sensitiveColumns: sensitive,
                         intersections: intersections, positiveLabel: positiveLabel ?? "1",
                         checks: try checks.map { try ThresholdExpression(parsing: $0) })
        }
    }

    /// The equivalent command line, recorded with the evidence so the run can be repeated locally.
    var command: String {
        var words = ["rinri", "assess", "fairness", "--data", fileName, "--label", label, "--prediction", prediction]
        if let score { words += ["--score", score] }
        for column in sensitive { words += ["--sensitive", column] }
        for group in intersections { words += ["--intersect", group.joined(separator: ",")] }
        if let positiveLabel { words += ["--positive-label", positiveLabel] }
        for check in checks { words += ["--check", check] }
        return ShellWords.join(words)
    }
}

/// Runs uploaded tables through the fairness engine in the background.
///
/// The job's state lives in the database, so a reload of the job page shows where it is;
/// the upload is kept in a temporary file only while the job runs.
enum FairnessJobs {
    static var folder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("rinri-jobs", isDirectory: true)
    }

    /// Queues a job for an upload and starts it.
    static func start(upload: Data, parameters: FairnessJobParameters, systemID: String, on req: Request) async throws -> JobInfo {
        let store = EvidenceService(req.db)
        let encoded = String(decoding: try JSONEncoder().encode(parameters), as: UTF8.self)
        let job = try await store.createJob(systemID: systemID, kind: .fairnessReport, parameters: encoded, context: req.actor)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(job.id + ".upload")
        try upload.write(to: file)
        let context = req.actor
        let db = req.db
        let logger = req.logger
        Task.detached {
            await run(jobID: job.id, systemID: systemID, file: file, parameters: parameters, db: db, context: context, logger: logger)
        }
        return job
    }

    static func run(jobID: String, systemID: String, file: URL, parameters: FairnessJobParameters, db: any Database,
                    context: Actor, logger: Logger) async {
        let store = EvidenceService(db)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try await store.setJob(jobID, state: .running)
            let spec = try parameters.spec
            let source = TableSource.file(file.path, format: parameters.fileName.lowercased().hasSuffix(".jsonl") ? .jsonl : .csv)
            let report = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<FairnessReport, any Error>) in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try FairnessAnalysis.run(source: source, spec: spec) })
                }
            }
            let input = EvidenceInput(kind: .fairnessReport, title: "Fairness assessment of \(parameters.fileName)",
                                      resultJSON: String(decoding: try report.jsonData(), as: UTF8.self), passed: report.passed,
                                      command: parameters.command + "  # run on the server", rinriVersion: rinriVersion,
                                      inputSHA256: parameters.inputSHA256, inputRows: report.rows, source: .job)
            let evidence = try await store.create(input, in: systemID, context: context)
            try await store.setJob(jobID, state: .done, message: report.passed ? "passed" : "a check failed", evidenceID: evidence.id)
        } catch {
            let message = String(describing: error)
            let shown = message.replacingOccurrences(of: file.path, with: parameters.fileName)
                .replacingOccurrences(of: file.lastPathComponent, with: parameters.fileName)
            logger.notice("job \(jobID) failed: \(shown)")
            try? await store.setJob(jobID, state: .failed, message: shown)
        }
    }
}

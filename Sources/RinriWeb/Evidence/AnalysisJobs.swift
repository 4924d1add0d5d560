import Fluent
import Foundation
import RinriCore
import RinriMetrics
import RinriApplication
import RinriWire
import Vapor

/// A table analysis the server runs for an upload: the invocation (the same parameters and entry
/// point as the `rinri` subcommand) with the uploaded file's name and hash, stored with the job.
struct AnalysisJob<Invocation: AnalysisInvocation>: Codable, Sendable {
    var fileName: String
    var inputSHA256: String
    var invocation: Invocation
}

/// Runs uploaded tables through an analysis in the background, for any evidence kind with an
/// ``AnalysisInvocation``.
///
/// The job's state lives in the database, so a reload of the job page shows where it is;
/// the upload is kept in a temporary file only while the job runs.
enum AnalysisJobs {
    static var folder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("rinri-jobs", isDirectory: true)
    }

    /// Queues a job for an upload and starts it.
    static func start<I: AnalysisInvocation>(upload: Data, job: AnalysisJob<I>, systemID: String, on req: Request) async throws -> JobInfo {
        let encoded = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        let info = try await req.writes.evidence.createJob(systemID: systemID, kind: I.Definition.kind, parameters: encoded, context: req.actor)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(info.id + ".upload")
        try upload.write(to: file)
        let (context, db, logger, key) = (req.actor, req.db, req.logger, AuditSigning.key)
        Task.detached {
            await AuditSigning.withKey(key) {
                await run(jobID: info.id, systemID: systemID, file: file, job: job, db: db, context: context, logger: logger)
            }
        }
        return info
    }

    static func run<I: AnalysisInvocation>(jobID: String, systemID: String, file: URL, job: AnalysisJob<I>, db: any Database,
                                           context: Actor, logger: Logger) async {
        let service = EvidenceService(db)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try await service.setJob(jobID, state: .running)
            let source = TableSource.file(file.path, format: job.fileName.lowercased().hasSuffix(".jsonl") ? .jsonl : .csv)
            let invocation = job.invocation
            let report = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<I.Definition.Report, any Error>) in
                DispatchQueue.global().async { continuation.resume(with: Result { try invocation.run(source: source) }) }
            }
            let payload = try EvidencePayload(I.Definition.self, report: report)
            let input = EvidenceInput(kind: payload.kind, title: "\(I.Definition.defaultTitle) of \(job.fileName)",
                                      resultJSON: String(decoding: payload.json, as: UTF8.self), passed: payload.passed,
                                      command: invocation.commandLine(data: job.fileName) + "  # run on the server", rinriVersion: rinriVersion,
                                      inputSHA256: job.inputSHA256, inputRows: payload.rows, source: .job)
            let evidence = try await service.create(input, in: systemID, context: context)
            let outcome = payload.passed.map { $0 ? "passed" : "a check failed" } ?? "done"
            try await service.setJob(jobID, state: .done, message: outcome, evidenceID: evidence.id)
        } catch {
            let message = String(describing: error)
            let shown = message.replacingOccurrences(of: file.path, with: job.fileName)
                .replacingOccurrences(of: file.lastPathComponent, with: job.fileName)
            logger.notice("job \(jobID) failed: \(shown)")
            try? await service.setJob(jobID, state: .failed, message: shown)
        }
    }
}

/// The fairness upload form of a system page, read into the invocation `rinri assess fairness` runs.
enum FairnessUploadForm {
    /// - Throws: ``RinriError`` (`invalid`) listing every bad field, checked by ``FairnessInvocation/validate(field:)``.
    static func invocation(_ form: FormState) throws -> FairnessInvocation {
        var v = Validator()
        let label = v.text(form["label"], field: "label", max: 200)
        let prediction = v.text(form["prediction"], field: "prediction", max: 200)
        try v.check()
        let invocation = FairnessInvocation(
            label: label, prediction: prediction, score: form.optional("score"), sensitive: form.list("sensitive"),
            intersections: form["intersect"].split(separator: ";").map { FairnessInvocation.intersection(parsing: String($0)) }.filter { !$0.isEmpty },
            positiveLabel: form.optional("positive_label"),
            checks: form["checks"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        try invocation.validate { option in option == .check ? "checks" : option.rawValue.replacingOccurrences(of: "-", with: "_") }
        return invocation
    }
}

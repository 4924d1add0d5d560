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
/// A job's state lives in the database and its upload in the private data folder (`jobs/ID.upload`),
/// so a reload of the job page shows where it is and a restarted server takes interrupted jobs up
/// again (``JobQueue``). The upload is deleted once the job has finished.
enum AnalysisJobs {
    /// Where the uploads of queued and running jobs wait.
    static func folder(_ app: Application) throws -> DataDirectory { try app.dataDirectory.folder("jobs") }

    static func file(of jobID: String, in folder: DataDirectory) -> URL { folder.url.appendingPathComponent(jobID + ".upload") }

    /// Queues a job for an upload already stored in the data folder, and wakes the queue.
    /// - Throws: 429 `queue_full` when the queue is full (the upload is then deleted by the caller).
    static func start<I: AnalysisInvocation>(upload: StreamedUpload.StoredFile, job: AnalysisJob<I>, systemID: String,
                                             on req: Request) async throws -> JobInfo {
        let encoded = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        let info = try await req.writes.evidence.createJob(systemID: systemID, kind: I.Definition.kind, parameters: encoded,
                                                           limit: req.application.rinriConfig.jobQueueLimit, context: req.actor)
        try FileManager.default.moveItem(at: upload.url, to: file(of: info.id, in: try folder(req.application)))
        await req.application.jobQueue.wake()
        return info
    }

    /// Runs a claimed job to its end: the analysis its kind names, then the evidence or the failure.
    static func run(_ claimed: ClaimedJob, app: Application) async {
        let service = EvidenceService(app.db)
        guard let folder = try? folder(app) else { return }
        let upload = file(of: claimed.id, in: folder)
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(60))
                try await service.touchJob(claimed.id)
            }
        }
        defer {
            heartbeat.cancel()
            try? FileManager.default.removeItem(at: upload)
        }
        switch claimed.kind {
        case .fairnessReport?: await run(claimed, as: FairnessInvocation.self, file: upload, service: service, logger: app.logger)
        case .dataProfile?: await run(claimed, as: ProfileInvocation.self, file: upload, service: service, logger: app.logger)
        default: try? await service.setJob(claimed.id, state: .failed, message: "this kind of job is not run by this version of Rinri")
        }
    }

    private static func run<I: AnalysisInvocation>(_ claimed: ClaimedJob, as: I.Type, file: URL, service: EvidenceService,
                                                   logger: Logger) async {
        var fileName = "upload"
        do {
            let job = try JSONDecoder().decode(AnalysisJob<I>.self, from: Data(claimed.parameters.utf8))
            fileName = job.fileName
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
            let evidence = try await service.create(input, in: claimed.systemID, context: claimed.actor)
            let outcome = payload.passed.map { $0 ? "passed" : "a check failed" } ?? "done"
            try await service.setJob(claimed.id, state: .done, message: outcome, evidenceID: evidence.id)
        } catch {
            let message = String(describing: error)
            let shown = message.replacingOccurrences(of: file.path, with: fileName)
                .replacingOccurrences(of: file.lastPathComponent, with: fileName)
            logger.notice("job \(claimed.id) failed: \(shown)")
            try? await service.setJob(claimed.id, state: .failed, message: shown)
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

import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The server's analysis workers: at most `workers` jobs run at once on this instance, taken from the
/// queue in the database (``EvidenceService/claimNextJob(isHere:now:)``), so the queue survives a
/// restart and instances sharing a database share it. Its length is bounded where jobs are created
/// (`RINRI_JOB_QUEUE`, 429 when full).
///
/// Woken when a job is queued and when one ends; the server also polls it (``Housekeeping``) to take
/// up jobs a stopped server left behind.
actor JobQueue {
    let workers: Int
    private var running = 0
    private var claiming = false
    private var wakeAgain = false
    private weak var app: Application?

    init(workers: Int) {
        self.workers = workers
    }

    func attach(_ app: Application) { self.app = app }

    /// Starts as many waiting jobs as there are free workers.
    func wake() async {
        guard let app, !claiming else {
            wakeAgain = true
            return
        }
        claiming = true
        defer { claiming = false }
        repeat {
            wakeAgain = false
            while running < workers {
                guard let folder = try? AnalysisJobs.folder(app) else { return }
                let claimed = try? await AuditSigning.withKey(app.rinriConfig.auditKey) {
                    try await EvidenceService(app.db).claimNextJob(isHere: { FileManager.default.fileExists(atPath: AnalysisJobs.file(of: $0, in: folder).path) })
                }
                guard let claimed else { break }
                running += 1
                let key = app.rinriConfig.auditKey
                Task.detached { [weak self] in
                    await AuditSigning.withKey(key) { await AnalysisJobs.run(claimed, app: app) }
                    await self?.finished()
                }
            }
        } while wakeAgain && running < workers
    }

    private func finished() async {
        running -= 1
        await wake()
    }
}

private struct JobQueueKey: StorageKey { typealias Value = JobQueue }

extension Application {
    /// This instance's analysis workers.
    var jobQueue: JobQueue {
        get { storage[JobQueueKey.self]! }
        set { storage[JobQueueKey.self] = newValue }
    }
}

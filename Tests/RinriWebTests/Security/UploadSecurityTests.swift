import Foundation
import RinriCore
import RinriApplication
@testable import RinriWeb
import RinriTesting
import SQLKit
import Testing

@Suite("Uploads and jobs: a private folder, streamed files, a bounded queue that survives a restart")
struct UploadSecurityTests {
    static let fields = ["label": "label", "prediction": "prediction", "sensitive": "sex"]

    /// Files under the data folder, by sub-folder.
    static func files(_ t: TestApp, _ folder: String) -> [URL] {
        (try? FileManager.default.contentsOfDirectory(at: t.dataDirectory.appendingPathComponent(folder), includingPropertiesForKeys: nil)) ?? []
    }

    static func waitForJob(_ t: TestApp, state: String) async throws {
        for _ in 0..<200 {
            let row = try await (t.app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM jobs WHERE state = \(bind: state)").first()
            if try row?.decode(column: "n", as: Int.self) ?? 0 > 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no job reached \(state)")
    }

    @Test(arguments: TestDatabase.all)
    func aFullQueueRefusesWithRetryAfterAndAStoppedQueueResumesFromTheDatabase(db: TestDatabase) async throws {
        try await TestApp.with(db, adjust: { $0.jobQueueLimit = 1 }) { t in
            // a server whose workers are all busy elsewhere: nothing runs
            t.app.jobQueue = JobQueue(workers: 0)
            await t.app.jobQueue.attach(t.app)
            let owner = try await t.user([RoleGrant(role: .projectOwner)], email: "po@example.com")
            let system = try await EvidenceTests.system(t, owner.token)
            let browser = Browser(t)
            try await browser.login("po@example.com")
            _ = try await browser.get("/systems/\(system)")
            let first = try await browser.upload("/systems/\(system)/evidence/upload", Self.fields, file: ("cv.csv", "file", EvidenceTests.csv))
            #expect(first.status == .seeOther)
            // the upload waits in the private folder, readable by its owner only
            let waiting = Self.files(t, "jobs")
            #expect(waiting.count == 1)
            let mode = try FileManager.default.attributesOfItem(atPath: try #require(waiting.first).path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            #expect(Self.files(t, "uploads").isEmpty)
            // the queue holds one: the next upload is refused, and its file is not kept
            let second = try await browser.upload("/systems/\(system)/evidence/upload", Self.fields, file: ("cv.csv", "file", EvidenceTests.csv))
            #expect(second.status == .tooManyRequests && second.headers.first(name: "Retry-After") == "60")
            #expect(Self.files(t, "jobs").count == 1 && Self.files(t, "uploads").isEmpty)
            #expect(try await t.count("jobs") == 1)
            // "after a restart": a new queue with a worker takes the job from the database and finishes it
            t.app.jobQueue = JobQueue(workers: 1)
            await t.app.jobQueue.attach(t.app)
            await t.app.jobQueue.wake()
            try await Self.waitForJob(t, state: "done")
            #expect(try await t.count("evidence") == 1)
            #expect(Self.files(t, "jobs").isEmpty, "the upload is deleted once the job is done")
        }
    }

    @Test func aJobWhoseWorkerStoppedIsTakenUpAgain() async throws {
        try await TestApp.with(.sqlite) { t in
            t.app.jobQueue = JobQueue(workers: 0)
            await t.app.jobQueue.attach(t.app)
            let owner = try await t.user([RoleGrant(role: .projectOwner)], email: "po@example.com")
            let system = try await EvidenceTests.system(t, owner.token)
            let browser = Browser(t)
            try await browser.login("po@example.com")
            _ = try await browser.get("/systems/\(system)")
            _ = try await browser.upload("/systems/\(system)/evidence/upload", Self.fields, file: ("cv.csv", "file", EvidenceTests.csv))
            // the worker took it and died: running, silent for ten minutes
            let sql = t.app.db as! any SQLDatabase
            try await sql.raw("UPDATE jobs SET state = 'running', updated_at = \(bind: Date().addingTimeInterval(-600))").run()
            t.app.jobQueue = JobQueue(workers: 1)
            await t.app.jobQueue.attach(t.app)
            try await Housekeeping.recoverJobs(t.app)
            try await Self.waitForJob(t, state: "done")
            // a job whose upload is gone fails with a message saying what to do
            try await sql.raw("UPDATE jobs SET state = 'running', updated_at = \(bind: Date().addingTimeInterval(-600))").run()
            try await Housekeeping.recoverJobs(t.app)
            let row = try await sql.raw("SELECT state, message FROM jobs").first()
            #expect(try row?.decode(column: "state", as: String.self) == "failed")
            #expect(try row?.decode(column: "message", as: String.self).contains("upload it again") == true)
        }
    }

    @Test func anUploadIsStreamedAndNeverStoredWhenRefused() async throws {
        try await TestApp.with(.sqlite) { t in
            let owner = try await t.user([RoleGrant(role: .projectOwner)], email: "po@example.com")
            let system = try await EvidenceTests.system(t, owner.token)
            let browser = Browser(t)
            try await browser.login("po@example.com")
            _ = try await browser.get("/systems/\(system)")
            // a forged form (no CSRF token) stores nothing, though its file arrived first
            let real = browser.csrf
            browser.forgetCSRF()
            let forged = try await browser.upload("/systems/\(system)/evidence/upload", Self.fields, file: ("cv.csv", "file", EvidenceTests.csv))
            #expect(forged.status == .forbidden)
            let jobs = try await t.count("jobs")
            #expect(Self.files(t, "uploads").isEmpty && Self.files(t, "jobs").isEmpty && jobs == 0)
            browser.restoreCSRF(real)
            // a bad form: re-shown, file gone
            let bad = try await browser.upload("/systems/\(system)/evidence/upload", ["label": "label", "prediction": "", "sensitive": "sex"],
                                               file: ("cv.csv", "file", EvidenceTests.csv))
            #expect(bad.status == .unprocessableEntity)
            #expect(Self.files(t, "uploads").isEmpty && Self.files(t, "jobs").isEmpty)
            // two files in one upload: refused, and neither is kept
            let boundary = "two-files"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(real ?? "")\r\n"
            for (key, value) in Self.fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n" }
            for n in 0..<2 {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\(n).csv\"\r\nContent-Type: text/csv\r\n\r\n\(EvidenceTests.csv)\r\n"
            }
            body += "--\(boundary)--\r\n"
            let twoFiles = try await browser.postRaw("/systems/\(system)/evidence/upload", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(twoFiles.status == .unprocessableEntity)
            #expect(Self.files(t, "uploads").isEmpty && Self.files(t, "jobs").isEmpty)
            // not multipart at all
            #expect(try await browser.post("/systems/\(system)/evidence/upload", Self.fields).status == .badRequest)
            let folder = try FileManager.default.attributesOfItem(atPath: t.dataDirectory.appendingPathComponent("uploads").path)
            #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }
}

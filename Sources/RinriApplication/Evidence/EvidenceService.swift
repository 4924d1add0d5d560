import FluentKit
import Foundation
import RinriCore
import SQLKit

/// Evidence records of AI systems and the server-side jobs that produce them.
public struct EvidenceService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func create(_ input: EvidenceInput, in systemID: String, context: Actor) async throws -> Stored<EvidenceInput> {
        let input = try input.validated()
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await InventoryService(tx).writableSystem(systemID, context, on: tx)
            try await Self.checkLink(input, system: system, on: tx)
            let model = EvidenceModel()
            model.systemID = system.id!
            batch.touch([.coverage], system: system.id!)
            model.createdBy = context.id
            model.apply(input)
            try await model.createAudited(on: tx, batch)
            return model.stored
        }
    }

    /// Deletes evidence nothing relies on yet (``EvidencePolicy``): a decision, an assessment past
    /// its draft, a follow-up action or a countermeasure that cites it keeps it as it was.
    public func delete(_ id: String, of systemID: String, context: Actor) async throws {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            _ = try await InventoryService(tx).writableSystem(systemID, context, on: tx)
            let evidence = try await EvidenceModel.require(id, of: systemID, on: tx)
            batch.touch([.coverage], system: evidence.systemID)
            try EvidencePolicy.checkRemovable(try await Self.use(of: evidence, on: tx))
            try await evidence.deleteAudited(expected: nil, on: tx, batch)
        }
    }

    /// What relies on an evidence record.
    static func use(of evidence: EvidenceModel, on tx: Database) async throws -> EvidencePolicy.Use {
        let id = evidence.id!.uuidString
        let cases = try await AssessmentModel.query(on: tx).filter(\.$systemID == evidence.systemID).all()
        let attached = evidence.assessmentID.flatMap { attached in cases.first { $0.id?.uuidString == attached.uppercased() } }
        let actions = try await ActionModel.query(on: tx).filter(\.$systemID == evidence.systemID).all()
        let risks = try await RiskModel.query(on: tx).filter(\.$systemID == evidence.systemID).all().compactMap(\.id)
        let measures = risks.isEmpty ? [] : try await CountermeasureModel.query(on: tx).filter(\.$riskID ~~ risks).all()
        return EvidencePolicy.Use(
            citedByDecision: cases.contains { $0.evidenceSeen.contains { $0.uppercased() == id } },
            attachedToSubmittedAssessment: attached.map { $0.state != AssessmentState.draft.rawValue } ?? false,
            citedByAction: actions.contains { $0.reportEvidence.contains { $0.uppercased() == id } },
            citedByCountermeasure: measures.contains { $0.input.evidenceIDs.contains { $0.uppercased() == id } })
    }

    /// Evidence for a check-sheet item must name a draft assessment of this system and a question of one of its sheets.
    static func checkLink(_ input: EvidenceInput, system: AISystemModel, on tx: Database) async throws {
        guard let assessmentID = input.assessmentID else {
            if input.questionID != nil {
                throw RinriError.invalid(field: "question_id", code: "assessment_required", message: "a question_id needs the assessment_id it belongs to")
            }
            return
        }
        guard let uuid = UUID(uuidString: assessmentID), let assessment = try await AssessmentModel.find(uuid, on: tx),
              assessment.systemID == system.id else {
            throw RinriError.invalid(field: "assessment_id", code: "unknown_assessment", message: "the system has no assessment \(assessmentID)")
        }
        try EvidencePolicy.checkAttach(to: AssessmentState(rawValue: assessment.state) ?? .draft)
        guard let questionID = input.questionID else { return }
        let store = TemplateQueries(tx)
        for sheet in try await SheetModel.query(on: tx).filter(\.$assessmentID == uuid).all() {
            if try await store.template(sheet.templateID, version: sheet.templateVersion).question(id: questionID) != nil { return }
        }
        throw RinriError.invalid(field: "question_id", code: "unknown_question", message: "no sheet of assessment \(assessmentID) has question \(questionID)")
    }

    // MARK: Jobs

    /// Queues a job; its creation is audited, its progress is not (the evidence it produces is).
    ///
    /// At most `limit` jobs wait or run at once, counted in the database (so across instances): past
    /// that, 429 `queue_full`. The count is taken under the audit chain's lock, which every write holds,
    /// so two uploads cannot both take the last place.
    public func createJob(systemID: String, kind: EvidenceKind, parameters: String, limit: Int = .max,
                          context: Actor) async throws -> JobInfo {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await InventoryService(tx).writableSystem(systemID, context, on: tx)
            let active = try await JobModel.query(on: tx).filter(\.$state ~~ [JobState.queued.rawValue, JobState.running.rawValue]).count()
            guard active < limit else {
                var full = RinriError(kind: .rateLimited, code: "queue_full",
                                      message: "\(active) assessments are already waiting or running; try again in a minute",
                                      arguments: ["count": String(active)])
                full.retryAfter = 60
                throw full
            }
            let job = JobModel()
            job.systemID = system.id!
            job.kind = kind.rawValue
            job.state = JobState.queued.rawValue
            job.parameters = parameters
            job.createdBy = context.id
            try await job.create(on: tx)
            batch.add(.create, "job", job.id!.uuidString, .created(["system_id": .string(systemID), "kind": .string(kind.rawValue)]))
            return Self.info(job)
        }
    }

    public func setJob(_ id: String, state: JobState, message: String? = nil, evidenceID: String? = nil) async throws {
        guard let uuid = UUID(uuidString: id), let job = try await JobModel.find(uuid, on: db) else { return }
        job.state = state.rawValue
        job.message = message.map { String($0.prefix(2_000)) }
        job.evidenceID = evidenceID.flatMap(UUID.init(uuidString:))
        try await job.save(on: db)
    }

    /// The job as stored.
    public func currentJob(_ id: String, of systemID: String) async throws -> JobInfo {
        try await EvidenceQueries(db).job(id, of: systemID)
    }

    /// Takes the oldest queued job that `isHere` says this instance can run (its upload is here),
    /// marking it running; nil when there is none. Two instances never take the same job.
    public func claimNextJob(isHere: (String) -> Bool, now: Date = Date()) async throws -> ClaimedJob? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let waiting = try await JobModel.query(on: db).filter(\.$state == JobState.queued.rawValue).sort(\.$createdAt).limit(50).all()
        for job in waiting where isHere(job.id!.uuidString) {
            let taken = try await sql.raw("""
                UPDATE jobs SET state = \(bind: JobState.running.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: job.id!) AND state = \(bind: JobState.queued.rawValue) RETURNING id
                """).all()
            guard !taken.isEmpty else { continue }
            var actor = Actor.system("job")
            if let userID = job.createdBy, let user = try? await UserModel.require(userID, on: db) {
                try await user.$grants.load(on: db)
                actor = Actor(id: userID, label: user.email, grants: user.grants.map(\.grant), requestID: "job-\(job.id!.uuidString.prefix(8))")
            }
            return ClaimedJob(id: job.id!.uuidString, systemID: job.systemID.uuidString, kind: EvidenceKind(rawValue: job.kind),
                              parameters: job.parameters, actor: actor)
        }
        return nil
    }

    /// Shows that a running job is alive (its worker calls this every minute).
    public func touchJob(_ id: String, now: Date = Date()) async throws {
        guard let uuid = UUID(uuidString: id), let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE jobs SET updated_at = \(bind: now) WHERE id = \(bind: uuid)").run()
    }

    /// Puts back in the queue the jobs whose worker stopped (running, not touched for `age` seconds)
    /// when their upload is still here, and fails the rest, with a message saying what to do.
    /// A queued job waits as long as the queue is; one left for a day is failed.
    /// - Returns: how many were put back and how many failed.
    @discardableResult
    public func recoverInterruptedJobs(olderThan age: TimeInterval = 300, isHere: (String) -> Bool,
                                       now: Date = Date()) async throws -> (requeued: Int, failed: Int) {
        var requeued = 0, failed = 0
        let stale = try await JobModel.query(on: db).group(.or) { group in
            group.group(.and) { $0.filter(\.$state == JobState.running.rawValue).filter(\.$updatedAt < now.addingTimeInterval(-age)) }
            group.group(.and) { $0.filter(\.$state == JobState.queued.rawValue).filter(\.$updatedAt < now.addingTimeInterval(-86_400)) }
        }.all()
        for job in stale {
            if job.state == JobState.running.rawValue && isHere(job.id!.uuidString) {
                job.state = JobState.queued.rawValue
                job.message = "restarted after the server stopped under it"
                requeued += 1
            } else {
                job.state = JobState.failed.rawValue
                job.message = "interrupted: the uploaded file is no longer on the server; upload it again"
                failed += 1
            }
            try await job.save(on: db)
        }
        return (requeued, failed)
    }

    static func info(_ job: JobModel) -> JobInfo {
        JobInfo(id: job.id!.uuidString, systemID: job.systemID.uuidString, kind: EvidenceKind(rawValue: job.kind) ?? .fairnessReport,
                state: JobState(rawValue: job.state) ?? .failed, message: job.message, evidenceID: job.evidenceID?.uuidString,
                createdAt: job.createdAt ?? Date(), updatedAt: job.updatedAt ?? Date())
    }
}

/// A job a worker has taken: what to run, for which system, on whose behalf.
public struct ClaimedJob: Sendable {
    public var id: String
    public var systemID: String
    /// Nil for a kind this version does not know.
    public var kind: EvidenceKind?
    public var parameters: String
    public var actor: Actor
}


import FluentKit
import Foundation
import RinriCore

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
    public func createJob(systemID: String, kind: EvidenceKind, parameters: String, context: Actor) async throws -> JobInfo {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await InventoryService(tx).writableSystem(systemID, context, on: tx)
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

    /// The job, marked failed first when it was left waiting by a stopped server (see ``failInterruptedJobs(olderThan:now:)``).
    public func currentJob(_ id: String, of systemID: String, staleAfter age: TimeInterval = 600, now: Date = Date()) async throws -> JobInfo {
        let job = try await EvidenceQueries(db).job(id, of: systemID)
        guard job.state == .queued || job.state == .running, now.timeIntervalSince(job.updatedAt) > age else { return job }
        try await failInterruptedJobs(olderThan: age, now: now)
        return try await EvidenceQueries(db).job(id, of: systemID)
    }

    /// Marks as failed the jobs left queued or running for longer than `age` seconds — a server
    /// stopped under them (uploads are capped, so a live job finishes well within that time).
    /// Jobs younger than that may belong to another instance and are left alone.
    /// - Returns: how many were marked.
    @discardableResult
    public func failInterruptedJobs(olderThan age: TimeInterval = 600, now: Date = Date()) async throws -> Int {
        let stale = try await JobModel.query(on: db).filter(\.$state ~~ [JobState.queued.rawValue, JobState.running.rawValue])
            .filter(\.$updatedAt < now.addingTimeInterval(-age)).all()
        for job in stale {
            job.state = JobState.failed.rawValue
            job.message = "interrupted: the server stopped before the job finished; upload the file again"
            try await job.save(on: db)
        }
        return stale.count
    }

    static func info(_ job: JobModel) -> JobInfo {
        JobInfo(id: job.id!.uuidString, systemID: job.systemID.uuidString, kind: EvidenceKind(rawValue: job.kind) ?? .fairnessReport,
                state: JobState(rawValue: job.state) ?? .failed, message: job.message, evidenceID: job.evidenceID?.uuidString,
                createdAt: job.createdAt ?? Date(), updatedAt: job.updatedAt ?? Date())
    }
}

import FluentKit
import Foundation
import RinriCore

final class EvidenceModel: SystemComponentModel, @unchecked Sendable {
    static var systemIDKey: KeyPath<EvidenceModel, FieldProperty<EvidenceModel, UUID>> { \.$systemID }
    static let schema = "evidence"
    static let entityType = "evidence"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "result_json") var resultJSON: String
    @OptionalField(key: "passed") var passed: Bool?
    @Field(key: "command") var command: String
    @Field(key: "rinri_version") var rinriVersion: String
    @OptionalField(key: "input_sha256") var inputSHA256: String?
    @Field(key: "input_rows") var inputRows: Int
    @OptionalField(key: "assessment_id") var assessmentID: String?
    @OptionalField(key: "question_id") var questionID: String?
    @OptionalField(key: "created_by") var createdBy: String?
    @OptionalField(key: "source") var source: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: EvidenceInput) {
        kind = input.kind.rawValue
        title = input.title
        resultJSON = input.resultJSON
        passed = input.passed
        command = input.command
        rinriVersion = input.rinriVersion
        inputSHA256 = input.inputSHA256
        inputRows = input.inputRows
        assessmentID = input.assessmentID
        questionID = input.questionID
        source = input.source?.rawValue
    }

    var input: EvidenceInput {
        EvidenceInput(kind: EvidenceKind(rawValue: kind) ?? .fairnessReport, title: title, resultJSON: resultJSON,
                      passed: passed, command: command, rinriVersion: rinriVersion, inputSHA256: inputSHA256,
                      inputRows: inputRows, assessmentID: assessmentID, questionID: questionID,
                      source: source.flatMap(EvidenceSource.init(rawValue:)), submittedBy: createdBy)
    }

    /// The audit digest names the result by its SHA-256 rather than copying it.
    var auditFields: [String: AuditValue] {
        ["system_id": .string(systemID.uuidString), "kind": .string(kind), "title": .string(title),
         "passed": passed.map { .bool($0) } ?? .null, "command": .string(command), "rinri_version": .string(rinriVersion),
         "input_sha256": AuditValue(inputSHA256), "input_rows": .int(inputRows),
         "assessment_id": AuditValue(assessmentID), "question_id": AuditValue(questionID), "source": AuditValue(source),
         "result_sha256": .string(TokenSecret.hash(of: resultJSON))]
    }
}

/// A server-side assessment run: queued, running, done or failed; its state lives in the database so a page reload finds it.
final class JobModel: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "state") var state: String
    @Field(key: "parameters") var parameters: String
    @OptionalField(key: "message") var message: String?
    @OptionalField(key: "evidence_id") var evidenceID: UUID?
    @OptionalField(key: "created_by") var createdBy: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension EvidenceModel {
    /// Refuses a list of evidence ids of which one is not a record of this system, in one query.
    /// - Throws: 422 `unknown_evidence` on `field`, naming the first id that does not belong.
    static func checkBelong(_ ids: [String], to system: AISystemModel, field: String, on db: Database) async throws {
        guard !ids.isEmpty else { return }
        let uuids = ids.compactMap(UUID.init(uuidString:))
        let found = uuids.isEmpty ? [] : try await EvidenceModel.query(on: db).filter(\.$id ~~ uuids).filter(\.$systemID == system.id!).all()
        let known = Set(found.compactMap(\.id))
        if let stray = ids.first(where: { UUID(uuidString: $0).map { !known.contains($0) } ?? true }) {
            throw RinriError.invalid(field: field, code: "unknown_evidence", message: "evidence \(stray) does not belong to this system")
        }
    }
}

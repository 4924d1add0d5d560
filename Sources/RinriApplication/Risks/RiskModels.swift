import FluentKit
import Foundation
import RinriCore

final class RiskModel: AuditedModel, @unchecked Sendable {
    static let schema = "risks"
    static let entityType = "risk"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "rights") var rights: [String]
    @Field(key: "affected_people") var affectedPeople: String
    @Field(key: "scale") var scale: Int
    @Field(key: "scope") var scope: Int
    @Field(key: "irremediability") var irremediability: Int
    @Field(key: "likelihood") var likelihood: Int
    @OptionalField(key: "owner_id") var ownerID: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "assessment_id") var assessmentID: UUID?
    @OptionalField(key: "template_id") var templateID: String?
    @OptionalField(key: "question_id") var questionID: String?
    @OptionalField(key: "risk_index") var riskIndex: Int?
    @Field(key: "flagged") var flagged: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    func apply(_ input: RiskInput) {
        title = input.title
        description = input.description
        rights = input.rights.map(\.rawValue)
        affectedPeople = input.affectedPeople
        (scale, scope, irremediability) = (input.severity.scale, input.severity.scope, input.severity.irremediability)
        likelihood = input.likelihood
        ownerID = input.ownerID
        status = input.status.rawValue
    }

    var input: RiskInput {
        RiskInput(title: title, description: description, rights: rights.compactMap(HumanRight.init(rawValue:)),
                  affectedPeople: affectedPeople,
                  severity: (try? HarmSeverity(scale: scale, scope: scope, irremediability: irremediability))
                      ?? (try! HarmSeverity(scale: 4, scope: 4, irremediability: 4)),
                  likelihood: likelihood, ownerID: ownerID, status: RiskStatus(rawValue: status) ?? .open)
    }

    var origin: RiskOrigin? {
        guard let assessmentID, let templateID, let questionID, let riskIndex else { return nil }
        return RiskOrigin(assessmentID: assessmentID.uuidString, templateID: templateID, questionID: questionID, riskIndex: riskIndex)
    }

    var auditFields: [String: AuditValue] {
        ["system_id": .string(systemID.uuidString), "title": .string(title), "description": .string(description),
         "rights": .strings(rights), "affected_people": .string(affectedPeople), "scale": .int(scale), "scope": .int(scope),
         "irremediability": .int(irremediability), "likelihood": .int(likelihood), "owner_id": AuditValue(ownerID),
         "status": .string(status), "assessment_id": AuditValue(assessmentID?.uuidString), "template_id": AuditValue(templateID),
         "question_id": AuditValue(questionID), "risk_index": riskIndex.map { .int($0) } ?? .null, "flagged": .bool(flagged)]
    }
}

final class CountermeasureModel: StoredRecord, @unchecked Sendable {
    static let schema = "countermeasures"
    static let entityType = "countermeasure"

    @ID(key: .id) var id: UUID?
    @Field(key: "risk_id") var riskID: UUID
    @Field(key: "title") var title: String
    @OptionalField(key: "owner_id") var ownerID: String?
    @OptionalField(key: "due_date") var dueDate: String?
    @Field(key: "status") var status: String
    @Field(key: "effect") var effect: String
    @OptionalField(key: "evidence_ids") var evidenceJSON: String?
    @OptionalField(key: "verified_by") var verifiedBy: String?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: CountermeasureInput) {
        title = input.title
        ownerID = input.ownerID
        dueDate = input.dueDate
        status = input.status.rawValue
        effect = input.effect.rawValue
        evidenceJSON = input.evidenceIDs.isEmpty ? nil : JSONColumn.encode(input.evidenceIDs)
    }

    var input: CountermeasureInput {
        CountermeasureInput(title: title, ownerID: ownerID, dueDate: dueDate,
                            status: CountermeasureStatus(rawValue: status) ?? .planned,
                            effect: RiskScoring.Effect(rawValue: effect) ?? .likelihood,
                            evidenceIDs: JSONColumn.decode([String].self, evidenceJSON) ?? [])
    }

    var record: CountermeasureRecord {
        CountermeasureRecord(id: id!.uuidString, version: version, value: input, verifiedBy: verifiedBy, verifiedAt: verifiedAt,
                             createdAt: createdAt ?? Date(), updatedAt: updatedAt ?? Date())
    }

    var auditFields: [String: AuditValue] {
        ["risk_id": .string(riskID.uuidString), "title": .string(title), "owner_id": AuditValue(ownerID),
         "due_date": AuditValue(dueDate), "status": .string(status), "effect": .string(effect),
         "evidence_ids": .strings(input.evidenceIDs), "verified_by": AuditValue(verifiedBy)]
    }
}

extension RiskModel {
    /// The risk with this id. - Throws: 404 when there is none.
    static func require(_ id: String, on db: Database) async throws -> RiskModel {
        guard let uuid = UUID(uuidString: id), let model = try await RiskModel.find(uuid, on: db) else {
            throw RinriError.notFound("risk \(id)")
        }
        return model
    }
}

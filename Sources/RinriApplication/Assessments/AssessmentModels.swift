import FluentKit
import Foundation
import RinriCore

final class AssessmentModel: AuditedModel, @unchecked Sendable {
    static let schema = "assessments"
    static let entityType = "assessment"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "phase") var phase: String
    @Field(key: "state") var state: String
    @OptionalField(key: "route") var route: String?
    @OptionalField(key: "body_key") var bodyKey: String?
    @OptionalField(key: "quorum") var quorum: Int?
    @OptionalField(key: "case_level") var caseLevel: String?
    @OptionalField(key: "stale_reason") var staleReason: String?
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @OptionalField(key: "rationale") var rationale: String?
    @Field(key: "evidence_seen") var evidenceSeen: [String]
    @OptionalField(key: "created_by") var createdBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @OptionalField(key: "authors") var authorsJSON: String?
    @OptionalField(key: "panel") var panelJSON: String?
    @OptionalField(key: "review_overrides") var reviewOverridesJSON: String?
    @OptionalField(key: "reclassification") var reclassificationJSON: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// Users who wrote owner answers of this case (upper-case ids).
    var authors: [String] {
        get { JSONColumn.decode([String].self, authorsJSON) ?? [] }
        set { authorsJSON = newValue.isEmpty ? nil : JSONColumn.encode(newValue) }
    }

    /// The deciding body's members as frozen when the case was routed.
    var panel: [PanelMember] {
        get { JSONColumn.decode([PanelMember].self, panelJSON) ?? [] }
        set { panelJSON = newValue.isEmpty ? nil : JSONColumn.encode(newValue) }
    }

    var reviewOverrides: [ReviewOverride] {
        get { JSONColumn.decode([ReviewOverride].self, reviewOverridesJSON) ?? [] }
        set { reviewOverridesJSON = newValue.isEmpty ? nil : JSONColumn.encode(newValue) }
    }

    var reclassification: Reclassification? {
        get { JSONColumn.decode(Reclassification.self, reclassificationJSON) }
        set { reclassificationJSON = newValue.map(JSONColumn.encode) }
    }

    var record: AssessmentRecord {
        AssessmentRecord(id: id!.uuidString, version: version, systemID: systemID.uuidString,
                         phase: LifecyclePhase(rawValue: phase) ?? .planning, state: AssessmentState(rawValue: state) ?? .draft,
                         route: route.flatMap(ApprovalRoute.init(rawValue:)), bodyKey: bodyKey, quorum: quorum,
                         caseLevel: caseLevel.flatMap(RiskLevel.init(rawValue:)), staleReason: staleReason,
                         supersedesID: supersedesID?.uuidString, rationale: rationale, evidenceSeen: evidenceSeen,
                         reviewOverrides: reviewOverrides, panel: panel, submittedBy: submittedBy, authors: authors,
                         reclassification: reclassification,
                         createdAt: createdAt ?? Date(), updatedAt: updatedAt ?? Date(), decidedAt: decidedAt)
    }

    var auditFields: [String: AuditValue] {
        ["system_id": .string(systemID.uuidString), "phase": .string(phase), "state": .string(state),
         "route": AuditValue(route), "body_key": AuditValue(bodyKey), "quorum": quorum.map { .int($0) } ?? .null,
         "case_level": AuditValue(caseLevel), "stale_reason": AuditValue(staleReason),
         "supersedes_id": AuditValue(supersedesID?.uuidString), "rationale": AuditValue(rationale),
         "evidence_seen": .strings(evidenceSeen), "submitted_by": AuditValue(submittedBy), "authors": .strings(authors),
         "panel": .strings(panel.map { "\($0.userID):\($0.role.rawValue)" }), "review_overrides": AuditValue(reviewOverridesJSON),
         "reclassification": AuditValue(reclassificationJSON)]
    }
}

/// A template pinned to an assessment, with its answers as JSON.
final class SheetModel: AuditedModel, @unchecked Sendable {
    static let schema = "assessment_sheets"
    static let entityType = "assessment_sheet"

    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "template_id") var templateID: String
    @Field(key: "template_version") var templateVersion: String
    @OptionalField(key: "review_domain") var reviewDomain: String?
    @Field(key: "answers") var answersJSON: String
    @OptionalField(key: "reviewer_id") var reviewerID: String?
    @Field(key: "position") var position: Int
    @Field(key: "version") var version: Int

    init() {}

    var answers: [String: AnswerValue] {
        get { (try? JSONDecoder().decode([String: AnswerValue].self, from: Data(answersJSON.utf8))) ?? [:] }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            answersJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }

    var sheet: AssessmentSheet {
        AssessmentSheet(templateID: templateID, templateVersion: templateVersion,
                        reviewDomain: reviewDomain.flatMap(ReviewDomain.init(rawValue:)), answers: answers, reviewerID: reviewerID)
    }

    /// Answers are recorded one field per question, so the log shows which answer changed.
    var auditFields: [String: AuditValue] {
        var fields: [String: AuditValue] = ["assessment_id": .string(assessmentID.uuidString), "template_id": .string(templateID),
                                            "template_version": .string(templateVersion), "review_domain": AuditValue(reviewDomain),
                                            "reviewer_id": AuditValue(reviewerID)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (question, value) in answers {
            fields["answer." + question] = .string(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
        }
        return fields
    }
}

final class VoteModel: AuditedModel, @unchecked Sendable {
    static let schema = "assessment_votes"
    static let entityType = "assessment_vote"

    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "vote") var vote: String
    @Field(key: "comment") var comment: String
    @Field(key: "version") var version: Int

    init() {}

    var auditFields: [String: AuditValue] {
        ["assessment_id": .string(assessmentID.uuidString), "user_id": .string(userID.uuidString),
         "vote": .string(vote), "comment": .string(comment)]
    }
}

final class ActionModel: AuditedModel, @unchecked Sendable {
    static let schema = "follow_up_actions"
    static let entityType = "follow_up_action"

    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "title") var title: String
    @OptionalField(key: "owner_id") var ownerID: String?
    @OptionalField(key: "due_date") var dueDate: String?
    @Field(key: "blocking") var blocking: Bool
    @Field(key: "status") var status: String
    @Field(key: "note") var note: String
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "reported_by") var reportedBy: String?
    @OptionalField(key: "report_evidence") var reportEvidenceJSON: String?
    @OptionalField(key: "confirmed_by") var confirmedBy: String?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirmation_note") var confirmationNote: String?
    @Field(key: "version") var version: Int

    init() {}

    /// Evidence ids cited when the action was reported done.
    var reportEvidence: [String] {
        get { JSONColumn.decode([String].self, reportEvidenceJSON) ?? [] }
        set { reportEvidenceJSON = newValue.isEmpty ? nil : JSONColumn.encode(newValue) }
    }

    func apply(_ input: ActionInput) {
        title = input.title
        ownerID = input.ownerID
        dueDate = input.dueDate
        blocking = input.blocking
        status = input.status.rawValue
        note = input.note
    }

    var record: ActionRecord {
        ActionRecord(id: id!.uuidString, version: version, assessmentID: assessmentID.uuidString, systemID: systemID.uuidString,
                     action: ActionInput(title: title, ownerID: ownerID, dueDate: dueDate, blocking: blocking,
                                         status: ActionStatus(rawValue: status) ?? .open, note: note),
                     source: source ?? "decision", reportedBy: reportedBy, reportEvidence: reportEvidence,
                     confirmedBy: confirmedBy, confirmedAt: confirmedAt, confirmationNote: confirmationNote)
    }

    var auditFields: [String: AuditValue] {
        ["assessment_id": .string(assessmentID.uuidString), "system_id": .string(systemID.uuidString), "title": .string(title),
         "owner_id": AuditValue(ownerID), "due_date": AuditValue(dueDate), "blocking": .bool(blocking),
         "status": .string(status), "note": .string(note), "source": AuditValue(source), "reported_by": AuditValue(reportedBy),
         "report_evidence": .strings(reportEvidence), "confirmed_by": AuditValue(confirmedBy),
         "confirmation_note": AuditValue(confirmationNote)]
    }
}

extension AssessmentModel {
    /// The latest assessment of each phase of each system (of the given systems, or of all), by
    /// system and phase, in one query.
    static func latestByPhase(ofSystems systemIDs: Set<UUID>? = nil, on db: Database) async throws -> [UUID: [String: AssessmentModel]] {
        let query = AssessmentModel.query(on: db).sort(\.$createdAt, .descending)
        if let systemIDs { query.filter(\.$systemID ~~ systemIDs) }
        var latest: [UUID: [String: AssessmentModel]] = [:]
        for model in try await query.all() where latest[model.systemID]?[model.phase] == nil {
            latest[model.systemID, default: [:]][model.phase] = model
        }
        return latest
    }

    /// The latest assessment of each phase of one system, by phase.
    static func latestByPhase(of systemID: UUID, on db: Database) async throws -> [String: AssessmentModel] {
        try await latestByPhase(ofSystems: [systemID], on: db)[systemID] ?? [:]
    }
}

extension AssessmentModel {
    /// The assessment with this id. - Throws: 404 when there is none.
    static func require(_ id: String, on db: Database) async throws -> AssessmentModel {
        guard let uuid = UUID(uuidString: id), let model = try await AssessmentModel.find(uuid, on: db) else {
            throw RinriError.notFound("assessment \(id)")
        }
        return model
    }
}

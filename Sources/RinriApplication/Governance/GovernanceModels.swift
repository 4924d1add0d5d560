import FluentKit
import Foundation
import RinriCore

final class BodyModel: AuditedModel, @unchecked Sendable {
    static let schema = "governance_bodies"
    static let entityType = "governance_body"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "kind") var kind: String
    @Field(key: "name_en") var nameEN: String
    @Field(key: "name_ja") var nameJA: String
    @Field(key: "mandate_en") var mandateEN: String
    @Field(key: "mandate_ja") var mandateJA: String
    @OptionalField(key: "reports_to") var reportsTo: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: GovernanceBodyInput) {
        key = input.key
        kind = input.kind.rawValue
        (nameEN, nameJA) = (input.name.en, input.name.ja)
        (mandateEN, mandateJA) = (input.mandate.en, input.mandate.ja)
        reportsTo = input.reportsTo
    }

    var input: GovernanceBodyInput {
        GovernanceBodyInput(key: key, kind: BodyKind(rawValue: kind) ?? .workingGroup, name: LocalizedText(en: nameEN, ja: nameJA),
                            mandate: LocalizedText(en: mandateEN, ja: mandateJA), reportsTo: reportsTo)
    }

    var auditFields: [String: AuditValue] {
        ["key": .string(key), "kind": .string(kind), "name_en": .string(nameEN), "name_ja": .string(nameJA),
         "mandate_en": .string(mandateEN), "mandate_ja": .string(mandateJA), "reports_to": AuditValue(reportsTo)]
    }
}

final class BodyMemberModel: AuditedModel, @unchecked Sendable {
    static let schema = "body_members"
    static let entityType = "body_member"

    @ID(key: .id) var id: UUID?
    @Field(key: "body_id") var bodyID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "role") var role: String
    @OptionalField(key: "appointed_by") var appointedBy: UUID?
    @Field(key: "appointed_on") var appointedOn: String
    @Field(key: "version") var version: Int

    init() {}

    var auditFields: [String: AuditValue] {
        ["body_id": .string(bodyID.uuidString), "user_id": .string(userID.uuidString), "role": .string(role),
         "appointed_by": AuditValue(appointedBy?.uuidString), "appointed_on": .string(appointedOn)]
    }
}

/// A named governance document kept as text, such as the approval policy (YAML).
final class SettingModel: AuditedModel, @unchecked Sendable {
    static let schema = "governance_settings"
    static let entityType = "governance_setting"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "content") var content: String
    @Field(key: "version") var version: Int

    init() {}

    var auditFields: [String: AuditValue] { ["key": .string(key), "content": .string(content)] }
}

/// One version of one principle; `is_current` marks the version in force.
final class PrincipleModel: AuditedModel, @unchecked Sendable {
    static let schema = "principles"
    static let entityType = "principle"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "principle_version") var principleVersion: String
    @Field(key: "source") var source: String
    @Field(key: "title_en") var titleEN: String
    @Field(key: "title_ja") var titleJA: String
    @Field(key: "summary_en") var summaryEN: String
    @Field(key: "summary_ja") var summaryJA: String
    @Field(key: "frameworks") var frameworks: [String]
    @Field(key: "is_current") var isCurrent: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    func apply(_ principle: Principle) {
        code = principle.id
        principleVersion = principle.version
        source = principle.source.rawValue
        (titleEN, titleJA) = (principle.title.en, principle.title.ja)
        (summaryEN, summaryJA) = (principle.summary.en, principle.summary.ja)
        frameworks = principle.frameworks
    }

    var principle: Principle {
        Principle(id: code, version: principleVersion, source: PrincipleSource(rawValue: source) ?? .sony,
                  title: LocalizedText(en: titleEN, ja: titleJA), summary: LocalizedText(en: summaryEN, ja: summaryJA),
                  frameworks: frameworks)
    }

    var auditFields: [String: AuditValue] {
        ["code": .string(code), "principle_version": .string(principleVersion), "source": .string(source),
         "title_en": .string(titleEN), "title_ja": .string(titleJA), "summary_en": .string(summaryEN),
         "summary_ja": .string(summaryJA), "frameworks": .strings(frameworks), "is_current": .bool(isCurrent)]
    }
}

/// One version of one check-sheet template, kept as the YAML it was imported from.
final class TemplateModel: AuditedModel, @unchecked Sendable {
    static let schema = "check_sheet_templates"
    static let entityType = "check_sheet_template"

    @ID(key: .id) var id: UUID?
    @Field(key: "template_id") var templateID: String
    @Field(key: "template_version") var templateVersion: String
    @Field(key: "kind") var kind: String
    @Field(key: "title_en") var titleEN: String
    @Field(key: "title_ja") var titleJA: String
    @Field(key: "yaml") var yaml: String
    @Field(key: "question_count") var questionCount: Int
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var auditFields: [String: AuditValue] {
        ["template_id": .string(templateID), "template_version": .string(templateVersion), "kind": .string(kind),
         "is_active": .bool(isActive), "question_count": .int(questionCount),
         "yaml_sha256": .string(TokenSecret.hash(of: yaml))]
    }
}

/// A recorded change of a framework provision (regulation watch), which re-opens approvals that cited it.
final class FrameworkChangeModel: AuditedModel, @unchecked Sendable {
    static let schema = "framework_changes"
    static let entityType = "framework_change"

    @ID(key: .id) var id: UUID?
    @Field(key: "ref") var ref: String
    @Field(key: "summary") var summary: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var auditFields: [String: AuditValue] { ["ref": .string(ref), "summary": .string(summary)] }
}

extension TemplateModel {
    /// The active version of a template, or the given version. - Throws: 404 when there is none.
    static func require(_ id: String, version: String?, on db: Database) async throws -> TemplateModel {
        var query = TemplateModel.query(on: db).filter(\.$templateID == id)
        query = version.map { query.filter(\.$templateVersion == $0) } ?? query.filter(\.$isActive == true)
        guard let model = try await query.first() else {
            throw RinriError.notFound("check-sheet template \(id)\(version.map { " version \($0)" } ?? "")")
        }
        return model
    }
}

import FluentKit

/// The governance workflow's tables: bodies, policy, principles, templates, assessments, risks.
struct CreateGovernance: AsyncMigration {
    let name = "RinriPersistence.CreateGovernance"

    func prepare(on db: Database) async throws {
        try await db.schema("governance_bodies").id()
            .field("key", .string, .required).field("kind", .string, .required)
            .field("name_en", .string, .required).field("name_ja", .string, .required)
            .field("mandate_en", .string, .required).field("mandate_ja", .string, .required)
            .field("reports_to", .string).field("version", .int, .required)
            .field("created_at", .datetime).field("updated_at", .datetime)
            .unique(on: "key").create()
        try await db.schema("body_members").id()
            .field("body_id", .uuid, .required, .references("governance_bodies", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required).field("appointed_by", .uuid).field("appointed_on", .string, .required)
            .field("version", .int, .required)
            .unique(on: "body_id", "user_id").create()
        try await db.schema("governance_settings").id()
            .field("key", .string, .required).field("content", .string, .required).field("version", .int, .required)
            .unique(on: "key").create()
        try await db.schema("principles").id()
            .field("code", .string, .required).field("principle_version", .string, .required).field("source", .string, .required)
            .field("title_en", .string, .required).field("title_ja", .string, .required)
            .field("summary_en", .string, .required).field("summary_ja", .string, .required)
            .field("frameworks", .array(of: .string), .required).field("is_current", .bool, .required)
            .field("version", .int, .required).field("created_at", .datetime)
            .unique(on: "code", "principle_version").create()
        try await db.schema("check_sheet_templates").id()
            .field("template_id", .string, .required).field("template_version", .string, .required)
            .field("kind", .string, .required).field("title_en", .string, .required).field("title_ja", .string, .required)
            .field("yaml", .string, .required).field("question_count", .int, .required).field("is_active", .bool, .required)
            .field("version", .int, .required).field("created_at", .datetime)
            .unique(on: "template_id", "template_version").create()
        try await db.schema("framework_changes").id()
            .field("ref", .string, .required).field("summary", .string, .required)
            .field("version", .int, .required).field("created_at", .datetime).create()
        try await prepareAssessments(on: db)
        try await prepareRisks(on: db)
    }

    private func prepareAssessments(on db: Database) async throws {
        try await db.schema("assessments").id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("phase", .string, .required).field("state", .string, .required)
            .field("route", .string).field("body_key", .string).field("quorum", .int).field("case_level", .string)
            .field("stale_reason", .string).field("supersedes_id", .uuid).field("rationale", .string)
            .field("evidence_seen", .array(of: .string), .required).field("created_by", .string).field("decided_at", .datetime)
            .field("version", .int, .required).field("created_at", .datetime).field("updated_at", .datetime).create()
        try await db.schema("assessment_sheets").id()
            .field("assessment_id", .uuid, .required, .references("assessments", "id", onDelete: .cascade))
            .field("template_id", .string, .required).field("template_version", .string, .required)
            .field("review_domain", .string).field("answers", .string, .required).field("reviewer_id", .string)
            .field("position", .int, .required).field("version", .int, .required)
            .unique(on: "assessment_id", "template_id").create()
        try await db.schema("assessment_votes").id()
            .field("assessment_id", .uuid, .required, .references("assessments", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("vote", .string, .required).field("comment", .string, .required).field("version", .int, .required)
            .unique(on: "assessment_id", "user_id").create()
        try await db.schema("follow_up_actions").id()
            .field("assessment_id", .uuid, .required, .references("assessments", "id", onDelete: .cascade))
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("title", .string, .required).field("owner_id", .string).field("due_date", .string)
            .field("blocking", .bool, .required).field("status", .string, .required).field("note", .string, .required)
            .field("version", .int, .required).create()
    }

    private func prepareRisks(on db: Database) async throws {
        try await db.schema("risks").id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("title", .string, .required).field("description", .string, .required)
            .field("rights", .array(of: .string), .required).field("affected_people", .string, .required)
            .field("scale", .int, .required).field("scope", .int, .required).field("irremediability", .int, .required)
            .field("likelihood", .int, .required).field("owner_id", .string).field("status", .string, .required)
            .field("assessment_id", .uuid).field("template_id", .string).field("question_id", .string).field("risk_index", .int)
            .field("flagged", .bool, .required).field("version", .int, .required).field("created_at", .datetime).create()
        try await db.schema("countermeasures").id()
            .field("risk_id", .uuid, .required, .references("risks", "id", onDelete: .cascade))
            .field("title", .string, .required).field("owner_id", .string).field("due_date", .string)
            .field("status", .string, .required).field("effect", .string, .required).field("version", .int, .required)
            .field("created_at", .datetime).field("updated_at", .datetime).create()
    }

    func revert(on db: Database) async throws {
        for schema in ["countermeasures", "risks", "follow_up_actions", "assessment_votes", "assessment_sheets",
                       "assessments", "framework_changes", "check_sheet_templates", "principles",
                       "governance_settings", "body_members", "governance_bodies"] {
            try await db.schema(schema).delete()
        }
    }
}

import FluentKit

struct CreateEvidence: AsyncMigration {
    let name = "RinriPersistence.CreateEvidence"

    func prepare(on database: Database) async throws {
        try await database.schema("evidence")
            .id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("result_json", .string, .required)
            .field("passed", .bool)
            .field("command", .string, .required)
            .field("rinri_version", .string, .required)
            .field("input_sha256", .string)
            .field("input_rows", .int64, .required)
            .field("assessment_id", .string)
            .field("question_id", .string)
            .field("created_by", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("jobs")
            .id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("parameters", .string, .required)
            .field("message", .string)
            .field("evidence_id", .uuid)
            .field("created_by", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("jobs").delete()
        try await database.schema("evidence").delete()
    }
}

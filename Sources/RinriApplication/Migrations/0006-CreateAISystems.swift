import FluentKit

struct CreateAISystems: AsyncMigration {
    let name = "RinriPersistence.CreateAISystems"

    func prepare(on database: Database) async throws {
        try await database.schema("ai_systems")
            .id()
            .field("name", .string, .required)
            .field("purpose", .string, .required)
            .field("description", .string, .required)
            .field("org_unit_id", .uuid, .required, .references("org_units", "id", onDelete: .restrict))
            .field("owner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("lifecycle_phase", .string, .required)
            .field("status", .string, .required)
            .field("intended_users", .string, .required)
            .field("affected_people", .string, .required)
            .field("jurisdictions", .array(of: .string), .required)
            .field("uses_biometric_data", .bool, .required)
            .field("uses_generative_ai", .bool, .required)
            .field("uses_autonomous_agents", .bool, .required)
            .field("search_text", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("ai_systems").delete() }
}

import FluentKit

struct CreateAIAgents: AsyncMigration {
    let name = "RinriPersistence.CreateAIAgents"

    func prepare(on database: Database) async throws {
        try await database.schema("ai_agents")
            .id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("accountable_owner_id", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("autonomy_level", .string, .required)
            .field("tools", .array(of: .string), .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("ai_agents").delete() }
}

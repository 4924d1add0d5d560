import FluentKit

struct CreateAIModels: AsyncMigration {
    let name = "RinriPersistence.CreateAIModels"

    func prepare(on database: Database) async throws {
        try await database.schema("ai_models")
            .id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("model_version", .string, .required)
            .field("type", .string, .required)
            .field("training_data", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("ai_models").delete() }
}

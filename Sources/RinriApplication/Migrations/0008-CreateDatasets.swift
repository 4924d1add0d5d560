import FluentKit

struct CreateDatasets: AsyncMigration {
    let name = "RinriPersistence.CreateDatasets"

    func prepare(on database: Database) async throws {
        try await database.schema("datasets")
            .id()
            .field("system_id", .uuid, .required, .references("ai_systems", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("source", .string, .required)
            .field("acquisition_method", .string, .required)
            .field("contains_personal_data", .bool, .required)
            .field("contains_sensitive_data", .bool, .required)
            .field("contains_biometric_data", .bool, .required)
            .field("contains_children_data", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("datasets").delete() }
}

import FluentKit

struct CreateOrgUnits: AsyncMigration {
    let name = "RinriPersistence.CreateOrgUnits"

    func prepare(on database: Database) async throws {
        try await database.schema("org_units")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("country", .string, .required)
            .field("parent_id", .uuid, .references("org_units", "id", onDelete: .setNull))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("org_units").delete() }
}

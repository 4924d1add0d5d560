import FluentKit

struct CreateRoleGrants: AsyncMigration {
    let name = "RinriPersistence.CreateRoleGrants"

    func prepare(on database: Database) async throws {
        try await database.schema("role_grants")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("org_unit_id", .string)
            .field("review_domain", .string)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("role_grants").delete() }
}

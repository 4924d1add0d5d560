import FluentKit
import RinriCore
import SQLKit

struct CreateAuditLog: AsyncMigration {
    let name = "RinriPersistence.CreateAuditLog"

    func prepare(on database: Database) async throws {
        try await database.schema("audit_events")
            .field("seq", .int64, .identifier(auto: false))
            .field("occurred_at", .string, .required)
            .field("actor_id", .string)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("changes", .string, .required)
            .field("request_id", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema("audit_head")
            .field("id", .int64, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .field("writes", .int64, .required)
            .create()
        guard let sql = database as? SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
        try await sql.insert(into: "audit_head").columns("id", "seq", "hash", "writes").values(SQLLiteral.numeric("1"), SQLLiteral.numeric("0"),
                                                                                       SQLBind(AuditChain.genesisHash), SQLLiteral.numeric("0")).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_events").delete()
    }
}

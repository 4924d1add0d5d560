import FluentKit
import SQLKit

/// Server-side sessions, the login throttle, and what sign-in needs to know about a user.
///
/// - `web_sessions`: one row per logged-in browser, keyed by the SHA-256 of the cookie's secret, so a
///   copy of the table does not hand out live cookies. Anonymous visitors get none.
/// - `login_throttle`: failure counters by address and by (address, account), shared by every
///   instance on the same database. Times are seconds since 1970 (numbers), read and written with SQL.
/// - `users.must_change_password`: set for one-time passwords; `users.oidc_issuer`/`oidc_subject`: the
///   OpenID Connect identity a user signed in with.
/// - Vapor's `_fluent_sessions` table, whose rows never expired, is dropped: everyone logs in again.
struct AddSessionsAndSignInState: AsyncMigration {
    let name = "RinriPersistence.AddSessionsAndSignInState"

    func prepare(on db: Database) async throws {
        try await db.schema("web_sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf", .string, .required)
            .field("flash", .string)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("address", .string)
            .field("via", .string)
            .create()
        try await db.schema("login_throttle")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("first_failure_at", .double, .required)
            .field("last_failure_at", .double, .required)
            .field("blocked_until", .double, .required)
            .field("detail", .string)
            .create()
        for (column, type) in [("must_change_password", DatabaseSchema.DataType.bool), ("oidc_issuer", .string), ("oidc_subject", .string)] {
            try await db.schema("users").field(FieldKey(stringLiteral: column), type).update()
        }
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX web_sessions_user ON web_sessions (user_id)").run()
            try await sql.raw("DROP TABLE IF EXISTS _fluent_sessions").run()
        }
    }

    func revert(on db: Database) async throws {
        for column in ["oidc_subject", "oidc_issuer", "must_change_password"] {
            try await db.schema("users").deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await db.schema("login_throttle").delete()
        try await db.schema("web_sessions").delete()
    }
}

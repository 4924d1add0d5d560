import FluentKit

/// The nonces of OpenID Connect sign-ins already completed (their SHA-256), kept until the ID token
/// that carried them would have expired, so that a replayed token or callback is refused.
struct CreateOIDCNonces: AsyncMigration {
    let name = "RinriPersistence.CreateOIDCNonces"

    func prepare(on db: Database) async throws {
        try await db.schema("oidc_nonces")
            .field("nonce_hash", .string, .identifier(auto: false))
            .field("expires_at", .double, .required)
            .create()
    }

    func revert(on db: Database) async throws { try await db.schema("oidc_nonces").delete() }
}

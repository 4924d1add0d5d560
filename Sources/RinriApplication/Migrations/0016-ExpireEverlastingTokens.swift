import FluentKit
import Foundation
import SQLKit

/// Every API token now expires: the live tokens made before, which never did, expire 90 days after
/// this upgrade (the default lifetime when it was written). Revoked tokens are left as they are.
struct ExpireEverlastingTokens: AsyncMigration {
    let name = "RinriPersistence.ExpireEverlastingTokens"

    func prepare(on db: Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update("api_tokens")
            .set("expires_at", to: Date().addingTimeInterval(90 * 86_400))
            .where("expires_at", .is, SQLLiteral.null)
            .where("revoked_at", .is, SQLLiteral.null)
            .run()
    }

    /// The tokens cannot be told apart afterwards; they keep their new expiry.
    func revert(on db: Database) async throws {}
}

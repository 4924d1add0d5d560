import FluentKit
import SQLKit

/// An index on the audit log's `action`, so that writers find the latest `audit_key` event (the key the
/// chain is linked with) at once, however long the log.
///
/// The key is read from the log itself, not from a column of its own: an older migration that writes
/// audit events runs before this one, against the tables as they were.
struct IndexAuditActions: AsyncMigration {
    let name = "RinriPersistence.IndexAuditActions"

    func prepare(on db: Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_events_action ON audit_events (action, seq)").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX audit_events_action").run()
    }
}

import FluentKit

/// Columns for the separation-of-duties controls: who submitted and answered a case, the deciding
/// body as frozen at routing, review overrides, the office's re-classification; reported and
/// confirmed follow-up actions; verified countermeasures with their evidence; how evidence arrived.
///
/// Lists are stored as JSON text. One column per statement, as SQLite adds columns one at a time.
struct AddGovernanceControls: AsyncMigration {
    let name = "RinriPersistence.AddGovernanceControls"

    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("assessments", "submitted_by", .string),
        ("assessments", "authors", .string),
        ("assessments", "panel", .string),
        ("assessments", "review_overrides", .string),
        ("assessments", "reclassification", .string),
        ("follow_up_actions", "source", .string),
        ("follow_up_actions", "reported_by", .string),
        ("follow_up_actions", "report_evidence", .string),
        ("follow_up_actions", "confirmed_by", .string),
        ("follow_up_actions", "confirmed_at", .datetime),
        ("follow_up_actions", "confirmation_note", .string),
        ("countermeasures", "evidence_ids", .string),
        ("countermeasures", "verified_by", .string),
        ("countermeasures", "verified_at", .datetime),
        ("evidence", "source", .string),
    ]

    func prepare(on db: Database) async throws {
        for (table, column, type) in Self.columns {
            try await db.schema(table).field(FieldKey(stringLiteral: column), type).update()
        }
    }

    func revert(on db: Database) async throws {
        for (table, column, _) in Self.columns.reversed() {
            try await db.schema(table).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}

import FluentKit
import SQLKit

/// Keeps the organisation's coverage as counts and lets the register be read in level order from an index.
///
/// - `coverage_counts`: per (reference, covered), the number of systems — `coverage_refs` grouped, kept
///   by adding each change's difference, so the coverage page reads a few hundred rows, not one per
///   system and reference.
/// - `risk_summaries.created_at`, with indexes on (inherent_rank, created_at) and (residual_rank,
///   created_at), so the first page of the register sorted by level is read from an index.
/// - The summaries' recorded versions are cleared, so start-up rebuilds both with the new columns.
struct AddSummaryCountsAndOrder: AsyncMigration {
    let name = "Rinri.AddSummaryCountsAndOrder"

    func prepare(on db: Database) async throws {
        try await db.schema("coverage_counts")
            .field("ref", .string, .required)
            .field("covered", .bool, .required)
            .field("systems", .int, .required)
            .unique(on: "ref", "covered")
            .create()
        try await db.schema("risk_summaries").field("created_at", .datetime).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX risk_summaries_inherent_order ON risk_summaries (inherent_rank, created_at)").run()
        try await sql.raw("CREATE INDEX risk_summaries_residual_order ON risk_summaries (residual_rank, created_at)").run()
        try await sql.raw("DELETE FROM summary_state").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("coverage_counts").delete()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX risk_summaries_inherent_order").run()
        try await sql.raw("DROP INDEX risk_summaries_residual_order").run()
        try await db.schema("risk_summaries").deleteField("created_at").update()
    }
}

import FluentKit
import SQLKit

/// Summaries that lists and aggregates read instead of every record, kept up to date in the
/// transaction of each change (``Summaries``), and the audit page's verified checkpoint.
///
/// - `risk_summaries`: one row per risk with its severity level, inherent level, residual severity
///   and likelihood and residual level as ranks (0 = low … 3 = critical), so that the register sorts
///   by level and the heat maps count with `GROUP BY` (`counted`: whether the risk counts for them).
/// - `coverage_refs`: one row per (system, framework reference in scope) saying whether it is covered,
///   so that the organisation's coverage is one grouped query.
/// - `summary_state`: which version of each summary the rows were built by; start-up rebuilds a
///   summary whose version is older than the code's (so this migration fills nothing itself).
/// - `audit_checkpoints`: the last event the audit page verified, with its hash (and an HMAC of both
///   when the chain is keyed), so that the page verifies only what was added since.
/// - Indexes for the columns lists sort and filter by.
struct CreateListSummaries: AsyncMigration {
    let name = "Rinri.CreateListSummaries"

    func prepare(on db: Database) async throws {
        try await db.schema("risk_summaries")
            .field("risk_id", .uuid, .identifier(auto: false))
            .field("system_id", .uuid, .required)
            .field("severity_rank", .int, .required)
            .field("likelihood", .int, .required)
            .field("inherent_rank", .int, .required)
            .field("residual_severity_rank", .int, .required)
            .field("residual_likelihood", .int, .required)
            .field("residual_rank", .int, .required)
            .field("counted", .bool, .required)
            .create()
        try await db.schema("coverage_refs")
            .field("system_id", .uuid, .required)
            .field("ref", .string, .required)
            .field("framework", .string, .required)
            .field("covered", .bool, .required)
            .unique(on: "system_id", "ref")
            .create()
        try await db.schema("summary_state")
            .field("name", .string, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        try await db.schema("audit_checkpoints")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int, .required)
            .field("hash", .string, .required)
            .field("mac", .string)
            .field("verified_at", .string, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX risk_summaries_system ON risk_summaries (system_id)",
            "CREATE INDEX risk_summaries_inherent ON risk_summaries (inherent_rank)",
            "CREATE INDEX risk_summaries_residual ON risk_summaries (residual_rank)",
            "CREATE INDEX coverage_refs_ref ON coverage_refs (framework, ref)",
            "CREATE INDEX ai_systems_name ON ai_systems (name)",
            "CREATE INDEX ai_systems_updated ON ai_systems (updated_at)",
            "CREATE INDEX ai_systems_unit ON ai_systems (org_unit_id)",
            "CREATE INDEX risks_system ON risks (system_id)",
            "CREATE INDEX risks_created ON risks (created_at)",
            "CREATE INDEX countermeasures_risk ON countermeasures (risk_id)",
            "CREATE INDEX assessments_system ON assessments (system_id, created_at)",
            "CREATE INDEX assessments_state ON assessments (state)",
            "CREATE INDEX evidence_system ON evidence (system_id, created_at)",
            "CREATE INDEX follow_up_actions_status ON follow_up_actions (status, due_date)",
            "CREATE INDEX audit_events_entity ON audit_events (entity_id, seq)",
            "CREATE INDEX audit_events_actor ON audit_events (actor_id, seq)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on db: Database) async throws {
        for table in ["audit_checkpoints", "summary_state", "coverage_refs", "risk_summaries"] {
            try await db.schema(table).delete()
        }
        guard let sql = db as? any SQLDatabase else { return }
        for index in ["ai_systems_name", "ai_systems_updated", "ai_systems_unit", "risks_system", "risks_created", "countermeasures_risk",
                      "follow_up_actions_status", "audit_events_entity", "audit_events_actor"] {
            try await sql.raw(SQLQueryString("DROP INDEX \(index)")).run()
        }
    }
}

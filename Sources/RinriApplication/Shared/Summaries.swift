import FluentKit
import Foundation
import RinriCore
import SQLKit

/// The summaries lists and aggregates read instead of every record: each risk's levels
/// (``RiskSummaryModel``) and each system's coverage (``CoverageSummary``).
///
/// They are rewritten for the systems a transaction touched (`AuditBatch.touch(system:)`) inside that
/// transaction, so a summary is never behind the records it sums up. At start-up,
/// ``rebuildIfStale(on:)`` rebuilds a summary built by an older version of its rules (or never built).
public enum Summaries {
    /// Raise a number when the rule a summary is computed by changes: start-up then rebuilds it.
    static let versions = ["risk_summaries": 2, "coverage_refs": 2]

    /// A summary a change can move.
    enum Kind: Hashable, Sendable {
        /// Each risk's levels: a risk or a countermeasure changed.
        case risks
        /// Each system's coverage: answers, sheets, evidence or the system's characteristics changed.
        case coverage
    }

    static func refresh(_ touched: [Kind: Set<UUID>], on tx: Database) async throws {
        if let systems = touched[.risks], !systems.isEmpty { try await RiskSummaryModel.refresh(systems: systems, on: tx) }
        if let systems = touched[.coverage], !systems.isEmpty { try await CoverageSummary.refresh(systems: systems, on: tx) }
    }

    /// Rebuilds every summary whose recorded version differs from ``versions``, system by system in
    /// batches, each batch in its own transaction.
    /// - Returns: the names of the summaries rebuilt.
    @discardableResult
    public static func rebuildIfStale(on db: Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let recorded = try await sql.select().column("name").column("version").from("summary_state").all()
        var built: [String: Int] = [:]
        for row in recorded { built[try row.decode(column: "name", as: String.self)] = try row.decode(column: "version", as: Int.self) }
        let stale = versions.filter { built[$0.key] != $0.value }.map(\.key).sorted()
        guard !stale.isEmpty else { return [] }
        try await rebuild(stale, on: db, sql)
        return stale
    }

    /// Rebuilds every summary whatever version it records: after a bulk load that wrote records
    /// without going through ``refresh(_:on:)`` (``BenchmarkOrganisation``).
    static func rebuild(on db: Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await rebuild(versions.keys.sorted(), on: db, sql)
    }

    /// Rebuilds the summaries `names` for every system, 100 systems a transaction, and records their versions.
    private static func rebuild(_ names: [String], on db: Database, _ sql: any SQLDatabase) async throws {
        let ids = try await AISystemModel.query(on: db).all(\.$id)
        if names.contains("coverage_refs") {
            // The counts are kept by differences: start both from nothing.
            try await sql.delete(from: CoverageSummary.table).run()
            try await sql.delete(from: CoverageSummary.countsTable).run()
        }
        for start in stride(from: 0, to: ids.count, by: 100) {
            let chunk = Set(ids[start..<min(start + 100, ids.count)])
            try await db.transaction { tx in
                if names.contains("risk_summaries") { try await RiskSummaryModel.refresh(systems: chunk, on: tx) }
                if names.contains("coverage_refs") { try await CoverageSummary.refresh(systems: chunk, on: tx) }
            }
        }
        for name in names {
            try await sql.delete(from: "summary_state").where("name", .equal, name).run()
            try await sql.insert(into: "summary_state").columns("name", "version").values(SQLBind(name), SQLBind(versions[name]!)).run()
        }
    }
}

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
    static let versions = ["risk_summaries": 1, "coverage_refs": 1]

    static func refresh(systems: Set<UUID>, on tx: Database) async throws {
        guard !systems.isEmpty else { return }
        try await RiskSummaryModel.refresh(systems: systems, on: tx)
        try await CoverageSummary.refresh(systems: systems, on: tx)
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
        let ids = try await AISystemModel.query(on: db).all(\.$id)
        for start in stride(from: 0, to: ids.count, by: 100) {
            let chunk = Set(ids[start..<min(start + 100, ids.count)])
            try await db.transaction { tx in
                if stale.contains("risk_summaries") { try await RiskSummaryModel.refresh(systems: chunk, on: tx) }
                if stale.contains("coverage_refs") { try await CoverageSummary.refresh(systems: chunk, on: tx) }
            }
        }
        for name in stale {
            try await sql.delete(from: "summary_state").where("name", .equal, name).run()
            try await sql.insert(into: "summary_state").columns("name", "version").values(SQLBind(name), SQLBind(versions[name]!)).run()
        }
        return stale
    }
}

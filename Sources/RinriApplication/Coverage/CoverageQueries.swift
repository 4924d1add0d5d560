import FluentKit
import Foundation
import RinriCore
import SQLKit

/// Coverage of each system from its latest assessment per phase, and of the organisation from the
/// coverage summary (`coverage_refs`).
public struct CoverageQueries: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    /// The organisation's coverage from `coverage_counts` (one row per reference and status, however
    /// many systems there are).
    public func organisation() async throws -> [OrganisationFrameworkCoverage] {
        guard let sql = db as? any SQLDatabase else { return FrameworkCoverage.organisation(counts: []) }
        let rows = try await sql.select().columns("ref", "covered", "systems").from(CoverageSummary.countsTable)
            .where("systems", .greaterThan, 0).all()
        return FrameworkCoverage.organisation(counts: try rows.map { row in
            RefCount(ref: try row.decode(column: "ref", as: String.self),
                     status: try row.decode(column: "covered", as: Bool.self) ? .covered : .open,
                     systems: try row.decode(column: "systems", as: Int.self))
        })
    }

    public func system(_ id: String) async throws -> SystemCoverage {
        try await coverage(of: [InventoryQueries(db).system(id)])[0]
    }

    /// The coverage of these systems, read in a fixed number of queries however many there are.
    func systems(_ ids: Set<UUID>) async throws -> [SystemCoverage] {
        try await coverage(of: AISystemModel.query(on: db).filter(\.$id ~~ ids).all().map(\.stored))
    }

    /// The sheets of each system's latest assessment per phase, oldest phase first.
    private func coverage(of systems: [Stored<AISystemInput>]) async throws -> [SystemCoverage] {
        let ids = Set(systems.compactMap { UUID(uuidString: $0.id) })
        let latest = ids.isEmpty ? [:] : try await AssessmentModel.latestByPhase(ofSystems: ids, on: db)
        let chosen = latest.values.flatMap(\.values).sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
        let details = Dictionary(grouping: try await AssessmentDetails.load(chosen, on: db), by: { $0.system.id })
        return systems.map { system in
            let sheets = (details[system.id] ?? []).flatMap { $0.sheets + $0.reviews }
                .map { EvaluatedSheet(template: $0.template, evaluation: $0.evaluation) }
            return SystemCoverage(systemID: system.id, systemName: system.value.name, sheets: sheets)
        }
    }
}

/// Every system's references in scope and whether each is covered, one row per (system, reference):
/// what ``CoverageQueries/organisation()`` counts. ``Summaries`` rewrites a system's rows in the
/// transaction of every change that can move its coverage.
enum CoverageSummary {
    static let table = "coverage_refs"
    /// `coverage_refs` counted per (reference, covered), kept by adding each change's difference.
    static let countsTable = "coverage_counts"

    static func refresh(systems: Set<UUID>, on tx: Database) async throws {
        guard !systems.isEmpty, let sql = tx as? any SQLDatabase else { return }
        var difference: [Key: Int] = [:]
        for row in try await sql.select().columns("ref", "covered").from(table).where("system_id", .in, Array(systems)).all() {
            difference[Key(ref: try row.decode(column: "ref", as: String.self), covered: try row.decode(column: "covered", as: Bool.self)), default: 0] -= 1
        }
        let coverages = try await CoverageQueries(tx).systems(systems)
        try await sql.delete(from: table).where("system_id", .in, Array(systems)).run()
        var rows: [[any SQLExpression]] = []
        for coverage in coverages {
            guard let id = UUID(uuidString: coverage.systemID) else { continue }
            for framework in coverage.frameworks {
                for (refs, covered) in [(framework.covered, true), (framework.open, false)] {
                    for ref in refs {
                        rows.append([SQLBind(id), SQLBind(ref.ref), SQLBind(framework.framework.rawValue), SQLBind(covered)])
                        difference[Key(ref: ref.ref, covered: covered), default: 0] += 1
                    }
                }
            }
        }
        for start in stride(from: 0, to: rows.count, by: 200) {
            var insert = sql.insert(into: table).columns("system_id", "ref", "framework", "covered")
            for row in rows[start..<min(start + 200, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
        for (key, change) in difference where change != 0 {
            try await sql.raw("""
                INSERT INTO coverage_counts (ref, covered, systems) VALUES (\(bind: key.ref), \(bind: key.covered), \(bind: change))
                ON CONFLICT (ref, covered) DO UPDATE SET systems = coverage_counts.systems + excluded.systems
                """).run()
        }
    }

    private struct Key: Hashable {
        var ref: String
        var covered: Bool
    }
}

import FluentKit
import Foundation
import RinriCore

/// Coverage of each system from its latest assessment per phase.
public struct CoverageQueries: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    /// Every system's coverage, read in a fixed number of queries however many systems there are.
    public func all() async throws -> [SystemCoverage] {
        try await coverage(of: InventoryQueries(db).systems())
    }

    public func system(_ id: String) async throws -> SystemCoverage {
        try await coverage(of: [InventoryQueries(db).system(id)])[0]
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

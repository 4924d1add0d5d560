import FluentKit
import Foundation
import RinriCore

/// Coverage of each system from its latest assessment per phase.
public struct CoverageQueries: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    public func all() async throws -> [SystemCoverage] {
        var result: [SystemCoverage] = []
        for system in try await InventoryQueries(db).systems() { result.append(try await self.system(system.id)) }
        return result
    }

    public func system(_ id: String) async throws -> SystemCoverage {
        let store = AssessmentQueries(db)
        let system = try await InventoryQueries(db).system(id)
        var latest: [LifecyclePhase: AssessmentListItem] = [:]
        for item in try await store.list(systemID: id) where latest[item.record.phase] == nil { latest[item.record.phase] = item }
        var sheets: [EvaluatedSheet] = []
        for item in latest.values.sorted(by: { $0.record.createdAt < $1.record.createdAt }) {
            let detail = try await store.detail(item.record.id)
            sheets += (detail.sheets + detail.reviews).map { EvaluatedSheet(template: $0.template, evaluation: $0.evaluation) }
        }
        return SystemCoverage(systemID: id, systemName: system.value.name, sheets: sheets)
    }
}

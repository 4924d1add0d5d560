import FluentKit
import Foundation
import RinriCore

/// A risk's levels as ranks (``RiskLevel`` index: 0 = low … 3 = critical), so that the register sorts
/// by level and the heat maps are counted by the database. Written by ``Summaries`` in the transaction
/// of every change to the risk or its countermeasures; ``RiskScoring`` stays the rule (the levels are
/// computed by it, then stored for reading).
final class RiskSummaryModel: Model, @unchecked Sendable {
    static let schema = "risk_summaries"

    @ID(custom: "risk_id", generatedBy: .user) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "severity_rank") var severityRank: Int
    @Field(key: "likelihood") var likelihood: Int
    @Field(key: "inherent_rank") var inherentRank: Int
    @Field(key: "residual_severity_rank") var residualSeverityRank: Int
    @Field(key: "residual_likelihood") var residualLikelihood: Int
    @Field(key: "residual_rank") var residualRank: Int
    @Field(key: "counted") var counted: Bool
    /// When the risk was entered (copied from `risks`), so level order reads an index.
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}

    init(_ record: RiskRecord, createdAt: Date?) {
        let residual = record.residual
        id = UUID(uuidString: record.id)
        systemID = UUID(uuidString: record.systemID)!
        severityRank = RiskLevel.rank(record.risk.severity.level)
        likelihood = record.risk.likelihood
        inherentRank = RiskLevel.rank(record.inherentLevel)
        residualSeverityRank = RiskLevel.rank(residual.severity.level)
        residualLikelihood = residual.likelihood
        residualRank = RiskLevel.rank(record.residualLevel)
        counted = record.counts
        self.createdAt = createdAt
    }

    /// Rewrites the summaries of every risk of these systems from the risks and countermeasures as they are now.
    static func refresh(systems: Set<UUID>, on tx: Database) async throws {
        guard !systems.isEmpty else { return }
        let risks = try await RiskModel.query(on: tx).filter(\.$systemID ~~ systems).all()
        let records = try await RiskQueries(tx).withCountermeasures(risks)
        let summaries = zip(records, risks).map { RiskSummaryModel($0, createdAt: $1.createdAt) }
        try await RiskSummaryModel.query(on: tx).filter(\.$systemID ~~ systems).delete()
        for chunk in stride(from: 0, to: summaries.count, by: 200) {
            try await Array(summaries[chunk..<min(chunk + 200, summaries.count)]).create(on: tx)
        }
    }

    /// The heat map of inherent (`residual: false`) or residual levels of the risks that count
    /// (``RiskRecord/counts``), counted by the database.
    static func heatMap(residual: Bool, systemID: UUID?, on db: Database) async throws -> RiskHeatMap {
        let (severity, likelihood) = residual ? ("residual_severity_rank", "residual_likelihood") : ("severity_rank", "likelihood")
        let rows = try await Grouped.count(schema, by: [severity, likelihood], on: db) { select in
            let counted = select.where("counted", .equal, true)
            return systemID.map { counted.where("system_id", .equal, $0) } ?? counted
        }
        return RiskHeatMap(cells: try rows.map { row in
            (level: RiskLevel.at(rank: try row.decode(column: severity, as: Int.self)),
             likelihood: try row.decode(column: likelihood, as: Int.self), count: try Grouped.number(row))
        })
    }
}

extension RiskLevel {
    /// The level's place in ``allCases`` (0 = low … 3 = critical).
    static func rank(_ level: RiskLevel) -> Int { allCases.firstIndex(of: level)! }

    /// The level at `rank`, clamped into the known levels.
    static func at(rank: Int) -> RiskLevel { allCases[min(max(rank, 0), allCases.count - 1)] }
}

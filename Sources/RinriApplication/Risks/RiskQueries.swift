import FluentKit
import Foundation
import RinriCore

/// The risk register as pages and the API show it: each risk with its countermeasures, loaded in two
/// queries however many risks there are; pages of it sorted by level through `risk_summaries`; heat
/// maps counted by the database. Reads only; ``RiskService`` changes it.
public struct RiskQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Every risk of one system, oldest first (a system's register is short).
    public func records(systemID: String) async throws -> [RiskRecord] {
        let system = try await AISystemModel.require(systemID, on: db)
        return try await records(ofSystems: [system.id!])
    }

    /// Every risk of these systems, oldest first.
    func records(ofSystems systems: Set<UUID>) async throws -> [RiskRecord] {
        try await withCountermeasures(RiskModel.query(on: db).filter(\.$systemID ~~ systems).sort(\.$createdAt).sort(\.$id).all())
    }

    /// One page of the register (one system's when the filter names it), searched in titles and descriptions.
    public func page(_ filter: RiskFilter = RiskFilter(), _ listing: Listing<RiskSort> = Listing(sort: .inherent, descending: true))
        async throws -> ResultPage<RiskRecord> {
        let query = RiskModel.query(on: db).join(RiskSummaryModel.self, on: \RiskSummaryModel.$id == \RiskModel.$id)
        if let systemID = filter.systemID {
            query.filter(\.$systemID == (try await AISystemModel.require(systemID, on: db)).id!)
        }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let level = filter.minimumResidual { query.filter(RiskSummaryModel.self, \.$residualRank >= RiskLevel.rank(level)) }
        if filter.counted { query.filter(RiskSummaryModel.self, \.$counted == true) }
        query.matching(listing.search, in: ["title", "description"])
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        let page = try await query.page(listing) { query in
            switch listing.sort {
            // Ties newest first in the index's order, so the first page is read from it.
            case .inherent: query.sort(RiskSummaryModel.self, \.$inherentRank, direction).sort(RiskSummaryModel.self, \.$createdAt, direction)
            case .residual: query.sort(RiskSummaryModel.self, \.$residualRank, direction).sort(RiskSummaryModel.self, \.$createdAt, direction)
            case .title: query.sort(\.$title, direction)
            case .likelihood: query.sort(\.$likelihood, direction).sort(\.$createdAt)
            case .status: query.sort(\.$status, direction).sort(\.$createdAt)
            case .created: query.sort(\.$createdAt, direction)
            }
        }
        let records = try await withCountermeasures(page.items)
        return ResultPage(items: records, page: page.page, perPage: page.perPage, total: page.total)
    }

    /// The heat map of inherent or residual levels of the register (or of one system's), counted by the database.
    public func heatMap(residual: Bool, systemID: String? = nil) async throws -> RiskHeatMap {
        let system = try await systemID.asyncFlatMap { try await AISystemModel.require($0, on: db).id }
        return try await RiskSummaryModel.heatMap(residual: residual, systemID: system, on: db)
    }

    public func record(_ id: String) async throws -> RiskRecord {
        try await withCountermeasures([RiskModel.require(id, on: db)])[0]
    }

    func withCountermeasures(_ risks: [RiskModel]) async throws -> [RiskRecord] {
        let ids = risks.compactMap(\.id)
        let measures = ids.isEmpty ? [] : try await CountermeasureModel.query(on: db).filter(\.$riskID ~~ ids).sort(\.$createdAt).all()
        let byRisk = Dictionary(grouping: measures, by: \.riskID)
        return risks.map { RiskService.record($0, byRisk[$0.id!] ?? []) }
    }
}

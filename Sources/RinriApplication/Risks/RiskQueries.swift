import FluentKit
import Foundation
import RinriCore

/// The risk register as pages and the API show it: each risk with its countermeasures, loaded in two
/// queries however many risks there are. Reads only; ``RiskService`` changes it.
public struct RiskQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Risks of one system, or of every system.
    public func records(systemID: String? = nil) async throws -> [RiskRecord] {
        var query = RiskModel.query(on: db)
        if let systemID {
            let system = try await AISystemModel.require(systemID, on: db)
            query = query.filter(\.$systemID == system.id!)
        }
        let risks = try await query.sort(\.$createdAt).all()
        let ids = risks.compactMap(\.id)
        let measures = ids.isEmpty ? [] : try await CountermeasureModel.query(on: db).filter(\.$riskID ~~ ids).sort(\.$createdAt).all()
        return risks.map { risk in RiskService.record(risk, measures.filter { $0.riskID == risk.id }) }
    }

    public func record(_ id: String) async throws -> RiskRecord {
        let model = try await RiskModel.require(id, on: db)
        let measures = try await CountermeasureModel.query(on: db).filter(\.$riskID == model.id!).sort(\.$createdAt).all()
        return RiskService.record(model, measures)
    }
}

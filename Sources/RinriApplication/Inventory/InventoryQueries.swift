import FluentKit
import Foundation
import RinriCore

/// The inventory as pages, the API and the command line read it: organisation units, AI systems and
/// their models, datasets and agents. Reads only; every change goes through ``InventoryService``.
public struct InventoryQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func orgUnits() async throws -> [Stored<OrgUnitInput>] {
        try await OrgUnitModel.query(on: db).sort(\.$name).all().map(\.stored)
    }

    public func orgUnit(_ id: String) async throws -> Stored<OrgUnitInput> {
        try await OrgUnitModel.require(id, on: db).stored
    }

    public func systems(_ filter: SystemFilter = SystemFilter()) async throws -> [Stored<AISystemInput>] {
        let query = AISystemModel.query(on: db)
        if let unit = filter.orgUnitID {
            guard let uuid = UUID(uuidString: unit) else { return [] }
            query.filter(\.$orgUnit.$id == uuid)
        }
        if let phase = filter.phase { query.filter(\.$lifecyclePhase == phase.rawValue) }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces).lowercased(), !search.isEmpty {
            query.filter(\.$searchText ~~ search)
        }
        return try await query.sort(\.$name).all().map(\.stored)
    }

    public func system(_ id: String) async throws -> Stored<AISystemInput> {
        try await AISystemModel.require(id, on: db).stored
    }

    public func models(of systemID: String) async throws -> [Stored<AIModelInput>] {
        try await list(AIModelModel.self, systemID)
    }

    public func model(_ id: String, of systemID: String) async throws -> Stored<AIModelInput> {
        try await AIModelModel.require(id, of: systemID, on: db).stored
    }

    public func datasets(of systemID: String) async throws -> [Stored<DatasetInput>] {
        try await list(DatasetModel.self, systemID)
    }

    public func dataset(_ id: String, of systemID: String) async throws -> Stored<DatasetInput> {
        try await DatasetModel.require(id, of: systemID, on: db).stored
    }

    public func agents(of systemID: String) async throws -> [Stored<AIAgentInput>] {
        try await list(AIAgentModel.self, systemID)
    }

    public func agent(_ id: String, of systemID: String) async throws -> Stored<AIAgentInput> {
        try await AIAgentModel.require(id, of: systemID, on: db).stored
    }

    private func list<M: SystemComponentModel>(_ type: M.Type, _ systemID: String) async throws -> [Stored<M.Input>] {
        let system = try await AISystemModel.require(systemID, on: db)
        return try await M.query(on: db).filter(M.systemIDKey == system.id!).all()
            .map(\.stored).sorted { $0.createdAt < $1.createdAt }
    }
}

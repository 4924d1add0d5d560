import FluentKit
import Foundation
import RinriCore
import SQLKit

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

    /// One page of organisation units, searched in their names and countries.
    public func orgUnits(_ listing: Listing<OrgUnitSort>) async throws -> ResultPage<Stored<OrgUnitInput>> {
        let query = OrgUnitModel.query(on: db).matching(listing.search, in: ["name", "country"])
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        return try await query.page(listing) { query in
            switch listing.sort {
            case .name: query.sort(\.$name, direction)
            case .country: query.sort(\.$country, direction).sort(\.$name)
            case .kind: query.sort(\.$kind, direction).sort(\.$name)
            }
        }.map(\.stored)
    }

    /// The number of systems in each organisation unit that has any, counted by the database.
    public func systemCountsByUnit() async throws -> [String: Int] {
        let rows = try await Grouped.count(AISystemModel.schema, by: ["org_unit_id"], on: db)
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "org_unit_id", as: UUID.self).uuidString] = try Grouped.number(row) }
        return counts
    }

    /// One page of AI systems matching `filter` (the search looks in name, purpose and description).
    public func systems(_ filter: SystemFilter = SystemFilter(), _ listing: Listing<SystemSort> = Listing(sort: .name))
        async throws -> ResultPage<Stored<AISystemInput>> {
        let query = AISystemModel.query(on: db)
        if let unit = filter.orgUnitID {
            guard let uuid = UUID(uuidString: unit) else {
                return ResultPage(items: [], page: listing.page, perPage: listing.perPage, total: 0)
            }
            query.filter(\.$orgUnit.$id == uuid)
        }
        if let phase = filter.phase { query.filter(\.$lifecyclePhase == phase.rawValue) }
        let search = (listing.search ?? filter.search)?.trimmingCharacters(in: .whitespaces).lowercased()
        if let search, !search.isEmpty {
            query.filter(.custom(SQLQueryString("\(ident: AISystemModel.schema).\(ident: "search_text") LIKE \(bind: "%" + QueryBuilder<AISystemModel>.likeEscaped(search) + "%") ESCAPE '\\'")))
        }
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        return try await query.page(listing) { query in
            switch listing.sort {
            case .name: query.sort(\.$name, direction)
            case .phase: query.sort(.custom(Self.phaseOrder(descending: listing.descending))).sort(\.$name)
            case .updated: query.sort(\.$updatedAt, direction)
            case .created: query.sort(\.$createdAt, direction)
            }
        }.map(\.stored)
    }

    /// Lifecycle phases in their order (planning first), not their names' alphabetical order.
    private static func phaseOrder(descending: Bool) -> SQLQueryString {
        var order = SQLQueryString("CASE \(ident: AISystemModel.schema).\(ident: "lifecycle_phase")")
        for (rank, phase) in LifecyclePhase.allCases.enumerated() { order.appendInterpolation(unsafeRaw: " WHEN '\(phase.rawValue)' THEN \(rank)") }
        order.appendInterpolation(unsafeRaw: " END " + (descending ? "DESC" : "ASC"))
        return order
    }

    /// The names of these systems by id (ids that are not systems are left out).
    public func names(of ids: Set<String>) async throws -> [String: String] {
        let uuids = ids.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let systems = try await AISystemModel.query(on: db).filter(\.$id ~~ uuids).field(\.$id).field(\.$name).all()
        return Dictionary(uniqueKeysWithValues: systems.map { ($0.id!.uuidString, $0.name) })
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

import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `/api/v1/org-units` and `/api/v1/systems` with nested models, datasets and agents.
struct InventoryAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, InventoryRoute.apiOrgUnits, access: .permission(.readInventory), use: listUnits)
        app.on(.POST, InventoryRoute.apiOrgUnits, access: .permission(.manageOrgUnits), use: createUnit)
        app.on(.GET, InventoryRoute.apiOrgUnit(.parameter), access: .permission(.readInventory), use: getUnit)
        app.on(.PUT, InventoryRoute.apiOrgUnit(.parameter), access: .permission(.manageOrgUnits), use: updateUnit)
        app.on(.DELETE, InventoryRoute.apiOrgUnit(.parameter), access: .permission(.manageOrgUnits), use: deleteUnit)

        app.on(.GET, InventoryRoute.apiSystems, access: .permission(.readInventory), use: listSystems)
        app.on(.POST, InventoryRoute.apiSystems, access: .permission(.writeInventory), use: createSystem)
        app.on(.GET, InventoryRoute.apiSystem(.parameter), access: .permission(.readInventory), use: getSystem)
        app.on(.PUT, InventoryRoute.apiSystem(.parameter), access: .permission(.writeInventory), use: updateSystem)
        app.on(.DELETE, InventoryRoute.apiSystem(.parameter), access: .permission(.writeInventory), use: deleteSystem)

        ComponentRoutes(kind: .models, input: API.ModelInputDTO.self, output: API.ModelDTO.self,
                        list: { try await $0.models(of: $1) }, get: { try await $0.model($1, of: $2) },
                        create: { try await $0.createModel($1, in: $2, context: $3) },
                        update: { try await $0.updateModel($1, of: $2, $3, version: $4, context: $5) },
                        delete: { try await $0.deleteModel($1, of: $2, version: $3, context: $4) },
                        validate: { try $0.validated() }, version: { $0.version }, dto: API.ModelDTO.init)
            .register(app)
        ComponentRoutes(kind: .datasets, input: API.DatasetInputDTO.self, output: API.DatasetDTO.self,
                        list: { try await $0.datasets(of: $1) }, get: { try await $0.dataset($1, of: $2) },
                        create: { try await $0.createDataset($1, in: $2, context: $3) },
                        update: { try await $0.updateDataset($1, of: $2, $3, version: $4, context: $5) },
                        delete: { try await $0.deleteDataset($1, of: $2, version: $3, context: $4) },
                        validate: { try $0.validated() }, version: { $0.version }, dto: API.DatasetDTO.init)
            .register(app)
        ComponentRoutes(kind: .agents, input: API.AgentInputDTO.self, output: API.AgentDTO.self,
                        list: { try await $0.agents(of: $1) }, get: { try await $0.agent($1, of: $2) },
                        create: { try await $0.createAgent($1, in: $2, context: $3) },
                        update: { try await $0.updateAgent($1, of: $2, $3, version: $4, context: $5) },
                        delete: { try await $0.deleteAgent($1, of: $2, version: $3, context: $4) },
                        validate: { try $0.validated() }, version: { $0.version }, dto: API.AgentDTO.init)
            .register(app)
    }

    // MARK: Organisation units

    func listUnits(_ req: Request) async throws -> API.PageDTO<API.OrgUnitDTO> {
        API.PageDTO(try await req.reads.inventory.orgUnits(try req.listing(sort: OrgUnitSort.name)).map(API.OrgUnitDTO.init))
    }

    func getUnit(_ req: Request) async throws -> API.OrgUnitDTO {
        API.OrgUnitDTO(try await req.reads.inventory.orgUnit(req.id("unitID")))
    }

    func createUnit(_ req: Request) async throws -> Response {
        let input = try req.content.decode(API.OrgUnitInputDTO.self).validated()
        let unit = try await req.writes.inventory.createOrgUnit(input, context: req.actor)
        return try await API.OrgUnitDTO(unit).encodeResponse(status: .created, for: req)
    }

    func updateUnit(_ req: Request) async throws -> API.OrgUnitDTO {
        let body = try req.content.decode(API.OrgUnitInputDTO.self)
        let version = try requireVersion(body.version)
        let unit = try await req.writes.inventory.updateOrgUnit(req.id("unitID"), body.validated(), version: version,
                                                                context: req.actor)
        return API.OrgUnitDTO(unit)
    }

    func deleteUnit(_ req: Request) async throws -> HTTPStatus {
        try await req.writes.inventory.deleteOrgUnit(req.id("unitID"), version: req.versionQuery(), context: req.actor)
        return .noContent
    }

    // MARK: AI systems

    func listSystems(_ req: Request) async throws -> API.PageDTO<API.SystemDTO> {
        API.PageDTO(try await req.reads.inventory.systems(req.systemFilter(), try req.listing(sort: SystemSort.name)).map(API.SystemDTO.init))
    }

    func getSystem(_ req: Request) async throws -> API.SystemDTO {
        API.SystemDTO(try await req.reads.inventory.system(req.id("systemID")))
    }

    func createSystem(_ req: Request) async throws -> Response {
        let body = try req.content.decode(API.SystemInputDTO.self)
        let input = try body.validated()
        let system = try await req.writes.inventory.createSystem(input, phaseReason: body.phaseReason,
                                                                 context: req.actor)
        return try await API.SystemDTO(system).encodeResponse(status: .created, for: req)
    }

    func updateSystem(_ req: Request) async throws -> API.SystemDTO {
        let body = try req.content.decode(API.SystemInputDTO.self)
        let version = try requireVersion(body.version)
        let input = try body.validated()
        return API.SystemDTO(try await req.writes.inventory.updateSystem(req.id("systemID"), input, version: version, phaseReason: body.phaseReason, context: req.actor))
    }

    func deleteSystem(_ req: Request) async throws -> HTTPStatus {
        try await req.writes.inventory.deleteSystem(req.id("systemID"), version: req.versionQuery(), context: req.actor)
        return .noContent
    }
}

/// The five routes of one kind of system component, wired to the store.
struct ComponentRoutes<Input: Content, Output: Content, Value: Sendable>: Sendable {
    let kind: InventoryRoute.ComponentKind
    let input: Input.Type
    let output: Output.Type
    let list: @Sendable (InventoryQueries, String) async throws -> [Stored<Value>]
    let get: @Sendable (InventoryQueries, String, String) async throws -> Stored<Value>
    let create: @Sendable (InventoryService, Value, String, Actor) async throws -> Stored<Value>
    let update: @Sendable (InventoryService, String, String, Value, Int, Actor) async throws -> Stored<Value>
    let delete: @Sendable (InventoryService, String, String, Int?, Actor) async throws -> Void
    let validate: @Sendable (Input) throws -> Value
    let version: @Sendable (Input) -> Int?
    let dto: @Sendable (Stored<Value>, String) -> Output

    func register(_ app: any RoutesBuilder) {
        let base = InventoryRoute.apiComponents(kind, system: .parameter)
        let item = InventoryRoute.apiComponent(kind, system: .parameter, id: .parameter)
        app.on(.GET, base, access: .permission(.readInventory)) { req in
            try await list(req.reads.inventory, req.id("systemID")).map { dto($0, try req.id("systemID")) }
        }
        app.on(.POST, base, access: .permission(.writeInventory)) { req in
            let system = try req.id("systemID").uppercased()
            let value = try validate(req.content.decode(Input.self))
            let stored = try await create(req.writes.inventory, value, system, req.actor)
            return try await dto(stored, system).encodeResponse(status: .created, for: req)
        }
        app.on(.GET, item, access: .permission(.readInventory)) { req in
            dto(try await get(req.reads.inventory, req.id("itemID"), req.id("systemID")), try req.id("systemID"))
        }
        app.on(.PUT, item, access: .permission(.writeInventory)) { req in
            let system = try req.id("systemID").uppercased()
            let body = try req.content.decode(Input.self)
            let expected = try requireVersion(version(body))
            let stored = try await update(req.writes.inventory, req.id("itemID"), system, validate(body), expected, req.actor)
            return dto(stored, system)
        }
        app.on(.DELETE, item, access: .permission(.writeInventory)) { req -> HTTPStatus in
            let system = try req.id("systemID").uppercased()
            try await delete(req.writes.inventory, req.id("itemID"), system, req.versionQuery(), req.actor)
            return .noContent
        }
    }
}

/// An update must say which version it edits.
func requireVersion(_ version: Int?) throws -> Int {
    guard let version else {
        throw RinriError.invalid(field: "version", code: "required",
                                 message: "version is required: send the version you read, so a concurrent change is not overwritten")
    }
    return version
}

extension Request {
    /// A path parameter. - Throws: 404 when it is missing.
    func id(_ name: String) throws -> String {
        guard let value = parameters.get(name), !value.isEmpty else { throw RinriError.notFound(name) }
        return value
    }

    /// The optional `?version=N` of a delete. - Throws: 400 when it is not a number.
    func versionQuery() throws -> Int? {
        guard let raw = query[String.self, at: "version"], !raw.isEmpty else { return nil }
        guard let version = Int(raw) else { throw RinriError.malformed("version must be a whole number", field: "version") }
        return version
    }

    /// The inventory filters from `?q=…&org_unit_id=…&phase=…`.
    func systemFilter() throws -> SystemFilter {
        var filter = SystemFilter(orgUnitID: query[String.self, at: "org_unit_id"])
        filter.phase = try LifecyclePhase.parse(query[String.self, at: "phase"], field: "phase", kind: .malformed)
        if filter.orgUnitID?.isEmpty == true { filter.orgUnitID = nil }
        return filter
    }

}

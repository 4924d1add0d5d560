import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Organisation-unit pages: list, create, edit, delete.
struct OrgUnitPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, InventoryRoute.orgUnits, access: .permission(.readInventory), use: list)
        web.on(.GET, InventoryRoute.orgUnitNew, access: .permission(.manageOrgUnits)) { req in
            try await render(req, form: FormState(values: ["kind": OrgUnitKind.businessUnit.rawValue]), editing: nil)
        }
        web.on(.POST, InventoryRoute.orgUnitNew, access: .permission(.manageOrgUnits)) { req in try await save(req, id: nil) }
        web.on(.GET, InventoryRoute.orgUnit(.parameter), access: .permission(.readInventory)) { req in
            let unit = try await req.reads.inventory.orgUnit(req.id("unitID"))
            return req.redirect(to: InventoryRoute.systems(query: ["org_unit_id": unit.id]).path)
        }
        web.on(.GET, InventoryRoute.orgUnitEdit(.parameter), access: .permission(.manageOrgUnits)) { req in
            let unit = try await req.reads.inventory.orgUnit(req.id("unitID"))
            let values = ["name": unit.value.name, "kind": unit.value.kind.rawValue, "country": unit.value.country,
                          "parent_id": unit.value.parentID ?? "", "version": String(unit.version)]
            return try await render(req, form: FormState(values: values), editing: unit.id)
        }
        web.on(.POST, InventoryRoute.orgUnitEdit(.parameter), access: .permission(.manageOrgUnits)) { req in
            try await save(req, id: try req.id("unitID"))
        }
        web.on(.POST, InventoryRoute.orgUnitDelete(.parameter), access: .permission(.manageOrgUnits), use: delete)
    }

    func list(_ req: Request) async throws -> Response {
        let listing = try req.listing(sort: OrgUnitSort.name)
        let page = try await req.reads.inventory.orgUnits(listing)
        let names = Dictionary(try await req.reads.inventory.orgUnits().map { ($0.id, $0.value.name) }, uniquingKeysWith: { a, _ in a })
        return OrgUnitViews.list(PageContext(req), units: page, names: names, counts: try await req.reads.inventory.systemCountsByUnit(),
                                 links: ListLinks(path: InventoryRoute.orgUnits.path, listing: listing, defaultSort: .name))
    }

    func save(_ req: Request, id: String?) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let input = try OrgUnitInput.validate(name: form["name"], kind: form["kind"], country: form["country"],
                                                  parentID: form.optional("parent_id"))
            if let id {
                _ = try await req.writes.inventory.updateOrgUnit(id, input, version: try form.version(), context: req.actor)
            } else {
                _ = try await req.writes.inventory.createOrgUnit(input, context: req.actor)
            }
            try await req.flash(req.t(id == nil ? "flash.created" : "flash.saved"))
            return req.redirect(to: InventoryRoute.orgUnits.path)
        } catch let error as RinriError where error.kind == .invalid || error.kind == .conflict {
            form.show(error, req.t)
            return try await render(req, form: form, editing: id, status: error.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    func delete(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        do {
            try await req.writes.inventory.deleteOrgUnit(req.id("unitID"), version: form.int("version"), context: req.actor)
            try await req.flash(req.t("flash.deleted"))
        } catch let error as RinriError where error.kind == .conflict {
            try await req.flash(req.t("error.unit_in_use"))
        }
        return req.redirect(to: InventoryRoute.orgUnits.path)
    }

    private func render(_ req: Request, form: FormState, editing: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let units = try await req.reads.inventory.orgUnits().filter { $0.id != editing }
        return OrgUnitViews.form(PageContext(req), form: form, units: units, editing: editing, status: status)
    }
}

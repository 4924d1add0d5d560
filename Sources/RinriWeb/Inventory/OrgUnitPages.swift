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
        let units = try await req.reads.inventory.orgUnits()
        let systems = try await req.reads.inventory.systems()
        let counts = Dictionary(grouping: systems, by: { $0.value.orgUnitID }).mapValues(\.count)
        return OrgUnitViews.list(PageContext(req), units: units, counts: counts)
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
            req.session.data["flash"] = req.t(id == nil ? "flash.created" : "flash.saved")
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
            req.session.data["flash"] = req.t("flash.deleted")
        } catch let error as RinriError where error.kind == .conflict {
            req.session.data["flash"] = req.t("error.unit_in_use")
        }
        return req.redirect(to: InventoryRoute.orgUnits.path)
    }

    private func render(_ req: Request, form: FormState, editing: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let units = try await req.reads.inventory.orgUnits().filter { $0.id != editing }
        return OrgUnitViews.form(PageContext(req), form: form, units: units, editing: editing, status: status)
    }
}

enum OrgUnitViews {
    static func list(_ ctx: PageContext, units: [Stored<OrgUnitInput>], counts: [String: Int]) -> Response {
        let t = ctx.t
        let names = Dictionary(units.map { ($0.id, $0.value.name) }, uniquingKeysWith: { a, _ in a })
        let canManage = ctx.user?.can(.manageOrgUnits) == true
        return Layout.render(ctx, title: t("org_units.title")) {
            if canManage { el("p") { el("a", ["class": "button primary", "href": InventoryRoute.orgUnitNew.path], text: t("org_units.new")) } }
            if units.isEmpty {
                el("p", ["class": "empty"], text: t("org_units.empty"))
            } else {
                el("table") {
                    el("thead") { el("tr") {
                        el("th", text: t("field.name")); el("th", text: t("field.unit_kind")); el("th", text: t("field.country"))
                        el("th", text: t("field.parent")); el("th", text: t("org_units.systems"))
                        if canManage { el("th", text: t("component.actions")) }
                    } }
                    el("tbody") {
                        for unit in units {
                            el("tr") {
                                el("td") { el("a", ["href": InventoryRoute.systems(query: ["org_unit_id": unit.id]).path], text: unit.value.name) }
                                el("td", text: t.label("unit_kind", unit.value.kind))
                                el("td", text: unit.value.country)
                                el("td", text: unit.value.parentID.flatMap { names[$0] } ?? "—")
                                el("td", text: String(counts[unit.id] ?? 0))
                                if canManage {
                                    el("td") {
                                        el("a", ["href": InventoryRoute.orgUnitEdit(.init(unit.id)).path], text: t("action.edit"))
                                        ctx.postForm(InventoryRoute.orgUnitDelete(.init(unit.id)), class: "inline") {
                                            el("input", ["type": "hidden", "name": "version", "value": String(unit.version)])
                                            el("button", ["type": "submit", "class": "link danger"], text: t("action.delete"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func form(_ ctx: PageContext, form: FormState, units: [Stored<OrgUnitInput>], editing: String?,
                     status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        return Layout.render(ctx, title: t(editing == nil ? "org_units.new" : "org_units.edit"), status: status) {
            ctx.postForm(editing.map { InventoryRoute.orgUnitEdit(.init($0)) } ?? .orgUnitNew, class: "card") {
                f.formError
                el("input", ["type": "hidden", "name": "version", "value": form["version"]])
                f.text("name", label: t("field.name"), required: true)
                f.select("kind", label: t("field.unit_kind"), options: OrgUnitKind.allCases.map { ($0.rawValue, t.label("unit_kind", $0)) })
                f.text("country", label: t("field.country"), required: true, hint: t("hint.country"))
                f.select("parent_id", label: t("field.parent"), options: units.map { ($0.id, $0.value.name) }, blank: t("select.none"))
                el("button", ["type": "submit", "class": "primary"], text: t("action.save"))
                el("a", ["class": "button", "href": InventoryRoute.orgUnits.path], text: t("action.cancel"))
            }
        }
    }
}

import Foundation
import RinriCore
import RinriApplication
import Vapor

enum OrgUnitViews {
    static func list(_ ctx: PageContext, units page: ResultPage<Stored<OrgUnitInput>>, names: [String: String], counts: [String: Int],
                     links: ListLinks<OrgUnitSort>) -> Response {
        let t = ctx.t
        let units = page.items
        let canManage = ctx.user?.can(.manageOrgUnits) == true
        return Layout.render(ctx, title: t("org_units.title")) {
            if canManage { el("p") { el("a", ["class": "button primary", "href": InventoryRoute.orgUnitNew.path], text: t("org_units.new")) } }
            links.searchForm(t, label: t("org_units.search"))
            if units.isEmpty {
                el("p", ["class": "empty"], text: page.total == 0 && links.listing.search == nil ? t("org_units.empty") : t("list.no_match"))
            } else {
                scrollingTable(label: t("org_units.title")) {
                    el("thead") { el("tr") {
                        links.header(t("field.name"), .name); links.header(t("field.unit_kind"), .kind); links.header(t("field.country"), .country)
                        el("th", ["scope": "col"], text: t("field.parent")); el("th", ["scope": "col", "class": "num"], text: t("org_units.systems"))
                        if canManage { el("th", ["scope": "col"], text: t("component.actions")) }
                    } }
                    el("tbody") {
                        for unit in units {
                            el("tr") {
                                el("td") { el("a", ["href": InventoryRoute.systems(query: ["org_unit_id": unit.id]).path], text: unit.value.name) }
                                el("td", text: t.label("unit_kind", unit.value.kind))
                                el("td", text: unit.value.country)
                                el("td", text: unit.value.parentID.flatMap { names[$0] } ?? "—")
                                el("td", ["class": "num"], text: String(counts[unit.id] ?? 0))
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
            links.pager(t, total: page.total)
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
                el("a", ["class": "button secondary", "href": InventoryRoute.orgUnits.path], text: t("action.cancel"))
            }
        }
    }
}

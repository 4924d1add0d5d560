import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Risk tables, the register with its heat maps, and one risk's page.
enum RiskViews {
    /// The risks in a table; with `links`, the headers sort the list.
    static func table(_ t: Localizer, _ risks: [RiskRecord], names: [String: String], links: ListLinks<RiskSort>? = nil) -> Node {
        func header(_ key: String, _ column: RiskSort?) -> Node {
            if let links, let column { return links.header(t(key), column) }
            return el("th", ["scope": "col"], text: t(key))
        }
        return scrollingTable(label: t("gov.register")) {
            el("thead") {
                el("tr") {
                    if !names.isEmpty { header("field.system", nil) }
                    header("field.title", .title)
                    header("gov.severity", nil)
                    header("heatmap.likelihood", .likelihood)
                    header("gov.inherent", .inherent)
                    header("gov.residual", .residual)
                    header("gov.countermeasures", nil)
                    header("gov.status", .status)
                }
            }
            el("tbody") {
                for risk in risks {
                    el("tr") {
                        if !names.isEmpty { el("td", text: names[risk.systemID] ?? "—") }
                        el("td") {
                            el("a", ["href": RiskRoute.risk(.init(risk.id)).path], text: risk.risk.title)
                            if risk.flaggedForReview { " "; el("span", ["class": "badge todo"], text: t("gov.flagged")) }
                        }
                        let s = risk.risk.severity
                        el("td", text: "\(s.scale)/\(s.scope)/\(s.irremediability)")
                        el("td", ["class": "num"], text: String(risk.risk.likelihood))
                        el("td") { el("span", ["class": "badge level-\(risk.inherentLevel.rawValue)"], text: t.label("risk.level", risk.inherentLevel)) }
                        el("td") { el("span", ["class": "badge level-\(risk.residualLevel.rawValue)"], text: t.label("risk.level", risk.residualLevel)) }
                        el("td", text: "\(risk.counting.count) / \(risk.countermeasures.count)"
                           + (risk.unverified.isEmpty ? "" : " " + t("gov.awaiting_count", ["count": String(risk.unverified.count)])))
                        el("td", text: t.label("risk_status", risk.risk.status))
                    }
                }
            }
        }
    }

    /// The inherent and residual heat maps, counted by the database.
    static func heatMaps(_ t: Localizer, inherent: RiskHeatMap, residual: RiskHeatMap) -> Node {
        el("div", ["class": "heatmaps"]) {
            for (map, isResidual) in [(inherent, false), (residual, true)] {
                el("figure") {
                    Node.raw(RiskHeatMapSVG.render(map, labels: HeatMapResponse.labels(t, residual: isResidual)))
                }
            }
        }
    }

    /// What a register page shows: a page of risks with the heat maps of all of them.
    struct Register {
        var page: ResultPage<RiskRecord>
        var links: ListLinks<RiskSort>
        var filter: RiskFilter
        var inherent: RiskHeatMap
        var residual: RiskHeatMap
        var systemNames: [String: String]
    }

    static func register(_ ctx: PageContext, _ register: Register, system: Stored<AISystemInput>?,
                         form: FormState?, status: HTTPResponseStatus = .ok) -> Response {
        let t = ctx.t
        let title = system.map { t("gov.register_of", ["system": $0.value.name]) } ?? t("gov.register")
        return Layout.render(ctx, title: title, status: status) {
            if let system {
                el("p") {
                    el("a", ["href": InventoryRoute.system(.init(system.id)).path], text: t("gov.back_to_system"))
                    " · "
                    el("a", ["href": AssessmentRoute.list(system: .init(system.id)).path], text: t("nav.assessments"))
                }
            }
            el("p", ["class": "hint"], text: t("gov.register_hint"))
            heatMaps(t, inherent: register.inherent, residual: register.residual)
            filters(t, register)
            if register.page.items.isEmpty {
                el("p", ["class": "empty"], text: register.page.total == 0 && register.links.listing.search == nil && register.filter == RiskFilter(systemID: register.filter.systemID)
                    ? t("gov.no_risks") : t("list.no_match"))
            } else {
                table(t, register.page.items, names: system == nil ? register.systemNames : [:], links: register.links)
            }
            register.links.pager(t, total: register.page.total)
            if let system, let form, ctx.user?.can(.writeRisks) == true {
                RiskForm.render(ctx, form: form, action: RiskRoute.systemNew(.init(system.id)), users: [], title: t("gov.new_risk"))
            }
        }
    }

    /// Search, status and level filters of the register.
    private static func filters(_ t: Localizer, _ register: Register) -> Node {
        let links = register.links
        let form = FormBuilder(state: FormState(values: ["status": register.filter.status?.rawValue ?? "",
                                                         "min_residual": register.filter.minimumResidual?.rawValue ?? "",
                                                         "q": links.listing.search ?? ""]), t: t)
        return el("form", ["method": "get", "action": links.path, "class": "filters", "role": "search"]) {
            form.text("q", label: t("list.search_risks"))
            form.select("status", label: t("gov.status"), options: [("", t("list.any"))] + RiskStatus.allCases.map { ($0.rawValue, t.label("risk_status", $0)) })
            form.select("min_residual", label: t("list.min_residual"),
                        options: [("", t("list.any"))] + RiskLevel.allCases.map { ($0.rawValue, t.label("risk.level", $0)) })
            if links.listing.sort != links.defaultSort || links.listing.descending != links.defaultDescending {
                el("input", ["type": "hidden", "name": "sort", "value": links.listing.sortValue])
            }
            el("button", ["type": "submit"], text: t("filter.apply"))
        }
    }

    static func detail(_ ctx: PageContext, risk: RiskRecord, system: Stored<AISystemInput>, users: [UserAccount],
                       evidence: [Stored<EvidenceInput>], error: RinriError?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let names = UserNames(users)
        return Layout.render(ctx, title: risk.risk.title, status: status) {
            if let error { ErrorNote.render(t, error) }
            el("p") { el("a", ["href": RiskRoute.system(.init(system.id)).path], text: t("gov.register_of", ["system": system.value.name])) }
            if risk.flaggedForReview { el("p", ["class": "flash"], text: t("gov.flagged_hint")) }
            let residual = risk.residual
            el("dl", ["class": "facts"]) {
                for (key, value) in [("gov.severity", "\(risk.risk.severity.scale)/\(risk.risk.severity.scope)/\(risk.risk.severity.irremediability)"),
                                     ("heatmap.likelihood", String(risk.risk.likelihood)),
                                     ("gov.inherent", t.label("risk.level", risk.inherentLevel)),
                                     ("gov.residual_detail", "\(residual.severity.scale)/\(residual.severity.scope)/\(residual.severity.irremediability) × \(residual.likelihood)"),
                                     ("gov.residual", t.label("risk.level", risk.residualLevel)),
                                     ("gov.rights", risk.risk.rights.map { t.label("right", $0) }.joined(separator: ", ")),
                                     ("field.owner", risk.risk.ownerID.flatMap { names[$0] } ?? "—"),
                                     ("gov.origin", risk.origin.map { "\($0.templateID) / \($0.questionID)" } ?? t("gov.entered_by_hand"))] {
                    el("div") { el("dt", text: t(key)); el("dd", text: value) }
                }
            }
            CountermeasureViews.list(ctx, risk: risk, users: users, evidence: evidence)
            if ctx.user?.can(.writeRisks) == true {
                RiskForm.render(ctx, form: RiskForm.state(of: risk), action: RiskRoute.risk(.init(risk.id)), users: users, title: t("gov.edit_risk"))
            }
        }
    }
}

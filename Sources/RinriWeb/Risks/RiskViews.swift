import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Risk tables, the register with its heat maps, and one risk's page.
enum RiskViews {
    static func table(_ t: Localizer, _ risks: [RiskRecord], names: [String: String]) -> Node {
        el("table") {
            el("thead") {
                el("tr") {
                    if !names.isEmpty { el("th", text: t("field.system")) }
                    for key in ["field.title", "gov.severity", "heatmap.likelihood", "gov.inherent", "gov.residual", "gov.countermeasures", "gov.status"] {
                        el("th", text: t(key))
                    }
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
                        el("td", text: String(risk.risk.likelihood))
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

    static func heatMaps(_ t: Localizer, _ risks: [RiskRecord]) -> Node {
        el("div", ["class": "heatmaps"]) {
            for residual in [false, true] {
                el("figure") {
                    Node.raw(RiskHeatMapSVG.render(HeatMapResponse.map(risks, residual: residual), labels: HeatMapResponse.labels(t, residual: residual)))
                }
            }
        }
    }

    static func register(_ ctx: PageContext, risks: [RiskRecord], systemNames: [String: String], system: Stored<AISystemInput>?,
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
            heatMaps(t, risks)
            if risks.isEmpty { el("p", ["class": "empty"], text: t("gov.no_risks")) } else {
                table(t, risks, names: system == nil ? systemNames : [:])
            }
            if let system, let form, ctx.user?.can(.writeRisks) == true {
                RiskForm.render(ctx, form: form, action: RiskRoute.systemNew(.init(system.id)), users: [], title: t("gov.new_risk"))
            }
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

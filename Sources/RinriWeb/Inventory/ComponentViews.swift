import Foundation
import RinriCore
import Vapor

/// The models, datasets and agents sections of a system page, and their forms.
enum ComponentViews {
    static func section(_ ctx: PageContext, kind: InventoryRoute.ComponentKind, system: String, canWrite: Bool,
                        headers: [String], rows: [(id: String, version: Int, cells: [String])]) -> Node {
        let t = ctx.t
        return el("section", ["class": "component", "id": kind.rawValue]) {
            el("h2", text: t("component.\(kind.rawValue)"))
            if rows.isEmpty {
                el("p", ["class": "empty"], text: t("component.empty"))
            } else {
                el("table") {
                    el("thead") { el("tr") {
                        for header in headers { el("th", text: t(header)) }
                        if canWrite { el("th", text: t("component.actions")) }
                    } }
                    el("tbody") {
                        for row in rows {
                            el("tr") {
                                for cell in row.cells { el("td", text: cell) }
                                if canWrite {
                                    el("td") {
                                        el("a", ["href": InventoryRoute.componentEdit(kind, system: .init(system), id: .init(row.id)).path], text: t("action.edit"))
                                        ctx.postForm(InventoryRoute.componentDelete(kind, system: .init(system), id: .init(row.id)), class: "inline") {
                                            el("input", ["type": "hidden", "name": "version", "value": String(row.version)])
                                            el("button", ["type": "submit", "class": "link danger"], text: t("action.delete"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if canWrite {
                el("p") { el("a", ["class": "button secondary", "href": InventoryRoute.componentNew(kind, system: .init(system)).path],
                              text: t("component.add_\(kind.rawValue)")) }
            }
        }
    }

    static func form(_ ctx: PageContext, kind: InventoryRoute.ComponentKind, system: Stored<AISystemInput>, form: FormState,
                     users: [UserAccount], editing: String?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        let action: InventoryRoute = editing.map { .componentEdit(kind, system: .init(system.id), id: .init($0)) } ?? .componentNew(kind, system: .init(system.id))
        let title = t(editing == nil ? "component.add_\(kind.rawValue)" : "component.edit_\(kind.rawValue)")
        return Layout.render(ctx, title: "\(title) — \(system.value.name)", status: status) {
            ctx.postForm(action, class: "card") {
                f.formError
                el("input", ["type": "hidden", "name": "version", "value": form["version"]])
                f.text("name", label: t("field.name"), required: true)
                switch kind {
                case .models:
                    f.text("model_version", label: t("field.model_version"), required: true)
                    f.select("type", label: t("field.model_type"), options: ModelType.allCases.map { ($0.rawValue, t.label("model_type", $0)) })
                    f.textarea("training_data", label: t("field.training_data"))
                case .datasets:
                    f.textarea("source", label: t("field.source"))
                    f.select("acquisition_method", label: t("field.acquisition_method"),
                             options: AcquisitionMethod.allCases.map { ($0.rawValue, t.label("acquisition", $0)) })
                    f.checkbox("contains_personal_data", label: t("field.personal_data"))
                    f.checkbox("contains_sensitive_data", label: t("field.sensitive_data"))
                    f.checkbox("contains_biometric_data", label: t("field.biometric_data"))
                    f.checkbox("contains_children_data", label: t("field.children_data"))
                case .agents:
                    f.textarea("role", label: t("field.agent_role"), required: true)
                    f.select("accountable_owner_id", label: t("field.accountable_owner"),
                             options: users.map { ($0.id, "\($0.name) <\($0.email)>") }, blank: t("select.choose"))
                    f.select("autonomy_level", label: t("field.autonomy_level"),
                             options: AutonomyLevel.allCases.map { ($0.rawValue, t.label("autonomy", $0)) })
                    f.text("tools", label: t("field.tools"), hint: t("hint.tools"))
                }
                el("button", ["type": "submit", "class": "primary"], text: t("action.save"))
                el("a", ["class": "button secondary", "href": InventoryRoute.system(.init(system.id)).path], text: t("action.cancel"))
            }
        }
    }
}

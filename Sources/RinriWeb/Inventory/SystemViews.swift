import Foundation
import RinriCore
import Vapor

/// The AI-system pages.
enum SystemViews {
    struct Detail {
        var system: Stored<AISystemInput>
        var unit: Stored<OrgUnitInput>?
        var users: [UserAccount]
        var models: [Stored<AIModelInput>]
        var datasets: [Stored<DatasetInput>]
        var agents: [Stored<AIAgentInput>]
        var evidence: [Stored<EvidenceInput>]
        var upload: FormState
        var canWrite: Bool
    }

    static func list(_ ctx: PageContext, systems: ResultPage<Stored<AISystemInput>>, units: [Stored<OrgUnitInput>],
                     filter: SystemFilter, links: ListLinks<SystemSort>) -> Response {
        let t = ctx.t
        let unitNames = Dictionary(units.map { ($0.id, $0.value.name) }, uniquingKeysWith: { a, _ in a })
        let form = FormBuilder(state: FormState(values: ["q": links.listing.search ?? "", "org_unit_id": filter.orgUnitID ?? "",
                                                         "phase": filter.phase?.rawValue ?? ""]), t: t)
        return Layout.render(ctx, title: t("systems.title")) {
            el("form", ["method": "get", "action": links.path, "class": "filters", "role": "search"]) {
                form.text("q", label: t("systems.search"))
                form.select("org_unit_id", label: t("field.org_unit"), options: units.map { ($0.id, $0.value.name) }, blank: t("filter.all"))
                form.select("phase", label: t("field.lifecycle_phase"),
                            options: LifecyclePhase.allCases.map { ($0.rawValue, t.label("phase", $0)) }, blank: t("filter.all"))
                if links.listing.sort != links.defaultSort || links.listing.descending {
                    el("input", ["type": "hidden", "name": "sort", "value": links.listing.sortValue])
                }
                el("button", ["type": "submit"], text: t("filter.apply"))
            }
            if ctx.user?.can(.writeInventory) == true {
                el("p") { el("a", ["class": "button primary", "href": InventoryRoute.systemNew.path], text: t("systems.new")) }
            }
            if systems.items.isEmpty {
                el("p", ["class": "empty"], text: systems.total == 0 && filter == SystemFilter() && links.listing.search == nil
                    ? t("systems.empty") : t("list.no_match"))
            } else {
                scrollingTable(label: t("systems.title")) {
                    el("thead") { el("tr") {
                        links.header(t("field.name"), .name)
                        el("th", ["scope": "col"], text: t("field.org_unit"))
                        links.header(t("field.lifecycle_phase"), .phase)
                        el("th", ["scope": "col"], text: t("field.status"))
                        el("th", ["scope": "col"], text: t("systems.flags"))
                        links.header(t("list.updated"), .updated)
                    } }
                    el("tbody") {
                        for system in systems.items {
                            el("tr") {
                                el("td") { el("a", ["href": InventoryRoute.system(.init(system.id)).path], text: system.value.name) }
                                el("td", text: unitNames[system.value.orgUnitID] ?? "—")
                                el("td", text: t.label("phase", system.value.lifecyclePhase))
                                el("td", text: t.label("status", system.value.status))
                                el("td", text: flags(system.value, t))
                                el("td") { el("time", ["datetime": AuditRecord.timestamp(system.updatedAt)], text: String(AuditRecord.timestamp(system.updatedAt).prefix(10))) }
                            }
                        }
                    }
                }
            }
            links.pager(t, total: systems.total)
        }
    }

    static func flags(_ s: AISystemInput, _ t: Localizer) -> String {
        var out: [String] = []
        if s.usesBiometricData { out.append(t("flag.biometric")) }
        if s.usesGenerativeAI { out.append(t("flag.generative")) }
        if s.usesAutonomousAgents { out.append(t("flag.agents")) }
        return out.joined(separator: " · ")
    }

    static func detail(_ ctx: PageContext, _ m: Detail, status: HTTPResponseStatus = .ok) -> Response {
        let t = ctx.t
        let s = m.system.value
        let names = UserNames(m.users)
        func row(_ key: String, _ value: String) -> Node {
            el("div") { el("dt", text: t(key)); el("dd", text: value.isEmpty ? "—" : value) }
        }
        return Layout.render(ctx, title: s.name, status: status) {
            el("dl", ["class": "facts"]) {
                row("field.purpose", s.purpose)
                row("field.description", s.description)
                row("field.org_unit", m.unit?.value.name ?? s.orgUnitID)
                row("field.owner", s.ownerID.flatMap { names[$0] } ?? "")
                row("field.lifecycle_phase", t.label("phase", s.lifecyclePhase))
                row("field.status", t.label("status", s.status))
                row("field.intended_users", s.intendedUsers)
                row("field.affected_people", s.affectedPeople)
                row("field.jurisdictions", s.jurisdictions.joined(separator: ", "))
                row("systems.flags", flags(s, t))
                row("field.version", String(m.system.version))
            }
            if ctx.user?.can(.readGovernance) == true {
                el("p", ["class": "governance-links"]) {
                    el("a", ["href": AssessmentRoute.list(system: .init(m.system.id)).path], text: t("nav.assessments"))
                    " · "
                    el("a", ["href": RiskRoute.system(.init(m.system.id)).path], text: t("nav.risks"))
                    " · "
                    el("a", ["href": CoverageRoute.system(.init(m.system.id)).path], text: t("nav.coverage"))
                }
            }
            if m.canWrite {
                el("div", ["class": "actions"]) {
                    el("a", ["class": "button secondary", "href": InventoryRoute.systemEdit(.init(m.system.id)).path], text: t("action.edit"))
                    ctx.postForm(InventoryRoute.systemDelete(.init(m.system.id)), class: "inline") {
                        el("input", ["type": "hidden", "name": "version", "value": String(m.system.version)])
                        el("button", ["type": "submit", "class": "danger"], text: t("action.delete"))
                    }
                }
            }
            ComponentViews.section(ctx, kind: .models, system: m.system.id, canWrite: m.canWrite,
                                   headers: ["field.name", "field.model_version", "field.model_type"],
                                   rows: m.models.map { ($0.id, $0.version, [$0.value.name, $0.value.modelVersion, t.label("model_type", $0.value.type)]) })
            ComponentViews.section(ctx, kind: .datasets, system: m.system.id, canWrite: m.canWrite,
                                   headers: ["field.name", "field.acquisition_method", "field.personal_data"],
                                   rows: m.datasets.map { ($0.id, $0.version, [$0.value.name, t.label("acquisition", $0.value.acquisitionMethod),
                                                                   $0.value.containsPersonalData ? t("answer.yes") : t("answer.no")]) })
            ComponentViews.section(ctx, kind: .agents, system: m.system.id, canWrite: m.canWrite,
                                   headers: ["field.name", "field.autonomy_level", "field.accountable_owner"],
                                   rows: m.agents.map { ($0.id, $0.version, [$0.value.name, t.label("autonomy", $0.value.autonomyLevel),
                                                                 names[$0.value.accountableOwnerID] ?? "—"]) })
            EvidenceViews.section(ctx, system: m.system.id, evidence: m.evidence, canWrite: m.canWrite, upload: m.upload)
            if ctx.user?.can(.readAudit) == true {
                el("p") { el("a", ["href": AuditRoute.log(query: ["entity_id": m.system.id]).path], text: t("systems.history")) }
            }
        }
    }

    static func form(_ ctx: PageContext, form: FormState, units: [Stored<OrgUnitInput>], users: [UserAccount],
                     editing: String?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        let action: InventoryRoute = editing.map { .systemEdit(.init($0)) } ?? .systemNew
        return Layout.render(ctx, title: t(editing == nil ? "systems.new" : "systems.edit"), status: status) {
            if units.isEmpty {
                el("p", ["class": "form-error"]) {
                    el("span", text: t("systems.need_unit") + " ")
                    el("a", ["href": InventoryRoute.orgUnitNew.path], text: t("org_units.new"))
                }
            }
            ctx.postForm(action, class: "card") {
                f.formError
                el("input", ["type": "hidden", "name": "version", "value": form["version"]])
                f.text("name", label: t("field.name"), required: true)
                f.textarea("purpose", label: t("field.purpose"), required: true, hint: t("hint.purpose"))
                f.textarea("description", label: t("field.description"))
                f.select("org_unit_id", label: t("field.org_unit"), options: units.map { ($0.id, $0.value.name) }, blank: t("select.choose"))
                f.select("owner_id", label: t("field.owner"), options: users.map { ($0.id, "\($0.name) <\($0.email)>") }, blank: t("select.none"))
                f.select("lifecycle_phase", label: t("field.lifecycle_phase"),
                         options: LifecyclePhase.allCases.map { ($0.rawValue, t.label("phase", $0)) })
                if ctx.user?.grants.contains(where: { $0.role == .governanceOffice }) == true {
                    f.textarea("phase_reason", label: t("field.phase_reason"), hint: t("hint.phase_reason"))
                }
                f.select("status", label: t("field.status"), options: SystemStatus.allCases.map { ($0.rawValue, t.label("status", $0)) })
                f.textarea("intended_users", label: t("field.intended_users"))
                f.textarea("affected_people", label: t("field.affected_people"))
                f.text("jurisdictions", label: t("field.jurisdictions"), hint: t("hint.jurisdictions"))
                el("fieldset") {
                    el("legend", text: t("systems.flags"))
                    f.checkbox("uses_biometric_data", label: t("field.uses_biometric_data"))
                    f.checkbox("uses_generative_ai", label: t("field.uses_generative_ai"))
                    f.checkbox("uses_autonomous_agents", label: t("field.uses_autonomous_agents"))
                }
                el("button", ["type": "submit", "class": "primary"], text: t("action.save"))
                el("a", ["class": "button secondary", "href": editing.map { InventoryRoute.system(.init($0)).path } ?? InventoryRoute.systems(query: [:]).path],
                   text: t("action.cancel"))
            }
        }
    }
}

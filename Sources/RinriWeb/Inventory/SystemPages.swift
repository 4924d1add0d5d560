import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The AI-system pages: list with search and filters, detail, create, edit, delete.
struct SystemPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, InventoryRoute.systems(query: [:]), access: .permission(.readInventory), use: list)
        web.on(.GET, InventoryRoute.systemNew, access: .permission(.writeInventory), use: newForm)
        web.on(.POST, InventoryRoute.systemNew, access: .permission(.writeInventory), use: create)
        web.on(.GET, InventoryRoute.system(.parameter), access: .permission(.readInventory), use: detail)
        web.on(.GET, InventoryRoute.systemEdit(.parameter), access: .permission(.writeInventory), use: editForm)
        web.on(.POST, InventoryRoute.systemEdit(.parameter), access: .permission(.writeInventory), use: update)
        web.on(.POST, InventoryRoute.systemDelete(.parameter), access: .permission(.writeInventory), use: delete)
    }

    func list(_ req: Request) async throws -> Response {
        let filter = try req.systemFilter()
        let listing = try req.listing(sort: SystemSort.name)
        let units = try await req.reads.inventory.orgUnits()
        let systems = try await req.reads.inventory.systems(filter, listing)
        let links = ListLinks(path: InventoryRoute.systems(query: [:]).path,
                              filters: ["org_unit_id": filter.orgUnitID ?? "", "phase": filter.phase?.rawValue ?? ""],
                              listing: listing, defaultSort: .name)
        return SystemViews.list(PageContext(req), systems: systems, units: units, filter: filter, links: links)
    }

    func detail(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        return try await detailPage(req, system: system, upload: FormState())
    }

    /// The system page; `upload` keeps what was typed into the evidence upload form after an error.
    func detailPage(_ req: Request, system: Stored<AISystemInput>, upload: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let inventory = req.reads.inventory
        let model = SystemViews.Detail(
            system: system,
            unit: try? await inventory.orgUnit(system.value.orgUnitID),
            users: try await req.reads.users.list(),
            models: try await inventory.models(of: system.id),
            datasets: try await inventory.datasets(of: system.id),
            agents: try await inventory.agents(of: system.id),
            evidence: try await req.reads.evidence.list(of: system.id),
            upload: upload,
            canWrite: req.user.map { AccessPolicy.canWriteInventory($0.grants, inUnit: system.value.orgUnitID) } ?? false)
        return SystemViews.detail(PageContext(req), model, status: status)
    }

    func newForm(_ req: Request) async throws -> Response {
        var form = FormState(values: ["lifecycle_phase": LifecyclePhase.planning.rawValue,
                                      "status": SystemStatus.registered.rawValue,
                                      "owner_id": req.user?.id ?? ""])
        form.set("org_unit_id", req.query[String.self, at: "org_unit_id"] ?? "")
        return try await renderForm(req, form: form, editing: nil)
    }

    func create(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let input = try AISystemInput.validate(Self.raw(form))
            let system = try await req.writes.inventory.createSystem(input, phaseReason: form.optional("phase_reason"), context: req.actor)
            try await req.flash(req.t("flash.created"))
            return req.redirect(to: InventoryRoute.system(.init(system.id)).path)
        } catch let error as RinriError where error.kind == .invalid || error.kind == .conflict || error.kind == .forbidden {
            form.show(error, req.t)
            return try await renderForm(req, form: form, editing: nil, status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    func editForm(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        try AccessPolicy.checkInventoryWrite(req.actor, inUnit: system.value.orgUnitID)
        return try await renderForm(req, form: Self.form(system), editing: system.id)
    }

    func update(_ req: Request) async throws -> Response {
        let id = try req.id("systemID")
        var form = try FormState.posted(req)
        do {
            let input = try AISystemInput.validate(Self.raw(form))
            _ = try await req.writes.inventory.updateSystem(id, input, version: form.version(), phaseReason: form.optional("phase_reason"), context: req.actor)
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: InventoryRoute.system(.init(id)).path)
        } catch let error as RinriError where error.kind == .invalid || error.kind == .conflict || error.kind == .forbidden {
            form.show(error, req.t)
            if error.code == "gate_closed", let target = LifecyclePhase(rawValue: form["lifecycle_phase"]) {
                // Every reason the gate is closed, in the page's language.
                let blockers = try await req.reads.assessments.gate(systemID: id, to: target)
                form.formError = blockers.map { GateView.message(req.t, $0) }.joined(separator: " ")
            }
            return try await renderForm(req, form: form, editing: id, status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    func delete(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        try await req.writes.inventory.deleteSystem(req.id("systemID"), version: form.int("version"), context: req.actor)
        try await req.flash(req.t("flash.deleted"))
        return req.redirect(to: InventoryRoute.systems(query: [:]).path)
    }

    private func renderForm(_ req: Request, form: FormState, editing: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let units = try await req.reads.inventory.orgUnits()
        let users = try await req.reads.users.list()
        return SystemViews.form(PageContext(req), form: form, units: units, users: users, editing: editing, status: status)
    }

    static func raw(_ form: FormState) -> AISystemInput.Raw {
        .init(name: form["name"], purpose: form["purpose"], description: form["description"],
              orgUnitID: form["org_unit_id"], ownerID: form.optional("owner_id"), lifecyclePhase: form["lifecycle_phase"],
              status: form["status"], intendedUsers: form["intended_users"], affectedPeople: form["affected_people"],
              jurisdictions: form.list("jurisdictions"), usesBiometricData: form.checked("uses_biometric_data"),
              usesGenerativeAI: form.checked("uses_generative_ai"), usesAutonomousAgents: form.checked("uses_autonomous_agents"))
    }

    static func form(_ s: Stored<AISystemInput>) -> FormState {
        let v = s.value
        var values = ["name": v.name, "purpose": v.purpose, "description": v.description, "org_unit_id": v.orgUnitID,
                      "owner_id": v.ownerID ?? "", "lifecycle_phase": v.lifecyclePhase.rawValue, "status": v.status.rawValue,
                      "intended_users": v.intendedUsers, "affected_people": v.affectedPeople,
                      "jurisdictions": v.jurisdictions.joined(separator: ", "), "version": String(s.version)]
        if v.usesBiometricData { values["uses_biometric_data"] = "on" }
        if v.usesGenerativeAI { values["uses_generative_ai"] = "on" }
        if v.usesAutonomousAgents { values["uses_autonomous_agents"] = "on" }
        return FormState(values: values)
    }
}

import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Forms to add, edit and delete a system's models, datasets and agents.
struct ComponentPages: RouteHandlers {
    typealias Kind = InventoryRoute.ComponentKind

    func register(_ web: any RoutesBuilder) {
        for kind in Kind.allCases {
            let new = InventoryRoute.componentNew(kind, system: .parameter)
            let edit = InventoryRoute.componentEdit(kind, system: .parameter, id: .parameter)
            web.on(.GET, new, access: .permission(.writeInventory)) { try await newForm($0, kind) }
            web.on(.POST, new, access: .permission(.writeInventory)) { try await save($0, kind, id: nil) }
            web.on(.GET, edit, access: .permission(.writeInventory)) { try await editForm($0, kind) }
            web.on(.POST, edit, access: .permission(.writeInventory)) { req in
                try await save(req, kind, id: try req.id("itemID"))
            }
            web.on(.POST, InventoryRoute.componentDelete(kind, system: .parameter, id: .parameter), access: .permission(.writeInventory)) {
                try await delete($0, kind)
            }
        }
    }

    /// The system whose component form is shown, refused up front to someone who could not save it.
    private func writableSystem(_ req: Request) async throws -> Stored<AISystemInput> {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        try AccessPolicy.checkInventoryWrite(req.actor, inUnit: system.value.orgUnitID)
        return system
    }

    func newForm(_ req: Request, _ kind: Kind) async throws -> Response {
        let system = try await writableSystem(req)
        let defaults: [String: String] = ["accountable_owner_id": req.user?.id ?? ""]
        return try await render(req, kind, system: system, form: FormState(values: defaults), editing: nil)
    }

    func editForm(_ req: Request, _ kind: Kind) async throws -> Response {
        let system = try await writableSystem(req)
        let inventory = req.reads.inventory
        let id = try req.id("itemID")
        let values: [String: String]
        switch kind {
        case .models:
            let m = try await inventory.model(id, of: system.id)
            values = ["name": m.value.name, "model_version": m.value.modelVersion, "type": m.value.type.rawValue,
                      "training_data": m.value.trainingData, "version": String(m.version)]
        case .datasets:
            let d = try await inventory.dataset(id, of: system.id)
            var v = ["name": d.value.name, "source": d.value.source, "acquisition_method": d.value.acquisitionMethod.rawValue,
                     "version": String(d.version)]
            if d.value.containsPersonalData { v["contains_personal_data"] = "on" }
            if d.value.containsSensitiveData { v["contains_sensitive_data"] = "on" }
            if d.value.containsBiometricData { v["contains_biometric_data"] = "on" }
            if d.value.containsChildrenData { v["contains_children_data"] = "on" }
            values = v
        case .agents:
            let a = try await inventory.agent(id, of: system.id)
            values = ["name": a.value.name, "role": a.value.role, "accountable_owner_id": a.value.accountableOwnerID,
                      "autonomy_level": a.value.autonomyLevel.rawValue, "tools": a.value.tools.joined(separator: ", "),
                      "version": String(a.version)]
        }
        return try await render(req, kind, system: system, form: FormState(values: values), editing: id)
    }

    func save(_ req: Request, _ kind: Kind, id: String?) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        var form = try FormState.posted(req)
        let inventory = req.writes.inventory, context = req.actor
        do {
            let version = id == nil ? 0 : try form.version()
            switch kind {
            case .models:
                let input = try AIModelInput.validate(name: form["name"], modelVersion: form["model_version"],
                                                      type: form["type"], trainingData: form["training_data"])
                if let id { _ = try await inventory.updateModel(id, of: system.id, input, version: version, context: context) }
                else { _ = try await inventory.createModel(input, in: system.id, context: context) }
            case .datasets:
                let input = try DatasetInput.validate(
                    name: form["name"], source: form["source"], acquisitionMethod: form["acquisition_method"],
                    flags: (form.checked("contains_personal_data"), form.checked("contains_sensitive_data"),
                            form.checked("contains_biometric_data"), form.checked("contains_children_data")))
                if let id { _ = try await inventory.updateDataset(id, of: system.id, input, version: version, context: context) }
                else { _ = try await inventory.createDataset(input, in: system.id, context: context) }
            case .agents:
                let input = try AIAgentInput.validate(name: form["name"], role: form["role"],
                                                      accountableOwnerID: form["accountable_owner_id"],
                                                      autonomyLevel: form["autonomy_level"], tools: form.list("tools"))
                if let id { _ = try await inventory.updateAgent(id, of: system.id, input, version: version, context: context) }
                else { _ = try await inventory.createAgent(input, in: system.id, context: context) }
            }
            try await req.flash(req.t(id == nil ? "flash.created" : "flash.saved"))
            return req.redirect(to: InventoryRoute.system(.init(system.id)).path + "#\(kind.rawValue)")
        } catch let error as RinriError where error.kind == .invalid || error.kind == .conflict || error.kind == .forbidden {
            form.show(error, req.t)
            return try await render(req, kind, system: system, form: form, editing: id,
                                    status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    func delete(_ req: Request, _ kind: Kind) async throws -> Response {
        let system = try req.id("systemID"), id = try req.id("itemID"), context = req.actor, inventory = req.writes.inventory
        let version = try FormState.posted(req).version()
        switch kind {
        case .models: try await inventory.deleteModel(id, of: system, version: version, context: context)
        case .datasets: try await inventory.deleteDataset(id, of: system, version: version, context: context)
        case .agents: try await inventory.deleteAgent(id, of: system, version: version, context: context)
        }
        try await req.flash(req.t("flash.deleted"))
        return req.redirect(to: InventoryRoute.system(.init(system)).path + "#\(kind.rawValue)")
    }

    private func render(_ req: Request, _ kind: Kind, system: Stored<AISystemInput>, form: FormState, editing: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let users = kind == .agents ? try await req.reads.users.list() : []
        return ComponentViews.form(PageContext(req), kind: kind, system: system, form: form, users: users,
                                   editing: editing, status: status)
    }
}

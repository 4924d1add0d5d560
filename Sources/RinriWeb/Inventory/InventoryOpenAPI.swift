import Foundation
import RinriCore

/// Organisation units, AI systems and their models, datasets and agents: this feature's part of the OpenAPI description.
enum InventoryOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        var ops: [OpenAPIDocument.Operation] = [
            .init(method: "get", path: "/api/v1/org-units", summary: "List organisation units", tag: "inventory", response: "OrgUnitList", sortColumns: OrgUnitSort.allCases.map(\.rawValue)),
            .init(method: "post", path: "/api/v1/org-units", summary: "Create an organisation unit", tag: "inventory", request: "OrgUnitInput", response: "OrgUnit", status: 201),
            .init(method: "get", path: "/api/v1/org-units/{unitID}", summary: "One organisation unit", tag: "inventory", response: "OrgUnit"),
            .init(method: "put", path: "/api/v1/org-units/{unitID}", summary: "Replace an organisation unit (send the version you read)", tag: "inventory", request: "OrgUnitInput", response: "OrgUnit"),
            .init(method: "delete", path: "/api/v1/org-units/{unitID}", summary: "Delete an organisation unit with no systems or sub-units", tag: "inventory", status: 204),
            .init(method: "get", path: "/api/v1/systems", summary: "List AI systems (q, org_unit_id, phase filters)", tag: "inventory", response: "SystemList", sortColumns: SystemSort.allCases.map(\.rawValue)),
            .init(method: "post", path: "/api/v1/systems", summary: "Register an AI system", tag: "inventory", request: "SystemInput", response: "System", status: 201),
            .init(method: "get", path: "/api/v1/systems/{systemID}", summary: "One AI system", tag: "inventory", response: "System"),
            .init(method: "put", path: "/api/v1/systems/{systemID}", summary: "Replace an AI system (send the version you read)", tag: "inventory", request: "SystemInput", response: "System"),
            .init(method: "delete", path: "/api/v1/systems/{systemID}", summary: "Delete an AI system with its models, datasets and agents", tag: "inventory", status: 204),
        ]
        for (kind, schema) in [("models", "Model"), ("datasets", "Dataset"), ("agents", "Agent")] {
            let base = "/api/v1/systems/{systemID}/\(kind)"
            ops += [
                .init(method: "get", path: base, summary: "List the system's \(kind)", tag: "inventory", response: "\(schema)List"),
                .init(method: "post", path: base, summary: "Add to the system's \(kind)", tag: "inventory",
                      request: "\(schema)Input", response: schema, status: 201),
                .init(method: "get", path: base + "/{itemID}", summary: "One of the system's \(kind)", tag: "inventory", response: schema),
                .init(method: "put", path: base + "/{itemID}", summary: "Replace one of the system's \(kind) (send the version you read)",
                      tag: "inventory", request: "\(schema)Input", response: schema),
                .init(method: "delete", path: base + "/{itemID}", summary: "Delete one of the system's \(kind)", tag: "inventory", status: 204),
            ]
        }
        return ops
    }

    static var schemas: [String: Any] {

        let unitFields: [String: [String: Any]] = ["name": string, "kind": enumeration(OrgUnitKind.self), "country": string,
                                                   "parent_id": nullableString]
        let systemFields: [String: [String: Any]] = [
            "name": string, "purpose": string, "description": string, "org_unit_id": string, "owner_id": nullableString,
            "lifecycle_phase": enumeration(LifecyclePhase.self), "status": enumeration(SystemStatus.self),
            "intended_users": string, "affected_people": string, "jurisdictions": strings,
            "uses_biometric_data": boolean, "uses_generative_ai": boolean, "uses_autonomous_agents": boolean]
        let modelFields: [String: [String: Any]] = ["name": string, "model_version": string, "type": enumeration(ModelType.self),
                                                    "training_data": string]
        let datasetFields: [String: [String: Any]] = [
            "name": string, "source": string, "acquisition_method": enumeration(AcquisitionMethod.self),
            "contains_personal_data": boolean, "contains_sensitive_data": boolean, "contains_biometric_data": boolean,
            "contains_children_data": boolean]
        let agentFields: [String: [String: Any]] = ["name": string, "role": string, "accountable_owner_id": string,
                                                    "autonomy_level": enumeration(AutonomyLevel.self), "tools": strings]
        func input(_ fields: [String: [String: Any]], required: [String]) -> [String: Any] {
            object(fields.merging(["version": ["type": "integer", "description": "required on PUT: the version you read"]]) { a, _ in a },
                   required: required)
        }
        func output(_ fields: [String: [String: Any]], extra: [String: [String: Any]] = [:]) -> [String: Any] {
            let all = fields.merging(stamps) { a, _ in a }.merging(extra) { a, _ in a }
            return object(all, required: all.keys.sorted())
        }
        let system = ["system_id": string]
        return [
            "OrgUnitInput": input(unitFields, required: ["name", "kind", "country"]),
            "OrgUnit": output(unitFields), "OrgUnitList": page("OrgUnit"),
            "SystemInput": input(systemFields.merging(["phase_reason": ["type": "string",
                "description": "the governance office's reason for registering a system past planning or bringing a retired one back (audited)"]]) { a, _ in a },
                                 required: ["name", "purpose", "org_unit_id"]),
            "System": output(systemFields), "SystemList": page("System"),
            "ModelInput": input(modelFields, required: ["name", "model_version", "type"]),
            "Model": output(modelFields, extra: system), "ModelList": list("Model"),
            "DatasetInput": input(datasetFields, required: ["name", "acquisition_method"]),
            "Dataset": output(datasetFields, extra: system), "DatasetList": list("Dataset"),
            "AgentInput": input(agentFields, required: ["name", "role", "accountable_owner_id", "autonomy_level"]),
            "Agent": output(agentFields, extra: system), "AgentList": list("Agent"),
        ]
    }
}

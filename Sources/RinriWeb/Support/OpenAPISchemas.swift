import RinriCore

/// JSON schemas of the API's request and response bodies.
enum OpenAPISchemas {
    static func object(_ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }
    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let nullableString: [String: Any] = ["type": ["string", "null"]]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]
    nonisolated(unsafe) static let boolean: [String: Any] = ["type": "boolean"]
    nonisolated(unsafe) static let dateTime: [String: Any] = ["type": "string", "format": "date-time"]
    nonisolated(unsafe) static let strings: [String: Any] = ["type": "array", "items": string]
    static func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [String: Any] where E.RawValue == String {
        ["type": "string", "enum": E.allCases.map(\.rawValue)]
    }
    static func list(_ name: String) -> [String: Any] { ["type": "array", "items": ["$ref": "#/components/schemas/\(name)"]] }
    nonisolated(unsafe) static let stamps: [String: [String: Any]] = ["id": string, "version": integer, "created_at": dateTime, "updated_at": dateTime]

    static var all: [String: Any] {
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
            "Error": object(["error": object(["code": string, "message": string, "field": nullableString,
                                              "issues": ["type": "array", "items": object(["field": string, "code": string, "message": string])]],
                                             required: ["code", "message", "field"])], required: ["error"]),
            "LoginRequest": object(["email": string, "password": string], required: ["email", "password"]),
            "LoginResponse": object(["token": string, "expires_at": dateTime, "user": ["$ref": "#/components/schemas/User"]],
                                    required: ["token", "expires_at", "user"]),
            "User": object(["id": string, "email": string, "name": string, "language": nullableString, "is_active": boolean,
                            "roles": ["type": "array", "items": ["type": "string",
                                      "description": "role, reviewer:domain or role@org_unit_id"]]]),
            "UserList": list("User"),
            "UpdateUser": object(["name": string, "roles": strings, "is_active": boolean]),
            "CreateUser": object(["email": string, "name": string, "password": string, "roles": strings],
                                 required: ["email", "name", "password", "roles"]),
            "Token": object(["id": string, "name": string, "prefix": string, "created_at": dateTime,
                             "expires_at": ["type": ["string", "null"], "format": "date-time"],
                             "last_used_at": ["type": ["string", "null"], "format": "date-time"],
                             "revoked_at": ["type": ["string", "null"], "format": "date-time"]]),
            "TokenList": list("Token"),
            "CreateToken": object(["name": string, "expires_in_days": integer], required: ["name"]),
            "CreatedToken": object(["token": string, "info": ["$ref": "#/components/schemas/Token"]]),
            "OrgUnitInput": input(unitFields, required: ["name", "kind", "country"]),
            "OrgUnit": output(unitFields), "OrgUnitList": list("OrgUnit"),
            "SystemInput": input(systemFields.merging(["phase_reason": ["type": "string",
                "description": "the governance office's reason for registering a system past planning or bringing a retired one back (audited)"]]) { a, _ in a },
                                 required: ["name", "purpose", "org_unit_id"]),
            "System": output(systemFields), "SystemList": list("System"),
            "ModelInput": input(modelFields, required: ["name", "model_version", "type"]),
            "Model": output(modelFields, extra: system), "ModelList": list("Model"),
            "DatasetInput": input(datasetFields, required: ["name", "acquisition_method"]),
            "Dataset": output(datasetFields, extra: system), "DatasetList": list("Dataset"),
            "AgentInput": input(agentFields, required: ["name", "role", "accountable_owner_id", "autonomy_level"]),
            "Agent": output(agentFields, extra: system), "AgentList": list("Agent"),
            "AuditEvent": object(["seq": integer, "occurred_at": string, "actor_id": nullableString, "actor_label": string,
                                  "action": enumeration(AuditAction.self), "entity_type": string, "entity_id": string,
                                  "changes": ["type": "object"], "request_id": nullableString, "previous_hash": string, "hash": string]),
            "AuditPage": object(["items": list("AuditEvent"), "page": integer, "per_page": integer, "total": integer]),
            "EvidenceSubmission": object(["kind": enumeration(EvidenceKind.self), "title": string, "command": string,
                                          "rinri_version": string, "input_sha256": nullableString, "input_rows": integer,
                                          "assessment_id": nullableString, "question_id": nullableString,
                                          "report": ["type": "object", "description": "the JSON rinri wrote (FairnessReport or data profile)"]],
                                         required: ["report"]),
            "Evidence": object(["id": string, "system_id": string, "kind": enumeration(EvidenceKind.self), "title": string,
                                "passed": ["type": ["boolean", "null"]], "command": string, "rinri_version": string,
                                "input_sha256": nullableString, "input_rows": integer, "assessment_id": nullableString,
                                "question_id": nullableString, "source": ["type": ["string", "null"], "description": "api (reported by its submitter), page (attached by a user), job (computed by Rinri)"],
                                "submitted_by": nullableString, "created_at": dateTime, "report": ["type": "object"]]),
            "EvidenceList": list("Evidence"),
            "AuditVerify": object(["ok": boolean, "checked": integer, "first_bad_seq": ["type": ["integer", "null"]],
                                   "reason": nullableString]),
        ]
    }
}

import Foundation
import RinriCore
import Vapor

/// The hand-written OpenAPI 3.1 description served at `/api/v1/openapi.json`.
///
/// A test fails when a registered API route is missing here, so the document
/// and the routes cannot drift apart silently.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        var request: String?
        var response: String?
        var status: Int = 200
        var isPublic = false
    }

    static let operations: [Operation] = {
        var ops: [Operation] = [
            .init(method: "post", path: "/api/v1/auth/login", summary: "Exchange e-mail and password for an API token (30 days)",
                  tag: "auth", request: "LoginRequest", response: "LoginResponse", isPublic: true),
            .init(method: "get", path: "/api/v1/me", summary: "The caller's account", tag: "auth", response: "User"),
            .init(method: "get", path: "/api/v1/tokens", summary: "The caller's personal API tokens", tag: "auth", response: "TokenList"),
            .init(method: "post", path: "/api/v1/tokens", summary: "Create a personal API token (the secret is returned once)",
                  tag: "auth", request: "CreateToken", response: "CreatedToken", status: 201),
            .init(method: "delete", path: "/api/v1/tokens/{tokenID}", summary: "Revoke one of the caller's tokens", tag: "auth", status: 204),
            .init(method: "get", path: "/api/v1/org-units", summary: "List organisation units", tag: "inventory", response: "OrgUnitList"),
            .init(method: "post", path: "/api/v1/org-units", summary: "Create an organisation unit", tag: "inventory",
                  request: "OrgUnitInput", response: "OrgUnit", status: 201),
            .init(method: "get", path: "/api/v1/org-units/{unitID}", summary: "One organisation unit", tag: "inventory", response: "OrgUnit"),
            .init(method: "put", path: "/api/v1/org-units/{unitID}", summary: "Replace an organisation unit (send the version you read)",
                  tag: "inventory", request: "OrgUnitInput", response: "OrgUnit"),
            .init(method: "delete", path: "/api/v1/org-units/{unitID}", summary: "Delete an organisation unit with no systems or sub-units",
                  tag: "inventory", status: 204),
            .init(method: "get", path: "/api/v1/systems", summary: "List AI systems (q, org_unit_id, phase filters)", tag: "inventory",
                  response: "SystemList"),
            .init(method: "post", path: "/api/v1/systems", summary: "Register an AI system", tag: "inventory",
                  request: "SystemInput", response: "System", status: 201),
            .init(method: "get", path: "/api/v1/systems/{systemID}", summary: "One AI system", tag: "inventory", response: "System"),
            .init(method: "put", path: "/api/v1/systems/{systemID}", summary: "Replace an AI system (send the version you read)",
                  tag: "inventory", request: "SystemInput", response: "System"),
            .init(method: "delete", path: "/api/v1/systems/{systemID}", summary: "Delete an AI system with its models, datasets and agents",
                  tag: "inventory", status: 204),
            .init(method: "get", path: "/api/v1/audit", summary: "Read the audit log, newest first (entity_type, entity_id, actor_id, page, per_page)",
                  tag: "audit", response: "AuditPage"),
            .init(method: "get", path: "/api/v1/audit/verify", summary: "Recompute the audit hash chain", tag: "audit", response: "AuditVerify"),
            .init(method: "get", path: "/api/v1/users", summary: "List users and their roles", tag: "users", response: "UserList"),
            .init(method: "post", path: "/api/v1/users", summary: "Create a user", tag: "users", request: "CreateUser", response: "User", status: 201),
            .init(method: "put", path: "/api/v1/users/{userID}", summary: "Change a user's name, roles or active state (absent fields stay)",
                  tag: "users", request: "UpdateUser", response: "User"),
            .init(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "meta", isPublic: true),
        ]
        let evidence = "/api/v1/systems/{systemID}/evidence"
        ops += [
            .init(method: "get", path: evidence, summary: "List the system's evidence (without the reports)", tag: "evidence",
                  response: "EvidenceList"),
            .init(method: "post", path: evidence, summary: "Store a technical assessment result as evidence (what `rinri assess fairness --submit` sends)",
                  tag: "evidence", request: "EvidenceSubmission", response: "Evidence", status: 201),
            .init(method: "get", path: evidence + "/{evidenceID}", summary: "One evidence record with its report", tag: "evidence",
                  response: "Evidence"),
            .init(method: "delete", path: evidence + "/{evidenceID}", summary: "Delete an evidence record", tag: "evidence", status: 204),
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
        return ops + GovernanceOpenAPI.operations
    }()

    static func response(for app: Application) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var operation: [String: Any] = ["summary": op.summary, "tags": [op.tag],
                                            "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_")]
            let parameters = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { name -> [String: Any] in
                let parameter = String(name.dropFirst().dropLast())
                let isUUID = parameter.hasSuffix("ID") && parameter != "templateID"
                return ["name": parameter, "in": "path", "required": true,
                        "schema": isUUID ? ["type": "string", "format": "uuid"] : ["type": "string"]]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let request = op.request {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(request)"]]]]
            }
            var responses: [String: Any] = [:]
            if let response = op.response {
                responses[String(op.status)] = ["description": "success",
                                                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(response)"]]]]
            } else {
                responses[String(op.status)] = ["description": "success"]
            }
            for (code, text) in [("400", "malformed request"), ("401", "no or bad credentials"), ("403", "your roles do not allow this"),
                                 ("404", "not found"), ("409", "conflict, e.g. a stale version"), ("422", "an invalid field")] {
                if op.isPublic && (code == "401" || code == "403") { continue }
                responses[code] = ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            }
            if op.path.hasSuffix("/auth/login") {
                responses["429"] = ["description": "too many failed logins for this e-mail; wait 15 minutes",
                                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            }
            operation["responses"] = responses
            if op.isPublic { operation["security"] = [[String: Any]]() }
            paths[op.path, default: [:]][op.method] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Rinri API", "version": rinriVersion,
                     "description": "AI ethics governance: inventory, governance workflow (bodies, check sheets, assessments, risk register, coverage), evidence, audit log and accounts. Authenticate with `Authorization: Bearer <token>`; get a token from POST /api/v1/auth/login or the account page."],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                           "schemas": OpenAPISchemas.all.merging(GovernanceOpenAPI.schemas) { a, _ in a }],
        ]
    }
}

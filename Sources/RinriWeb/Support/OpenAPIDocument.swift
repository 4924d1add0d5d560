import Foundation
import RinriCore
import RinriWire
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
        /// Whether the request body may be left out (the operation then takes its defaults).
        var bodyOptional = false
        /// For a paginated list: the columns `sort` takes (then `page`, `per_page`, `sort` and `q` are documented).
        var sortColumns: [String]? = nil
    }

    /// The query parameters of a paginated list (``Listing``).
    static func listingParameters(_ columns: [String]) -> [[String: Any]] {
        let sorts = columns + columns.map { "-" + $0 }
        return [
            ["name": "page", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": ListLimits.maxPage]],
            ["name": "per_page", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": ListLimits.maxPerPage]],
            ["name": "sort", "in": "query", "required": false, "schema": ["type": "string", "enum": sorts]],
            ["name": "q", "in": "query", "required": false, "schema": ["type": "string", "maxLength": 200]],
        ]
    }

    /// Every feature's part, in the order the document lists them.
    nonisolated(unsafe) static let parts: [any OpenAPIPart.Type] = [AccountOpenAPI.self, AuditOpenAPI.self, InventoryOpenAPI.self, EvidenceOpenAPI.self,
                                                GovernanceOpenAPI.self, CoverageOpenAPI.self, AssessmentOpenAPI.self, RiskOpenAPI.self]

    static var operations: [Operation] {
        [.init(method: "get", path: AppRoute.openAPI.path, summary: "This document", tag: "meta", isPublic: true)] + parts.flatMap { $0.operations }
    }

    /// The document as served: built once, since it describes the code.
    static let json: Data = (try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()

    static func response() -> Response {
        let response = Response(status: .ok, body: .init(data: json))
        response.headers.contentType = .json
        return response
    }

    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var operation: [String: Any] = ["summary": op.summary, "tags": [op.tag],
                                            "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_")]
            var parameters = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { name -> [String: Any] in
                let parameter = String(name.dropFirst().dropLast())
                let isUUID = parameter.hasSuffix("ID") && parameter != "templateID"
                return ["name": parameter, "in": "path", "required": true,
                        "schema": isUUID ? ["type": "string", "format": "uuid"] : ["type": "string"]]
            }
            if let columns = op.sortColumns { parameters += listingParameters(columns) }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let request = op.request {
                operation["requestBody"] = ["required": !op.bodyOptional,
                                            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(request)"]]]]
            }
            var responses: [String: Any] = [:]
            if let response = op.response {
                responses[String(op.status)] = ["description": "success",
                                                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(response)"]]]]
            } else {
                responses[String(op.status)] = ["description": "success"]
            }
            let isLogin = op.path.hasSuffix("/auth/login")
            var failures = [("400", "malformed request"), ("404", "not found"), ("409", "conflict, e.g. a stale version"),
                            ("422", "an invalid field")]
            if !op.isPublic || isLogin { failures += [("401", "no or bad credentials"), ("403", "your roles do not allow this")] }
            if op.request != nil {
                failures += [("413", "the body is larger than this operation accepts"), ("415", "the body is not JSON")]
            }
            if isLogin { failures.append(("429", "too many failed logins from this address; wait as Retry-After says")) }
            for (code, text) in failures {
                responses[code] = ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
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
                           "schemas": requestSchemasAcceptNull(parts.reduce(["Error": OpenAPISchemas.error]) { $0.merging($1.schemas) { a, _ in a } },
                                                               requests: Set(operations.compactMap(\.request)))],
        ]
    }

    /// The API reads `null` as "not given" in every request body (JSONNulls), so each optional field of
    /// a request schema also accepts null; the document says what the server does.
    static func requestSchemasAcceptNull(_ schemas: [String: Any], requests: Set<String>) -> [String: Any] {
        var result = schemas
        for name in requests {
            guard var schema = schemas[name] as? [String: Any], var properties = schema["properties"] as? [String: Any] else { continue }
            let required = Set(schema["required"] as? [String] ?? [])
            for (field, value) in properties where !required.contains(field) {
                if let property = value as? [String: Any] { properties[field] = OpenAPISchemas.nullable(property) }
            }
            schema["properties"] = properties
            result[name] = schema
        }
        return result
    }
}

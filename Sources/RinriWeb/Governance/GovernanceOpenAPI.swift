import Foundation
import RinriCore

/// Governance bodies, the approval policy, principles, check-sheet templates and framework changes: this feature's part of the OpenAPI description.
enum GovernanceOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "get", path: "/api/v1/governance/bodies", summary: "Governance bodies with members and reporting lines", tag: "governance", response: "BodyList"),
            .init(method: "post", path: "/api/v1/governance/bodies", summary: "Create a governance body", tag: "governance", request: "BodyInput", response: "Body", status: 201),
            .init(method: "put", path: "/api/v1/governance/bodies/{key}", summary: "Edit a body (send the version you read; the key cannot change)", tag: "governance", request: "BodyInput", response: "Body"),
            .init(method: "put", path: "/api/v1/governance/bodies/{key}/members/{userID}", summary: "Appoint a user (chair, member or secretary); the caller is recorded as appointer", tag: "governance", request: "Appointment", response: "Body"),
            .init(method: "delete", path: "/api/v1/governance/bodies/{key}/members/{userID}", summary: "Remove a member", tag: "governance", status: 204),
            .init(method: "get", path: "/api/v1/governance/approval-policy", summary: "The approval policy in force (YAML and parsed)", tag: "governance", response: "ApprovalPolicy"),
            .init(method: "put", path: "/api/v1/governance/approval-policy", summary: "Replace the approval policy (validated: every level routed in every phase)", tag: "governance", request: "ApprovalPolicyInput", response: "ApprovalPolicy"),
            .init(method: "get", path: "/api/v1/principles", summary: "Principles in force (history=true for every version)", tag: "governance", response: "PrincipleList"),
            .init(method: "put", path: "/api/v1/principles/{code}", summary: "Record a new version of a principle", tag: "governance", request: "Principle", response: "Principle"),
            .init(method: "get", path: "/api/v1/check-sheets", summary: "Check-sheet template versions (active=true for those in use)", tag: "governance", response: "TemplateList"),
            .init(method: "post", path: "/api/v1/check-sheets", summary: "Import a template (YAML body, or JSON {yaml, file_name}); 422 lists file:line problems", tag: "governance", request: "TemplateImport", response: "TemplateImportResult", status: 201),
            .init(method: "get", path: "/api/v1/check-sheets/{templateID}", summary: "Export a template's YAML (active version, or ?version=)", tag: "governance"),
            .init(method: "post", path: "/api/v1/framework-changes", summary: "Record a changed framework provision; approvals that cited it are re-opened", tag: "governance", request: "FrameworkChange", response: "Reopened", status: 201),
        ]
    }

    static var schemas: [String: Any] {
        typealias S = OpenAPISchemas
        let s = S.string, n = S.nullableString, i = S.integer, b = S.boolean, strings = S.strings
        let levels = S.enumeration(RiskLevel.self)
        return [
            "Body": S.object(["id": s, "key": s, "kind": S.enumeration(BodyKind.self), "name_en": s, "name_ja": s, "mandate_en": s, "mandate_ja": s,
                              "reports_to": n, "members": ["type": "array"], "version": i]),
            "BodyList": S.list("Body"),
            "BodyInput": S.object(["key": s, "kind": S.enumeration(BodyKind.self), "name_en": s, "name_ja": s, "mandate_en": s, "mandate_ja": s,
                                   "reports_to": n, "version": i], required: ["key", "kind", "name_en", "name_ja"]),
            "Appointment": S.object(["role": S.enumeration(MemberRole.self)], required: ["role"]),
            "ApprovalPolicy": S.object(["version": i, "yaml": s, "countermeasures_required_at": ["type": "array", "items": levels], "rules": ["type": "array"]]),
            "ApprovalPolicyInput": S.object(["yaml": s, "version": i], required: ["yaml", "version"]),
            "Principle": S.object(["id": s, "version": s, "source": S.enumeration(PrincipleSource.self), "title_en": s, "title_ja": s,
                                   "summary_en": s, "summary_ja": s, "frameworks": strings], required: ["version", "source", "title_en", "title_ja"]),
            "PrincipleList": S.list("Principle"),
            "Template": S.object(["id": s, "version": s, "kind": S.enumeration(CheckSheetKind.self), "title_en": s, "title_ja": s,
                                  "question_count": i, "is_active": b, "phases": strings]),
            "TemplateList": S.list("Template"),
            "TemplateImport": S.object(["yaml": s, "file_name": s], required: ["yaml"]),
            "TemplateImportResult": S.object(["template": ["$ref": "#/components/schemas/Template"], "warnings": strings]),
            "FrameworkChange": S.object(["ref": s, "summary": s], required: ["ref", "summary"]),
            "Reopened": S.object(["reopened": strings]),
        ]
    }
}

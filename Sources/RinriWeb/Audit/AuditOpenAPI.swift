import Foundation
import RinriCore

/// The audit log and its verification: this feature's part of the OpenAPI description.
enum AuditOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "get", path: "/api/v1/audit", summary: "Read the audit log, newest first (entity_type, entity_id, actor_id, page, per_page)", tag: "audit", response: "AuditPage"),
            .init(method: "get", path: "/api/v1/audit/verify", summary: "Recompute the audit hash chain", tag: "audit", response: "AuditVerify"),
        ]
    }

    static var schemas: [String: Any] {

        return [
            "AuditEvent": object(["seq": integer, "occurred_at": string, "actor_id": nullableString, "actor_label": string,
                                  "action": enumeration(AuditAction.self), "entity_type": string, "entity_id": string,
                                  "changes": ["type": "object"], "request_id": nullableString, "previous_hash": string, "hash": string]),
            "AuditPage": object(["items": list("AuditEvent"), "page": integer, "per_page": integer, "total": integer]),
            "AuditVerify": object(["ok": boolean, "checked": integer, "first_bad_seq": ["type": ["integer", "null"]],
                                   "reason": nullableString]),
        ]
    }
}

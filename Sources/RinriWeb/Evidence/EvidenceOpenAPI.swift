import Foundation
import RinriCore

/// Evidence records of a system: this feature's part of the OpenAPI description.
enum EvidenceOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "get", path: "/api/v1/systems/{systemID}/evidence", summary: "List the system's evidence (without the reports)", tag: "evidence", response: "EvidenceList", sortColumns: EvidenceSort.allCases.map(\.rawValue)),
            .init(method: "post", path: "/api/v1/systems/{systemID}/evidence", summary: "Store a technical assessment result as evidence (what `rinri assess fairness --submit` sends)", tag: "evidence", request: "EvidenceSubmission", response: "Evidence", status: 201),
            .init(method: "get", path: "/api/v1/systems/{systemID}/evidence/{evidenceID}", summary: "One evidence record with its report", tag: "evidence", response: "Evidence"),
            .init(method: "delete", path: "/api/v1/systems/{systemID}/evidence/{evidenceID}", summary: "Delete an evidence record", tag: "evidence", status: 204),
        ]
    }

    static var schemas: [String: Any] {

        return [
            "EvidenceSubmission": object(["kind": enumeration(EvidenceKind.self), "title": string, "command": string,
                                          "rinri_version": string, "input_sha256": nullableString, "input_rows": integer,
                                          "assessment_id": nullableString, "question_id": nullableString,
                                          "report": ["type": "object", "description": "the JSON rinri wrote (FairnessReport or data profile)"]],
                                         required: ["report"]),
            "Evidence": object(["id": string, "system_id": string, "kind": enumeration(EvidenceKind.self), "title": string,
                                "passed": ["type": ["boolean", "null"]], "command": string, "rinri_version": string,
                                "input_sha256": nullableString, "input_rows": integer, "assessment_id": nullableString,
                                "question_id": nullableString, "source": ["type": ["string", "null"], "description": "api (reported by its submitter), page (attached by a user), job (computed by Rinri)"],
                                "submitted_by": nullableString, "created_at": dateTime,
                                "report": ["type": ["object", "null"], "description": "the report itself; null in lists"]]),
            "EvidenceList": page("Evidence"),
        ]
    }
}

import Foundation
import RinriCore

/// Assessments, the gate, re-assessments, follow-up actions and the work queue: this feature's part of the OpenAPI description.
enum AssessmentOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "get", path: "/api/v1/systems/{systemID}/assessments", summary: "The system's assessments, newest first", tag: "assessments", response: "AssessmentList", sortColumns: AssessmentSort.allCases.map(\.rawValue)),
            .init(method: "post", path: "/api/v1/systems/{systemID}/assessments", summary: "Open a draft assessment for the current (or given) phase", tag: "assessments", request: "OpenAssessment", response: "Assessment", status: 201, bodyOptional: true),
            .init(method: "get", path: "/api/v1/systems/{systemID}/gate", summary: "What keeps the system from the next phase (or ?to=)", tag: "assessments", response: "Gate"),
            .init(method: "post", path: "/api/v1/systems/{systemID}/reassessments", summary: "Re-open approvals for a linked incident or by hand", tag: "assessments", request: "Reassessment", response: "Reopened", status: 201),
            .init(method: "get", path: "/api/v1/assessments/{assessmentID}", summary: "One assessment with its sheets, evaluation, reviews, votes and actions", tag: "assessments", response: "Assessment"),
            .init(method: "put", path: "/api/v1/assessments/{assessmentID}/sheets/{templateID}", summary: "Save answers of one sheet (null clears; send the version you read)", tag: "assessments", request: "Answers", response: "Assessment"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/transitions", summary: "submit, withdraw, start_review or reopen", tag: "assessments", request: "Transition", response: "Assessment"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/votes", summary: "Cast or change a committee member's vote", tag: "assessments", request: "VoteInput", response: "Assessment"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/decision", summary: "Decide: approve, approve_with_conditions (conditions become actions) or reject", tag: "assessments", request: "Decision", response: "Assessment"),
            .init(method: "get", path: "/api/v1/actions", summary: "Follow-up actions (system_id, status=open)", tag: "assessments", response: "ActionList", sortColumns: ActionSort.allCases.map(\.rawValue)),
            .init(method: "post", path: "/api/v1/actions/{actionID}/report", summary: "Report a follow-up action done, with a note and evidence (its owner or the system's owner)", tag: "assessments", request: "ReportAction", response: "Action"),
            .init(method: "post", path: "/api/v1/actions/{actionID}/confirm", summary: "Confirm a reported action: it becomes done (the case's decider or the office)", tag: "assessments", request: "ConfirmAction", response: "Action"),
            .init(method: "post", path: "/api/v1/actions/{actionID}/return", summary: "Send a reported action back to open, saying what is missing", tag: "assessments", request: "ConfirmAction", response: "Action"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/reclassification", summary: "The governance office's reasoned re-classification of the EU AI Act screening", tag: "assessments", request: "Reclassification", response: "Assessment"),
            .init(method: "get", path: "/api/v1/queue", summary: "Reviews, decisions and confirmations waiting for the caller", tag: "assessments", response: "Queue"),
        ]
    }

    static var schemas: [String: Any] {
        typealias S = OpenAPISchemas
        let s = S.string, n = S.nullableString, i = S.integer, b = S.boolean, strings = S.strings
        let answer: [String: Any] = ["description": "a string (yes/no/na, option id, text, YYYY-MM-DD), a number, a list of option ids, or null to clear"]
        let sheet = S.object(["template_id": s, "template_version": s, "kind": S.enumeration(CheckSheetKind.self), "review_domain": n,
                              "title_en": s, "title_ja": s, "applying_sections": strings, "applying_questions": strings,
                              "answers": ["type": "object", "additionalProperties": answer], "unanswered": strings, "missing_evidence": strings,
                              "complete": b, "risks_raised": ["type": "array"], "outcomes": ["type": "array"], "review_conclusion": n])
        let item = S.object(["id": s, "version": i, "system_id": s, "system_name": s, "phase": S.enumeration(LifecyclePhase.self),
                             "state": S.enumeration(AssessmentState.self), "route": n, "case_level": n, "stale_reason": n,
                             "pending_reviews": strings, "updated_at": S.dateTime])
        let action = S.object(["id": s, "version": i, "assessment_id": s, "system_id": s, "title": s, "owner_id": n, "due_date": n,
                               "blocking": b, "status": S.enumeration(ActionStatus.self), "note": s, "source": s, "reported_by": n,
                               "report_evidence": strings, "confirmed_by": n, "confirmed_at": ["type": ["string", "null"], "format": "date-time"],
                               "confirmation_note": n])
        return [
            "AssessmentList": S.object(["items": ["type": "array", "items": item], "page": S.integer, "per_page": S.integer, "total": S.integer], required: ["items", "page", "per_page", "total"]),
            "OpenAssessment": S.object(["phase": S.enumeration(LifecyclePhase.self)]),
            "Gate": S.object(["from": s, "to": s, "open": b, "blockers": ["type": "array", "items": S.object(["code": s, "message": s])]]),
            "Reassessment": S.object(["trigger": S.enumeration(ReassessmentTrigger.self), "detail": s], required: ["trigger", "detail"]),
            "Assessment": S.object(["id": s, "version": i, "system_id": s, "system_name": s, "phase": s, "state": S.enumeration(AssessmentState.self),
                                    "route": n, "body_key": n, "quorum": ["type": ["integer", "null"]], "case_level": n, "stale_reason": n,
                                    "supersedes_id": n, "rationale": n, "evidence_seen": strings, "risk_tier": S.enumeration(RiskTier.self),
                                    "screening_tier": n, "reclassification": ["type": ["object", "null"]],
                                    "submitted_by": n, "authors": strings, "panel": ["type": "array"], "review_overrides": ["type": "array"],
                                    "complete": b, "answered": i, "applying": i, "pending_reviews": strings,
                                    "sheets": ["type": "array", "items": sheet], "reviews": ["type": "array", "items": sheet],
                                    "votes": ["type": "array"], "actions": ["type": "array", "items": action],
                                    "created_at": S.dateTime, "updated_at": S.dateTime, "decided_at": ["type": ["string", "null"], "format": "date-time"]]),
            "Answers": S.object(["version": i, "answers": ["type": "object", "additionalProperties": answer]], required: ["version", "answers"]),
            "Transition": S.object(["transition": S.enumeration(AssessmentTransition.self), "version": i], required: ["transition", "version"]),
            "VoteInput": S.object(["vote": S.enumeration(Vote.self), "comment": s], required: ["vote"]),
            "Decision": S.object(["outcome": s, "rationale": s, "evidence_seen": strings, "version": i,
                                  "conditions": ["type": "array", "items": S.object(["title": s, "owner_id": s, "due_date": s, "blocking": b], required: ["title"])],
                                  "override_reviews": ["type": "array", "items": S.object(["domain": S.enumeration(ReviewDomain.self), "reason": s],
                                                                                         required: ["domain", "reason"])]],
                                 required: ["outcome", "rationale", "version"]),
            "Action": action, "ActionList": S.page("Action"),
            "ReportAction": S.object(["note": s, "evidence_ids": strings, "version": i], required: ["note", "version"]),
            "ConfirmAction": S.object(["note": s, "version": i], required: ["version"]),
            "Reclassification": S.object(["tier": S.enumeration(RiskTier.self), "reason": s, "version": i], required: ["tier", "reason", "version"]),
            "Queue": S.object(["reviews": ["type": "array", "items": item], "decisions": ["type": "array", "items": item],
                               "confirmations": ["type": "array", "items": action],
                               "more": ["type": "array", "items": S.enumeration(WorkQueue.Section.self)]]),
        ]
    }
}

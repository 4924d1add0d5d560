import Foundation
import RinriCore

/// The governance workflow's part of the OpenAPI description.
enum GovernanceOpenAPI {
    typealias Operation = OpenAPIDocument.Operation

    static let operations: [Operation] = {
        let g = "governance", a = "assessments", r = "risks"
        return [
            .init(method: "get", path: "/api/v1/governance/bodies", summary: "Governance bodies with members and reporting lines", tag: g, response: "BodyList"),
            .init(method: "post", path: "/api/v1/governance/bodies", summary: "Create a governance body", tag: g, request: "BodyInput", response: "Body", status: 201),
            .init(method: "put", path: "/api/v1/governance/bodies/{key}", summary: "Edit a body (send the version you read; the key cannot change)",
                  tag: g, request: "BodyInput", response: "Body"),
            .init(method: "put", path: "/api/v1/governance/bodies/{key}/members/{userID}", summary: "Appoint a user (chair, member or secretary); the caller is recorded as appointer",
                  tag: g, request: "Appointment", response: "Body"),
            .init(method: "delete", path: "/api/v1/governance/bodies/{key}/members/{userID}", summary: "Remove a member", tag: g, status: 204),
            .init(method: "get", path: "/api/v1/governance/approval-policy", summary: "The approval policy in force (YAML and parsed)", tag: g, response: "ApprovalPolicy"),
            .init(method: "put", path: "/api/v1/governance/approval-policy", summary: "Replace the approval policy (validated: every level routed in every phase)",
                  tag: g, request: "ApprovalPolicyInput", response: "ApprovalPolicy"),
            .init(method: "get", path: "/api/v1/principles", summary: "Principles in force (history=true for every version)", tag: g, response: "PrincipleList"),
            .init(method: "put", path: "/api/v1/principles/{code}", summary: "Record a new version of a principle", tag: g, request: "Principle", response: "Principle"),
            .init(method: "get", path: "/api/v1/check-sheets", summary: "Check-sheet template versions (active=true for those in use)", tag: g, response: "TemplateList"),
            .init(method: "post", path: "/api/v1/check-sheets", summary: "Import a template (YAML body, or JSON {yaml, file_name}); 422 lists file:line problems",
                  tag: g, request: "TemplateImport", response: "TemplateImportResult", status: 201),
            .init(method: "get", path: "/api/v1/check-sheets/{templateID}", summary: "Export a template's YAML (active version, or ?version=)", tag: g),
            .init(method: "post", path: "/api/v1/framework-changes", summary: "Record a changed framework provision; approvals that cited it are re-opened",
                  tag: g, request: "FrameworkChange", response: "Reopened", status: 201),
            .init(method: "get", path: "/api/v1/coverage", summary: "Framework coverage of the organisation", tag: g, response: "OrganisationCoverage"),
            .init(method: "get", path: "/api/v1/systems/{systemID}/coverage", summary: "Framework coverage of one system", tag: g, response: "Coverage"),
            .init(method: "get", path: "/api/v1/systems/{systemID}/assessments", summary: "The system's assessments, newest first", tag: a, response: "AssessmentList"),
            .init(method: "post", path: "/api/v1/systems/{systemID}/assessments", summary: "Open a draft assessment for the current (or given) phase",
                  tag: a, request: "OpenAssessment", response: "Assessment", status: 201),
            .init(method: "get", path: "/api/v1/systems/{systemID}/gate", summary: "What keeps the system from the next phase (or ?to=)", tag: a, response: "Gate"),
            .init(method: "post", path: "/api/v1/systems/{systemID}/reassessments", summary: "Re-open approvals for a linked incident or by hand",
                  tag: a, request: "Reassessment", response: "Reopened", status: 201),
            .init(method: "get", path: "/api/v1/assessments/{assessmentID}", summary: "One assessment with its sheets, evaluation, reviews, votes and actions",
                  tag: a, response: "Assessment"),
            .init(method: "put", path: "/api/v1/assessments/{assessmentID}/sheets/{templateID}", summary: "Save answers of one sheet (null clears; send the version you read)",
                  tag: a, request: "Answers", response: "Assessment"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/transitions", summary: "submit, withdraw, start_review or reopen",
                  tag: a, request: "Transition", response: "Assessment"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/votes", summary: "Cast or change a committee member's vote", tag: a,
                  request: "VoteInput", response: "Assessment"),
            .init(method: "post", path: "/api/v1/assessments/{assessmentID}/decision", summary: "Decide: approve, approve_with_conditions (conditions become actions) or reject",
                  tag: a, request: "Decision", response: "Assessment"),
            .init(method: "get", path: "/api/v1/actions", summary: "Follow-up actions (system_id, status=open)", tag: a, response: "ActionList"),
            .init(method: "post", path: "/api/v1/actions/{actionID}/close", summary: "Mark a follow-up action done", tag: a, request: "CloseAction", response: "Action"),
            .init(method: "get", path: "/api/v1/queue", summary: "Reviews and decisions waiting for the caller", tag: a, response: "Queue"),
            .init(method: "get", path: "/api/v1/risks", summary: "The whole risk register", tag: r, response: "RiskList"),
            .init(method: "get", path: "/api/v1/risks/heatmap.svg", summary: "Heat map of the organisation's risks (SVG; level=inherent for before countermeasures)", tag: r),
            .init(method: "get", path: "/api/v1/systems/{systemID}/risks", summary: "The system's risks", tag: r, response: "RiskList"),
            .init(method: "get", path: "/api/v1/systems/{systemID}/risks/heatmap.svg", summary: "Heat map of the system's risks (SVG)", tag: r),
            .init(method: "post", path: "/api/v1/systems/{systemID}/risks", summary: "Enter a risk by hand", tag: r, request: "RiskInput", response: "Risk", status: 201),
            .init(method: "get", path: "/api/v1/risks/{riskID}", summary: "One risk with countermeasures and computed levels", tag: r, response: "Risk"),
            .init(method: "put", path: "/api/v1/risks/{riskID}", summary: "Edit a risk (levels are computed, never sent)", tag: r, request: "RiskInput", response: "Risk"),
            .init(method: "post", path: "/api/v1/risks/{riskID}/countermeasures", summary: "Add a countermeasure", tag: r, request: "CountermeasureInput",
                  response: "Risk", status: 201),
            .init(method: "put", path: "/api/v1/risks/{riskID}/countermeasures/{countermeasureID}", summary: "Edit a countermeasure (status done lowers the residual level)",
                  tag: r, request: "CountermeasureInput", response: "Risk"),
        ]
    }()

    static var schemas: [String: Any] {
        typealias S = OpenAPISchemas
        let s = S.string, n = S.nullableString, i = S.integer, b = S.boolean, strings = S.strings
        let levels = S.enumeration(RiskLevel.self)
        let answer: [String: Any] = ["description": "a string (yes/no/na, option id, text, YYYY-MM-DD), a number, a list of option ids, or null to clear"]
        let sheet = S.object(["template_id": s, "template_version": s, "kind": S.enumeration(CheckSheetKind.self), "review_domain": n,
                              "title_en": s, "title_ja": s, "applying_sections": strings, "applying_questions": strings,
                              "answers": ["type": "object", "additionalProperties": answer], "unanswered": strings, "missing_evidence": strings,
                              "complete": b, "risks_raised": ["type": "array"], "outcomes": ["type": "array"], "review_conclusion": n])
        let item = S.object(["id": s, "version": i, "system_id": s, "system_name": s, "phase": S.enumeration(LifecyclePhase.self),
                             "state": S.enumeration(AssessmentState.self), "route": n, "case_level": n, "stale_reason": n,
                             "pending_reviews": strings, "updated_at": S.dateTime])
        let action = S.object(["id": s, "version": i, "assessment_id": s, "system_id": s, "title": s, "owner_id": n, "due_date": n,
                               "blocking": b, "status": S.enumeration(ActionStatus.self), "note": s])
        let coverage = S.object(["framework": S.enumeration(Framework.self), "covered": ["type": "array"], "open": ["type": "array"],
                                 "percentage": ["type": ["number", "null"]]])
        let riskFields: [String: [String: Any]] = ["title": s, "description": s, "rights": strings, "affected_people": s, "scale": i, "scope": i,
                                                   "irremediability": i, "likelihood": i, "owner_id": n, "status": S.enumeration(RiskStatus.self)]
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
            "Coverage": ["type": "array", "items": coverage],
            "OrganisationCoverage": ["type": "array", "items": S.object(["framework": s, "refs": ["type": "array"], "percentage": ["type": ["number", "null"]]])],
            "AssessmentList": ["type": "array", "items": item],
            "OpenAssessment": S.object(["phase": S.enumeration(LifecyclePhase.self)]),
            "Gate": S.object(["from": s, "to": s, "open": b, "blockers": ["type": "array", "items": S.object(["code": s, "message": s])]]),
            "Reassessment": S.object(["trigger": S.enumeration(ReassessmentTrigger.self), "detail": s], required: ["trigger", "detail"]),
            "Assessment": S.object(["id": s, "version": i, "system_id": s, "system_name": s, "phase": s, "state": S.enumeration(AssessmentState.self),
                                    "route": n, "body_key": n, "quorum": ["type": ["integer", "null"]], "case_level": n, "stale_reason": n,
                                    "supersedes_id": n, "rationale": n, "evidence_seen": strings, "risk_tier": S.enumeration(RiskTier.self),
                                    "complete": b, "answered": i, "applying": i, "pending_reviews": strings,
                                    "sheets": ["type": "array", "items": sheet], "reviews": ["type": "array", "items": sheet],
                                    "votes": ["type": "array"], "actions": ["type": "array", "items": action],
                                    "created_at": S.dateTime, "updated_at": S.dateTime, "decided_at": ["type": ["string", "null"], "format": "date-time"]]),
            "Answers": S.object(["version": i, "answers": ["type": "object", "additionalProperties": answer]], required: ["version", "answers"]),
            "Transition": S.object(["transition": S.enumeration(AssessmentTransition.self), "version": i], required: ["transition", "version"]),
            "VoteInput": S.object(["vote": S.enumeration(Vote.self), "comment": s], required: ["vote"]),
            "Decision": S.object(["outcome": s, "rationale": s, "evidence_seen": strings, "version": i,
                                  "conditions": ["type": "array", "items": S.object(["title": s, "owner_id": s, "due_date": s, "blocking": b], required: ["title"])]],
                                 required: ["outcome", "rationale", "version"]),
            "Action": action, "ActionList": S.list("Action"),
            "CloseAction": S.object(["note": s, "version": i], required: ["version"]),
            "Queue": S.object(["reviews": ["type": "array", "items": item], "decisions": ["type": "array", "items": item]]),
            "RiskInput": S.object(riskFields.merging(["version": i]) { a, _ in a }, required: ["title", "scale", "scope", "irremediability", "likelihood"]),
            "Risk": S.object(riskFields.merging(["id": s, "version": i, "system_id": s, "inherent_level": levels, "residual_level": levels,
                                                 "residual_likelihood": i, "residual_scale": i, "residual_scope": i, "assessment_id": n,
                                                 "template_id": n, "question_id": n, "flagged_for_review": b, "countermeasures": ["type": "array"]]) { a, _ in a }),
            "RiskList": S.list("Risk"),
            "CountermeasureInput": S.object(["title": s, "owner_id": n, "due_date": n, "status": S.enumeration(CountermeasureStatus.self),
                                             "effect": S.enumeration(RiskScoring.Effect.self), "version": i], required: ["title"]),
        ]
    }
}

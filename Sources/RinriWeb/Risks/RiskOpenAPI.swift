import Foundation
import RinriCore

/// The risk register and its heat maps: this feature's part of the OpenAPI description.
enum RiskOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "get", path: "/api/v1/risks", summary: "The whole risk register", tag: "risks", response: "RiskList", sortColumns: RiskSort.allCases.map(\.rawValue)),
            .init(method: "get", path: "/api/v1/risks/heatmap.svg", summary: "Heat map of the organisation's risks (SVG; level=inherent for before countermeasures)", tag: "risks"),
            .init(method: "get", path: "/api/v1/systems/{systemID}/risks", summary: "The system's risks", tag: "risks", response: "RiskList", sortColumns: RiskSort.allCases.map(\.rawValue)),
            .init(method: "get", path: "/api/v1/systems/{systemID}/risks/heatmap.svg", summary: "Heat map of the system's risks (SVG)", tag: "risks"),
            .init(method: "post", path: "/api/v1/systems/{systemID}/risks", summary: "Enter a risk by hand", tag: "risks", request: "RiskInput", response: "Risk", status: 201),
            .init(method: "get", path: "/api/v1/risks/{riskID}", summary: "One risk with countermeasures and computed levels", tag: "risks", response: "Risk"),
            .init(method: "put", path: "/api/v1/risks/{riskID}", summary: "Edit a risk (levels are computed, never sent)", tag: "risks", request: "RiskInput", response: "Risk"),
            .init(method: "post", path: "/api/v1/risks/{riskID}/countermeasures", summary: "Add a countermeasure", tag: "risks", request: "CountermeasureInput", response: "Risk", status: 201),
            .init(method: "put", path: "/api/v1/risks/{riskID}/countermeasures/{countermeasureID}", summary: "Edit a countermeasure (status done lowers the residual level; at high and critical levels once verified)", tag: "risks", request: "CountermeasureInput", response: "Risk"),
            .init(method: "post", path: "/api/v1/risks/{riskID}/countermeasures/{countermeasureID}/verify", summary: "Verify a countermeasure reported done (the governance office or the deciding committee's chair)", tag: "risks", request: "Verify", response: "Risk"),
        ]
    }

    static var schemas: [String: Any] {
        typealias S = OpenAPISchemas
        let s = S.string, n = S.nullableString, i = S.integer, b = S.boolean, strings = S.strings
        let levels = S.enumeration(RiskLevel.self)
        let riskFields: [String: [String: Any]] = ["title": s, "description": s, "rights": strings, "affected_people": s, "scale": i, "scope": i,
                                                   "irremediability": i, "likelihood": i, "owner_id": n, "status": S.enumeration(RiskStatus.self)]
        return [
            "Verify": S.object(["note": s, "version": i], required: ["version"]),
            "RiskInput": S.object(riskFields.merging(["version": i, "reason": s]) { a, _ in a }, required: ["title", "scale", "scope", "irremediability", "likelihood"]),
            "Risk": S.object(riskFields.merging(["id": s, "version": i, "system_id": s, "inherent_level": levels, "residual_level": levels,
                                                 "residual_likelihood": i, "residual_scale": i, "residual_scope": i, "assessment_id": n,
                                                 "template_id": n, "question_id": n, "flagged_for_review": b, "countermeasures": ["type": "array"]]) { a, _ in a }),
            "RiskList": S.page("Risk"),
            "CountermeasureInput": S.object(["title": s, "owner_id": n, "due_date": n, "status": S.enumeration(CountermeasureStatus.self),
                                             "effect": S.enumeration(RiskScoring.Effect.self), "evidence_ids": strings, "version": i], required: ["title"]),
        ]
    }
}

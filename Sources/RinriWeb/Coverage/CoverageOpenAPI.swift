import Foundation
import RinriCore

/// Framework coverage: this feature's part of the OpenAPI description.
enum CoverageOpenAPI: OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(method: "get", path: "/api/v1/coverage", summary: "Framework coverage of the organisation", tag: "governance", response: "OrganisationCoverage"),
            .init(method: "get", path: "/api/v1/systems/{systemID}/coverage", summary: "Framework coverage of one system", tag: "governance", response: "Coverage"),
        ]
    }

    static var schemas: [String: Any] {
        typealias S = OpenAPISchemas
        let s = S.string
        let coverage = S.object(["framework": S.enumeration(Framework.self), "covered": ["type": "array"], "open": ["type": "array"],
                                 "percentage": ["type": ["number", "null"]]])
        return [
            "Coverage": ["type": "array", "items": coverage],
            "OrganisationCoverage": ["type": "array", "items": S.object(["framework": s, "refs": ["type": "array"], "percentage": ["type": ["number", "null"]]])],
        ]
    }
}

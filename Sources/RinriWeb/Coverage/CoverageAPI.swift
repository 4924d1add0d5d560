import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `/api/v1/coverage` and `/api/v1/systems/{id}/coverage`.
struct CoverageAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, CoverageRoute.apiOrganisation, access: .permission(.readGovernance), use: organisationCoverage)
        app.on(.GET, CoverageRoute.apiSystem(.parameter), access: .permission(.readGovernance), use: systemCoverage)
    }

    func organisationCoverage(_ req: Request) async throws -> [API.OrganisationCoverageDTO] {
        try await req.reads.coverage.organisation().map(API.OrganisationCoverageDTO.init)
    }

    func systemCoverage(_ req: Request) async throws -> [API.CoverageDTO] {
        try await req.reads.coverage.system(req.id("systemID")).frameworks.map(API.CoverageDTO.init)
    }
}


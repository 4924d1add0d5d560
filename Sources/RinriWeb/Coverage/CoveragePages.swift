import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Framework coverage of the organisation and of one system.
struct CoveragePages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, CoverageRoute.organisation, access: .permission(.readGovernance), use: organisationCoverage)
        web.on(.GET, CoverageRoute.system(.parameter), access: .permission(.readGovernance), use: systemCoverage)
    }

    func organisationCoverage(_ req: Request) async throws -> Response {
        CoverageViews.organisation(PageContext(req), coverage: try await req.reads.coverage.organisation())
    }

    func systemCoverage(_ req: Request) async throws -> Response {
        CoverageViews.system(PageContext(req), try await req.reads.coverage.system(req.id("systemID")))
    }
}

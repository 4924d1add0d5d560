import Foundation
import RinriCore
import RinriApplication
import Vapor

/// `/api/v1/coverage` and `/api/v1/systems/{id}/coverage`.
struct CoverageAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, CoverageRoute.apiOrganisation, access: .permission(.readGovernance), use: organisationCoverage)
        app.on(.GET, CoverageRoute.apiSystem(.parameter), access: .permission(.readGovernance), use: systemCoverage)
    }

    func organisationCoverage(_ req: Request) async throws -> [API.OrganisationCoverageDTO] {
        let systems = try await req.reads.coverage.all()
        return FrameworkCoverage.organisation(systems).map(API.OrganisationCoverageDTO.init)
    }

    func systemCoverage(_ req: Request) async throws -> [API.CoverageDTO] {
        try await req.reads.coverage.system(req.id("systemID")).frameworks.map(API.CoverageDTO.init)
    }
}

extension API {
    struct CoverageDTO: Content {
        struct Ref: Content { var ref: String; var questions: [String] }
        var framework: String; var covered: [Ref]; var open: [Ref]; var percentage: Double?
        init(_ c: FrameworkCoverage) {
            framework = c.framework.rawValue
            covered = c.covered.map { Ref(ref: $0.ref, questions: $0.questions.map { "\($0.templateID)/\($0.questionID)" }) }
            open = c.open.map { Ref(ref: $0.ref, questions: $0.questions.map { "\($0.templateID)/\($0.questionID)" }) }
            percentage = c.percentage
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(framework, forKey: .framework); try c.encode(covered, forKey: .covered)
            try c.encode(open, forKey: .open); try c.encode(percentage, forKey: .percentage)
        }
    }

    struct OrganisationCoverageDTO: Content {
        struct Ref: Content { var ref: String; var coveredSystems: [String]; var openSystems: [String] }
        var framework: String; var refs: [Ref]; var percentage: Double?
        init(_ c: OrganisationFrameworkCoverage) {
            framework = c.framework.rawValue
            refs = c.refs.map { Ref(ref: $0.ref, coveredSystems: $0.coveredSystems, openSystems: $0.openSystems) }
            percentage = c.percentage
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(framework, forKey: .framework); try c.encode(refs, forKey: .refs); try c.encode(percentage, forKey: .percentage)
        }
    }
}

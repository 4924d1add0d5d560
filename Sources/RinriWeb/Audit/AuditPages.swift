import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The audit log page, with its filters and the chain's verification.
struct AuditPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AuditRoute.log(query: [:]), access: .permission(.readAudit), use: audit)
    }

    func audit(_ req: Request) async throws -> Response {
        let query = try req.auditQuery()
        let page = try await req.reads.audit.page(query)
        // Each load verifies what was added since the last verified checkpoint; the whole chain is
        // recomputed only when asked for (and by `rinri audit verify` and the API).
        let verification: Result<AuditViews.Verification, AuditChain.Break>
        do {
            if req.query[String.self, at: "verify"] == "all" {
                verification = .success(.whole(try await req.reads.audit.verify()))
            } else {
                verification = .success(.incremental(try await req.reads.audit.verifySinceCheckpoint()))
            }
        } catch let broken as AuditChain.Break {
            verification = .failure(broken)
        }
        return AuditViews.log(PageContext(req), page: page, query: query, verification: verification)
    }
}

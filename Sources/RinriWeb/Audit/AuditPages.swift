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
        // Recomputing the whole chain reads every event, so it runs when asked for (and on the first page).
        var verification: Result<Int, AuditChain.Break>?
        if req.query[String.self, at: "verify"] == "1" || (query.page == 1 && page.total <= 10_000) {
            do { verification = .success(try await req.reads.audit.verify()) } catch let broken as AuditChain.Break {
                verification = .failure(broken)
            }
        }
        return AuditViews.log(PageContext(req), page: page, query: query, verification: verification)
    }
}

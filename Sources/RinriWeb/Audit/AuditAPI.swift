import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `/api/v1/audit`: pages of the tamper-evident log and a check of the whole chain.
struct AuditAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, AuditRoute.apiLog, access: .permission(.readAudit), use: audit)
        app.on(.GET, AuditRoute.apiVerify, access: .permission(.readAudit), use: verify)
    }

    func audit(_ req: Request) async throws -> API.PageDTO<API.AuditEventDTO> {
        let query = try req.auditQuery()
        let page = try await req.reads.audit.page(query)
        return API.PageDTO(page.map(API.AuditEventDTO.init))
    }

    func verify(_ req: Request) async throws -> API.AuditVerifyDTO {
        do {
            let checked = try await req.reads.audit.verify()
            return API.AuditVerifyDTO(ok: true, checked: checked, firstBadSeq: nil, reason: nil)
        } catch let broken as AuditChain.Break {
            return API.AuditVerifyDTO(ok: false, checked: 0, firstBadSeq: broken.seq, reason: broken.reason)
        }
    }
}

extension Request {
    /// The audit filters and page from `?entity_type=…&entity_id=…&actor_id=…&page=…&per_page=…`.
    func auditQuery() throws -> AuditQuery {
        func number(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
            guard let raw = query[String.self, at: name], !raw.isEmpty else { return fallback }
            guard let value = Int(raw), range.contains(value) else {
                throw RinriError.malformed("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
            }
            return value
        }
        func text(_ name: String) -> String? {
            guard let raw = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        return AuditQuery(entityType: text("entity_type"), entityID: text("entity_id"), actorID: text("actor_id"),
                          page: try number("page", default: 1, range: 1...1_000_000),
                          perPage: try number("per_page", default: 50, range: 1...ListLimits.maxPerPage))
    }
}

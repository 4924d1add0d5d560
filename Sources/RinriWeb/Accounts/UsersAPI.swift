import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The audit log, the user directory and health.
struct AdminAPIController {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, AuditRoute.apiLog, access: .permission(.readAudit), use: audit)
        app.on(.GET, AuditRoute.apiVerify, access: .permission(.readAudit), use: verify)
        app.on(.GET, AccountRoute.apiUsers, access: .permission(.readUsers), use: users)
        app.on(.POST, AccountRoute.apiUsers, access: .permission(.manageUsers), use: createUser)
        app.on(.PUT, AccountRoute.apiUser(.parameter), access: .permission(.manageUsers), use: updateUser)
    }

    func updateUser(_ req: Request) async throws -> API.UserDTO {
        let body = try req.content.decode(API.UpdateUserDTO.self)
        let target = try await req.stores.users.account(id: req.id("userID"))
        let grants = try (body.roles ?? target.grants.map(\.description)).map(RoleGrant.parse)
        let isActive = body.isActive ?? target.isActive
        try AccountPolicy.checkSelfEdit(actorID: req.requireUser().id, targetID: target.id, grants: grants, isActive: isActive)
        return API.UserDTO(try await req.stores.users.update(userID: target.id, name: body.name ?? target.name, grants: grants,
                                                             isActive: isActive, context: req.auditContext))
    }

    func audit(_ req: Request) async throws -> API.PageDTO<API.AuditEventDTO> {
        let query = try req.auditQuery()
        let page = try await req.stores.audit.page(query)
        return API.PageDTO(items: page.items.map(API.AuditEventDTO.init), page: page.page, perPage: page.perPage, total: page.total)
    }

    func verify(_ req: Request) async throws -> API.AuditVerifyDTO {
        do {
            let checked = try await req.stores.audit.verify()
            return API.AuditVerifyDTO(ok: true, checked: checked, firstBadSeq: nil, reason: nil)
        } catch let broken as AuditChain.Break {
            return API.AuditVerifyDTO(ok: false, checked: 0, firstBadSeq: broken.seq, reason: broken.reason)
        }
    }

    func users(_ req: Request) async throws -> [API.UserDTO] {
        try await req.stores.users.list().map(API.UserDTO.init)
    }

    func createUser(_ req: Request) async throws -> Response {
        let body = try req.content.decode(API.CreateUserDTO.self)
        let password = body.password ?? ""
        if let problem = PasswordGenerator.problem(with: password) {
            throw RinriError.invalid(field: "password", code: "weak_password", message: problem)
        }
        let grants = try (body.roles ?? []).map(RoleGrant.parse)
        if grants.isEmpty { throw RinriError.invalid(field: "roles", code: "required", message: "give the user at least one role") }
        let hash = try await req.password.async.hash(password)
        let user = try await req.stores.users.create(email: body.email ?? "", name: body.name ?? "", passwordHash: hash,
                                                     grants: grants, context: req.auditContext)
        return try await API.UserDTO(user).encodeResponse(status: .created, for: req)
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
                          perPage: try number("per_page", default: 50, range: 1...500))
    }
}

import Foundation
import RinriCore
import RinriPersistence
import Vapor

/// The audit log, the user directory and the account page.
struct AdminPagesController {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, ["audit"], access: .permission(.readAudit), use: audit)
        web.on(.GET, ["users"], access: .permission(.readUsers)) { req in try await users(req, form: FormState()) }
        web.on(.POST, ["users"], access: .permission(.manageUsers), use: createUser)
        web.on(.GET, ["account"], access: .authenticated) { req in try await account(req) }
        web.on(.POST, ["account", "password"], access: .authenticated, use: changePassword)
        web.on(.POST, ["account", "tokens"], access: .authenticated, use: createToken)
        web.on(.POST, ["account", "tokens", ":tokenID", "revoke"], access: .authenticated, use: revokeToken)
    }

    func audit(_ req: Request) async throws -> Response {
        let query = try req.auditQuery()
        let page = try await req.stores.audit.page(query)
        let verification: Result<Int, AuditChain.Break>
        do { verification = .success(try await req.stores.audit.verify()) } catch let broken as AuditChain.Break {
            verification = .failure(broken)
        }
        return AdminViews.audit(PageContext(req), page: page, query: query, verification: verification)
    }

    func users(_ req: Request, form: FormState, created: (String, String)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let users = try await req.stores.users.list()
        let units = try await req.stores.inventory.orgUnits()
        return AdminViews.users(PageContext(req), users: users, units: units, form: form, created: created, status: status)
    }

    func createUser(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            var grants: [RoleGrant] = []
            for role in Role.allCases where form.checked("role_\(role.rawValue)") {
                let domain = role == .reviewer ? ReviewDomain(rawValue: form["review_domain"]) : nil
                let scoped = role == .projectOwner ? form.optional("scope_unit") : nil
                grants.append(RoleGrant(role: role, orgUnitID: scoped, reviewDomain: domain))
            }
            if grants.isEmpty { throw RinriError.invalid(field: "roles", code: "required", message: "give the user at least one role") }
            let password = PasswordGenerator.generate()
            let hash = try await req.password.async.hash(password)
            let user = try await req.stores.users.create(email: form["email"], name: form["name"], passwordHash: hash,
                                                         grants: grants, context: req.auditContext)
            return try await users(req, form: FormState(), created: (user.email, password))
        } catch let error as RinriError where error.kind == .invalid || error.kind == .conflict {
            form.show(error, req.t)
            return try await users(req, form: form, status: .unprocessableEntity)
        }
    }

    func account(_ req: Request, form: FormState = FormState(), newToken: String? = nil,
                 status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let tokens = try await req.stores.users.tokens(of: user.id)
        return AdminViews.account(PageContext(req), user: user, tokens: tokens, form: form, newToken: newToken, status: status)
    }

    func changePassword(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        var form = try FormState.posted(req)
        do {
            guard let stored = try await req.stores.users.credentials(email: user.email),
                  try await req.password.async.verify(form["current_password"], created: stored.passwordHash) else {
                throw RinriError.invalid(field: "current_password", code: "wrong_password", message: "the current password is wrong")
            }
            if let problem = PasswordGenerator.problem(with: form["new_password"]) {
                throw RinriError.invalid(field: "new_password", code: "weak_password", message: problem)
            }
            guard form["new_password"] == form["confirm_password"] else {
                throw RinriError.invalid(field: "confirm_password", code: "password_mismatch", message: "the two new passwords differ")
            }
            let hash = try await req.password.async.hash(form["new_password"])
            try await req.stores.users.setPassword(userID: user.id, passwordHash: hash, context: req.auditContext)
            req.session.data["flash"] = req.t("flash.password_changed")
            return req.redirect(to: SiteURL.account.path)
        } catch let error as RinriError where error.kind == .invalid {
            form.show(error, req.t)
            return try await account(req, form: form, status: .unprocessableEntity)
        }
    }

    func createToken(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let days = form.optional("expires_in_days").map { Int($0) ?? -1 }
            let (secret, _) = try await TokenIssuer.issue(name: form["token_name"], expiresInDays: days, on: req)
            return try await account(req, newToken: secret.value)
        } catch let error as RinriError where error.kind == .invalid {
            if let index = error.issues.firstIndex(where: { $0.field == "name" }) {
                var renamed = error
                renamed.issues[index].field = "token_name"
                form.show(renamed, req.t)
            } else { form.show(error, req.t) }
            return try await account(req, form: form, status: .unprocessableEntity)
        }
    }

    func revokeToken(_ req: Request) async throws -> Response {
        try await req.stores.users.revokeToken(req.id("tokenID"), of: req.requireUser().id, context: req.auditContext)
        req.session.data["flash"] = req.t("flash.token_revoked")
        return req.redirect(to: SiteURL.account.path)
    }
}

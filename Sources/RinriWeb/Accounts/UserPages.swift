import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The user directory: list, create (with a one-time password), edit roles, deactivate.
struct UserPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AccountRoute.users, access: .permission(.readUsers)) { req in try await list(req, form: FormState()) }
        web.on(.POST, AccountRoute.users, access: .permission(.manageUsers), use: create)
        web.on(.GET, AccountRoute.userEdit(.parameter), access: .permission(.manageUsers), use: editForm)
        web.on(.POST, AccountRoute.userEdit(.parameter), access: .permission(.manageUsers), use: update)
        web.on(.POST, AccountRoute.userResetPassword(.parameter), access: .permission(.manageUsers), use: resetPassword)
    }

    /// Gives the user a new one-time password, shown once to the administrator.
    func resetPassword(_ req: Request) async throws -> Response {
        let user = try await req.reads.users.account(id: req.id("userID"))
        let password = PasswordGenerator.generate()
        let hash = try await req.hashPassword(password)
        try await req.writes.users.setPassword(userID: user.id, passwordHash: hash, context: req.actor)
        return try await list(req, form: FormState(), created: (user.email, password))
    }

    func list(_ req: Request, form: FormState, created: (String, String)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let listing = try req.listing(sort: UserSort.email)
        let users = try await req.reads.users.page(listing)
        let units = try await req.reads.inventory.orgUnits()
        return UserViews.list(PageContext(req), users: users, links: ListLinks(path: AccountRoute.users.path, listing: listing, defaultSort: .email),
                              units: units, form: form, created: created, status: status)
    }

    /// The roles ticked on a user form (a reviewer's domain parsed like the API's, legal when left empty).
    static func grants(_ form: FormState) throws -> [RoleGrant] {
        let domain = try ReviewDomain.parse(form.value("review_domain"), field: "review_domain") ?? .legal
        return Role.allCases.filter { form.checked("role_\($0.rawValue)") }.map { role in
            RoleGrant(role: role, orgUnitID: role == .projectOwner ? form.optional("scope_unit") : nil,
                      reviewDomain: role == .reviewer ? domain : nil)
        }
    }

    func create(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let grants = try Self.grants(form)
            let password = PasswordGenerator.generate()
            let hash = try await req.hashPassword(password)
            let user = try await req.writes.users.create(email: form["email"], name: form["name"], passwordHash: hash,
                                                         grants: grants, mustChangePassword: true, context: req.actor)
            return try await list(req, form: FormState(), created: (user.email, password))
        } catch let error as RinriError where error.kind == .invalid || error.kind == .conflict {
            form.show(error, req.t)
            return try await list(req, form: form, status: .unprocessableEntity)
        }
    }

    func editForm(_ req: Request) async throws -> Response {
        let user = try await req.reads.users.account(id: req.id("userID"))
        var values = ["name": user.name]
        if user.isActive { values["is_active"] = "on" }
        for grant in user.grants {
            values["role_\(grant.role.rawValue)"] = "on"
            if let domain = grant.reviewDomain { values["review_domain"] = domain.rawValue }
            if let unit = grant.orgUnitID { values["scope_unit"] = unit }
        }
        return try await render(req, user: user, form: FormState(values: values))
    }

    func update(_ req: Request) async throws -> Response {
        let user = try await req.reads.users.account(id: req.id("userID"))
        var form = try FormState.posted(req)
        do {
            let grants = try Self.grants(form)
            _ = try await req.writes.users.update(userID: user.id, name: form["name"], grants: grants,
                                                  isActive: form.checked("is_active"), context: req.actor)
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: AccountRoute.users.path)
        } catch let error as RinriError where error.kind == .invalid {
            form.show(error, req.t)
            return try await render(req, user: user, form: form, status: .unprocessableEntity)
        }
    }

    private func render(_ req: Request, user: UserAccount, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let units = try await req.reads.inventory.orgUnits()
        return UserViews.edit(PageContext(req), user: user, units: units, form: form, status: status)
    }
}

import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The account page: one's password and personal API tokens.
struct AccountPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AccountRoute.account, access: .authenticated) { req in try await account(req) }
        web.on(.POST, AccountRoute.accountPassword, access: .authenticated, use: changePassword)
        web.on(.POST, AccountRoute.accountTokens, access: .authenticated, use: createToken)
        web.on(.POST, AccountRoute.accountTokenRevoke(.parameter), access: .authenticated, use: revokeToken)
        web.on(.POST, AccountRoute.accountLogoutEverywhere, access: .authenticated, use: logoutEverywhere)
    }

    func account(_ req: Request, form: FormState = FormState(), newToken: String? = nil,
                 status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let tokens = try await req.reads.users.tokens(of: user.id)
        let sessions = try await SessionService(req.db).count(userID: user.id)
        return AccountViews.account(PageContext(req), user: user, tokens: tokens, sessions: sessions,
                                    tokenDays: req.application.rinriConfig.tokenDefaultDays, form: form, newToken: newToken, status: status)
    }

    func changePassword(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        var form = try FormState.posted(req)
        do {
            try await Authenticator.checkCurrentPassword(form["current_password"], of: user, on: req)
            if let problem = PasswordGenerator.problem(with: form["new_password"]) {
                throw RinriError.invalid(field: "new_password", code: "weak_password", message: problem)
            }
            guard form["new_password"] == form["confirm_password"] else {
                throw RinriError.invalid(field: "confirm_password", code: "password_mismatch", message: "the two new passwords differ")
            }
            let new = form["new_password"]
            let hash = try await req.hashPassword(new)
            let ended = try await req.writes.users.setPassword(userID: user.id, passwordHash: hash,
                                                                keepingSession: req.webSession?.id, context: req.actor)
            try await req.flash(req.t("flash.password_changed", ["sessions": String(ended.sessions), "tokens": String(ended.tokens)]))
            return req.redirect(to: AccountRoute.account.path)
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
        try await req.writes.users.revokeToken(req.id("tokenID"), of: req.requireUser().id, context: req.actor)
        try await req.flash(req.t("flash.token_revoked"))
        return req.redirect(to: AccountRoute.account.path)
    }

    /// Ends every session of the user, this one included, and goes back to the login page.
    func logoutEverywhere(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.writes.users.endSessions(userID: user.id, context: req.actor)
        try await req.endSession()
        return req.redirect(to: AccountRoute.login(next: nil).path)
    }
}

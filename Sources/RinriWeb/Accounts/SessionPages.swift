import Foundation
import RinriCore
import RinriApplication
import Vapor

/// Login, logout, the language switch and the home page.
struct SessionPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AccountRoute.home, access: .everyone, use: home)
        web.on(.GET, AccountRoute.login(next: nil), access: .everyone, use: loginPage)
        web.on(.POST, AccountRoute.login(next: nil), access: .everyone, use: login)
        web.on(.POST, AccountRoute.logout, access: .everyone, use: logout)
        web.on(.POST, AccountRoute.language, access: .everyone, use: language)
    }

    func home(_ req: Request) async throws -> Response {
        guard let user = req.user else { return req.redirect(to: AccountRoute.login(next: nil).path) }
        let summary = try await req.reads.dashboard.summary(for: req.actor, works: user.can(.workAssessments), governance: user.can(.readGovernance))
        return DashboardViews.render(PageContext(req), summary)
    }

    func loginPage(_ req: Request) async throws -> Response {
        var form = FormState()
        form.set("next", req.query[String.self, at: "next"] ?? "")
        return LoginView.render(PageContext(req), form: form, methods: .init(req.application.rinriConfig))
    }

    func login(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let login = try await Authenticator.verify(email: form.optional("email"), password: form["password"], on: req)
            // A new session at every login, so nothing planted before login is worth anything after it.
            try await req.startSession(for: login.account, via: "password", whilePasswordHash: login.passwordHash)
            let next = form["next"]
            return req.redirect(to: RoutePath.isLocal(next) && !next.hasPrefix("/login") ? next : AccountRoute.home.path)
        } catch let error as RinriError {
            form.show(error, req.t)
            if error.kind == .unauthenticated { form.formError = req.t("login.failed") }
            let response = LoginView.render(PageContext(req), form: form, methods: .init(req.application.rinriConfig), status: ErrorRenderingMiddleware.status(of: error.kind))
            if let seconds = error.retryAfter { response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds)) }
            return response
        }
    }

    func logout(_ req: Request) async throws -> Response {
        if let user = req.user {
            try await req.writes.users.recordAuthentication(.logout, userID: user.id, email: user.email, context: req.actor)
        }
        try await req.endSession()
        return req.redirect(to: AccountRoute.login(next: nil).path)
    }

    /// Switches the language: a cookie for everyone, and the saved preference of a logged-in user.
    func language(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        guard let language = Language(rawValue: form["lang"]) else {
            throw RinriError.invalid(field: "lang", code: "invalid_choice", message: "choose en or ja")
        }
        if let user = req.user, user.language != language {
            try await req.writes.users.setLanguage(userID: user.id, language, context: req.actor)
        }
        let target = form["return_to"]
        let response = req.redirect(to: RoutePath.isLocal(target) ? target : AccountRoute.home.path)
        response.cookies["rinri_lang"] = req.application.sessionSettings.cookie(language.rawValue, maxAge: 365 * 86_400)
        return response
    }
}

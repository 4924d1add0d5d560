import Foundation
import RinriCore
import RinriApplication
import Vapor

enum LoginView {
    /// How people may sign in here: the provider's name when OpenID Connect is on, and whether passwords work.
    struct Methods {
        var provider: String?
        var passwords: Bool

        init(_ config: RinriConfig) {
            provider = config.oidc?.displayName
            passwords = config.passwordLogin
        }
    }

    static func render(_ ctx: PageContext, form: FormState, methods: Methods, status: HTTPResponseStatus = .ok) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        return Layout.render(ctx, title: t("login.title"), status: status) {
            if let provider = methods.provider {
                el("div", ["class": "card narrow"]) {
                    if !methods.passwords { f.formError }
                    el("p", text: t("login.oidc_intro"))
                    el("a", ["class": "button primary", "id": "oidc-sign-in",
                             "href": AccountRoute.oidcStart(next: form.value("next").flatMap { $0.isEmpty ? nil : $0 }).path],
                       text: t("login.oidc", ["provider": provider]))
                }
            }
            if methods.passwords {
                el("p", text: t("login.intro"))
                ctx.postForm(AccountRoute.login(next: nil), class: "card narrow") {
                    f.formError
                    el("input", ["type": "hidden", "name": "next", "value": form["next"]])
                    f.text("email", label: t("field.email"), required: true, type: "email")
                    f.text("password", label: t("field.password"), required: true, type: "password")
                    el("button", ["type": "submit", "class": "primary"], text: t("login.submit"))
                }
                el("p", ["class": "muted"], text: t("login.help"))
            }
        }
    }
}

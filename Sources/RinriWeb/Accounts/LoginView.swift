import Foundation
import RinriCore
import RinriApplication
import Vapor

enum LoginView {
    static func render(_ ctx: PageContext, form: FormState, status: HTTPResponseStatus = .ok) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        return Layout.render(ctx, title: t("login.title"), status: status) {
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

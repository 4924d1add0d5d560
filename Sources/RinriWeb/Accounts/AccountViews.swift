import Foundation
import RinriCore
import Vapor

/// The account page.
enum AccountViews {
    static func account(_ ctx: PageContext, user: UserAccount, tokens: [APITokenInfo], sessions: Int, tokenDays: Int,
                        form: FormState, newToken: String?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        return Layout.render(ctx, title: t("account.title"), status: status) {
            el("dl", ["class": "facts"]) {
                el("div") { el("dt", text: t("field.name")); el("dd", text: user.name) }
                el("div") { el("dt", text: t("field.email")); el("dd", text: user.email) }
                el("div") { el("dt", text: t("field.roles")); el("dd", text: user.grants.map { t.label("role", $0.role) }.joined(separator: ", ")) }
                el("div") { el("dt", text: t("field.user_id")); el("dd") { el("code", text: user.id) } }
            }
            el("h2", text: t("account.password"))
            if user.mustChangePassword { el("p", ["class": "flash", "role": "alert"], text: t("account.must_change")) }
            el("p", text: t("account.password_ends_credentials"))
            ctx.postForm(AccountRoute.accountPassword, class: "card narrow") {
                f.text("current_password", label: t("field.current_password"), required: true, type: "password")
                f.text("new_password", label: t("field.new_password"), required: true, type: "password", hint: t("hint.password"))
                f.text("confirm_password", label: t("field.confirm_password"), required: true, type: "password")
                el("button", ["type": "submit", "class": "primary"], text: t("account.change_password"))
            }
            el("h2", text: t("account.sessions"))
            el("p", text: t("account.sessions_open", ["count": String(sessions)]))
            ctx.postForm(AccountRoute.accountLogoutEverywhere, class: "inline") {
                el("button", ["type": "submit", "class": "danger"], text: t("account.logout_everywhere"))
            }
            el("h2", text: t("account.tokens"))
            el("p", text: t("account.tokens_intro"))
            if let newToken {
                el("div", ["class": "secret", "role": "status"]) {
                    el("p", text: t("account.token_once"))
                    el("code", text: newToken)
                }
            }
            if !tokens.isEmpty {
                el("table") {
                    el("thead") { el("tr") {
                        for key in ["field.name", "account.token_prefix", "account.token_created", "account.token_expires", "account.token_state"] {
                            el("th", text: t(key))
                        }
                        el("th", text: t("component.actions"))
                    } }
                    el("tbody") {
                        for token in tokens {
                            el("tr") {
                                el("td", text: token.name)
                                el("td") { el("code", text: token.prefix + "…") }
                                el("td", text: AuditRecord.timestamp(token.createdAt))
                                el("td", text: token.expiresAt.map(AuditRecord.timestamp) ?? t("account.never"))
                                el("td", text: t(token.revokedAt == nil ? "account.active" : "account.revoked"))
                                el("td") {
                                    if token.revokedAt == nil {
                                        ctx.postForm(AccountRoute.accountTokenRevoke(.init(token.id)), class: "inline") {
                                            el("button", ["type": "submit", "class": "link danger"], text: t("account.revoke"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            ctx.postForm(AccountRoute.accountTokens, class: "card narrow") {
                f.text("token_name", label: t("field.token_name"), required: true)
                f.text("expires_in_days", label: t("field.expires_in_days"), type: "number", hint: t("hint.expires_in_days", ["days": String(tokenDays)]))
                el("button", ["type": "submit", "class": "primary"], text: t("account.create_token"))
            }
        }
    }
}

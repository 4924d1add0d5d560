import Foundation
import RinriCore
import Vapor

/// Views of the audit log and the account page.
enum AdminViews {
    static func audit(_ ctx: PageContext, page: ResultPage<ChainedAuditEvent>, query: AuditQuery,
                      verification: Result<Int, AuditChain.Break>?) -> Response {
        let t = ctx.t
        let filters = ["entity_type": query.entityType ?? "", "entity_id": query.entityID ?? "", "actor_id": query.actorID ?? ""]
        let form = FormBuilder(state: FormState(values: filters), t: t)
        let pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        return Layout.render(ctx, title: t("audit.title")) {
            switch verification {
            case .success(let count): el("p", ["class": "ok"], text: t("audit.verified", ["count": String(count)]))
            case .failure(let broken):
                el("p", ["class": "form-error", "role": "alert"],
                   text: t("audit.broken", ["seq": String(broken.seq)]) + " — " + broken.reason)
            case nil:
                el("p") { el("a", ["class": "button", "href": AuditRoute.log(query: filters.merging(["verify": "1"]) { $1 }).path],
                             text: t("audit.verify")) }
            }
            el("form", ["method": "get", "action": AuditRoute.log(query: [:]).path, "class": "filters"]) {
                form.text("entity_type", label: t("audit.entity_type"))
                form.text("entity_id", label: t("audit.entity_id"))
                form.text("actor_id", label: t("audit.actor_id"))
                el("button", ["type": "submit"], text: t("filter.apply"))
            }
            if page.items.isEmpty {
                el("p", ["class": "empty"], text: t("audit.empty"))
            } else {
                el("table", ["class": "audit"]) {
                    el("thead") { el("tr") {
                        for key in ["audit.seq", "audit.time", "audit.actor", "audit.action", "audit.entity", "audit.changes", "audit.hash"] {
                            el("th", text: t(key))
                        }
                    } }
                    el("tbody") {
                        for event in page.items {
                            let r = event.record
                            el("tr") {
                                el("td", text: String(event.seq))
                                el("td") { el("time", ["datetime": r.occurredAt], text: r.occurredAt) }
                                el("td") {
                                    if let actor = r.actorID {
                                        el("a", ["href": AuditRoute.log(query: ["actor_id": actor]).path], text: r.actorLabel)
                                    } else { el("span", text: r.actorLabel) }
                                }
                                el("td", text: t.label("audit_action", r.action))
                                el("td") {
                                    el("a", ["href": AuditRoute.log(query: ["entity_id": r.entityID]).path], text: "\(r.entityType) \(r.entityID.prefix(8))")
                                }
                                el("td") { el("code", ["class": "changes"], text: r.changes) }
                                el("td") { el("code", ["title": event.hash], text: String(event.hash.prefix(12))) }
                            }
                        }
                    }
                }
            }
            el("nav", ["class": "pager", "aria-label": t("audit.pages")]) {
                if page.page > 1 {
                    el("a", ["href": AuditRoute.log(query: filters.merging(["page": String(page.page - 1)]) { $1 }).path], text: t("audit.newer"))
                }
                el("span", text: t("audit.page_of", ["page": String(page.page), "pages": String(pages), "total": String(page.total)]))
                if page.page < pages {
                    el("a", ["href": AuditRoute.log(query: filters.merging(["page": String(page.page + 1)]) { $1 }).path], text: t("audit.older"))
                }
            }
        }
    }

    static func account(_ ctx: PageContext, user: UserAccount, tokens: [APITokenInfo], form: FormState,
                        newToken: String?, status: HTTPResponseStatus) -> Response {
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
            ctx.postForm(AccountRoute.accountPassword, class: "card narrow") {
                f.text("current_password", label: t("field.current_password"), required: true, type: "password")
                f.text("new_password", label: t("field.new_password"), required: true, type: "password", hint: t("hint.password"))
                f.text("confirm_password", label: t("field.confirm_password"), required: true, type: "password")
                el("button", ["type": "submit", "class": "primary"], text: t("account.change_password"))
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
                f.text("expires_in_days", label: t("field.expires_in_days"), type: "number", hint: t("hint.expires_in_days"))
                el("button", ["type": "submit", "class": "primary"], text: t("account.create_token"))
            }
        }
    }
}

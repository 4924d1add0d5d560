import Foundation
import RinriCore
import Vapor

/// Views of the audit log, the user directory and the account page.
enum AdminViews {
    static func audit(_ ctx: PageContext, page: ResultPage<ChainedAuditEvent>, query: AuditQuery,
                      verification: Result<Int, AuditChain.Break>) -> Response {
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
            }
            el("form", ["method": "get", "action": SiteURL.audit(query: [:]).path, "class": "filters"]) {
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
                                        el("a", ["href": SiteURL.audit(query: ["actor_id": actor]).path], text: r.actorLabel)
                                    } else { el("span", text: r.actorLabel) }
                                }
                                el("td", text: t.label("audit_action", r.action))
                                el("td") {
                                    el("a", ["href": SiteURL.audit(query: ["entity_id": r.entityID]).path], text: "\(r.entityType) \(r.entityID.prefix(8))")
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
                    el("a", ["href": SiteURL.audit(query: filters.merging(["page": String(page.page - 1)]) { $1 }).path], text: t("audit.newer"))
                }
                el("span", text: t("audit.page_of", ["page": String(page.page), "pages": String(pages), "total": String(page.total)]))
                if page.page < pages {
                    el("a", ["href": SiteURL.audit(query: filters.merging(["page": String(page.page + 1)]) { $1 }).path], text: t("audit.older"))
                }
            }
        }
    }

    static func users(_ ctx: PageContext, users: [UserAccount], units: [Stored<OrgUnitInput>], form: FormState,
                      created: (String, String)?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        let unitNames = Dictionary(units.map { ($0.id, $0.value.name) }, uniquingKeysWith: { a, _ in a })
        return Layout.render(ctx, title: t("users.title"), status: status) {
            if let (email, password) = created {
                el("div", ["class": "secret", "role": "status"]) {
                    el("p", text: t("users.created", ["email": email]))
                    el("code", text: password)
                }
            }
            el("table") {
                el("thead") { el("tr") {
                    el("th", text: t("field.name")); el("th", text: t("field.email")); el("th", text: t("field.roles"))
                } }
                el("tbody") {
                    for user in users {
                        el("tr") {
                            el("td", text: user.name)
                            el("td", text: user.email)
                            el("td", text: user.grants.map { grant in
                                var text = t.label("role", grant.role)
                                if let domain = grant.reviewDomain { text += " (\(t.label("domain", domain)))" }
                                if let unit = grant.orgUnitID { text += " @ \(unitNames[unit] ?? unit)" }
                                return text
                            }.joined(separator: ", "))
                        }
                    }
                }
            }
            if ctx.user?.can(.manageUsers) == true {
                el("h2", text: t("users.new"))
                ctx.postForm(.users, class: "card") {
                    f.formError
                    f.text("name", label: t("field.name"), required: true)
                    f.text("email", label: t("field.email"), required: true, type: "email")
                    el("fieldset") {
                        el("legend", text: t("field.roles"))
                        if let error = form.errors["roles"] { el("p", ["class": "field-error", "role": "alert"], text: error) }
                        for role in Role.allCases { f.checkbox("role_\(role.rawValue)", label: t.label("role", role)) }
                    }
                    f.select("review_domain", label: t("field.review_domain"),
                             options: ReviewDomain.allCases.map { ($0.rawValue, t.label("domain", $0)) })
                    f.select("scope_unit", label: t("field.scope_unit"), options: units.map { ($0.id, $0.value.name) }, blank: t("select.all_units"))
                    el("p", ["class": "hint"], text: t("users.password_hint"))
                    el("button", ["type": "submit", "class": "primary"], text: t("users.create"))
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
            ctx.postForm(.accountPassword, class: "card narrow") {
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
                                        ctx.postForm(.accountToken(token.id), class: "inline") {
                                            el("button", ["type": "submit", "class": "link danger"], text: t("account.revoke"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            ctx.postForm(.accountTokens, class: "card narrow") {
                f.text("token_name", label: t("field.token_name"), required: true)
                f.text("expires_in_days", label: t("field.expires_in_days"), type: "number", hint: t("hint.expires_in_days"))
                el("button", ["type": "submit", "class": "primary"], text: t("account.create_token"))
            }
        }
    }
}

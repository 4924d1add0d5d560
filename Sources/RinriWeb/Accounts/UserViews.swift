import Foundation
import RinriCore
import Vapor

/// The user directory and the user form.
enum UserViews {
    static func list(_ ctx: PageContext, users: ResultPage<UserAccount>, links: ListLinks<UserSort>, units: [Stored<OrgUnitInput>], form: FormState,
                     created: (String, String)?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        let unitNames = Dictionary(units.map { ($0.id, $0.value.name) }, uniquingKeysWith: { a, _ in a })
        let canManage = ctx.user?.can(.manageUsers) == true
        return Layout.render(ctx, title: t("users.title"), status: status) {
            if let (email, password) = created {
                el("div", ["class": "secret", "role": "status"]) {
                    el("p", text: t("users.created", ["email": email]))
                    el("code", text: password)
                }
            }
            links.searchForm(t, label: t("users.search"))
            if users.items.isEmpty { el("p", ["class": "empty"], text: t("list.no_match")) }
            scrollingTable(label: t("users.title")) {
                el("thead") { el("tr") {
                    links.header(t("field.name"), .name); links.header(t("field.email"), .email); el("th", ["scope": "col"], text: t("field.roles"))
                    el("th", ["scope": "col"], text: t("field.status"))
                    if canManage { el("th", ["scope": "col"], text: t("component.actions")) }
                } }
                el("tbody") {
                    for user in users.items {
                        el("tr") {
                            el("td", text: user.name)
                            el("td", text: user.email)
                            el("td", text: user.grants.map { roleText($0, t, unitNames) }.joined(separator: ", "))
                            el("td", text: t(user.isActive ? "account.active" : "users.inactive"))
                            if canManage { el("td") { el("a", ["href": AccountRoute.userEdit(.init(user.id)).path], text: t("action.edit")) } }
                        }
                    }
                }
            }
            links.pager(t, total: users.total)
            if canManage {
                el("h2", text: t("users.new"))
                ctx.postForm(AccountRoute.users, class: "card") {
                    f.formError
                    f.text("name", label: t("field.name"), required: true)
                    f.text("email", label: t("field.email"), required: true, type: "email")
                    roleFields(f, form, t, units)
                    el("p", ["class": "hint"], text: t("users.password_hint"))
                    el("button", ["type": "submit", "class": "primary"], text: t("users.create"))
                }
            }
        }
    }

    static func edit(_ ctx: PageContext, user: UserAccount, units: [Stored<OrgUnitInput>], form: FormState,
                     status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        return Layout.render(ctx, title: t("users.edit", ["email": user.email]), status: status) {
            ctx.postForm(AccountRoute.userEdit(.init(user.id)), class: "card") {
                f.formError
                f.text("name", label: t("field.name"), required: true)
                roleFields(f, form, t, units)
                f.checkbox("is_active", label: t("users.is_active"))
                if let error = form.errors["is_active"] { el("p", ["class": "field-error", "role": "alert"], text: error) }
                el("button", ["type": "submit", "class": "primary"], text: t("action.save"))
                el("a", ["class": "button secondary", "href": AccountRoute.users.path], text: t("action.cancel"))
            }
            el("h2", text: t("users.reset_password"))
            ctx.postForm(AccountRoute.userResetPassword(.init(user.id)), class: "card narrow") {
                el("p", ["class": "hint"], text: t("users.reset_hint"))
                el("button", ["type": "submit", "class": "danger"], text: t("users.reset_password"))
            }
        }
    }

    static func roleText(_ grant: RoleGrant, _ t: Localizer, _ unitNames: [String: String]) -> String {
        var text = t.label("role", grant.role)
        if let domain = grant.reviewDomain { text += " (\(t.label("domain", domain)))" }
        if let unit = grant.orgUnitID { text += " @ \(unitNames[unit] ?? unit)" }
        return text
    }

    private static func roleFields(_ f: FormBuilder, _ form: FormState, _ t: Localizer, _ units: [Stored<OrgUnitInput>]) -> Node {
        .fragment([
            el("fieldset") {
                el("legend", text: t("field.roles"))
                if let error = form.errors["roles"] { el("p", ["class": "field-error", "role": "alert"], text: error) }
                for role in Role.allCases { f.checkbox("role_\(role.rawValue)", label: t.label("role", role)) }
            },
            f.select("review_domain", label: t("field.review_domain"),
                     options: ReviewDomain.allCases.map { ($0.rawValue, t.label("domain", $0)) }),
            f.select("scope_unit", label: t("field.scope_unit"), options: units.map { ($0.id, $0.value.name) }, blank: t("select.all_units")),
        ])
    }
}

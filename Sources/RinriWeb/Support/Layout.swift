import Foundation
import RinriCore
import RinriWire
import Vapor

/// What every page needs from the request: language, user, CSRF token, where it is.
struct PageContext {
    let t: Localizer
    let user: UserAccount?
    let csrf: String
    let path: String
    let flash: String?

    /// A context built from its parts (snapshot tests render pages with a fixed one).
    init(t: Localizer, user: UserAccount?, csrf: String, path: String, flash: String? = nil) {
        (self.t, self.user, self.csrf, self.path, self.flash) = (t, user, csrf, path, flash)
    }

    init(_ req: Request) {
        t = req.t
        user = req.user
        csrf = req.csrfToken
        path = req.url.string
        flash = req.state.flash
        req.state.flash = nil
    }

    /// A hidden field carrying the CSRF token.
    var csrfField: Node { el("input", ["type": "hidden", "name": "_csrf", "value": csrf]) }

    /// A form that posts to `action` with the CSRF token.
    func postForm(_ action: some SiteRoute, class cls: String? = nil, @NodeBuilder _ children: () -> [Node]) -> Node {
        el("form", ["method": "post", "action": action.path, "class": cls]) {
            csrfField
            children()
        }
    }
}

/// The frame around every page: header, navigation, language switch, flash message.
enum Layout {
    static func render(_ ctx: PageContext, title: String, status: HTTPResponseStatus = .ok,
                       @NodeBuilder body: () -> [Node]) -> Response {
        let t = ctx.t
        let document = el("html", ["lang": t.language.rawValue]) {
            el("head") {
                el("meta", ["charset": "utf-8"])
                el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                el("title", text: "\(title) · Rinri")
                el("link", ["rel": "stylesheet", "href": AppRoute.stylesheet.path])
                el("script", ["src": AppRoute.script.path, "defer": ""])
            }
            el("body") {
                header(ctx)
                el("main") {
                    if let flash = ctx.flash { el("p", ["class": "flash", "role": "status"], text: flash) }
                    el("h1", text: title)
                    body()
                }
                el("footer") { el("p", text: t("layout.footer")) }
            }
        }
        let response = Response(status: status)
        response.headers.contentType = .html
        response.body = .init(string: "<!doctype html>\n" + document.render())
        return response
    }

    private static func header(_ ctx: PageContext) -> Node {
        let t = ctx.t
        return el("header") {
            el("a", ["class": "brand", "href": AccountRoute.home.path], text: t("layout.brand"))
            if let user = ctx.user {
                el("nav", ["aria-label": t("layout.nav")]) {
                    if user.can(.readInventory) {
                        el("a", ["href": InventoryRoute.systems(query: [:]).path], text: t("nav.systems"))
                        el("a", ["href": InventoryRoute.orgUnits.path], text: t("nav.org_units"))
                    }
                    if user.can(.workAssessments) {
                        el("a", ["href": AssessmentRoute.queue.path], text: t("nav.queue"))
                        el("a", ["href": AssessmentRoute.agenda.path], text: t("nav.agenda"))
                    }
                    if user.can(.readGovernance) {
                        el("a", ["href": RiskRoute.register.path], text: t("nav.risks"))
                        el("a", ["href": CoverageRoute.organisation.path], text: t("nav.coverage"))
                        el("a", ["href": GovernanceRoute.overview.path], text: t("nav.governance"))
                    }
                    if user.can(.readAudit) { el("a", ["href": AuditRoute.log(query: [:]).path], text: t("nav.audit")) }
                    if user.can(.readUsers) { el("a", ["href": AccountRoute.users.path], text: t("nav.users")) }
                    el("a", ["href": AccountRoute.account.path], text: t("nav.account"))
                }
            }
            el("div", ["class": "tools"]) {
                ctx.postForm(AccountRoute.language, class: "language") {
                    el("input", ["type": "hidden", "name": "return_to", "value": ctx.path])
                    for language in Language.allCases {
                        el("button", ["type": "submit", "name": "lang", "value": language.rawValue,
                                      "lang": language.rawValue,
                                      "aria-current": language == t.language ? "true" : nil], text: language.nativeName)
                    }
                }
                if let user = ctx.user {
                    el("span", ["class": "who"], text: user.name)
                    ctx.postForm(AccountRoute.logout, class: "logout") {
                        el("button", ["type": "submit"], text: t("nav.logout"))
                    }
                }
            }
        }
    }
}

/// The page shown for an error outside the API.
enum ErrorPage {
    static func response(for problem: ErrorRenderingMiddleware.Problem, request: Request) -> Response {
        let ctx = PageContext(request)
        let t = ctx.t
        let message = t.message(for: problem.error)
        return Layout.render(ctx, title: t("error.title", ["status": String(problem.status.code)]), status: problem.status) {
            el("p", ["class": "error-message"], text: message)
            el("p") { el("a", ["href": AccountRoute.home.path], text: t("error.back")) }
            el("p", ["class": "muted"], text: t("error.request_id", ["id": request.state.requestID]))
        }
    }
}

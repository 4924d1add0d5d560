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
    /// Whether the database holds the demo organisation (a banner says so on every page).
    var demo = false

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
        demo = req.application.holdsDemoData
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
                el("a", ["class": "skip-link", "href": "#main"], text: t("layout.skip"))
                if ctx.demo { el("p", ["class": "demo-banner", "role": "note"], text: t("layout.demo")) }
                header(ctx)
                el("main", ["id": "main", "tabindex": "-1"]) {
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
        return el("header", ["class": "site-header"]) {
            el("a", ["class": "brand", "href": AccountRoute.home.path], text: t("layout.brand"))
            if let user = ctx.user {
                // Open without JavaScript; the script closes it on a phone, where "Menu" opens it.
                el("details", ["class": "menu", "open": ""]) {
                    el("summary", text: t("layout.menu"))
                    el("nav", ["aria-label": t("layout.nav")]) {
                        for (path, key) in navigation(user) {
                            el("a", ["href": path, "aria-current": isCurrent(path, ctx.path) ? "page" : nil], text: t(key))
                        }
                    }
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
                        el("button", ["type": "submit", "class": "secondary"], text: t("nav.logout"))
                    }
                }
            }
        }
    }

    /// The sections the user may open, as (path, message key).
    private static func navigation(_ user: UserAccount) -> [(String, String)] {
        var links: [(String, String)] = [(AccountRoute.home.path, "nav.dashboard")]
        if user.can(.readInventory) {
            links += [(InventoryRoute.systems(query: [:]).path, "nav.systems"), (InventoryRoute.orgUnits.path, "nav.org_units")]
        }
        if user.can(.workAssessments) { links += [(AssessmentRoute.queue.path, "nav.queue"), (AssessmentRoute.agenda.path, "nav.agenda")] }
        if user.can(.readGovernance) {
            links += [(RiskRoute.register.path, "nav.risks"), (CoverageRoute.organisation.path, "nav.coverage"),
                      (GovernanceRoute.overview.path, "nav.governance")]
        }
        if user.can(.readAudit) { links.append((AuditRoute.log(query: [:]).path, "nav.audit")) }
        if user.can(.readUsers) { links.append((AccountRoute.users.path, "nav.users")) }
        links.append((AccountRoute.account.path, "nav.account"))
        return links
    }

    /// Whether the page at `current` (with its query) belongs to the section at `path`.
    private static func isCurrent(_ path: String, _ current: String) -> Bool {
        let page = current.split(separator: "?", maxSplits: 1).first.map(String.init) ?? current
        return path == "/" ? page == "/" : (page == path || page.hasPrefix(path + "/"))
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

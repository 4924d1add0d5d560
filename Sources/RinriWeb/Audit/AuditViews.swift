import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The audit log page.
enum AuditViews {
    /// What the page verified: the whole chain, or the events since the last checkpoint.
    enum Verification {
        case whole(Int)
        case incremental(AuditQueries.IncrementalResult)
    }

    static func log(_ ctx: PageContext, page: ResultPage<ChainedAuditEvent>, query: AuditQuery,
                    verification: Result<Verification, AuditChain.Break>) -> Response {
        let t = ctx.t
        let filters = ["entity_type": query.entityType ?? "", "entity_id": query.entityID ?? "", "actor_id": query.actorID ?? ""]
        let form = FormBuilder(state: FormState(values: filters), t: t)
        let pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        return Layout.render(ctx, title: t("audit.title")) {
            switch verification {
            case .success(.whole(let count)): el("p", ["class": "ok", "role": "status"], text: t("audit.verified", ["count": String(count)]))
            case .success(.incremental(let result)):
                el("p", ["class": "ok", "role": "status"], text: result.since.map {
                    t("audit.verified_since", ["from": String(result.from), "to": String(result.to), "since": $0])
                } ?? t("audit.verified", ["count": String(result.to)]))
                el("p") { el("a", ["class": "button secondary", "href": AuditRoute.log(query: filters.merging(["verify": "all"]) { $1 }).path],
                             text: t("audit.verify")) }
            case .failure(let broken):
                el("p", ["class": "form-error", "role": "alert"],
                   text: t("audit.broken", ["seq": String(broken.seq)]) + " — " + broken.reason)
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
                scrollingTable(label: t("audit.title")) {
                    el("thead") { el("tr") {
                        for key in ["audit.seq", "audit.time", "audit.actor", "audit.action", "audit.entity", "audit.changes", "audit.hash"] {
                            el("th", ["scope": "col"], text: t(key))
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
}

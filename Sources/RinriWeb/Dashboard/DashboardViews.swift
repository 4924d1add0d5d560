import Foundation
import RinriCore
import Vapor

/// The landing page: cards of what needs attention, each with the first few entries and a link to the full list.
enum DashboardViews {
    static func render(_ ctx: PageContext, _ summary: DashboardSummary) -> Response {
        let t = ctx.t
        let user = ctx.user
        return Layout.render(ctx, title: t("dashboard.title")) {
            el("p", ["class": "hint"], text: t("dashboard.hint"))
            el("section", ["class": "cards", "aria-label": t("dashboard.attention")]) {
                if let queue = summary.queue { queueCard(t, queue) }
                card(t("dashboard.my_actions"), metric: summary.myActions.count,
                     link: summary.queue == nil ? nil : (AssessmentRoute.queue.path, t("dashboard.open_queue"))) {
                    list(summary.myActions, empty: t("dashboard.no_actions")) { action in
                        el("a", ["href": AssessmentRoute.assessment(.init(action.assessmentID)).path], text: action.action.title)
                        " — " + (summary.systemNames[action.systemID] ?? "—")
                        if let due = action.action.dueDate { " · "; el("time", ["datetime": due], text: t("dashboard.due", ["date": due])) }
                    }
                }
                if user?.can(.readGovernance) == true {
                    card(t("dashboard.high_risks"), metric: summary.highRiskCount,
                         link: (RiskRoute.register.path + RoutePath.query(["min_residual": "high", "sort": "-residual"]), t("dashboard.open_register"))) {
                        list(summary.highRisks, empty: t("dashboard.no_high_risks")) { risk in
                            el("span", ["class": "badge level-\(risk.residualLevel.rawValue)"], text: t.label("risk.level", risk.residualLevel))
                            " "
                            el("a", ["href": RiskRoute.risk(.init(risk.id)).path], text: risk.risk.title)
                            " — " + (summary.systemNames[risk.systemID] ?? "—")
                        }
                    }
                    card(t("dashboard.blocked"), metric: summary.blockedSystemCount, link: nil) {
                        list(summary.blockedSystems, empty: t("dashboard.no_blocked")) { blocked in
                            el("a", ["href": InventoryRoute.system(.init(blocked.systemID)).path], text: summary.systemNames[blocked.systemID] ?? "—")
                            " — " + t("dashboard.blocking_actions", ["count": String(blocked.openBlockingActions)])
                        }
                    }
                    card(t("dashboard.stale"), metric: summary.staleApprovalCount, link: nil) {
                        list(summary.staleApprovals, empty: t("dashboard.no_stale")) { item in
                            el("a", ["href": AssessmentRoute.assessment(.init(item.record.id)).path], text: item.systemName)
                            " — " + t.label("phase", item.record.phase) + (item.record.staleReason.map { ": " + $0 } ?? "")
                        }
                    }
                }
            }
            if user?.can(.readInventory) == true {
                el("section") {
                    el("h2", text: t("dashboard.inventory"))
                    let total = summary.systemsByPhase.values.reduce(0, +)
                    if total == 0 {
                        el("div", ["class": "empty-state"]) {
                            el("p", text: t("dashboard.no_systems"))
                            if user?.can(.writeInventory) == true { el("a", ["class": "button", "href": InventoryRoute.systemNew.path], text: t("systems.new")) }
                        }
                    } else {
                        el("ul", ["class": "phase-counts"]) {
                            for phase in LifecyclePhase.allCases {
                                el("li") {
                                    el("a", ["href": InventoryRoute.systems(query: ["phase": phase.rawValue]).path], text: t.label("phase", phase))
                                    ": " + String(summary.systemsByPhase[phase] ?? 0)
                                }
                            }
                        }
                        el("p") { el("a", ["href": InventoryRoute.systems(query: [:]).path], text: t("dashboard.all_systems", ["count": String(total)])) }
                    }
                }
            }
        }
    }

    /// The reader's queue: each list counted up to its limit ("20+" past it).
    private static func queueCard(_ t: Localizer, _ queue: WorkQueue) -> Node {
        func count(_ n: Int, _ section: WorkQueue.Section) -> String { String(n) + (queue.more.contains(section) ? "+" : "") }
        let total = queue.reviews.count + queue.decisions.count + queue.confirmations.count
        return card(t("dashboard.my_queue"), metric: String(total) + (queue.more.isEmpty ? "" : "+"),
                    link: (AssessmentRoute.queue.path, t("dashboard.open_queue"))) {
            el("ul", ["class": "plain"]) {
                el("li", text: t("dashboard.reviews", ["count": count(queue.reviews.count, .reviews)]))
                el("li", text: t("dashboard.decisions", ["count": count(queue.decisions.count, .decisions)]))
                el("li", text: t("dashboard.confirmations", ["count": count(queue.confirmations.count, .confirmations)]))
            }
        }
    }

    private static func card(_ title: String, metric: Int, link: (String, String)?, @NodeBuilder _ body: () -> [Node]) -> Node {
        card(title, metric: String(metric), link: link, body)
    }

    private static func card(_ title: String, metric: String, link: (String, String)?, @NodeBuilder _ body: () -> [Node]) -> Node {
        el("article", ["class": "card"]) {
            el("h2", text: title)
            el("p", ["class": "metric"], text: metric)
            body()
            if let link { el("p") { el("a", ["href": link.0], text: link.1) } }
        }
    }

    private static func list<Item>(_ items: [Item], empty: String, @NodeBuilder _ row: (Item) -> [Node]) -> Node {
        guard !items.isEmpty else { return el("p", ["class": "empty"], text: empty) }
        return el("ul", ["class": "plain"]) {
            for item in items { el("li") { row(item) } }
        }
    }
}

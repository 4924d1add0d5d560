import Foundation
import RinriCore
import Vapor

/// The pages of "My work" and the committee agenda, rendered from their models.
enum QueueViews {
    /// What waits for the reader: the queue, the actions they own, and the users (for names).
    struct Queue {
        var queue: WorkQueue
        var actions: [ActionRecord]
        var users: [UserAccount]
    }

    static func queue(_ ctx: PageContext, _ m: Queue) -> Response {
        let (t, queue, actions, users) = (ctx.t, m.queue, m.actions, m.users)
        return Layout.render(ctx, title: t("nav.queue")) {
            el("section") {
                el("h2", text: t("gov.reviews_waiting"))
                AssessmentViews.table(t, queue.reviews, showSystem: true)
                more(t, queue, .reviews)
            }
            el("section") {
                el("h2", text: t("gov.decisions_waiting"))
                AssessmentViews.table(t, queue.decisions, showSystem: true)
                more(t, queue, .decisions)
            }
            el("section") {
                el("h2", text: t("gov.confirmations_waiting"))
                if queue.confirmations.isEmpty { el("p", ["class": "empty"], text: t("gov.no_confirmations")) } else {
                    OverviewParts.actions(ctx, queue.confirmations.map(\.action), users: users, returnTo: AssessmentRoute.queue.path)
                }
                more(t, queue, .confirmations)
            }
            el("section") {
                el("h2", text: t("gov.my_actions"))
                if actions.isEmpty { el("p", ["class": "empty"], text: t("gov.no_actions")) } else {
                    OverviewParts.actions(ctx, actions, users: users, returnTo: AssessmentRoute.queue.path)
                }
            }
        }
    }

    /// Says that a full list shows only the entries that waited longest.
    private static func more(_ t: Localizer, _ queue: WorkQueue, _ section: WorkQueue.Section) -> Node {
        guard queue.more.contains(section) else { return .fragment([]) }
        return el("p", ["class": "hint"], text: t("queue.more", ["count": String(WorkQueue.defaultLimit)]))
    }

    /// Committee cases awaiting decision, with the evidence attached to each.
    static func agenda(_ ctx: PageContext, cases page: ResultPage<AssessmentDetail>, links: ListLinks<AssessmentSort>) -> Response {
        let t = ctx.t
        let cases = page.items
        return Layout.render(ctx, title: t("nav.agenda")) {
            if cases.isEmpty { el("p", ["class": "empty"], text: t("gov.agenda_empty")) }
            links.pager(t, total: page.total)
            for detail in cases {
                let evidence = detail.evidence.values.flatMap { $0 }.sorted { $0.createdAt < $1.createdAt }
                let r = detail.record
                el("article", ["class": "card"]) {
                    el("h2") {
                        el("a", ["href": AssessmentRoute.assessment(.init(r.id)).path],
                           text: t("gov.assessment_title", ["phase": t.label("phase", r.phase), "system": detail.system.value.name]))
                    }
                    el("p") {
                        StateBadge.render(t, r.state, stale: false)
                        " · " + t("gov.case_level") + ": " + (r.caseLevel.map { t.label("risk.level", $0) } ?? "—")
                        " · " + t("gov.votes_title", ["cast": String(detail.votes.count), "quorum": String(r.quorum ?? 0)])
                        " · " + t("gov.pending_reviews") + ": " + (detail.pendingReviews.isEmpty ? "—" : detail.pendingReviews.map { t.label("domain", $0) }.joined(separator: ", "))
                    }
                    for (template, result) in detail.outcomes where result.group == "classification" {
                        el("p", text: template.title.text(t.language) + ": " + result.outcome.label.text(t.language))
                    }
                    el("h3", text: t("gov.evidence"))
                    if evidence.isEmpty { el("p", ["class": "empty"], text: t("gov.no_evidence")) } else {
                        el("ul") {
                            for item in evidence {
                                el("li") {
                                    el("a", ["href": EvidenceRoute.evidence(system: .init(detail.system.id), id: .init(item.id)).path], text: item.value.title)
                                    if let question = item.value.questionID { " (" + question + ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

import Foundation
import RinriCore
import RinriApplication
import Vapor

/// "My work" (reviews, decisions and confirmations waiting for the user) and the committee agenda.
struct QueuePages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AssessmentRoute.queue, access: .permission(.workAssessments), use: queue)
        web.on(.GET, AssessmentRoute.agenda, access: .permission(.workAssessments), use: agenda)
    }

    func queue(_ req: Request) async throws -> Response {
        let user = req.actor
        let queue = try await req.reads.assessments.queue(for: user)
        let actions = try await req.reads.assessments.actions(openOnly: true).filter { $0.action.ownerID?.uppercased() == user.key }
        let users = try await req.reads.users.list()
        let t = req.t
        let ctx = PageContext(req)
        return Layout.render(ctx, title: t("nav.queue")) {
            el("section") {
                el("h2", text: t("gov.reviews_waiting"))
                AssessmentViews.table(t, queue.reviews, showSystem: true)
            }
            el("section") {
                el("h2", text: t("gov.decisions_waiting"))
                AssessmentViews.table(t, queue.decisions, showSystem: true)
            }
            el("section") {
                el("h2", text: t("gov.confirmations_waiting"))
                if queue.confirmations.isEmpty { el("p", ["class": "empty"], text: t("gov.no_confirmations")) } else {
                    OverviewParts.actions(ctx, queue.confirmations.map(\.action), users: users, returnTo: AssessmentRoute.queue.path)
                }
            }
            el("section") {
                el("h2", text: t("gov.my_actions"))
                if actions.isEmpty { el("p", ["class": "empty"], text: t("gov.no_actions")) } else {
                    OverviewParts.actions(ctx, actions, users: users, returnTo: AssessmentRoute.queue.path)
                }
            }
        }
    }

    /// Committee cases awaiting decision, with the evidence attached to each.
    func agenda(_ req: Request) async throws -> Response {
        let store = req.reads.assessments
        let items = try await store.list().filter { $0.record.route == .committee && ($0.record.state == .submitted || $0.record.state == .inReview) }
        var cases: [(AssessmentDetail, [Stored<EvidenceInput>])] = []
        for item in items {
            let detail = try await store.detail(item.record.id)
            cases.append((detail, detail.evidence.values.flatMap { $0 }.sorted { $0.createdAt < $1.createdAt }))
        }
        let t = req.t
        return Layout.render(PageContext(req), title: t("nav.agenda")) {
            if cases.isEmpty { el("p", ["class": "empty"], text: t("gov.agenda_empty")) }
            for (detail, evidence) in cases {
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

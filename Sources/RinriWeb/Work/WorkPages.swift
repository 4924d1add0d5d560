import Foundation
import RinriCore
import RinriApplication
import Vapor

/// "My work" (reviews and decisions waiting for the user), the committee agenda and the coverage views.
struct WorkPagesController {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AssessmentRoute.queue, access: .permission(.workAssessments), use: queue)
        web.on(.GET, AssessmentRoute.agenda, access: .permission(.workAssessments), use: agenda)
        web.on(.GET, CoverageRoute.organisation, access: .permission(.readGovernance), use: organisationCoverage)
        web.on(.GET, CoverageRoute.system(.parameter), access: .permission(.readGovernance), use: systemCoverage)
    }

    func queue(_ req: Request) async throws -> Response {
        let user = try req.governanceUser()
        let queue = try await req.stores.assessments.queue(for: user)
        let actions = try await req.stores.assessments.actions(openOnly: true).filter { $0.action.ownerID?.uppercased() == user.id.uppercased() }
        let users = try await req.stores.users.list()
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
        let store = req.stores.assessments
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

    func organisationCoverage(_ req: Request) async throws -> Response {
        let systems = try await CoverageReader(db: req.db).all()
        let t = req.t
        return Layout.render(PageContext(req), title: t("gov.coverage_organisation")) {
            el("p", ["class": "hint"], text: t("gov.coverage_hint"))
            for coverage in FrameworkCoverage.organisation(systems) {
                el("section") {
                    el("h2", text: t.label("framework", coverage.framework) + " — " + Percent.text(coverage.percentage))
                    if coverage.refs.isEmpty { el("p", ["class": "empty"], text: t("gov.no_refs")) } else {
                        el("table") {
                            el("thead") { el("tr") { el("th", text: t("gov.reference")); el("th", text: t("gov.covered_in")); el("th", text: t("gov.open_in")) } }
                            el("tbody") {
                                for ref in coverage.refs {
                                    el("tr") {
                                        el("td") { el("code", text: ref.ref) }
                                        el("td", text: String(ref.coveredCount))
                                        el("td", text: String(ref.openCount))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func systemCoverage(_ req: Request) async throws -> Response {
        let coverage = try await CoverageReader(db: req.db).system(req.id("systemID"))
        let t = req.t
        return Layout.render(PageContext(req), title: t("gov.coverage_of", ["system": coverage.systemName])) {
            el("p") { el("a", ["href": InventoryRoute.system(.init(coverage.systemID)).path], text: t("gov.back_to_system")) }
            el("p", ["class": "hint"], text: t("gov.coverage_hint"))
            for framework in coverage.frameworks {
                el("section") {
                    el("h2", text: t.label("framework", framework.framework) + " — " + Percent.text(framework.percentage))
                    if framework.covered.isEmpty && framework.open.isEmpty { el("p", ["class": "empty"], text: t("gov.no_refs")) }
                    refList(t, "gov.covered", framework.covered)
                    refList(t, "gov.open_refs", framework.open)
                }
            }
        }
    }

    private func refList(_ t: Localizer, _ key: String, _ refs: [RefCoverage]) -> Node {
        guard !refs.isEmpty else { return .fragment([]) }
        return el("details", ["open": key == "gov.open_refs" ? "" : nil]) {
            el("summary", text: t(key) + " (\(refs.count))")
            el("ul", ["class": "refs"]) {
                for ref in refs {
                    el("li") {
                        el("code", text: ref.ref)
                        " — " + ref.questions.map { "\($0.templateID)/\($0.questionID)" }.joined(separator: ", ")
                    }
                }
            }
        }
    }
}

/// A percentage with one decimal, or a dash when nothing is in scope.
enum Percent {
    static func text(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f %%", value)
    }
}

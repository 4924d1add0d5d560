import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The list of a system's assessments and the overview of one assessment.
enum AssessmentViews {
    static func list(_ ctx: PageContext, system: Stored<AISystemInput>, items: [AssessmentListItem],
                     gate: (LifecyclePhase, [GateBlocker])?) -> Response {
        let t = ctx.t
        return Layout.render(ctx, title: t("gov.assessments_of", ["system": system.value.name])) {
            el("p") {
                el("a", ["href": InventoryRoute.system(.init(system.id)).path], text: t("gov.back_to_system"))
                " · "
                el("a", ["href": RiskRoute.system(.init(system.id)).path], text: t("nav.risks"))
                " · "
                el("a", ["href": CoverageRoute.system(.init(system.id)).path], text: t("nav.coverage"))
            }
            if let gate { GateView.render(t, next: gate.0, blockers: gate.1) }
            if ctx.user?.can(.workAssessments) == true {
                ctx.postForm(AssessmentRoute.open(system: .init(system.id)), class: "card inline-form") {
                    el("label", ["for": "f-phase"], text: t("field.lifecycle_phase"))
                    el("select", ["id": "f-phase", "name": "phase"]) {
                        for phase in LifecyclePhase.allCases where phase != .retired {
                            .element("option", Attributes(dictionaryLiteral: ("value", phase.rawValue))
                                .flag("selected", phase == system.value.lifecyclePhase).pairs, [.text(t.label("phase", phase))])
                        }
                    }
                    el("button", ["type": "submit"], text: t("gov.open_assessment"))
                }
            }
            table(t, items, showSystem: false)
        }
    }

    /// A table of assessments with state, route and level.
    static func table(_ t: Localizer, _ items: [AssessmentListItem], showSystem: Bool) -> Node {
        if items.isEmpty { return el("p", ["class": "empty"], text: t("gov.no_assessments")) }
        return el("table") {
            el("thead") {
                el("tr") {
                    if showSystem { el("th", text: t("field.system")) }
                    for key in ["field.lifecycle_phase", "gov.state", "gov.route", "gov.case_level", "gov.pending_reviews", "gov.updated"] {
                        el("th", text: t(key))
                    }
                }
            }
            el("tbody") {
                for item in items {
                    let r = item.record
                    el("tr") {
                        if showSystem { el("td", text: item.systemName) }
                        el("td") { el("a", ["href": AssessmentRoute.assessment(.init(r.id)).path], text: t.label("phase", r.phase)) }
                        el("td") { StateBadge.render(t, r.state, stale: r.staleReason != nil) }
                        el("td", text: r.route.map { t.label("route", $0) } ?? "—")
                        el("td", text: r.caseLevel.map { t.label("risk.level", $0) } ?? "—")
                        el("td", text: item.pendingReviews.map { t.label("domain", $0) }.joined(separator: ", "))
                        el("td", text: DateText.short(r.updatedAt))
                    }
                }
            }
        }
    }

    struct Overview {
        let detail: AssessmentDetail
        let actor: AssessmentActor
        let risks: [RiskRecord]
        let evidence: [Stored<EvidenceInput>]
        let users: [UserAccount]
        let gate: (LifecyclePhase, [GateBlocker])?
        let error: RinriError?
    }

    static func overview(_ ctx: PageContext, _ m: Overview, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let d = m.detail, r = d.record
        let title = t("gov.assessment_title", ["phase": t.label("phase", r.phase), "system": d.system.value.name])
        return Layout.render(ctx, title: title, status: status) {
            if let error = m.error { ErrorNote.render(t, error) }
            el("p") {
                el("a", ["href": AssessmentRoute.list(system: .init(d.system.id)).path], text: t("gov.all_assessments"))
            }
            facts(t, d)
            if let gate = m.gate { GateView.render(t, next: gate.0, blockers: gate.1) }
            sheetsTable(t, d)
            outcomes(t, d)
            OverviewParts.reviews(t, d)
            OverviewParts.risks(t, m.risks, system: d.system.id)
            OverviewParts.votes(t, d)
            OverviewParts.actions(ctx, d.actions, users: m.users, evidence: m.evidence, returnTo: AssessmentRoute.assessment(.init(r.id)).path)
            OverviewParts.steps(ctx, m)
        }
    }

    private static func facts(_ t: Localizer, _ d: AssessmentDetail) -> Node {
        let r = d.record
        func row(_ key: String, _ value: String) -> Node {
            el("div") { el("dt", text: t(key)); el("dd", text: value.isEmpty ? "—" : value) }
        }
        let progress = d.progress
        return el("dl", ["class": "facts"]) {
            el("div") { el("dt", text: t("gov.state")); el("dd") { StateBadge.render(t, r.state, stale: r.staleReason != nil) } }
            row("gov.progress", t("gov.progress_value", ["answered": String(progress.answered), "applying": String(progress.applying)]))
            row("gov.risk_tier", t.label("tier", d.attributes.riskTier))
            if let reclassified = r.reclassification {
                row("gov.reclassified", t("gov.reclassified_value", ["screening": d.screeningTier.map { t.label("tier", $0) } ?? "—",
                                                                     "tier": t.label("tier", reclassified.tier), "reason": reclassified.reason,
                                                                     "by": d.userNames[reclassified.by] ?? reclassified.by]))
            }
            row("gov.route", r.route.map { t.label("route", $0) } ?? "")
            row("gov.body", r.bodyKey ?? "")
            row("gov.quorum", r.quorum.map(String.init) ?? "")
            if !r.panel.isEmpty {
                row("gov.panel", r.panel.map { "\(d.userNames[$0.userID] ?? "?") (\(t.label("member_role", $0.role)))" }.joined(separator: ", "))
            }
            row("gov.submitted_by", r.submittedBy.map { d.userNames[$0] ?? $0 } ?? "")
            for override in r.reviewOverrides {
                row("gov.review_override", "\(t.label("domain", override.domain)): \(override.reason)")
            }
            row("gov.case_level", r.caseLevel.map { t.label("risk.level", $0) } ?? "")
            row("gov.stale_reason", r.staleReason ?? "")
            row("gov.rationale", r.rationale ?? "")
            row("gov.decided", r.decidedAt.map(DateText.short) ?? "")
            if let previous = r.supersedesID {
                el("div") { el("dt", text: t("gov.supersedes")); el("dd") { el("a", ["href": AssessmentRoute.assessment(.init(previous)).path], text: previous) } }
            }
        }
    }

    private static func sheetsTable(_ t: Localizer, _ d: AssessmentDetail) -> Node {
        el("section") {
            el("h2", text: t("gov.sheets"))
            el("table") {
                el("thead") {
                    el("tr") {
                        for key in ["gov.sheet", "gov.version", "gov.progress", "gov.missing_evidence", "gov.complete"] { el("th", text: t(key)) }
                    }
                }
                el("tbody") {
                    for sheet in d.sheets {
                        let e = sheet.evaluation
                        el("tr") {
                            el("td") { el("a", ["href": AssessmentRoute.sheet(.init(d.record.id), template: .init(sheet.template.id)).path], text: sheet.template.title.text(t.language)) }
                            el("td", text: sheet.template.version)
                            el("td", text: "\(e.applyingQuestions.count - e.unanswered.count) / \(e.applyingQuestions.count)")
                            el("td", text: String(e.missingEvidence.count))
                            el("td", text: e.isComplete ? "✓" : "—")
                        }
                    }
                }
            }
        }
    }

    private static func outcomes(_ t: Localizer, _ d: AssessmentDetail) -> Node {
        let results = d.outcomes
        guard !results.isEmpty || !d.pendingScreenings.isEmpty else { return .fragment([]) }
        return el("section") {
            el("h2", text: t("gov.outcomes"))
            for template in d.pendingScreenings {
                el("p", ["class": "hint"], text: t("gov.screening_pending", ["sheet": template.title.text(t.language)]))
            }
            el("ul", ["class": "outcomes"]) {
                for (template, result) in results {
                    el("li") {
                        el("strong", text: template.title.text(t.language) + ": ")
                        el("span", ["class": "badge"], text: result.outcome.label.text(t.language))
                        if !result.outcome.obligations.isEmpty {
                            el("ul") {
                                for obligation in result.outcome.obligations {
                                    el("li") { el("code", text: obligation.ref); " " + obligation.text.text(t.language) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A state as a coloured badge.
enum StateBadge {
    static func render(_ t: Localizer, _ state: AssessmentState, stale: Bool) -> Node {
        el("span", ["class": "badge state-\(state.rawValue)"]) {
            t.label("state", state)
            if stale { " · " + t("gov.stale") }
        }
    }
}

/// Dates as `YYYY-MM-DD HH:MM` UTC.
enum DateText {
    static func short(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " UTC"
    }
}

/// What keeps the system from its next phase.
enum GateView {
    static func render(_ t: Localizer, next: LifecyclePhase, blockers: [GateBlocker]) -> Node {
        el("section", ["class": blockers.isEmpty ? "gate open" : "gate closed"]) {
            el("h2", text: t("gov.gate_to", ["phase": t.label("phase", next)]))
            if blockers.isEmpty {
                el("p", text: t("gov.gate_open"))
            } else {
                el("ul") {
                    for blocker in blockers { el("li", text: message(t, blocker)) }
                }
            }
        }
    }

    static func message(_ t: Localizer, _ blocker: GateBlocker) -> String {
        switch blocker {
        case let .skipsPhase(from, to):
            return t("gate.skips_phase", ["from": t.label("phase", from), "to": t.label("phase", to)])
        case let .noAssessment(phase): return t("gate.no_assessment", ["phase": t.label("phase", phase)])
        case let .notApproved(phase, state): return t("gate.not_approved", ["phase": t.label("phase", phase), "state": t.label("state", state)])
        case let .staleApproval(phase, reason): return t("gate.stale_approval", ["phase": t.label("phase", phase), "reason": reason])
        case let .leavesRetirement(to): return t("gate.leaves_retirement", ["phase": t.label("phase", to)])
        case let .prohibited(phase): return t("gate.prohibited", ["phase": t.label("phase", phase)])
        case let .openCondition(title, due): return t("gate.open_condition", ["title": title, "due": due ?? "—"])
        case let .conditionUnconfirmed(title): return t("gate.condition_unconfirmed", ["title": title])
        case let .countermeasuresOutstanding(risk, level, outstanding):
            return t("gate.countermeasures_outstanding", ["risk": risk, "level": t.label("risk.level", level), "count": String(outstanding)])
        case let .countermeasuresUnverified(risk, level, unverified):
            return t("gate.countermeasures_unverified", ["risk": risk, "level": t.label("risk.level", level), "count": String(unverified)])
        }
    }
}

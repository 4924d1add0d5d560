import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The lower parts of the assessment overview: reviews, risks, votes, actions and the steps the user may take.
enum OverviewParts {
    static func reviews(_ t: Localizer, _ d: AssessmentDetail) -> Node {
        guard !d.reviews.isEmpty else { return .fragment([]) }
        return el("section") {
            el("h2", text: t("gov.reviews"))
            el("table") {
                el("thead") { el("tr") { el("th", text: t("gov.domain")); el("th", text: t("gov.conclusion")); el("th", text: t("gov.sheet")) } }
                el("tbody") {
                    for review in d.reviews {
                        el("tr") {
                            el("td", text: review.sheet.reviewDomain.map { t.label("domain", $0) } ?? "—")
                            el("td", text: review.sheet.reviewConclusion.map { conclusion in
                                review.template.question(id: "review_conclusion")?.options.first { $0.id == conclusion }?.label.text(t.language) ?? conclusion
                            } ?? t("gov.pending"))
                            el("td") { el("a", ["href": AssessmentRoute.sheet(.init(d.record.id), template: .init(review.template.id)).path], text: review.template.title.text(t.language)) }
                        }
                    }
                }
            }
        }
    }

    static func risks(_ t: Localizer, _ risks: [RiskRecord], system: String) -> Node {
        el("section") {
            el("h2", text: t("gov.raised_risks"))
            if risks.isEmpty { el("p", ["class": "empty"], text: t("gov.no_raised_risks")) } else {
                RiskViews.table(t, risks, names: [:])
            }
            el("p") { el("a", ["href": RiskRoute.system(.init(system)).path], text: t("gov.open_register")) }
        }
    }

    static func votes(_ t: Localizer, _ d: AssessmentDetail) -> Node {
        guard d.record.route == .committee else { return .fragment([]) }
        return el("section") {
            el("h2", text: t("gov.votes_title", ["cast": String(d.votes.count), "quorum": String(d.record.quorum ?? 0)]))
            if d.votes.isEmpty { el("p", ["class": "empty"], text: t("gov.no_votes")) } else {
                el("ul") {
                    for vote in d.votes {
                        el("li") {
                            el("strong", text: vote.userName + ": ")
                            t.label("vote", vote.vote)
                            if !vote.comment.isEmpty { " — " + vote.comment }
                        }
                    }
                }
            }
        }
    }

    /// Follow-up actions with what can be done to each: an open one is reported done (with a note and
    /// evidence), a reported one is confirmed or sent back. The service decides who may; the forms
    /// are offered to anyone who takes part in assessments.
    static func actions(_ ctx: PageContext, _ actions: [ActionRecord], users: [UserAccount], evidence: [Stored<EvidenceInput>] = [],
                        returnTo: String) -> Node {
        let t = ctx.t
        guard !actions.isEmpty else { return .fragment([]) }
        let names = UserNames(users)
        let works = ctx.user?.can(.workAssessments) == true
        return el("section") {
            el("h2", text: t("gov.actions"))
            el("table") {
                el("thead") {
                    el("tr") { for key in ["gov.action", "field.owner", "gov.due", "gov.blocking", "gov.status", ""] { el("th", text: key.isEmpty ? "" : t(key)) } }
                }
                el("tbody") {
                    for a in actions {
                        el("tr") {
                            el("td") {
                                el("span", text: a.action.title)
                                if a.source.hasPrefix("review:"), let domain = ReviewDomain(rawValue: String(a.source.dropFirst(7))) {
                                    " "; el("span", ["class": "badge"], text: t("gov.from_review", ["domain": t.label("domain", domain)]))
                                }
                            }
                            el("td", text: a.action.ownerID.flatMap { names[$0.uppercased()] } ?? "—")
                            el("td", text: a.action.dueDate ?? "—")
                            el("td", text: a.action.blocking ? t("answer.yes") : t("answer.no"))
                            el("td") { status(t, a, names: names) }
                            el("td") { if works { forms(ctx, a, evidence: evidence, returnTo: returnTo) } }
                        }
                    }
                }
            }
        }
    }

    private static func status(_ t: Localizer, _ a: ActionRecord, names: UserNames) -> Node {
        .fragment([
            .text(t.label("action_status", a.action.status)),
            a.action.note.isEmpty ? .fragment([]) : .text(" — " + a.action.note),
            a.reportedBy.map { .text(" (" + t("gov.reported_by", ["name": names[$0] ?? $0]) + ")") } ?? .fragment([]),
            a.confirmationNote.map { .text(" · " + $0) } ?? .fragment([]),
        ])
    }

    private static func forms(_ ctx: PageContext, _ a: ActionRecord, evidence: [Stored<EvidenceInput>], returnTo: String) -> Node {
        let t = ctx.t
        func hidden() -> Node {
            .fragment([el("input", ["type": "hidden", "name": "version", "value": String(a.version)]),
                       el("input", ["type": "hidden", "name": "return_to", "value": returnTo])])
        }
        switch a.action.status {
        case .open:
            return ctx.postForm(AssessmentRoute.actionReport(.init(a.id)), class: "inline") {
                hidden()
                el("input", ["type": "text", "name": "note", "required": "required", "aria-label": t("gov.report_note"), "placeholder": t("gov.report_note")])
                if !evidence.isEmpty {
                    el("select", ["name": "evidence_ids", "multiple": "multiple", "aria-label": t("gov.report_evidence")]) {
                        for item in evidence { el("option", ["value": item.id], text: item.value.title) }
                    }
                }
                el("button", ["type": "submit"], text: t("gov.report_done"))
            }
        case .reported:
            return .fragment([
                ctx.postForm(AssessmentRoute.actionConfirm(.init(a.id)), class: "inline") {
                    hidden()
                    el("input", ["type": "text", "name": "note", "aria-label": t("gov.confirm_note"), "placeholder": t("gov.confirm_note")])
                    el("button", ["type": "submit"], text: t("gov.confirm_done"))
                },
                ctx.postForm(AssessmentRoute.actionReturn(.init(a.id)), class: "inline") {
                    hidden()
                    el("input", ["type": "text", "name": "note", "required": "required", "aria-label": t("gov.return_note"), "placeholder": t("gov.return_note")])
                    el("button", ["type": "submit"], text: t("gov.return_action"))
                },
            ])
        case .done:
            return .fragment([])
        }
    }

    /// The buttons and forms for the steps this user may take now.
    static func steps(_ ctx: PageContext, _ m: AssessmentViews.Overview) -> Node {
        let t = ctx.t
        let r = m.detail.record
        let allowed = AssessmentTransition.allCases.filter {
            !$0.isDecision && $0.from == r.state && AssessmentWorkflow.mayMake($0, route: r.route, actor: m.actor)
        }
        let decides = r.state == .inReview && AssessmentWorkflow.mayMake(.approve, route: r.route, actor: m.actor)
        let votes = r.state == .inReview && r.route == .committee && (try? AssessmentWorkflow.checkVote(actor: m.actor, bodyKey: r.bodyKey ?? "")) != nil
        let reclassifies = (try? Reclassification.check(actor: m.actor, hasScreening: m.detail.screeningTier != nil)) != nil
        return el("section", ["class": "steps"]) {
            el("h2", text: t("gov.next_steps"))
            if m.actor.isGoverned && r.state != .draft && r.route != .selfCheck {
                el("p", ["class": "hint"], text: t("gov.governed_hint"))
            }
            if allowed.isEmpty && !decides && !votes && !reclassifies { el("p", ["class": "empty"], text: t("gov.nothing_to_do")) }
            for transition in allowed {
                ctx.postForm(AssessmentRoute.transition(.init(r.id)), class: "inline") {
                    el("input", ["type": "hidden", "name": "transition", "value": transition.rawValue])
                    el("input", ["type": "hidden", "name": "version", "value": String(r.version)])
                    el("button", ["type": "submit"], text: t.label("transition", transition))
                }
            }
            if votes { voteForm(ctx, r) }
            if decides { DecisionForm.render(ctx, m) }
            if reclassifies { reclassificationForm(ctx, m.detail) }
        }
    }

    /// The governance office's re-classification of the screening, with its reason.
    private static func reclassificationForm(_ ctx: PageContext, _ d: AssessmentDetail) -> Node {
        let t = ctx.t
        return ctx.postForm(AssessmentRoute.reclassification(.init(d.record.id)), class: "card") {
            el("h3", text: t("gov.reclassify"))
            el("p", ["class": "hint"], text: t("gov.reclassify_hint", ["tier": d.screeningTier.map { t.label("tier", $0) } ?? "—"]))
            el("input", ["type": "hidden", "name": "version", "value": String(d.record.version)])
            el("label", ["for": "f-tier"], text: t("gov.risk_tier"))
            el("select", ["id": "f-tier", "name": "tier"]) {
                for tier in RiskTier.allCases where tier != .unclassified { el("option", ["value": tier.rawValue], text: t.label("tier", tier)) }
            }
            el("label", ["for": "f-reclass-reason"], text: t("field.reason"))
            el("textarea", ["id": "f-reclass-reason", "name": "reason", "rows": "3", "required": "required"])
            el("button", ["type": "submit"], text: t("gov.record_reclassification"))
        }
    }

    private static func voteForm(_ ctx: PageContext, _ r: AssessmentRecord) -> Node {
        let t = ctx.t
        return ctx.postForm(AssessmentRoute.vote(.init(r.id)), class: "card") {
            el("h3", text: t("gov.your_vote"))
            el("fieldset") {
                el("legend", text: t("gov.vote"))
                for vote in Vote.allCases {
                    el("label", ["class": "choice"]) {
                        el("input", ["type": "radio", "name": "vote", "value": vote.rawValue])
                        " " + t.label("vote", vote)
                    }
                }
            }
            el("label", ["for": "f-vote-comment"], text: t("gov.comment"))
            el("textarea", ["id": "f-vote-comment", "name": "comment", "rows": "2"])
            el("button", ["type": "submit"], text: t("gov.cast_vote"))
        }
    }
}

/// The decision form: outcome, rationale, evidence seen and up to three conditions.
enum DecisionForm {
    static func render(_ ctx: PageContext, _ m: AssessmentViews.Overview) -> Node {
        let t = ctx.t
        let r = m.detail.record
        let assignable = m.users.filter(\.isActive)
        return ctx.postForm(AssessmentRoute.decision(.init(r.id)), class: "card") {
            el("h3", text: t("gov.decide"))
            el("input", ["type": "hidden", "name": "version", "value": String(r.version)])
            el("fieldset") {
                el("legend", text: t("gov.outcome"))
                for outcome in [AssessmentTransition.approve, .approveWithConditions, .reject] {
                    el("label", ["class": "choice"]) {
                        el("input", ["type": "radio", "name": "outcome", "value": outcome.rawValue])
                        " " + t.label("transition", outcome)
                    }
                }
            }
            el("label", ["for": "f-rationale"], text: t("gov.rationale"))
            el("textarea", Attributes(dictionaryLiteral: ("id", "f-rationale"), ("name", "rationale"), ("rows", "3")).flag("required", true))
            let refused = m.detail.reviews.filter { $0.sheet.reviewConclusion == DecisionRules.notApproved }.compactMap(\.sheet.reviewDomain)
            if !refused.isEmpty {
                el("fieldset") {
                    el("legend", text: t("gov.overrides"))
                    el("p", ["class": "hint"], text: t(r.route == .selfCheck ? "gov.overrides_self_check" : "gov.overrides_hint"))
                    if r.route != .selfCheck {
                        for domain in refused {
                            el("label", ["for": "f-override-\(domain.rawValue)"], text: t("gov.override_reason", ["domain": t.label("domain", domain)]))
                            el("textarea", ["id": "f-override-\(domain.rawValue)", "name": "override_\(domain.rawValue)", "rows": "2"])
                        }
                    }
                }
            }
            if !m.evidence.isEmpty {
                el("fieldset") {
                    el("legend", text: t("gov.evidence_seen"))
                    for item in m.evidence {
                        el("label", ["class": "choice"]) {
                            el("input", ["type": "checkbox", "name": "evidence_seen", "value": item.id])
                            " " + item.value.title + (item.value.questionID.map { " (\($0))" } ?? "")
                        }
                    }
                }
            }
            el("fieldset") {
                el("legend", text: t("gov.conditions"))
                el("p", ["class": "hint"], text: t("gov.conditions_hint"))
                for row in 1...3 {
                    el("div", ["class": "condition"]) {
                        el("input", ["type": "text", "name": "condition_title_\(row)", "aria-label": t("gov.condition"), "placeholder": t("gov.condition")])
                        el("select", ["name": "condition_owner_\(row)", "aria-label": t("field.owner")]) {
                            el("option", ["value": ""], text: t("gov.no_owner"))
                            for user in assignable { el("option", ["value": user.id], text: user.name) }
                        }
                        el("input", ["type": "date", "name": "condition_due_\(row)", "aria-label": t("gov.due")])
                        el("label", ["class": "choice"]) {
                            el("input", Attributes(dictionaryLiteral: ("type", "checkbox"), ("name", "condition_blocking_\(row)")).flag("checked", true))
                            " " + t("gov.blocking")
                        }
                    }
                }
            }
            el("button", ["type": "submit"], text: t("gov.record_decision"))
        }
    }
}

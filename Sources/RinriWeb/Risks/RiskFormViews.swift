import Foundation
import RinriCore
import Vapor

/// The form for entering or editing a risk; levels are never typed in, they are computed.
enum RiskForm {
    static func state(of risk: RiskRecord) -> FormState {
        FormState(values: ["title": risk.risk.title, "description": risk.risk.description, "affected_people": risk.risk.affectedPeople,
                           "owner_id": risk.risk.ownerID ?? "", "status": risk.risk.status.rawValue,
                           "scale": String(risk.risk.severity.scale), "scope": String(risk.risk.severity.scope),
                           "irremediability": String(risk.risk.severity.irremediability), "likelihood": String(risk.risk.likelihood),
                           "version": String(risk.version), "rights": risk.risk.rights.map(\.rawValue).joined(separator: ",")])
    }

    static func render(_ ctx: PageContext, form: FormState, action: RiskRoute, users: [UserAccount], title: String) -> Node {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        let scale = (1...4).map { (String($0), t("gov.scale_\($0)")) }
        let chosen = Set(form["rights"].split(separator: ",").map(String.init))
        return ctx.postForm(action, class: "card") {
            el("h2", text: title)
            f.formError
            if !form["version"].isEmpty { el("input", ["type": "hidden", "name": "version", "value": form["version"]]) }
            f.text("title", label: t("field.title"), required: true)
            f.textarea("description", label: t("field.description"))
            f.text("affected_people", label: t("field.affected_people"))
            el("fieldset") {
                el("legend", text: t("gov.rights"))
                for right in HumanRight.allCases {
                    el("label", ["class": "choice"]) {
                        el("input", Attributes(dictionaryLiteral: ("type", "checkbox"), ("name", "rights"), ("value", right.rawValue))
                            .flag("checked", chosen.contains(right.rawValue)))
                        " " + t.label("right", right)
                    }
                }
            }
            f.select("scale", label: t("gov.scale"), options: scale)
            f.select("scope", label: t("gov.scope"), options: scale)
            f.select("irremediability", label: t("gov.irremediability"), options: scale)
            f.select("likelihood", label: t("heatmap.likelihood"), options: (1...4).map { (String($0), t("heatmap.likelihood_\($0)")) })
            if !users.isEmpty {
                f.select("owner_id", label: t("field.owner"), options: users.filter(\.isActive).map { ($0.id, $0.name) }, blank: t("gov.no_owner"))
            }
            f.select("status", label: t("gov.status"), options: RiskStatus.allCases.map { ($0.rawValue, t.label("risk_status", $0)) })
            f.textarea("reason", label: t("field.reason"), hint: t("hint.risk_reason"))
            el("button", ["type": "submit"], text: t("action.save"))
        }
    }
}

/// A risk's countermeasures, each with a small edit form, and a form to add one.
enum CountermeasureViews {
    static func list(_ ctx: PageContext, risk: RiskRecord, users: [UserAccount], evidence: [Stored<EvidenceInput>]) -> Node {
        let t = ctx.t
        let canWrite = ctx.user?.can(.writeRisks) == true
        let names = UserNames(users)
        return el("section") {
            el("h2", text: t("gov.countermeasures"))
            if RiskPolicy.verificationLevels.contains(risk.inherentLevel) { el("p", ["class": "hint"], text: t("gov.verification_hint")) }
            if risk.countermeasures.isEmpty { el("p", ["class": "empty"], text: t("gov.no_countermeasures")) }
            for measure in risk.countermeasures {
                el("div", ["class": "countermeasure-item"]) {
                    el("p") {
                        el("strong", text: measure.value.title)
                        " — " + t.label("cm_status", measure.value.status)
                        if let by = measure.verifiedBy {
                            " "; el("span", ["class": "badge ok"], text: t("gov.verified_by", ["name": names[by] ?? by]))
                        } else if risk.unverified.contains(where: { $0.id == measure.id }) {
                            " "; el("span", ["class": "badge todo"], text: t("gov.awaiting_verification"))
                        }
                    }
                    if canWrite {
                        form(ctx, action: RiskRoute.countermeasure(.init(risk.id), id: .init(measure.id)), values: measure.value, version: measure.version,
                             users: users, evidence: evidence, button: t("action.save"))
                    }
                    if risk.unverified.contains(where: { $0.id == measure.id }) && ctx.user?.can(.workAssessments) == true {
                        ctx.postForm(RiskRoute.countermeasureVerify(.init(risk.id), id: .init(measure.id)), class: "inline") {
                            el("input", ["type": "hidden", "name": "version", "value": String(measure.version)])
                            el("input", ["type": "text", "name": "note", "aria-label": t("gov.verify_note"), "placeholder": t("gov.verify_note")])
                            el("button", ["type": "submit"], text: t("gov.verify"))
                        }
                    }
                }
            }
            if canWrite {
                el("h3", text: t("gov.add_countermeasure"))
                form(ctx, action: RiskRoute.countermeasures(.init(risk.id)), values: nil, version: nil, users: users, evidence: evidence, button: t("gov.add"))
            }
        }
    }

    private static func form(_ ctx: PageContext, action: RiskRoute, values: CountermeasureInput?, version: Int?, users: [UserAccount],
                             evidence: [Stored<EvidenceInput>], button: String) -> Node {
        let t = ctx.t
        return ctx.postForm(action, class: "countermeasure") {
            if let version { el("input", ["type": "hidden", "name": "version", "value": String(version)]) }
            el("input", ["type": "text", "name": "title", "value": values?.title ?? "", "aria-label": t("field.title"), "placeholder": t("field.title")])
            el("select", ["name": "owner_id", "aria-label": t("field.owner")]) {
                el("option", ["value": ""], text: t("gov.no_owner"))
                for user in users where user.isActive {
                    .element("option", Attributes(dictionaryLiteral: ("value", user.id)).flag("selected", user.id == values?.ownerID).pairs, [.text(user.name)])
                }
            }
            el("input", ["type": "date", "name": "due_date", "value": values?.dueDate ?? "", "aria-label": t("gov.due")])
            el("select", ["name": "status", "aria-label": t("gov.status")]) {
                for status in CountermeasureStatus.allCases {
                    .element("option", Attributes(dictionaryLiteral: ("value", status.rawValue)).flag("selected", status == (values?.status ?? .planned)).pairs,
                             [.text(t.label("cm_status", status))])
                }
            }
            el("select", ["name": "effect", "aria-label": t("gov.effect")]) {
                for effect in RiskScoring.Effect.allCases {
                    .element("option", Attributes(dictionaryLiteral: ("value", effect.rawValue)).flag("selected", effect == (values?.effect ?? .likelihood)).pairs,
                             [.text(t.label("effect", effect))])
                }
            }
            if !evidence.isEmpty {
                el("select", ["name": "evidence_ids", "multiple": "multiple", "aria-label": t("gov.cm_evidence")]) {
                    for item in evidence {
                        .element("option", Attributes(dictionaryLiteral: ("value", item.id))
                            .flag("selected", values?.evidenceIDs.contains { $0.uppercased() == item.id.uppercased() } == true).pairs,
                                 [.text(item.value.title)])
                    }
                }
            }
            el("button", ["type": "submit"], text: button)
        }
    }
}

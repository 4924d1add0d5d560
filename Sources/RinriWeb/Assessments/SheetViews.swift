import Foundation
import RinriCore
import RinriApplication
import Vapor

/// One check sheet of an assessment: the applying questions with their answers, help and evidence.
enum SheetViews {
    /// What was posted and why it was refused, so the page shows the typed values and the messages.
    struct Posted {
        let fields: FormState
        let error: RinriError
    }

    static func page(_ ctx: PageContext, detail: AssessmentDetail, sheet: EvaluatedAssessmentSheet, editable: Bool, canAttach: Bool,
                     question: String?, posted: Posted?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let r = detail.record
        let e = sheet.evaluation
        let title = sheet.template.title.text(t.language)
        return Layout.render(ctx, title: title, status: status) {
            el("p") {
                el("a", ["href": AssessmentRoute.assessment(.init(r.id)).path],
                   text: t("gov.assessment_title", ["phase": t.label("phase", r.phase), "system": detail.system.value.name]))
                " · " + t("gov.pinned_version", ["version": sheet.template.version]) + " · "
                StateBadge.render(t, r.state, stale: r.staleReason != nil)
            }
            tabs(t, detail, current: sheet.template.id)
            let answered = e.applyingQuestions.count - e.unanswered.count
            el("p", ["class": "progress-line"]) {
                el("progress", ["max": String(max(e.applyingQuestions.count, 1)), "value": String(answered)])
                " " + t("gov.progress_value", ["answered": String(answered), "applying": String(e.applyingQuestions.count)])
                if !e.missingEvidence.isEmpty { " · " + t("gov.evidence_missing_count", ["count": String(e.missingEvidence.count)]) }
            }
            el("p", ["class": "hint"], text: sheet.template.description.text(t.language))
            if let posted { ErrorNote.render(t, posted.error) }
            if !editable { el("p", ["class": "hint"], text: t("gov.read_only")) }
            el("form", Attributes(dictionaryLiteral: ("method", "post"), ("action", AssessmentRoute.sheet(.init(r.id), template: .init(sheet.template.id)).path),
                                  ("class", "sheet")).flag("data-autosave", editable)) {
                ctx.csrfField
                el("input", ["type": "hidden", "name": "version", "value": String(r.version)])
                el("input", ["type": "hidden", "name": "anchor", "value": ""])
                for section in sheet.template.sections where e.sectionApplies(section.id) {
                    el("section", ["id": "s-\(section.id)"]) {
                        el("h2", text: section.title.text(t.language))
                        for question in section.questions where e.applies(question.id) {
                            QuestionView.render(t, question, sheet: sheet, systemID: detail.system.id, evidence: detail.evidence[question.id] ?? [],
                                                editable: editable, posted: posted, attachLink: canAttach
                                                    ? AssessmentRoute.sheet(.init(r.id), template: .init(sheet.template.id)).path + "?question=\(question.id)#evidence" : nil)
                        }
                    }
                }
                if editable { el("div", ["class": "actions sticky"]) { el("button", ["type": "submit"], text: t("gov.save_answers")) } }
            }
            if canAttach { evidenceForm(ctx, r.id, sheet: sheet, question: question) }
        }
    }

    private static func tabs(_ t: Localizer, _ d: AssessmentDetail, current: String) -> Node {
        el("nav", ["class": "tabs", "aria-label": t("gov.sheets")]) {
            for sheet in d.sheets + d.reviews {
                let e = sheet.evaluation
                let label = sheet.template.title.text(t.language) + " (\(e.applyingQuestions.count - e.unanswered.count)/\(e.applyingQuestions.count))"
                if sheet.template.id == current {
                    el("span", ["class": "tab current", "aria-current": "page"], text: label)
                } else {
                    el("a", ["class": "tab", "href": AssessmentRoute.sheet(.init(d.record.id), template: .init(sheet.template.id)).path], text: label)
                }
            }
        }
    }

    private static func evidenceForm(_ ctx: PageContext, _ id: String, sheet: EvaluatedAssessmentSheet, question: String?) -> Node {
        let t = ctx.t
        let applying = sheet.template.questions.filter { sheet.evaluation.applies($0.id) }
        return el("form", ["method": "post", "action": AssessmentRoute.attachEvidence(.init(id)).path, "enctype": "multipart/form-data", "class": "card", "id": "evidence"]) {
            ctx.csrfField
            el("h2", text: t("gov.attach_evidence"))
            el("label", ["for": "f-ev-question"], text: t("gov.question"))
            el("select", ["id": "f-ev-question", "name": "question"]) {
                for q in applying {
                    .element("option", Attributes(dictionaryLiteral: ("value", q.id)).flag("selected", q.id == question).pairs,
                             [.text((q.evidenceRequired ? "★ " : "") + q.id + " — " + String(q.text.text(t.language).prefix(80)))])
                }
            }
            el("label", ["for": "f-ev-title"], text: t("field.title"))
            el("input", ["type": "text", "id": "f-ev-title", "name": "title"])
            el("label", ["for": "f-ev-summary"], text: t("gov.evidence_summary"))
            el("textarea", Attributes(dictionaryLiteral: ("id", "f-ev-summary"), ("name", "summary"), ("rows", "3")).flag("required", true))
            el("label", ["for": "f-ev-url"], text: t("gov.evidence_url"))
            el("input", ["type": "url", "id": "f-ev-url", "name": "url"])
            el("label", ["for": "f-ev-file"], text: t("gov.evidence_file"))
            el("input", ["type": "file", "id": "f-ev-file", "name": "file"])
            el("button", ["type": "submit"], text: t("gov.attach"))
        }
    }
}

/// One question: text, help, the control for its answer type, and its evidence.
enum QuestionView {
    static func render(_ t: Localizer, _ q: Question, sheet: EvaluatedAssessmentSheet, systemID: String, evidence: [Stored<EvidenceInput>],
                       editable: Bool, posted: SheetViews.Posted?, attachLink: String?) -> Node {
        let e = sheet.evaluation
        let name = "q.\(q.id)"
        let values: [String] = posted.map { $0.fields.all(name) } ?? current(sheet.sheet.answers[q.id])
        let error = posted?.error.issues.first { $0.field == q.id }.map { ErrorNote.text(t, $0) }
            ?? (posted?.error.field == q.id ? posted.map { t.message(for: $0.error) } : nil)
        let missing = e.missingEvidence.contains(q.id)
        return el("fieldset", ["id": "q-\(q.id)", "class": error == nil ? "question" : "question invalid"]) {
            el("legend", ["id": "l-\(q.id)"]) {
                el("span", ["class": "qid"], text: q.id)
                " " + q.text.text(t.language)
                if e.unanswered.contains(q.id) { el("span", ["class": "badge todo"], text: t("gov.unanswered")) }
            }
            el("p", ["class": "hint"], text: q.help.text(t.language))
            el("input", ["type": "hidden", "name": "present.\(q.id)", "value": "1"])
            control(t, q, name: name, values: values, editable: editable)
            if let error { el("p", ["class": "field-error", "role": "alert"], text: error) }
            if q.evidenceRequired || !evidence.isEmpty {
                el("div", ["class": missing ? "evidence missing" : "evidence"]) {
                    if q.evidenceRequired { el("span", text: t(missing ? "gov.evidence_required_missing" : "gov.evidence_required") + " ") }
                    for item in evidence {
                        el("a", ["href": EvidenceRoute.evidence(system: .init(systemID), id: .init(item.id)).path], text: item.value.title)
                        " "
                    }
                    if let attachLink { el("a", ["href": attachLink, "class": "attach"], text: t("gov.attach_evidence")) }
                }
            }
            if !q.frameworks.isEmpty || !q.principles.isEmpty {
                el("p", ["class": "refs"]) {
                    for ref in q.principles + q.frameworks { el("code", text: ref); " " }
                }
            }
        }
    }

    static func current(_ answer: AnswerValue?) -> [String] {
        switch answer {
        case .yesNoNA(let s)?, .choice(let s)?, .text(let s)?, .date(let s)?: return [s]
        case .choices(let list)?: return list
        case .number(let n)?: return [n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)]
        case nil: return []
        }
    }

    private static func control(_ t: Localizer, _ q: Question, name: String, values: [String], editable: Bool) -> Node {
        let disabled = !editable
        switch q.answer {
        case .yesNoNA:
            return choices(type: "radio", name: name, options: [("yes", t("answer.yes")), ("no", t("answer.no")), ("na", t("answer.na"))],
                           values: values, disabled: disabled)
        case .singleChoice, .multipleChoice:
            return choices(type: q.answer == .singleChoice ? "radio" : "checkbox", name: name,
                           options: q.options.map { ($0.id, $0.label.text(t.language)) }, values: values, disabled: disabled)
        case .text:
            return .element("textarea", Attributes(dictionaryLiteral: ("name", name), ("rows", "3"), ("aria-labelledby", "l-\(q.id)"))
                .flag("disabled", disabled).pairs, [.text(values.first ?? "")])
        case .number, .date:
            return el("input", Attributes(dictionaryLiteral: ("type", q.answer == .number ? "number" : "date"), ("name", name),
                                          ("step", q.answer == .number ? "any" : nil), ("value", values.first ?? ""), ("aria-labelledby", "l-\(q.id)"))
                .flag("disabled", disabled))
        }
    }

    private static func choices(type: String, name: String, options: [(String, String)], values: [String], disabled: Bool) -> Node {
        el("div", ["class": "choices"]) {
            for (value, label) in options {
                el("label", ["class": "choice"]) {
                    el("input", Attributes(dictionaryLiteral: ("type", type), ("name", name), ("value", value))
                        .flag("checked", values.contains(value)).flag("disabled", disabled))
                    " " + label
                }
            }
        }
    }
}

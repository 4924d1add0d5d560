import Foundation
import RinriCore
import Vapor

/// The evidence section of a system page, the job page and the evidence page.
enum EvidenceViews {
    static func section(_ ctx: PageContext, system: String, evidence: [Stored<EvidenceInput>], canWrite: Bool, upload: FormState) -> Node {
        let t = ctx.t
        return el("section", ["class": "component", "id": "evidence"]) {
            el("h2", text: t("evidence.title"))
            el("p", ["class": "hint"], text: t("evidence.intro"))
            if evidence.isEmpty {
                el("p", ["class": "empty"], text: t("evidence.empty"))
            } else {
                el("table") {
                    el("thead") { el("tr") {
                        for key in ["evidence.name", "evidence.result", "evidence.rows", "evidence.when"] { el("th", text: t(key)) }
                    } }
                    el("tbody") {
                        for item in evidence {
                            el("tr") {
                                el("td") { el("a", ["href": EvidenceRoute.evidence(system: .init(system), id: .init(item.id)).path], text: item.value.title) }
                                el("td", ["class": item.value.passed == false ? "danger" : nil], text: verdict(item.value.passed, t))
                                el("td", text: String(item.value.inputRows))
                                el("td", text: AuditRecord.timestamp(item.createdAt))
                            }
                        }
                    }
                }
            }
            if canWrite { uploadForm(ctx, system: system, form: upload) }
        }
    }

    static func verdict(_ passed: Bool?, _ t: Localizer) -> String {
        switch passed {
        case .some(true): return t("evidence.passed")
        case .some(false): return t("evidence.failed")
        case .none: return "—"
        }
    }

    private static func uploadForm(_ ctx: PageContext, system: String, form: FormState) -> Node {
        let t = ctx.t
        let f = FormBuilder(state: form, t: t)
        return el("details", Attributes(dictionaryLiteral: ("class", "card")).flag("open", !form.errors.isEmpty)) {
            el("summary", text: t("evidence.upload"))
            el("form", ["method": "post", "action": EvidenceRoute.upload(system: .init(system)).path, "enctype": "multipart/form-data"]) {
                ctx.csrfField
                el("div", ["class": form.errors["file"] == nil ? "field" : "field invalid"]) {
                    el("label", ["for": "f-file"], text: t("evidence.file"))
                    el("input", Attributes(dictionaryLiteral: ("type", "file"), ("id", "f-file"), ("name", "file"), ("accept", ".csv,.jsonl,text/csv"))
                        .flag("required", true))
                    el("small", ["class": "hint"], text: t("evidence.file_hint"))
                    if let error = form.errors["file"] { el("p", ["class": "field-error", "role": "alert"], text: error) }
                }
                f.text("label", label: t("evidence.label"), required: true)
                f.text("prediction", label: t("evidence.prediction"), required: true)
                f.text("score", label: t("evidence.score"))
                f.text("sensitive", label: t("evidence.sensitive"), required: true, hint: t("evidence.sensitive_hint"))
                f.text("intersect", label: t("evidence.intersect"), hint: t("evidence.intersect_hint"))
                f.text("positive_label", label: t("evidence.positive_label"))
                f.textarea("checks", label: t("evidence.checks"), hint: t("evidence.checks_hint"))
                el("button", ["type": "submit", "class": "primary"], text: t("evidence.run"))
            }
        }
    }

    static func job(_ ctx: PageContext, system: Stored<AISystemInput>, job: JobInfo) -> Response {
        let t = ctx.t
        let waiting = job.state == .queued || job.state == .running
        let response = Layout.render(ctx, title: t("job.title")) {
            el("p") { el("a", ["href": InventoryRoute.system(.init(system.id)).path], text: "← " + system.value.name) }
            el("p", ["class": job.state == .failed ? "form-error" : (waiting ? "muted" : "ok"), "role": "status"],
               text: t("job.state.\(job.state.rawValue)"))
            if let message = job.message, job.state == .failed { el("p") { el("code", text: message) } }
            if let evidence = job.evidenceID {
                el("p") { el("a", ["class": "button primary", "href": EvidenceRoute.evidence(system: .init(system.id), id: .init(evidence)).path], text: t("job.open")) }
            }
            if waiting { el("p", ["class": "hint"], text: t("job.refresh")) }
        }
        // The page reloads itself every two seconds while the job runs (no JavaScript needed).
        if waiting { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    static func evidence(_ ctx: PageContext, system: Stored<AISystemInput>, evidence: Stored<EvidenceInput>, submitter: String?,
                         canDelete: Bool) -> Response {
        let t = ctx.t
        let e = evidence.value
        func row(_ key: String, _ value: Node) -> Node { el("div") { el("dt", text: t(key)); el("dd") { value } } }
        return Layout.render(ctx, title: e.title) {
            el("p") { el("a", ["href": InventoryRoute.system(.init(system.id)).path + "#evidence"], text: "← " + system.value.name) }
            el("dl", ["class": "facts"]) {
                row("evidence.result", .text(verdict(e.passed, t)))
                row("evidence.rows", .text(String(e.inputRows)))
                row("evidence.sha256", el("code", text: e.inputSHA256 ?? "—"))
                row("evidence.version", .text(e.rinriVersion))
                row("evidence.submitted_by", .text(submitter ?? "—"))
                row("evidence.provenance", .text(t("evidence.source.\(e.source?.rawValue ?? "unknown")", ["name": submitter ?? "—"])))
                row("evidence.when", .text(AuditRecord.timestamp(evidence.createdAt)))
                if let assessment = e.assessmentID {
                    row("evidence.check_sheet_item", el("a", ["href": AssessmentRoute.assessment(.init(assessment)).path],
                                                        text: assessment + (e.questionID.map { " / " + $0 } ?? "")))
                }
            }
            el("h2", text: t("evidence.command"))
            el("pre", ["class": "command"]) { el("code", text: e.command) }
            if e.kind == .document && e.inputSHA256 != nil {
                el("p") { el("a", ["href": EvidenceRoute.file(system: .init(system.id), id: .init(evidence.id)).path],
                              text: t("evidence.download_file")) }
            }
            el("iframe", ["class": "report", "title": e.title, "sandbox": "", "src": EvidenceRoute.report(system: .init(system.id), id: .init(evidence.id)).path])
            if canDelete {
                ctx.postForm(EvidenceRoute.delete(system: .init(system.id), id: .init(evidence.id)), class: "actions") {
                    el("button", ["type": "submit", "class": "danger"], text: t("action.delete"))
                }
            }
        }
    }
}

import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// The assessment wizard: a system's assessments, the overview of one, each sheet, evidence, the workflow steps.
struct AssessmentPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AppRoute.script, access: .everyone) { _ in Script.response() }
        web.on(.GET, AssessmentRoute.list(system: .parameter), access: .permission(.readGovernance), use: list)
        web.on(.POST, AssessmentRoute.open(system: .parameter), access: .permission(.workAssessments), use: open)
        web.on(.GET, AssessmentRoute.assessment(.parameter), access: .permission(.readGovernance), use: overview)
        web.on(.GET, AssessmentRoute.sheet(.parameter, template: .parameter), access: .permission(.readGovernance), use: sheet)
        // A sheet of an imported template may ask hundreds of questions, each with its note and choices.
        web.on(.POST, AssessmentRoute.sheet(.parameter, template: .parameter), access: .permission(.workAssessments),
               body: .collect(maxSize: "2mb"), fields: 20_000, use: save)
        web.on(.POST, AssessmentRoute.attachEvidence(.parameter), access: .permission(.workAssessments),
               body: .collect(maxSize: "6mb"), use: attachEvidence)
        web.on(.POST, AssessmentRoute.transition(.parameter), access: .permission(.workAssessments), use: transition)
        web.on(.POST, AssessmentRoute.vote(.parameter), access: .permission(.workAssessments), use: vote)
        web.on(.POST, AssessmentRoute.decision(.parameter), access: .permission(.workAssessments), use: decide)
        web.on(.POST, AssessmentRoute.actionReport(.parameter), access: .permission(.workAssessments), use: reportAction)
        web.on(.POST, AssessmentRoute.actionConfirm(.parameter), access: .permission(.workAssessments), use: confirmAction)
        web.on(.POST, AssessmentRoute.actionReturn(.parameter), access: .permission(.workAssessments), use: returnAction)
        web.on(.POST, AssessmentRoute.reclassification(.parameter), access: .permission(.workAssessments), use: reclassify)
    }

    func list(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let items = try await req.reads.assessments.list(systemID: system.id)
        let next = PhaseGate.next(after: system.value.lifecyclePhase)
        let blockers = try await next.asyncMap { try await req.reads.assessments.gate(systemID: system.id, to: $0) } ?? []
        return AssessmentViews.list(PageContext(req), system: system, items: items, gate: next.map { ($0, blockers) })
    }

    func open(_ req: Request) async throws -> Response {
        let systemID = try req.id("systemID")
        let form = try FormState.posted(req)
        do {
            let phase = try form.choice("phase", as: LifecyclePhase.self)
            let detail = try await req.writes.assessments.open(systemID: systemID, phase: phase, user: req.actor)
            try await req.flash(req.t("flash.created"))
            return req.redirect(to: AssessmentRoute.assessment(.init(detail.record.id)).path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            try await req.flash(req.t.message(for: error))
            return req.redirect(to: AssessmentRoute.list(system: .init(systemID)).path, redirectType: .normal)
        }
    }

    func overview(_ req: Request) async throws -> Response {
        try await renderOverview(req, error: nil)
    }

    func renderOverview(_ req: Request, error: RinriError?) async throws -> Response {
        let store = req.reads.assessments
        let detail = try await store.detail(req.id("assessmentID"))
        let user = req.actor
        let users = try await req.reads.users.list()
        let system = detail.system
        let next = PhaseGate.next(after: system.value.lifecyclePhase)
        let isCurrent = detail.record.phase == system.value.lifecyclePhase
        let model = AssessmentViews.Overview(
            detail: detail, actor: try await store.actor(detail.record.id, user: user),
            risks: try await req.reads.risks.records(systemID: system.id).filter { $0.origin?.assessmentID == detail.record.id },
            evidence: try await req.reads.evidence.list(of: system.id), users: users,
            gate: isCurrent ? try await next.asyncMap { ($0, try await store.gate(systemID: system.id, to: $0)) } : nil,
            error: error)
        return AssessmentViews.overview(PageContext(req), model, status: error.map { ErrorRenderingMiddleware.status(of: $0.kind) } ?? .ok)
    }

    func sheet(_ req: Request) async throws -> Response {
        try await renderSheet(req, form: nil)
    }

    /// The sheet page; `form` carries what was posted and the errors after a failed save.
    func renderSheet(_ req: Request, form: SheetViews.Posted?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let detail = try await req.reads.assessments.detail(req.id("assessmentID"))
        let templateID = try req.id("templateID")
        guard let sheet = detail.sheet(templateID) else { throw RinriError.notFound("sheet \(templateID)") }
        let user = req.actor
        // the form is offered only to whom the evidence service would take it from
        let canAttach = (try? AccessPolicy.checkInventoryWrite(user, inUnit: detail.system.value.orgUnitID)) != nil
            && (try? EvidencePolicy.checkAttach(to: detail.record.state)) != nil
        return SheetViews.page(PageContext(req), detail: detail, sheet: sheet,
                               editable: try await req.reads.assessments.mayAnswer(detail, templateID: templateID, user: user),
                               canAttach: canAttach,
                               question: req.query[String.self, at: "question"], posted: form, status: status)
    }

    func save(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        let id = try req.id("assessmentID"), templateID = try req.id("templateID")
        let detail = try await req.reads.assessments.detail(id)
        guard let sheet = detail.sheet(templateID) else { throw RinriError.notFound("sheet \(templateID)") }
        var raw: [String: [String]?] = [:]
        for questionID in fields.names(prefixed: "present.") {
            guard let question = sheet.template.question(id: questionID) else { continue }
            let values = fields.all("q.\(questionID)").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if values.isEmpty {
                if sheet.sheet.answers[questionID] != nil { raw[questionID] = .some(nil) }
            } else {
                raw[questionID] = question.answer == .multipleChoice ? values : [values[0]]
            }
        }
        do {
            let answers = try sheet.template.parseAnswers(raw)
            let version = try fields.version()
            if !answers.isEmpty || version != detail.record.version {
                _ = try await req.writes.assessments.saveAnswers(id, templateID: templateID, answers: answers, version: version,
                                                                 user: req.actor)
            }
            try await req.flash(req.t("flash.saved"))
            let anchor = fields["anchor"].filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            return req.redirect(to: AssessmentRoute.sheet(.init(id), template: .init(templateID)).path + (anchor.isEmpty ? "" : "#\(anchor)"), redirectType: .normal)
        } catch let error as RinriError {
            return try await renderSheet(req, form: SheetViews.Posted(fields: fields, error: error), status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    struct EvidenceForm: Content {
        var question: String?
        var title: String?
        var summary: String?
        var url: String?
        var file: File?
    }

    func attachEvidence(_ req: Request) async throws -> Response {
        let id = try req.id("assessmentID")
        let detail = try await req.reads.assessments.detail(id)
        let form = try req.content.decode(EvidenceForm.self)
        let question = (form.question ?? "").trimmingCharacters(in: .whitespaces)
        let back = detail.sheets.first { $0.template.question(id: question) != nil }?.template.id ?? detail.sheets.first?.template.id ?? ""
        do {
            var file: (name: String, data: Data)?
            if let upload = form.file, upload.data.readableBytes > 0 {
                file = (String(upload.filename.suffix(200)), Data(upload.data.readableBytesView))
            }
            // the same submission the API takes, accepted by the document kind's definition
            let document = DocumentEvidence(summary: form.summary ?? "", url: form.url, file: file)
            let title = (form.title ?? "").trimmingCharacters(in: .whitespaces)
            let submission = API.EvidenceSubmissionDTO(
                kind: EvidenceKind.document.rawValue, title: title.isEmpty ? req.t("evidence.document_for", ["question": question]) : title,
                assessmentId: id, questionId: question.isEmpty ? nil : question, report: try JSONValue(json: JSONEncoder().encode(document)))
            _ = try await req.writes.evidence.create(try submission.validated(source: .page, defaultVersion: rinriVersion),
                                                     in: detail.system.id, context: req.actor)
            try await req.flash(req.t("evidence.attached"))
            return req.redirect(to: AssessmentRoute.sheet(.init(id), template: .init(back)).path + "#q-\(question)", redirectType: .normal)
        } catch let error as RinriError {
            try await req.flash(req.t("evidence.not_attached") + " " + req.t.message(for: error))
            return req.redirect(to: AssessmentRoute.sheet(.init(id), template: .init(back)).path + "?question=\(RoutePath.encode(question))#evidence", redirectType: .normal)
        }
    }

    func transition(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        return try await step(req) {
            guard let transition = try fields.choice("transition", as: AssessmentTransition.self) else {
                throw RinriError.invalid(field: "transition", code: "required", message: "choose a step")
            }
            _ = try await req.writes.assessments.transition(req.id("assessmentID"), transition, version: try fields.version(),
                                                            user: req.actor)
        }
    }

    func vote(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        return try await step(req) {
            let (vote, comment) = try Vote.validate(vote: fields.value("vote"), comment: fields.value("comment"))
            _ = try await req.writes.assessments.vote(req.id("assessmentID"), vote, comment: comment, user: req.actor)
        }
    }

    func decide(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        return try await step(req) {
            var conditions: [ActionInput] = []
            for row in 1...3 {
                guard let title = fields.optional("condition_title_\(row)") else { continue }
                conditions.append(try ActionInput.validate(title: title, ownerID: fields.value("condition_owner_\(row)"),
                                                           dueDate: fields.value("condition_due_\(row)"),
                                                           blocking: fields.checked("condition_blocking_\(row)")))
            }
            let overrides = try ReviewOverride.validate(ReviewDomain.allCases.compactMap { domain in
                fields.optional("override_\(domain.rawValue)").map { (domain.rawValue, $0) }
            })
            let decision = try DecisionInput.validate(outcome: fields.value("outcome"), rationale: fields.value("rationale"),
                                                      evidenceSeen: fields.all("evidence_seen"), conditions: conditions, overrideReviews: overrides)
            _ = try await req.writes.assessments.decide(req.id("assessmentID"), decision, version: try fields.version(),
                                                        user: req.actor)
        }
    }

    func reportAction(_ req: Request) async throws -> Response {
        try await actionStep(req) { fields in
            let report = try ActionReport.validate(note: fields.value("note"), evidenceIDs: fields.all("evidence_ids"))
            _ = try await req.writes.assessments.reportAction(req.id("actionID"), note: report.note, evidence: report.evidence,
                                                              version: try fields.version(), user: req.actor)
        }
    }

    func confirmAction(_ req: Request) async throws -> Response { try await confirmation(req, confirmed: true) }
    func returnAction(_ req: Request) async throws -> Response { try await confirmation(req, confirmed: false) }

    private func confirmation(_ req: Request, confirmed: Bool) async throws -> Response {
        try await actionStep(req) { fields in
            let note = try ActionReport.validateConfirmation(note: fields.value("note"), confirmed: confirmed)
            _ = try await req.writes.assessments.confirmAction(req.id("actionID"), confirmed: confirmed, note: note,
                                                               version: try fields.version(), user: req.actor)
        }
    }

    /// Runs a step on a follow-up action and goes back to the page it was taken on, with the outcome in the page's language.
    private func actionStep(_ req: Request, _ body: (FormState) async throws -> Void) async throws -> Response {
        let fields = try FormState.posted(req)
        let back = fields.value("return_to").flatMap { RoutePath.isLocal($0) ? $0 : nil } ?? AssessmentRoute.queue.path
        do {
            try await body(fields)
            try await req.flash(req.t("flash.saved"))
        } catch let error as RinriError {
            try await req.flash(req.t.message(for: error))
        }
        return req.redirect(to: back, redirectType: .normal)
    }

    func reclassify(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        return try await step(req) {
            let (tier, reason) = try Reclassification.validate(tier: fields.value("tier"), reason: fields.value("reason"))
            _ = try await req.writes.assessments.reclassify(req.id("assessmentID"), tier: tier, reason: reason,
                                                            version: try fields.version(), user: req.actor)
        }
    }

    /// Runs a workflow step; on success back to the overview, on a refusal the overview with the reason.
    private func step(_ req: Request, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: AssessmentRoute.assessment(.init(try req.id("assessmentID"))).path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            return try await renderOverview(req, error: error)
        }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `/api/v1/assessments`, the system's assessments, gate and re-assessments, follow-up actions and the work queue.
struct AssessmentAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, AssessmentRoute.apiList(system: .parameter), access: .permission(.readGovernance), use: list)
        app.on(.POST, AssessmentRoute.apiList(system: .parameter), access: .permission(.workAssessments), use: open)
        app.on(.GET, AssessmentRoute.apiGate(system: .parameter), access: .permission(.readGovernance), use: gate)
        app.on(.POST, AssessmentRoute.apiReassessments(system: .parameter), access: .permission(.workAssessments), use: reassess)
        app.on(.GET, AssessmentRoute.apiAssessment(.parameter), access: .permission(.readGovernance), use: get)
        app.on(.PUT, AssessmentRoute.apiSheet(.parameter, template: .parameter), access: .permission(.workAssessments),
               body: .collect(maxSize: "2mb"), use: answer)
        app.on(.POST, AssessmentRoute.apiTransitions(.parameter), access: .permission(.workAssessments), use: transition)
        app.on(.POST, AssessmentRoute.apiVotes(.parameter), access: .permission(.workAssessments), use: vote)
        app.on(.POST, AssessmentRoute.apiDecision(.parameter), access: .permission(.workAssessments), use: decide)
        app.on(.GET, AssessmentRoute.apiActions, access: .permission(.readGovernance), use: actions)
        app.on(.POST, AssessmentRoute.apiActionReport(.parameter), access: .permission(.workAssessments), use: reportAction)
        app.on(.POST, AssessmentRoute.apiActionConfirm(.parameter), access: .permission(.workAssessments), use: confirmAction)
        app.on(.POST, AssessmentRoute.apiActionReturn(.parameter), access: .permission(.workAssessments), use: returnAction)
        app.on(.POST, AssessmentRoute.apiReclassification(.parameter), access: .permission(.workAssessments), use: reclassify)
        app.on(.GET, AssessmentRoute.apiQueue, access: .permission(.workAssessments), use: queue)
    }

    func list(_ req: Request) async throws -> API.PageDTO<API.AssessmentItemDTO> {
        API.PageDTO(try await req.reads.assessments.page(systemID: req.id("systemID"), try req.listing(sort: AssessmentSort.created, descending: true))
            .map(API.AssessmentItemDTO.init))
    }

    func open(_ req: Request) async throws -> Response {
        // The body is optional (the system's phase is the default), but one that is sent must read.
        let dto = (req.body.data?.readableBytes ?? 0) > 0 ? try req.content.decode(API.OpenAssessmentDTO.self) : API.OpenAssessmentDTO(phase: nil)
        let phase = try LifecyclePhase.parse(dto.phase, field: "phase")
        let detail = try await req.writes.assessments.open(systemID: req.id("systemID"), phase: phase, user: req.actor)
        return try await API.AssessmentDTO(detail).encodeResponse(status: .created, for: req)
    }

    func get(_ req: Request) async throws -> API.AssessmentDTO {
        API.AssessmentDTO(try await req.reads.assessments.detail(req.id("assessmentID")))
    }

    func answer(_ req: Request) async throws -> API.AssessmentDTO {
        let dto = try req.content.decode(API.AnswersDTO.self)
        let version = try requireVersion(dto.version)
        let id = try req.id("assessmentID"), templateID = try req.id("templateID")
        let detail = try await req.reads.assessments.detail(id)
        guard let sheet = detail.sheet(templateID) else { throw RinriError.notFound("sheet \(templateID) of assessment \(id)") }
        guard let raw = dto.answers, !raw.isEmpty else {
            throw RinriError.invalid(field: "answers", code: "required", message: "answers must map question ids to values")
        }
        let answers = try sheet.template.parseAnswers(raw.mapValues { json -> [String]? in
            if case .strings(let values) = json { return values } else { return nil }
        })
        return API.AssessmentDTO(try await req.writes.assessments.saveAnswers(id, templateID: templateID, answers: answers,
                                                                             version: version, user: req.actor))
    }

    func transition(_ req: Request) async throws -> API.AssessmentDTO {
        let dto = try req.content.decode(API.TransitionDTO.self)
        var v = Validator()
        let transition = v.choice(dto.transition, field: "transition", as: AssessmentTransition.self)
        try v.check()
        return API.AssessmentDTO(try await req.writes.assessments.transition(req.id("assessmentID"), transition!,
                                                                            version: requireVersion(dto.version), user: req.actor))
    }

    func vote(_ req: Request) async throws -> API.AssessmentDTO {
        let dto = try req.content.decode(API.VoteInputDTO.self)
        let (vote, comment) = try Vote.validate(vote: dto.vote, comment: dto.comment)
        return API.AssessmentDTO(try await req.writes.assessments.vote(req.id("assessmentID"), vote, comment: comment, user: req.actor))
    }

    func decide(_ req: Request) async throws -> API.AssessmentDTO {
        let dto = try req.content.decode(API.DecisionDTO.self)
        let conditions = try (dto.conditions ?? []).map {
            try ActionInput.validate(title: $0.title, ownerID: $0.ownerId, dueDate: $0.dueDate, blocking: $0.blocking)
        }
        let overrides = try ReviewOverride.validate((dto.overrideReviews ?? []).map { ($0.domain, $0.reason) })
        let decision = try DecisionInput.validate(outcome: dto.outcome, rationale: dto.rationale, evidenceSeen: dto.evidenceSeen, conditions: conditions,
                                                  overrideReviews: overrides)
        return API.AssessmentDTO(try await req.writes.assessments.decide(req.id("assessmentID"), decision,
                                                                        version: requireVersion(dto.version), user: req.actor))
    }

    func actions(_ req: Request) async throws -> API.PageDTO<API.ActionDTO> {
        let systemID = req.query[String.self, at: "system_id"].flatMap { $0.isEmpty ? nil : $0 }
        return API.PageDTO(try await req.reads.assessments.actions(systemID: systemID, openOnly: req.query[String.self, at: "status"] == "open",
                                                                   try req.listing(sort: ActionSort.due)).map(API.ActionDTO.init))
    }

    func reportAction(_ req: Request) async throws -> API.ActionDTO {
        let dto = try req.content.decode(API.ReportActionDTO.self)
        let report = try ActionReport.validate(note: dto.note, evidenceIDs: dto.evidenceIds)
        return API.ActionDTO(try await req.writes.assessments.reportAction(req.id("actionID"), note: report.note, evidence: report.evidence,
                                                                          version: requireVersion(dto.version), user: req.actor))
    }

    func confirmAction(_ req: Request) async throws -> API.ActionDTO { try await confirmation(req, confirmed: true) }
    func returnAction(_ req: Request) async throws -> API.ActionDTO { try await confirmation(req, confirmed: false) }

    private func confirmation(_ req: Request, confirmed: Bool) async throws -> API.ActionDTO {
        let dto = try req.content.decode(API.ConfirmActionDTO.self)
        let note = try ActionReport.validateConfirmation(note: dto.note, confirmed: confirmed)
        return API.ActionDTO(try await req.writes.assessments.confirmAction(req.id("actionID"), confirmed: confirmed, note: note,
                                                                           version: requireVersion(dto.version), user: req.actor))
    }

    func reclassify(_ req: Request) async throws -> API.AssessmentDTO {
        let dto = try req.content.decode(API.ReclassifyDTO.self)
        let (tier, reason) = try Reclassification.validate(tier: dto.tier, reason: dto.reason)
        return API.AssessmentDTO(try await req.writes.assessments.reclassify(req.id("assessmentID"), tier: tier, reason: reason,
                                                                            version: requireVersion(dto.version), user: req.actor))
    }

    func queue(_ req: Request) async throws -> API.QueueDTO {
        API.QueueDTO(try await req.reads.assessments.queue(for: req.actor))
    }

    func gate(_ req: Request) async throws -> API.GateDTO {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let from = system.value.lifecyclePhase
        var target = PhaseGate.next(after: from) ?? from
        if let phase = try LifecyclePhase.parse(req.query[String.self, at: "to"], field: "to", kind: .malformed) { target = phase }
        let blockers = try await req.reads.assessments.gate(systemID: system.id, to: target)
        return API.GateDTO(from: from.rawValue, to: target.rawValue, open: blockers.isEmpty,
                           blockers: blockers.map { .init(code: $0.code, message: $0.message) })
    }

    func reassess(_ req: Request) async throws -> Response {
        let dto = try req.content.decode(API.ReassessDTO.self)
        let (trigger, detail) = try ReassessmentTrigger.validateRequest(trigger: dto.trigger, detail: dto.detail)
        let reopened = try await req.writes.assessments.reassess(systemID: req.id("systemID"), trigger: trigger, detail: detail, user: req.actor)
        return try await API.ReopenedDTO(reopened: reopened).encodeResponse(status: .created, for: req)
    }
}

import FluentKit
import Foundation
import RinriCore

/// The active check-sheet templates, read once, offered as ``TemplateQueries/offered(at:for:)`` offers them.
struct BenchTemplates: Sendable {
    let active: [CheckSheetTemplate]

    static func load(on db: Database) async throws -> BenchTemplates {
        let models = try await TemplateModel.query(on: db).filter(\.$isActive == true).sort(\.$templateID).all()
        return BenchTemplates(active: try models.map { try TemplateCache.shared.template($0) })
    }

    /// The templates an assessment pins at `phase`, owner sheets first and reviews last (as `AssessmentService.openDraft` orders them).
    func offered(at phase: LifecyclePhase, for attributes: SystemAttributes) -> [CheckSheetTemplate] {
        let offered = active.filter { $0.isOffered(at: phase, for: attributes) }
        return offered.filter { $0.kind != .review } + offered.filter { $0.kind == .review }
    }
}

extension BenchLoad {
    static let states: [(AssessmentState, Double)] = [(.draft, 25), (.submitted, 5), (.inReview, 5), (.approved, 40),
                                                      (.approvedWithConditions, 15), (.rejected, 10)]
    static let conditions = ["Publish the transparency note before release", "Repeat the bias test after the next retraining",
                             "Name a person who can stop the system within one hour", "Delete the pilot data after the evaluation"]

    /// The assessment of the system's current phase (the operation phase for a retired system), in a state
    /// drawn from ``states``, and for some systems past planning an approved one of the phase before.
    /// - Returns: the current assessment, nil when no template is offered for the phase.
    mutating func assess(_ system: AISystemModel, unit: BenchPeople.Unit, owner: BenchPeople.Person, evidence: [EvidenceModel],
                         into batch: inout BenchBatch) throws -> AssessmentModel? {
        let phase = LifecyclePhase(rawValue: system.lifecyclePhase) == .retired ? .operation : (LifecyclePhase(rawValue: system.lifecyclePhase) ?? .planning)
        let attributes = SystemAttributes(system.input, orgUnitCountry: unit.country)
        let order = LifecyclePhase.allCases
        if let index = order.firstIndex(of: phase), index > 0, random.chance(0.3) {
            _ = try makeAssessment(system, phase: order[index - 1], state: .approved, attributes: attributes, owner: owner, evidence: [],
                                   into: &batch)
        }
        return try makeAssessment(system, phase: phase, state: random.weighted(Self.states), attributes: attributes, owner: owner,
                                  evidence: evidence, into: &batch)
    }

    private mutating func makeAssessment(_ system: AISystemModel, phase: LifecyclePhase, state: AssessmentState, attributes: SystemAttributes,
                                         owner: BenchPeople.Person, evidence: [EvidenceModel], into batch: inout BenchBatch) throws -> AssessmentModel? {
        let templates = self.templates.offered(at: phase, for: attributes)
        guard !templates.isEmpty else { return nil }
        let model = AssessmentModel()
        (model.id, model.systemID, model.phase, model.state, model.version) = (random.uuid(), system.id!, phase.rawValue, state.rawValue, 1)
        (model.createdBy, model.evidenceSeen, model.authors) = (owner.id.uuidString, [], [owner.key])
        var route: ApprovalRoute?
        if state != .draft {
            route = random.weighted([(ApprovalRoute.selfCheck, 40), (.governanceOffice, 45), (.committee, people.hasCommittee ? 15 : 0)])
            model.route = route?.rawValue
            model.caseLevel = (route == .selfCheck ? RiskLevel.low : route == .governanceOffice ? .medium : random.pick([.high, .critical])).rawValue
            model.submittedBy = owner.key
            if route == .committee {
                (model.bodyKey, model.quorum) = ("ai-ethics-committee", 3)
                model.panel = [PanelMember(userID: people.chair.key, role: .chair)] + people.members.map { PanelMember(userID: $0.key, role: .member) }
            }
            if let linked = evidence.first,
               let question = templates.first(where: { $0.kind != .review })?.questions.first(where: \.evidenceRequired) {
                (linked.assessmentID, linked.questionID) = (model.id!.uuidString, question.id)
            }
        }
        if state.isDecided {
            model.rationale = "Decided on the answers, the reviews and the evidence seen; see the minutes of the gate review."
            (model.decidedAt, model.evidenceSeen) = (Date(), evidence.prefix(1).map { $0.id!.uuidString })
        }
        batch.assessments.append(model)
        batch.created(model, by: owner.actor)
        counts.assessmentsByState[state, default: 0] += 1
        try addSheets(model, templates: templates, state: state, owner: owner, into: &batch)
        if route == .committee && (state.isDecided || (state == .inReview && random.chance(0.5))) { addVotes(model, state: state, into: &batch) }
        addActions(model, state: state, owner: owner, into: &batch)
        return model
    }

    /// The pinned sheets: owner sheets answered in part for a draft and fully otherwise; reviews answered
    /// once the case is in review (some) or decided (all), with conclusions that fit the decision.
    private mutating func addSheets(_ model: AssessmentModel, templates: [CheckSheetTemplate], state: AssessmentState,
                                    owner: BenchPeople.Person, into batch: inout BenchBatch) throws {
        let requested = templates.compactMap(\.reviewDomain?.rawValue)
        var firstReview = true
        for (position, template) in templates.enumerated() {
            let sheet = SheetModel()
            (sheet.id, sheet.assessmentID, sheet.position, sheet.version) = (random.uuid(), model.id!, position, 1)
            (sheet.templateID, sheet.templateVersion, sheet.reviewDomain) = (template.id, template.version, template.reviewDomain?.rawValue)
            if let domain = template.reviewDomain {
                var conclusion: String?
                switch state {
                case .draft, .submitted: conclusion = nil
                case .inReview: conclusion = random.chance(0.5) ? random.pick(["approved", "approved_with_conditions"]) : nil
                case .approved: conclusion = "approved"
                case .approvedWithConditions: conclusion = firstReview ? "approved_with_conditions" : "approved"
                case .rejected: conclusion = firstReview ? "not_approved" : "approved"
                }
                firstReview = false
                if let conclusion {
                    let note = conclusion == "approved" ? nil
                        : conclusion == "not_approved" ? "The fallback procedure has not been tested." : random.pick(Self.conditions)
                    sheet.answers = try answers(template, fraction: 1, conclusion: conclusion, conditions: note, requested: requested)
                    sheet.reviewerID = random.pick(people.reviewers[domain] ?? [owner]).key
                } else {
                    sheet.answers = [:]
                }
            } else {
                let fraction = state == .draft ? 0.2 + random.unit() * 0.6 : 1
                sheet.answers = try answers(template, fraction: fraction, conclusion: nil, conditions: nil, requested: requested)
            }
            batch.sheets.append(sheet)
            batch.created(sheet, by: owner.actor)
            counts.sheets += 1
        }
    }

    /// Answers to the first `fraction` of the template's questions, each valid for its question.
    private mutating func answers(_ template: CheckSheetTemplate, fraction: Double, conclusion: String?, conditions: String?,
                                  requested: [String]) throws -> [String: AnswerValue] {
        let questions = template.questions
        var answers: [String: AnswerValue] = [:]
        for question in questions.prefix(Int(Double(questions.count) * fraction)) {
            guard let value = answer(question, conclusion: conclusion, conditions: conditions, requested: requested) else { continue }
            answers[question.id] = try value.validated(for: question)
        }
        return answers
    }

    private mutating func answer(_ question: Question, conclusion: String?, conditions: String?, requested: [String]) -> AnswerValue? {
        switch question.answer {
        case .yesNoNA:
            return .yesNoNA(random.weighted([("yes", 78), ("no", 12), ("na", 10)]))
        case .singleChoice:
            if question.id == "review_conclusion", let conclusion, question.options.contains(where: { $0.id == conclusion }) { return .choice(conclusion) }
            return question.options.isEmpty ? nil : .choice(random.pick(question.options).id)
        case .multipleChoice:
            if question.requestsReviews { return .choices(question.options.map(\.id).filter(requested.contains)) }
            return question.options.isEmpty ? nil : .choices([random.pick(question.options).id])
        case .text:
            if question.id == "review_conditions" { return conditions.map(AnswerValue.text) }
            return .text("Recorded in the project file: \(question.id.replacingOccurrences(of: "_", with: " ")).")
        case .number:
            return .number(Double(random.int(1...20)))
        case .date:
            return .date(random.day(-300, 0))
        }
    }

    /// The panel's votes: for a decided case the chair's and two members' (the shipped quorum of three), in line with the decision.
    private mutating func addVotes(_ model: AssessmentModel, state: AssessmentState, into batch: inout BenchBatch) {
        let voters = [people.chair] + people.members.prefix(state.isDecided ? 2 : random.int(0...2))
        for voter in voters {
            let vote = VoteModel()
            (vote.id, vote.assessmentID, vote.userID, vote.comment, vote.version) = (random.uuid(), model.id!, voter.id, "", 1)
            vote.vote = switch state {
            case .approved: Vote.approve.rawValue
            case .approvedWithConditions: Vote.approveWithConditions.rawValue
            case .rejected: Vote.reject.rawValue
            default: random.pick(Vote.allCases).rawValue
            }
            batch.votes.append(vote)
            batch.created(vote, by: BenchActor(id: voter.id.uuidString, label: voter.email))
            counts.votes += 1
        }
    }

    /// Follow-up actions: the conditions of an approval with conditions (open, reported or done), and now and
    /// then a done action on a plain approval.
    private mutating func addActions(_ model: AssessmentModel, state: AssessmentState, owner: BenchPeople.Person, into batch: inout BenchBatch) {
        let count = state == .approvedWithConditions ? random.int(1...3) : (state == .approved && random.chance(0.2) ? 1 : 0)
        for number in 0..<count {
            let status = state == .approved ? ActionStatus.done : random.weighted([(ActionStatus.open, 40), (.reported, 20), (.done, 40)])
            let action = ActionModel()
            (action.id, action.assessmentID, action.systemID, action.version) = (random.uuid(), model.id!, model.systemID, 1)
            action.source = number == 0 && model.route != nil ? "decision" : "review:\(random.pick(ReviewDomain.allCases).rawValue)"
            action.apply(ActionInput(title: Self.conditions[(number + random.int(0...3)) % Self.conditions.count], ownerID: owner.id.uuidString,
                                     dueDate: random.day(-120, 240), blocking: state != .approved && random.chance(0.5), status: status))
            if status != .open { action.reportedBy = owner.key }
            if status == .done {
                let office = random.pick(people.office)
                (action.confirmedBy, action.confirmedAt, action.confirmationNote) = (office.key, Date(), "Checked against the evidence.")
            }
            batch.actions.append(action)
            batch.created(action, by: owner.actor)
            counts.actions += 1
            if status == .done { counts.actionsDone += 1 }
        }
    }
}

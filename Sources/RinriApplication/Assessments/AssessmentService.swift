import FluentKit
import Foundation
import RinriCore

/// Phase-gate assessments: opening, answering, the state machine, decisions and follow-up actions.
public struct AssessmentService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// One assessment's detail, read on `db` (a transaction's, when a rule checks it).
    static func detail(of model: AssessmentModel, on db: Database) async throws -> AssessmentDetail {
        try await AssessmentDetails.load([model], on: db)[0]
    }

    /// The system's attributes, with the risk tier read from a screening sheet's classification
    /// (or the office's re-classification, which replaces it).
    static func attributes(_ system: AISystemModel, country: String?, pinned: [(SheetModel, CheckSheetTemplate)], evidence: Set<String>,
                           reclassified: RiskTier?) -> SystemAttributes {
        var attributes = SystemAttributes(system.input, orgUnitCountry: country)
        for (sheet, template) in pinned where template.outcomes.contains(where: { $0.group == "classification" }) {
            let evaluation = CheckSheetEvaluation(template: template, system: attributes, answers: sheet.answers, evidence: evidence)
            // A screening classifies only once every applying question is answered: a half-answered
            // screening would fall through to its fall-back outcome and hide questions meant for riskier tiers.
            if evaluation.unanswered.isEmpty, let tier = RiskTierReading.tier(from: evaluation.outcomes) { attributes.riskTier = tier }
        }
        if let reclassified { attributes.riskTier = reclassified }
        return attributes
    }

    /// The attributes conditions see for a system: its record and its unit's country (no risk tier yet).
    static func systemAttributes(_ system: AISystemModel, on db: Database) async throws -> SystemAttributes {
        SystemAttributes(system.input, orgUnitCountry: try await OrgUnitModel.find(system.$orgUnit.id, on: db)?.country)
    }

    // MARK: Opening

    /// Opens a draft assessment for the system's current phase (or `phase`), pinning the active
    /// versions of the templates offered for it.
    public func open(systemID: String, phase: LifecyclePhase?, user: Actor) async throws -> AssessmentDetail {
        let id = try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let system = try await AISystemModel.require(systemID, on: tx)
            guard user.owns(system) else {
                throw RinriError.forbidden("only the system's owner or the governance office opens its assessments")
            }
            return try await Self.openDraft(system, phase: phase ?? system.input.lifecyclePhase, supersedes: nil, createdBy: user.id, on: tx, batch).id!
        }
        return try await AssessmentQueries(db).detail(id.uuidString)
    }

    static func openDraft(_ system: AISystemModel, phase: LifecyclePhase, supersedes: AssessmentModel?, createdBy: String?,
                          on tx: Database, _ batch: AuditBatch) async throws -> AssessmentModel {
        if let open = try await AssessmentModel.query(on: tx).filter(\.$systemID == system.id!).filter(\.$phase == phase.rawValue)
            .filter(\.$state != AssessmentState.approved.rawValue).filter(\.$state != AssessmentState.approvedWithConditions.rawValue)
            .first() {
            throw RinriError.conflict(code: "assessment_open", "the \(phase.rawValue) assessment \(open.id!.uuidString) is still open")
        }
        let templates = try await TemplateQueries(tx).offered(at: phase, for: try await systemAttributes(system, on: tx))
        guard !templates.isEmpty else {
            throw RinriError.conflict(code: "no_templates", "no active check-sheet template is offered for the \(phase.rawValue) phase")
        }
        let model = AssessmentModel()
        model.systemID = system.id!
        model.phase = phase.rawValue
        model.state = AssessmentState.draft.rawValue
        model.evidenceSeen = []
        model.supersedesID = supersedes?.id
        model.createdBy = createdBy
        try await model.createAudited(on: tx, batch)
        batch.touch([.coverage], system: system.id!)
        let previous = try await supersedes.asyncFlatMap { try await SheetModel.query(on: tx).filter(\.$assessmentID == $0.id!).all() } ?? []
        let ordered = templates.filter { $0.kind != .review } + templates.filter { $0.kind == .review }
        for (position, template) in ordered.enumerated() {
            let sheet = SheetModel()
            sheet.assessmentID = model.id!
            sheet.templateID = template.id
            sheet.templateVersion = template.version
            sheet.reviewDomain = template.reviewDomain?.rawValue
            sheet.position = position
            // A re-assessment starts from the owner's earlier answers; reviews start afresh.
            let carried = template.kind == .review ? [:] : previous.first { $0.templateID == template.id }?.answers ?? [:]
            sheet.answers = carried.filter { template.question(id: $0.key) != nil }
            try await sheet.createAudited(on: tx, batch)
        }
        return model
    }

    // MARK: Answers

    /// Saves answers of one sheet (a nil value clears one). Owners answer their sheets while the
    /// assessment is a draft; reviewers answer their domain's review while it is submitted or in review.
    ///
    /// Whoever saves owner answers becomes an author of the case, and the case's authors never
    /// judge it. A change to a screening's answers drops the office's re-classification (it was
    /// made on other answers), and answers to a `requests_reviews` question open the reviews asked for.
    /// - Throws: ``RinriError`` `stale_version` when `version` is not the assessment's current version.
    public func saveAnswers(_ id: String, templateID: String, answers: [String: AnswerValue?], version: Int,
                            user: Actor) async throws -> AssessmentDetail {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let model = try await AssessmentModel.require(id, on: tx)
            guard model.version == version else { throw RinriError.staleVersion(expected: version, current: model.version) }
            let system = try await AISystemModel.require(model.systemID, on: tx)
            batch.touch([.coverage], system: system.id!)
            guard let sheet = try await SheetModel.query(on: tx).filter(\.$assessmentID == model.id!)
                .filter(\.$templateID == templateID).first() else {
                throw RinriError.notFound("sheet \(templateID) of assessment \(id)")
            }
            let template = try await TemplateQueries(tx).template(sheet.templateID, version: sheet.templateVersion)
            try await Self.checkMayAnswer(sheet, model: model, system: system, user: user, on: tx)
            let merged = try Self.merge(answers, into: sheet.answers, template: template)
            guard merged != sheet.answers else {
                try await RiskService.syncRaised(for: model, on: tx, batch)
                return
            }
            try await sheet.updateAudited(expected: sheet.version, on: tx, batch) {
                sheet.answers = merged
                if sheet.reviewDomain != nil { sheet.reviewerID = user.id }
            }
            let isOwnerSheet = sheet.reviewDomain == nil
            let screening = template.outcomes.contains { $0.group == "classification" }
            if (isOwnerSheet && !model.authors.contains(user.key)) || (screening && model.reclassification != nil) {
                try await model.updateAudited(expected: model.version, on: tx, batch) {
                    if isOwnerSheet && !model.authors.contains(user.key) { model.authors.append(user.key) }
                    if screening { model.reclassification = nil }
                }
            } else {
                try await Self.touch(model, on: tx)
            }
            if isOwnerSheet { try await Self.syncRequestedReviews(model, system: system, on: tx, batch) }
            try await RiskService.syncRaised(for: model, on: tx, batch)
        }
        return try await AssessmentQueries(db).detail(id)
    }

    /// The sheet's answers with `answers` applied, each checked against its question.
    static func merge(_ answers: [String: AnswerValue?], into current: [String: AnswerValue],
                      template: CheckSheetTemplate) throws -> [String: AnswerValue] {
        var merged = current
        var v = Validator()
        for (questionID, value) in answers {
            guard let question = template.question(id: questionID) else {
                v.add(questionID, "unknown_question", "\(template.id) \(template.version) has no question \(questionID)")
                continue
            }
            guard let value else { merged[questionID] = nil; continue }
            do { merged[questionID] = try value.validated(for: question) } catch let error as RinriError {
                v.add(questionID, error.code, error.message)
            }
        }
        try v.check()
        return merged
    }

    static func checkMayAnswer(_ sheet: SheetModel, model: AssessmentModel, system: AISystemModel, user: Actor,
                               on db: Database) async throws {
        let state = AssessmentState(rawValue: model.state) ?? .draft
        if let domain = sheet.reviewDomain.flatMap(ReviewDomain.init(rawValue:)) {
            try ReviewPolicy.checkMayAnswer(domain, state: state, actor: try await actor(user, system: system, model: model, on: db))
        } else {
            guard user.owns(system) else { throw RinriError.forbidden("only the system's owner answers its check sheets") }
            guard state.isEditable else {
                throw RinriError.conflict(code: "not_editable", "answers can change only in a draft; this assessment is \(state.rawValue.replacingOccurrences(of: "_", with: " "))",
                                          arguments: ["state": state.rawValue])
            }
        }
    }

    /// Brings the review sheets of a draft in line with what the phase and system call for plus what
    /// the owner asked for in `requests_reviews` questions: a review asked for is opened with the
    /// active template of its domain (the one for this phase when there is one, else the domain's
    /// template for another phase); a review nobody calls for any more is removed only while nobody
    /// has answered it.
    static func syncRequestedReviews(_ model: AssessmentModel, system: AISystemModel, on tx: Database, _ batch: AuditBatch) async throws {
        let sheets = try await SheetModel.query(on: tx).filter(\.$assessmentID == model.id!).sort(\.$position).all()
        let store = TemplateQueries(tx)
        var requested = Set<ReviewDomain>()
        var asksAtAll = false
        for sheet in sheets where sheet.reviewDomain == nil {
            let template = try await store.template(sheet.templateID, version: sheet.templateVersion)
            for question in template.questions where question.requestsReviews {
                asksAtAll = true
                if case .choices(let ids)? = sheet.answers[question.id] { requested.formUnion(ids.compactMap(ReviewDomain.init(rawValue:))) }
            }
        }
        guard asksAtAll else { return }
        let phase = LifecyclePhase(rawValue: model.phase) ?? .planning
        let offered = try await store.offered(at: phase, for: try await systemAttributes(system, on: tx)).filter { $0.kind == .review }
        let called = requested.union(offered.compactMap(\.reviewDomain))
        let present = Dictionary(sheets.compactMap { sheet in sheet.reviewDomain.flatMap(ReviewDomain.init(rawValue:)).map { ($0, sheet) } },
                                 uniquingKeysWith: { first, _ in first })
        for (domain, sheet) in present where !called.contains(domain) && sheet.answers.isEmpty {
            try await sheet.deleteAudited(expected: nil, on: tx, batch)
        }
        var position = (sheets.map(\.position).max() ?? 0) + 1
        let active = try await TemplateModel.query(on: tx).filter(\.$isActive == true).filter(\.$kind == CheckSheetKind.review.rawValue).all()
        for domain in ReviewDomain.allCases where called.contains(domain) && present[domain] == nil {
            let candidates = try active.map { try TemplateCache.shared.template($0) }
            // the owner asked for this review: its domain's template for this phase, else its active template for another phase
            let ofDomain = candidates.filter { $0.reviewDomain == domain }
            guard let template = ofDomain.first(where: { $0.phases.contains(phase) }) ?? ofDomain.first else { continue }
            let sheet = SheetModel()
            sheet.assessmentID = model.id!
            (sheet.templateID, sheet.templateVersion, sheet.reviewDomain) = (template.id, template.version, domain.rawValue)
            sheet.position = position
            sheet.answers = [:]
            position += 1
            try await sheet.createAudited(on: tx, batch)
        }
    }

    /// Bumps the assessment's edit version, so concurrent editors see each other's saves.
    static func touch(_ model: AssessmentModel, on tx: Database) async throws {
        model.version += 1
        try await model.save(on: tx)
    }

}


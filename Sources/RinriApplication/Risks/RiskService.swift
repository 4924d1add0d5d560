import FluentKit
import Foundation
import RinriCore

/// The risk register: risks raised by answers or entered by hand, with their countermeasures.
public struct RiskService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static func record(_ model: RiskModel, _ measures: [CountermeasureModel]) -> RiskRecord {
        RiskRecord(id: model.id!.uuidString, version: model.version, systemID: model.systemID.uuidString, risk: model.input,
                   origin: model.origin, flaggedForReview: model.flagged, countermeasures: measures.map(\.record))
    }

    /// Enters a risk by hand. Entering it already closed or accepted at a high or critical level is a second-line act.
    public func create(systemID: String, _ input: RiskInput, reason: String? = nil, user: Actor) async throws -> RiskRecord {
        let id = try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let system = try await AISystemModel.require(systemID, on: tx)
            batch.touch([.risks], system: system.id!)
            let secondLine = try await Self.isSecondLine(user, system: system, on: tx)
            try Self.checkMayEdit(system, user, secondLine: secondLine)
            let reason = try RiskPolicy.check(before: nil, after: input, isSecondLine: secondLine, reason: reason)
            try await UserModel.checkExists(input.ownerID, field: "owner_id", on: tx)
            let risk = RiskModel()
            risk.systemID = system.id!
            risk.flagged = false
            risk.apply(input)
            try await risk.createAudited(on: tx, batch, reason: reason)
            return risk.id!.uuidString
        }
        return try await RiskQueries(db).record(id)
    }

    /// Updates a risk; editing a flagged risk clears the flag (someone has looked again). Closing or
    /// accepting a high or critical risk, or lowering the severity of one (or of a risk the answers
    /// raised), is for the second line, with a reason (``RiskPolicy``).
    public func update(_ id: String, _ input: RiskInput, version: Int, reason: String? = nil, user: Actor) async throws -> RiskRecord {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let risk = try await RiskModel.require(id, on: tx)
            let system = try await AISystemModel.require(risk.systemID, on: tx)
            batch.touch([.risks], system: system.id!)
            let secondLine = try await Self.isSecondLine(user, system: system, on: tx)
            try Self.checkMayEdit(system, user, secondLine: secondLine)
            let before = Self.record(risk, try await CountermeasureModel.query(on: tx).filter(\.$riskID == risk.id!).all())
            let reason = try RiskPolicy.check(before: before, after: input, isSecondLine: secondLine, reason: reason)
            try await UserModel.checkExists(input.ownerID, field: "owner_id", on: tx)
            try await risk.updateAudited(expected: version, on: tx, batch, reason: reason) {
                risk.apply(input)
                risk.flagged = false
            }
        }
        return try await RiskQueries(db).record(id)
    }

    public func addCountermeasure(to riskID: String, _ input: CountermeasureInput, user: Actor) async throws -> RiskRecord {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let risk = try await RiskModel.require(riskID, on: tx)
            let system = try await AISystemModel.require(risk.systemID, on: tx)
            batch.touch([.risks], system: system.id!)
            try Self.checkMayEdit(system, user, secondLine: try await Self.isSecondLine(user, system: system, on: tx))
            try await UserModel.checkExists(input.ownerID, field: "owner_id", on: tx)
            try await EvidenceModel.checkBelong(input.evidenceIDs, to: system, field: "evidence_ids", on: tx)
            let measure = CountermeasureModel()
            measure.riskID = risk.id!
            measure.apply(input)
            try await measure.createAudited(on: tx, batch)
        }
        return try await RiskQueries(db).record(riskID)
    }

    /// Updates a countermeasure; a change to what was verified (title, status, effect, evidence) clears the verification.
    public func updateCountermeasure(_ id: String, of riskID: String, _ input: CountermeasureInput, version: Int,
                                     user: Actor) async throws -> RiskRecord {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let (system, measure) = try await Self.findCountermeasure(id, of: riskID, on: tx)
            batch.touch([.risks], system: system.id!)
            try Self.checkMayEdit(system, user, secondLine: try await Self.isSecondLine(user, system: system, on: tx))
            try await UserModel.checkExists(input.ownerID, field: "owner_id", on: tx)
            try await EvidenceModel.checkBelong(input.evidenceIDs, to: system, field: "evidence_ids", on: tx)
            let keeps = RiskPolicy.keepsVerification(measure.input, input)
            try await measure.updateAudited(expected: version, on: tx, batch) {
                measure.apply(input)
                if !keeps { (measure.verifiedBy, measure.verifiedAt) = (nil, nil) }
            }
        }
        return try await RiskQueries(db).record(riskID)
    }

    /// Records that the second line checked a countermeasure reported done: from now on it counts
    /// for the residual level, the routing and the gate.
    public func verifyCountermeasure(_ id: String, of riskID: String, version: Int, note: String?, user: Actor) async throws -> RiskRecord {
        var v = Validator()
        let note = v.text(note, field: "note", required: false, max: 4000)
        try v.check()
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let (system, measure) = try await Self.findCountermeasure(id, of: riskID, on: tx)
            batch.touch([.risks], system: system.id!)
            try RiskPolicy.checkVerify(measure.record, isSecondLine: try await Self.isSecondLine(user, system: system, on: tx))
            try await measure.updateAudited(expected: version, on: tx, batch, reason: note.isEmpty ? nil : note) {
                (measure.verifiedBy, measure.verifiedAt) = (user.key, Date())
            }
        }
        return try await RiskQueries(db).record(riskID)
    }

    private static func findCountermeasure(_ id: String, of riskID: String, on tx: Database) async throws -> (AISystemModel, CountermeasureModel) {
        let risk = try await RiskModel.require(riskID, on: tx)
        guard let uuid = UUID(uuidString: id), let measure = try await CountermeasureModel.find(uuid, on: tx), measure.riskID == risk.id else {
            throw RinriError.notFound("countermeasure \(id) of risk \(riskID)")
        }
        return (try await AISystemModel.require(risk.systemID, on: tx), measure)
    }

    /// The system's owner side, the office, or the second line (the deciding committee's chair) edits its register.
    static func checkMayEdit(_ system: AISystemModel, _ user: Actor, secondLine: Bool) throws {
        guard user.owns(system) || secondLine else {
            throw RinriError.forbidden("only the system's owner, the governance office or the deciding committee's chair edits its risks")
        }
    }

    /// Whether the user is the second line for this system: the governance office or the chair (as
    /// frozen at routing) of the body deciding its latest committee case — and not governed by it
    /// (its named owner, a project owner of its unit, or a submitter or author of one of its cases).
    static func isSecondLine(_ user: Actor, system: AISystemModel, on tx: Database) async throws -> Bool {
        guard !user.isGoverned(by: system) else { return false }
        let cases = try await AssessmentModel.query(on: tx).filter(\.$systemID == system.id!).sort(\.$createdAt, .descending).all()
        if cases.contains(where: { user.isGoverned(by: system, case: $0) }) { return false }
        if user.isGovernanceOffice { return true }
        let committee = cases.first { $0.route == ApprovalRoute.committee.rawValue }
        return committee?.panel.contains { $0.userID == user.key && $0.role == .chair } == true
    }

    // MARK: Risks raised by answers

    /// Brings the register in line with the risks the assessment's answers raise (§11 step 4):
    /// a newly raised risk is added with its suggested countermeasures; a risk no longer raised
    /// is kept but flagged for review; a flagged risk raised again is unflagged.
    static func syncRaised(for assessment: AssessmentModel, on tx: Database, _ batch: AuditBatch) async throws {
        let detail = try await AssessmentService.detail(of: assessment, on: tx)
        let existing = try await RiskModel.query(on: tx).filter(\.$systemID == assessment.systemID).all()
        batch.touch([.risks], system: assessment.systemID)
        var raisedKeys = Set<String>()
        for sheet in detail.sheets + detail.reviews {
            for raised in sheet.evaluation.risks {
                let key = "\(sheet.template.id)/\(raised.questionID)/\(raised.riskIndex)"
                raisedKeys.insert(key)
                if let risk = existing.first(where: { Self.key($0) == key }) {
                    if risk.flagged { try await risk.updateAudited(expected: risk.version, on: tx, batch) { risk.flagged = false } }
                    continue
                }
                try await insertRaised(raised, template: sheet.template, assessment: assessment, on: tx, batch)
            }
        }
        let templates = Set((detail.sheets + detail.reviews).map(\.template.id))
        for risk in existing where !risk.flagged && risk.templateID.map(templates.contains) == true {
            if let key = Self.key(risk), !raisedKeys.contains(key) {
                try await risk.updateAudited(expected: risk.version, on: tx, batch) { risk.flagged = true }
            }
        }
    }

    private static func key(_ risk: RiskModel) -> String? {
        guard let template = risk.templateID, let question = risk.questionID, let index = risk.riskIndex else { return nil }
        return "\(template)/\(question)/\(index)"
    }

    private static func insertRaised(_ raised: RaisedRisk, template: CheckSheetTemplate, assessment: AssessmentModel,
                                     on tx: Database, _ batch: AuditBatch) async throws {
        let t = raised.risk
        let risk = RiskModel()
        risk.systemID = assessment.systemID
        risk.flagged = false
        risk.apply(RiskInput(title: t.title.en, rights: t.rights,
                             severity: try HarmSeverity(scale: t.severity.scale, scope: t.severity.scope, irremediability: t.severity.irremediability),
                             likelihood: t.likelihood))
        (risk.assessmentID, risk.templateID, risk.questionID, risk.riskIndex) = (assessment.id, template.id, raised.questionID, raised.riskIndex)
        try await risk.createAudited(on: tx, batch)
        for suggestion in t.countermeasures {
            let measure = CountermeasureModel()
            measure.riskID = risk.id!
            measure.apply(CountermeasureInput(title: suggestion.en))
            try await measure.createAudited(on: tx, batch)
        }
    }
}

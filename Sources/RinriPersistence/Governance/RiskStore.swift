import FluentKit
import Foundation
import RinriCore

/// The risk register: risks raised by answers or entered by hand, with their countermeasures.
public struct RiskStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Risks of one system, or of every system.
    public func records(systemID: String? = nil) async throws -> [RiskRecord] {
        var query = RiskModel.query(on: db)
        if let systemID {
            let system = try await InventoryStore(db).findSystem(systemID, on: db)
            query = query.filter(\.$systemID == system.id!)
        }
        let risks = try await query.sort(\.$createdAt).all()
        let ids = risks.compactMap(\.id)
        let measures = ids.isEmpty ? [] : try await CountermeasureModel.query(on: db).filter(\.$riskID ~~ ids).sort(\.$createdAt).all()
        return risks.map { risk in Self.record(risk, measures.filter { $0.riskID == risk.id }) }
    }

    public func record(_ id: String) async throws -> RiskRecord {
        let model = try await Self.find(id, on: db)
        let measures = try await CountermeasureModel.query(on: db).filter(\.$riskID == model.id!).sort(\.$createdAt).all()
        return Self.record(model, measures)
    }

    static func record(_ model: RiskModel, _ measures: [CountermeasureModel]) -> RiskRecord {
        RiskRecord(id: model.id!.uuidString, version: model.version, systemID: model.systemID.uuidString, risk: model.input,
                   origin: model.origin, flaggedForReview: model.flagged, countermeasures: measures.map(\.stored))
    }

    public func create(systemID: String, _ input: RiskInput, user: GovernanceUser) async throws -> RiskRecord {
        let id = try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let system = try await InventoryStore(tx).findSystem(systemID, on: tx)
            try Self.checkMayEdit(system, user)
            try await Self.checkOwner(input.ownerID, on: tx)
            let risk = RiskModel()
            risk.systemID = system.id!
            risk.flagged = false
            risk.apply(input)
            try await risk.createAudited(on: tx, batch)
            return risk.id!.uuidString
        }
        return try await record(id)
    }

    /// Updates a risk; editing a flagged risk clears the flag (someone has looked again).
    public func update(_ id: String, _ input: RiskInput, version: Int, user: GovernanceUser) async throws -> RiskRecord {
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let risk = try await Self.find(id, on: tx)
            try Self.checkMayEdit(try await AISystemModel.find(risk.systemID, on: tx)!, user)
            try await Self.checkOwner(input.ownerID, on: tx)
            try await risk.updateAudited(expected: version, on: tx, batch) {
                risk.apply(input)
                risk.flagged = false
            }
        }
        return try await record(id)
    }

    public func addCountermeasure(to riskID: String, _ input: CountermeasureInput, user: GovernanceUser) async throws -> RiskRecord {
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let risk = try await Self.find(riskID, on: tx)
            try Self.checkMayEdit(try await AISystemModel.find(risk.systemID, on: tx)!, user)
            try await Self.checkOwner(input.ownerID, on: tx)
            let measure = CountermeasureModel()
            measure.riskID = risk.id!
            measure.apply(input)
            try await measure.createAudited(on: tx, batch)
        }
        return try await record(riskID)
    }

    public func updateCountermeasure(_ id: String, of riskID: String, _ input: CountermeasureInput, version: Int,
                                     user: GovernanceUser) async throws -> RiskRecord {
        try await AuditTrail.transaction(on: db, context: user.context) { tx, batch in
            let risk = try await Self.find(riskID, on: tx)
            try Self.checkMayEdit(try await AISystemModel.find(risk.systemID, on: tx)!, user)
            guard let uuid = UUID(uuidString: id), let measure = try await CountermeasureModel.find(uuid, on: tx), measure.riskID == risk.id else {
                throw RinriError.notFound("countermeasure \(id) of risk \(riskID)")
            }
            try await Self.checkOwner(input.ownerID, on: tx)
            try await measure.updateAudited(expected: version, on: tx, batch) { measure.apply(input) }
        }
        return try await record(riskID)
    }

    static func checkMayEdit(_ system: AISystemModel, _ user: GovernanceUser) throws {
        guard user.owns(system) || user.isGovernanceOffice else {
            throw RinriError.forbidden("only the system's owner or the governance office edits its risks")
        }
    }

    static func checkOwner(_ ownerID: String?, on tx: Database) async throws {
        if let ownerID, try await UserModel.find(UUID(uuidString: ownerID), on: tx) == nil {
            throw RinriError.invalid(field: "owner_id", code: "unknown_user", message: "no user has id \(ownerID)")
        }
    }

    static func find(_ id: String, on db: Database) async throws -> RiskModel {
        guard let uuid = UUID(uuidString: id), let model = try await RiskModel.find(uuid, on: db) else {
            throw RinriError.notFound("risk \(id)")
        }
        return model
    }

    // MARK: Risks raised by answers

    /// Brings the register in line with the risks the assessment's answers raise (§11 step 4):
    /// a newly raised risk is added with its suggested countermeasures; a risk no longer raised
    /// is kept but flagged for review; a flagged risk raised again is unflagged.
    static func syncRaised(for assessment: AssessmentModel, on tx: Database, _ batch: AuditBatch) async throws {
        let detail = try await AssessmentStore.detail(of: assessment, on: tx)
        let existing = try await RiskModel.query(on: tx).filter(\.$systemID == assessment.systemID).all()
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

import FluentKit
import Foundation
import RinriCore

/// Builds ``AssessmentDetail``s for any number of assessments in a fixed number of queries (systems,
/// units, sheets, pinned templates, evidence, votes, actions, user names), never one per case or sheet.
enum AssessmentDetails {
    static func load(_ models: [AssessmentModel], on db: Database) async throws -> [AssessmentDetail] {
        guard !models.isEmpty else { return [] }
        let ids = models.compactMap(\.id)
        let systems = try await byID(AISystemModel.query(on: db).filter(\.$id ~~ Set(models.map(\.systemID))).all())
        let units = try await byID(OrgUnitModel.query(on: db).filter(\.$id ~~ Set(systems.values.map { $0.$orgUnit.id })).all())
        let sheets = Dictionary(grouping: try await SheetModel.query(on: db).filter(\.$assessmentID ~~ ids).sort(\.$position).all(),
                                by: \.assessmentID)
        // every version of the pinned ids is read, but only the pinned versions are parsed
        let pinnedKeys = Set(sheets.values.joined().map { "\($0.templateID)@\($0.templateVersion)" })
        let templateModels = try await TemplateModel.query(on: db)
            .filter(\.$templateID ~~ Set(sheets.values.joined().map(\.templateID))).all()
        var templates: [String: CheckSheetTemplate] = [:]
        for model in templateModels where pinnedKeys.contains("\(model.templateID)@\(model.templateVersion)") {
            templates["\(model.templateID)@\(model.templateVersion)"] = try TemplateCache.shared.template(model)
        }
        let evidence = Dictionary(grouping: try await EvidenceModel.query(on: db).filter(\.$assessmentID ~~ ids.map(\.uuidString))
            .sort(\.$createdAt).all(), by: { $0.assessmentID?.uppercased() ?? "" })
        let names = try await GovernanceQueries(db).userNames()
        let votes = Dictionary(grouping: try await VoteModel.query(on: db).filter(\.$assessmentID ~~ ids).all(), by: \.assessmentID)
        let actions = Dictionary(grouping: try await ActionModel.query(on: db).filter(\.$assessmentID ~~ ids).all(), by: \.assessmentID)
        return try models.map { model in
            guard let system = systems[model.systemID] else { throw RinriError.notFound("AI system \(model.systemID)") }
            let pinned = try (sheets[model.id!] ?? []).map { sheet -> (SheetModel, CheckSheetTemplate) in
                guard let template = templates["\(sheet.templateID)@\(sheet.templateVersion)"] else {
                    throw RinriError.notFound("check-sheet template \(sheet.templateID) version \(sheet.templateVersion)")
                }
                return (sheet, template)
            }
            return detail(model, system: system, country: units[system.$orgUnit.id]?.country, pinned: pinned,
                          evidence: evidence[model.id!.uuidString] ?? [], names: names, votes: votes[model.id!] ?? [],
                          actions: actions[model.id!] ?? [])
        }
    }

    private static func detail(_ model: AssessmentModel, system: AISystemModel, country: String?, pinned: [(SheetModel, CheckSheetTemplate)],
                               evidence: [EvidenceModel], names: [UUID: String], votes: [VoteModel], actions: [ActionModel]) -> AssessmentDetail {
        var byQuestion: [String: [Stored<EvidenceInput>]] = [:]
        for item in evidence where item.systemID == system.id { if let q = item.questionID { byQuestion[q, default: []].append(item.stored) } }
        let attributes = AssessmentService.attributes(system, country: country, pinned: pinned, evidence: Set(byQuestion.keys),
                                                      reclassified: model.reclassification?.tier)
        let evaluated = pinned.map { sheet, template in
            EvaluatedAssessmentSheet(sheet: sheet.sheet, template: template,
                                     evaluation: CheckSheetEvaluation(template: template, system: attributes, answers: sheet.answers,
                                                                      evidence: Set(byQuestion.keys)))
        }
        return AssessmentDetail(
            record: model.record, system: system.stored, attributes: attributes,
            userNames: Dictionary(uniqueKeysWithValues: names.map { ($0.key.uuidString, $0.value) }),
            sheets: evaluated.filter { $0.sheet.reviewDomain == nil }, reviews: evaluated.filter { $0.sheet.reviewDomain != nil },
            votes: votes.map { VoteRecord(userID: $0.userID.uuidString, userName: names[$0.userID] ?? "?",
                                          vote: Vote(rawValue: $0.vote) ?? .abstain, comment: $0.comment) },
            actions: actions.map(\.record), evidence: byQuestion)
    }

    private static func byID<M: Model>(_ models: [M]) -> [UUID: M] where M.IDValue == UUID {
        Dictionary(models.compactMap { model in model.id.map { ($0, model) } }, uniquingKeysWith: { first, _ in first })
    }
}

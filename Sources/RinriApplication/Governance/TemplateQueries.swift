import FluentKit
import Foundation
import RinriCore

/// Check-sheet templates as pages, the API and assessments read them. Reads only;
/// ``TemplateService`` imports new versions.
public struct TemplateQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Every stored version (active ones first within an id), or only the active ones.
    public func list(activeOnly: Bool = false) async throws -> [TemplateSummary] {
        var query = TemplateModel.query(on: db)
        if activeOnly { query = query.filter(\.$isActive == true) }
        let models = try await query.sort(\.$templateID).sort(\.$createdAt, .descending).all()
        return try models.map { model in
            let template = try TemplateCache.shared.template(model)
            return TemplateSummary(templateID: model.templateID, version: model.templateVersion, kind: template.kind,
                                   title: template.title, questionCount: model.questionCount, isActive: model.isActive,
                                   phases: template.phases)
        }
    }

    /// The active version of a template, or the given version.
    public func template(_ id: String, version: String? = nil) async throws -> CheckSheetTemplate {
        try TemplateCache.shared.template(try await TemplateModel.require(id, version: version, on: db))
    }

    /// The YAML a version was imported from.
    public func yaml(_ id: String, version: String? = nil) async throws -> String {
        try await TemplateModel.require(id, version: version, on: db).yaml
    }

    /// The active templates offered at `phase` for a system with these attributes.
    public func offered(at phase: LifecyclePhase, for system: SystemAttributes) async throws -> [CheckSheetTemplate] {
        let models = try await TemplateModel.query(on: db).filter(\.$isActive == true).sort(\.$templateID).all()
        return try models.map { try TemplateCache.shared.template($0) }.filter { $0.isOffered(at: phase, for: system) }
    }
}

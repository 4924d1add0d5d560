import FluentKit
import Foundation
import RinriCore

/// A stored template version, as listed.
public struct TemplateSummary: Sendable, Equatable {
    public var templateID: String
    public var version: String
    public var kind: CheckSheetKind
    public var title: LocalizedText
    public var questionCount: Int
    public var isActive: Bool
    public var phases: [LifecyclePhase]
}

/// Parsed templates by `id@version`: a stored version never changes, so a parse is kept for the process.
final class TemplateCache: @unchecked Sendable {
    static let shared = TemplateCache()
    private let lock = NSLock()
    private var templates: [String: CheckSheetTemplate] = [:]

    func template(_ model: TemplateModel) throws -> CheckSheetTemplate {
        let key = "\(model.templateID)@\(model.templateVersion)"
        if let cached = lock.withLock({ templates[key] }) { return cached }
        let result = CheckSheetLinter.lintTemplate(yaml: model.yaml, file: "\(model.templateID).yaml", catalogue: nil)
        guard let template = result.template else { throw CheckSheetLintError(problems: result.problems) }
        lock.withLock { templates[key] = template }
        return template
    }
}

/// Check-sheet templates kept in the database: imported, exported, pinned by assessments.
public struct TemplateStore: Sendable {
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
        try TemplateCache.shared.template(try await find(id, version: version, on: db))
    }

    /// The YAML a version was imported from.
    public func yaml(_ id: String, version: String? = nil) async throws -> String {
        try await find(id, version: version, on: db).yaml
    }

    /// The active templates offered at `phase` for a system with these attributes.
    public func offered(at phase: LifecyclePhase, for system: SystemAttributes) async throws -> [CheckSheetTemplate] {
        let models = try await TemplateModel.query(on: db).filter(\.$isActive == true).sort(\.$templateID).all()
        return try models.map { try TemplateCache.shared.template($0) }.filter { $0.isOffered(at: phase, for: system) }
    }

    /// Lints and stores a template version, which becomes the active version of its id.
    ///
    /// - Throws: ``CheckSheetLintError`` with line-numbered problems when the YAML has errors;
    ///   ``RinriError`` `conflict` when that id and version exist with different content.
    public func importTemplate(yaml: String, fileName: String?, context: Actor) async throws -> (summary: TemplateSummary, warnings: [LintProblem]) {
        let catalogue = try await GovernanceStore(db).catalogue()
        let file = fileName ?? Self.guessFileName(yaml)
        let result = CheckSheetLinter.lintTemplate(yaml: yaml, file: file, catalogue: catalogue)
        guard let template = result.template else { throw CheckSheetLintError(problems: result.problems) }
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            if let existing = try await TemplateModel.query(on: tx).filter(\.$templateID == template.id)
                .filter(\.$templateVersion == template.version).first() {
                guard existing.yaml == yaml else {
                    throw RinriError.conflict(code: "version_exists",
                                              "\(template.id) \(template.version) already exists with different content; raise the version")
                }
                return
            }
            try await Self.insert(template, yaml: yaml, on: tx, batch)
        }
        let summary = try await list().first { $0.templateID == template.id && $0.version == template.version }!
        return (summary, result.problems.filter { $0.severity == .warning })
    }

    /// Inserts a linted template as the active version of its id.
    static func insert(_ template: CheckSheetTemplate, yaml: String, on tx: Database, _ batch: AuditBatch) async throws {
        for older in try await TemplateModel.query(on: tx).filter(\.$templateID == template.id).filter(\.$isActive == true).all() {
            try await older.updateAudited(expected: older.version, on: tx, batch) { older.isActive = false }
        }
        let model = TemplateModel()
        model.templateID = template.id
        model.templateVersion = template.version
        model.kind = template.kind.rawValue
        (model.titleEN, model.titleJA) = (template.title.en, template.title.ja)
        model.yaml = yaml
        model.questionCount = template.questions.count
        model.isActive = true
        try await model.createAudited(on: tx, batch)
    }

    /// `<id>.yaml` from the template's `id:` line, so an upload without a file name lints as that file.
    static func guessFileName(_ yaml: String) -> String {
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("id:") {
            let value = line.dropFirst(3).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !value.isEmpty { return "\(value).yaml" }
        }
        return "template.yaml"
    }

    private func find(_ id: String, version: String?, on db: Database) async throws -> TemplateModel {
        var query = TemplateModel.query(on: db).filter(\.$templateID == id)
        query = version.map { query.filter(\.$templateVersion == $0) } ?? query.filter(\.$isActive == true)
        guard let model = try await query.first() else {
            throw RinriError.notFound("check-sheet template \(id)\(version.map { " version \($0)" } ?? "")")
        }
        return model
    }
}

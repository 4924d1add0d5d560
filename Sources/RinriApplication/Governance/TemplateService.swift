import FluentKit
import Foundation
import RinriCore


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
public struct TemplateService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Lints and stores a template version, which becomes the active version of its id.
    ///
    /// - Throws: ``CheckSheetLintError`` with line-numbered problems when the YAML has errors;
    ///   ``RinriError`` `conflict` when that id and version exist with different content.
    public func importTemplate(yaml: String, fileName: String?, context: Actor) async throws -> (summary: TemplateSummary, warnings: [LintProblem]) {
        try AccessPolicy.check(context, .manageGovernance)
        let catalogue = try await GovernanceQueries(db).catalogue()
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
        let summary = try await TemplateQueries(db).list().first { $0.templateID == template.id && $0.version == template.version }!
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

}

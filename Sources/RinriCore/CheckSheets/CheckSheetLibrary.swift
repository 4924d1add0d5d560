import Foundation

/// The principle catalogue and the check-sheet templates loaded with it.
public struct CheckSheetLibrary: Sendable, Equatable {
    /// The principle catalogue the templates refer to.
    public let principles: PrincipleCatalogue
    /// Templates ordered by id.
    public let templates: [CheckSheetTemplate]
    /// Warnings found while loading (errors prevent loading).
    public let warnings: [LintProblem]

    /// A library of already validated parts; use the `load` functions to lint files.
    public init(principles: PrincipleCatalogue, templates: [CheckSheetTemplate], warnings: [LintProblem] = []) {
        self.principles = principles
        self.templates = templates.sorted { $0.id < $1.id }
        self.warnings = warnings
    }

    /// The template with this id, if any.
    public func template(id: String) -> CheckSheetTemplate? {
        templates.first { $0.id == id }
    }

    /// The number of questions over all templates.
    public var questionCount: Int {
        templates.reduce(0) { $0 + $1.questions.count }
    }

    /// The templates offered at the `phase` gate for a system with these attributes (§11 step 1).
    public func templates(for phase: LifecyclePhase, system: SystemAttributes) -> [CheckSheetTemplate] {
        templates.filter { $0.isOffered(at: phase, for: system) }
    }

    /// Loads and lints a catalogue and templates given as text.
    ///
    /// - Throws: ``CheckSheetLintError`` listing every problem when any file has an error.
    public static func load(catalogue: CheckSheetSource, templates: [CheckSheetSource]) throws -> CheckSheetLibrary {
        let result = CheckSheetLinter.lintLibrary(catalogue: catalogue, templates: templates)
        guard !result.problems.hasErrors, let principles = result.catalogue else {
            throw CheckSheetLintError(problems: result.problems)
        }
        return CheckSheetLibrary(principles: principles, templates: result.templates,
                                 warnings: result.problems.filter { $0.severity == .warning })
    }

    /// Loads the catalogue file and every `*.yaml` file of a template directory.
    ///
    /// Problems name the files `Principles/<name>` and `CheckSheets/<name>`, as under `Resources/`.
    public static func load(catalogueFile: URL, templateDirectory: URL) throws -> CheckSheetLibrary {
        let names = try FileManager.default.contentsOfDirectory(atPath: templateDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let catalogue = try source(catalogueFile, name: "Principles/\(catalogueFile.lastPathComponent)")
        let templates = try names.map { try source(templateDirectory.appendingPathComponent($0), name: "CheckSheets/\($0)") }
        return try load(catalogue: catalogue, templates: templates)
    }

    /// Loads the catalogue and every template shipped in RinriCore's resources.
    ///
    /// - Throws: ``CheckSheetLintError`` when a shipped file has an error, or ``RinriError`` when
    ///   the resources are missing.
    public static func loadBundled() throws -> CheckSheetLibrary {
        guard let catalogue = RinriResources.url("Principles/principles.yaml"),
              let directory = RinriResources.url("CheckSheets") else {
            throw RinriError.notFound("the bundled check-sheet resources")
        }
        return try load(catalogueFile: catalogue, templateDirectory: directory)
    }

    private static func source(_ url: URL, name: String) throws -> CheckSheetSource {
        CheckSheetSource(name: name, yaml: try String(contentsOf: url, encoding: .utf8))
    }
}

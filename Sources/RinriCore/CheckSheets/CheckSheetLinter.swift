import Foundation

/// A YAML file to lint: the name used in messages and its text.
public struct CheckSheetSource: Sendable, Equatable {
    /// The file name or path reported in problems; a template's last path component must be `<id>.yaml`.
    public var name: String
    /// The file's text.
    public var yaml: String

    public init(name: String, yaml: String) {
        self.name = name
        self.yaml = yaml
    }
}

/// The linter behind `rinri sheets validate` (docs/check-sheets.md §13).
///
/// Errors: 1 parse, missing, unknown and duplicate keys, wrong types; 2 template id pattern,
/// uniqueness and file name; 3 version, kind, review_domain, phases; 4 local ids and duplicates;
/// 5 bilingual texts; 6 options; 7 principles; 8 framework references (§9); 9 conditions
/// (syntax, unknown paths, scope of §10.4); 10 literal values, `in` and ordering against
/// question types, risk tier and phase literals; 11 risks.
/// Warnings: 2 unused principles; 3 evidence on a text question; 4 outcomes after a fall-back.
/// Warning 1 (unknown but well-formed framework references) needs a framework catalogue,
/// which Rinri does not have yet, so it is not reported.
public enum CheckSheetLinter {
    /// The outcome of linting one template file.
    public struct TemplateResult: Sendable, Equatable {
        /// The template, or `nil` when the file has any error.
        public var template: CheckSheetTemplate?
        /// Errors and warnings, ordered by line.
        public var problems: [LintProblem]
    }

    /// The outcome of linting the principle catalogue.
    public struct CatalogueResult: Sendable, Equatable {
        /// The catalogue, or `nil` when the file has any error.
        public var catalogue: PrincipleCatalogue?
        /// Errors and warnings, ordered by line.
        public var problems: [LintProblem]
    }

    /// The outcome of linting a catalogue with a set of templates.
    public struct LibraryResult: Sendable, Equatable {
        /// The catalogue, or `nil` when its file has any error.
        public var catalogue: PrincipleCatalogue?
        /// The templates without errors, in the order given.
        public var templates: [CheckSheetTemplate]
        /// Every problem of every file, ordered by file and line.
        public var problems: [LintProblem]
    }

    /// Lints one template file against `catalogue` (principle ids are not checked when it is `nil`).
    public static func lintTemplate(yaml: String, file: String, catalogue: PrincipleCatalogue?) -> TemplateResult {
        let (draft, lint) = draftTemplate(yaml: yaml, file: file, principleIDs: catalogue?.ids)
        return TemplateResult(template: lint.hasErrors ? nil : draft, problems: lint.problems.sortedByLocation)
    }

    /// Lints the principle catalogue file.
    public static func lintCatalogue(yaml: String, file: String) -> CatalogueResult {
        let (draft, lint) = draftCatalogue(yaml: yaml, file: file)
        return CatalogueResult(catalogue: lint.hasErrors ? nil : draft, problems: lint.problems.sortedByLocation)
    }

    /// Lints a catalogue and templates together, adding the checks across files:
    /// template ids unique (rule 2) and principles no template refers to (warning 2).
    public static func lintLibrary(catalogue: CheckSheetSource, templates: [CheckSheetSource]) -> LibraryResult {
        let (catalogueDraft, catalogueLint) = draftCatalogue(yaml: catalogue.yaml, file: catalogue.name)
        let loadedCatalogue = catalogueLint.hasErrors ? nil : catalogueDraft
        var problems: [LintProblem] = []
        var loaded: [CheckSheetTemplate] = []
        var firstFileOfID: [String: String] = [:]
        var referenced = Set<String>()
        for source in templates {
            let (draft, lint) = draftTemplate(yaml: source.yaml, file: source.name, principleIDs: loadedCatalogue?.ids)
            if let draft {
                if let first = firstFileOfID[draft.id], !lint.isBroken("id") {
                    lint.ruleError("id", "template id '\(draft.id)' is already used by \(first)")
                }
                firstFileOfID[draft.id] = firstFileOfID[draft.id] ?? source.name
                referenced.formUnion(draft.questions.flatMap(\.principles))
                if !lint.hasErrors { loaded.append(draft) }
            }
            problems += lint.problems
        }
        if let catalogueDraft {
            for (index, principle) in catalogueDraft.principles.enumerated()
            where !referenced.contains(principle.id) && !catalogueLint.isBroken("principles[\(index)].id") {
                catalogueLint.warning("principles[\(index)].id", "principle '\(principle.id)' is not referred to by any template")
            }
        }
        problems = catalogueLint.problems + problems
        return LibraryResult(catalogue: loadedCatalogue, templates: loaded, problems: problems.sortedByLocation)
    }

    // MARK: Drafts

    static func draftTemplate(yaml: String, file: String, principleIDs: Set<String>?)
        -> (CheckSheetTemplate?, LintCollector) {
        let lint = LintCollector(file: file)
        let draft = CheckSheetLoader(lint: lint).template(yaml: yaml)
        if let draft {
            TemplateRules(template: draft, file: file, principleIDs: principleIDs, lint: lint).run()
        }
        return (draft, lint)
    }

    static func draftCatalogue(yaml: String, file: String) -> (PrincipleCatalogue?, LintCollector) {
        let lint = LintCollector(file: file)
        let draft = CheckSheetLoader(lint: lint).catalogue(yaml: yaml)
        if let draft { CatalogueRules(catalogue: draft, lint: lint).run() }
        return (draft, lint)
    }
}

/// The rules of §8 and §13 for the principle catalogue.
struct CatalogueRules {
    let catalogue: PrincipleCatalogue
    let lint: LintCollector

    private func error(_ path: String, _ message: String) {
        if !lint.isBroken(path) { lint.ruleError(path, message) }
    }

    func run() {
        if catalogue.catalogue != "rinri-principles" {
            error("catalogue", "catalogue must be 'rinri-principles', not '\(catalogue.catalogue)'")
        }
        if !IdentifierPattern.isSemVer(catalogue.version) {
            error("version", "version '\(catalogue.version)' is not MAJOR.MINOR.PATCH")
        }
        if catalogue.principles.isEmpty { error("principles", "the catalogue needs at least one principle") }
        var seen = Set<String>()
        for (index, principle) in catalogue.principles.enumerated() {
            let path = "principles[\(index)]"
            if !IdentifierPattern.isPrincipleID(principle.id) {
                error("\(path).id", "principle id '\(principle.id)' must match ^[A-Z][A-Z0-9-]*(\\.[A-Za-z0-9_]+)+$")
            }
            if !seen.insert(principle.id).inserted { error("\(path).id", "duplicate principle id '\(principle.id)'") }
            if !IdentifierPattern.isSemVer(principle.version) {
                error("\(path).version", "version '\(principle.version)' is not MAJOR.MINOR.PATCH")
            }
            for (refIndex, reference) in principle.frameworks.enumerated() {
                let refPath = "\(path).frameworks[\(refIndex)]"
                if principle.frameworks[..<refIndex].contains(reference) {
                    error(refPath, "framework reference '\(reference)' is listed twice")
                }
                if !FrameworkReference.isWellFormed(reference) {
                    error(refPath, "framework reference '\(reference)' matches no pattern of docs/check-sheets.md §9")
                }
            }
        }
    }
}

extension CheckSheetTemplate {
    /// Loads one template file, e.g. one imported at run time, under the same rules as shipped ones.
    ///
    /// - Throws: ``CheckSheetLintError`` listing every problem when the file has any error.
    public init(yaml: String, file: String, catalogue: PrincipleCatalogue) throws {
        let result = CheckSheetLinter.lintTemplate(yaml: yaml, file: file, catalogue: catalogue)
        guard let template = result.template else { throw CheckSheetLintError(problems: result.problems) }
        self = template
    }
}

extension PrincipleCatalogue {
    /// Loads the principle catalogue from its YAML text.
    ///
    /// - Throws: ``CheckSheetLintError`` listing every problem when the file has any error.
    public init(yaml: String, file: String) throws {
        let result = CheckSheetLinter.lintCatalogue(yaml: yaml, file: file)
        guard let catalogue = result.catalogue else { throw CheckSheetLintError(problems: result.problems) }
        self = catalogue
    }
}

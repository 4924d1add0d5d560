import ArgumentParser
import Foundation
import RinriCore
import RinriWire
import RinriApplication
import RinriWeb

struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check-sheet templates: list the built-in library, lint a template file, import one into the database, export one.",
        discussion: "The format is documented in docs/check-sheets.md.",
        subcommands: [List.self, Validate.self, Import.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in templates, or with --database the versions stored in the database.")
        @ArgumentParser.Option(help: "text or json") var format: OutputFormat = .text
        @ArgumentParser.Flag(help: "List the template versions in the database (RINRI_DATABASE_URL), active ones marked.") var database = false

        func run() async throws {
            if database { return try await listDatabase() }
            let library = try CheckSheetLibrary.loadBundled()
            switch format {
            case .json:
                // as the API lists templates; a library version is what an import makes active
                try JSONOutput.print(library.templates.map {
                    API.TemplateSummaryDTO(TemplateSummary(templateID: $0.id, version: $0.version, kind: $0.kind, title: $0.title,
                                                           questionCount: $0.questions.count, isActive: true, phases: $0.phases))
                })
            case .text:
                for template in library.templates {
                    let phases = template.phases.map(\.rawValue).joined(separator: ",")
                    print("\(template.id)@\(template.version)\t\(template.kind.rawValue)\t\(phases)\t\(template.questions.count) questions\t\(template.title.en)")
                }
                print("\(library.templates.count) templates, \(library.questionCount) questions")
            }
        }

        private func listDatabase() async throws {
            let config = try AppRunner.config()
            let templates = try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
                try await TemplateQueries(app.db).list()
            }
            switch format {
            case .json:
                try JSONOutput.print(templates.map(API.TemplateSummaryDTO.init))
            case .text:
                for t in templates {
                    print("\(t.templateID)@\(t.version)\t\(t.isActive ? "active" : "inactive")\t\(t.kind.rawValue)\t\(t.questionCount) questions\t\(t.title.en)")
                }
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint template files: exit 0 when valid, 2 with one file:line: message per problem.")
        @ArgumentParser.Argument(help: "Template YAML files.") var files: [String]
        @ArgumentParser.Option(help: "A principle catalogue to check principle ids against (default: the built-in one).")
        var principles: String?

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one template file") }
        }

        func run() throws {
            let catalogue: PrincipleCatalogue
            if let principles {
                let text = try read(principles)
                catalogue = try PrincipleCatalogue(yaml: text, file: principles)
            } else {
                catalogue = try CheckSheetLibrary.loadBundled().principles
            }
            var errors = 0, questions = 0
            for file in files {
                let result = CheckSheetLinter.lintTemplate(yaml: try read(file), file: file, catalogue: catalogue)
                for problem in result.problems {
                    printError(problem.description)
                    if problem.severity == .error { errors += 1 }
                }
                questions += result.template?.questions.count ?? 0
            }
            if errors > 0 { throw ExitCode(2) }
            print("\(files.count) template(s) valid, \(questions) questions")
        }

        private func read(_ path: String) throws -> String {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RinriError.notFound("the file \(path)")
            }
            return text
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint template files and store each as the active version of its id in the database (RINRI_DATABASE_URL).",
            discussion: "Exit 0 when every file was imported; 2 with one file:line: message per problem, and nothing stored.")
        @ArgumentParser.Argument(help: "Template YAML files.") var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one template file") }
        }

        func run() async throws {
            let sources = try files.map { file -> (String, String) in
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw RinriError.notFound("the file \(file)") }
                return (file, text)
            }
            let config = try AppRunner.config()
            try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
                let store = TemplateService(app.db)
                let catalogue = try await GovernanceQueries(app.db).catalogue()
                var errors = 0
                for (file, text) in sources {
                    let problems = CheckSheetLinter.lintTemplate(yaml: text, file: file, catalogue: catalogue).problems
                    for problem in problems { printError(problem.description) }
                    errors += problems.filter { $0.severity == .error }.count
                }
                if errors > 0 { throw ExitCode(2) }
                for (file, text) in sources {
                    let result = try await store.importTemplate(yaml: text, fileName: file, context: .system("rinri sheets import"))
                    say("imported \(result.summary.templateID)@\(result.summary.version) (\(result.summary.questionCount) questions)")
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a template as YAML: a built-in one, or with --database the version stored in the database.")
        @ArgumentParser.Argument(help: "The template id, e.g. eu-ai-act-screening.") var id: String
        @ArgumentParser.Option(help: "Write to this file instead of standard output.") var output: String?
        @ArgumentParser.Flag(help: "Export from the database (RINRI_DATABASE_URL) instead of the built-in library.") var database = false
        @ArgumentParser.Option(help: "With --database: this version instead of the active one.") var version: String?

        func run() async throws {
            if database {
                let config = try AppRunner.config()
                let yaml = try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
                    try await TemplateQueries(app.db).yaml(id, version: version)
                }
                try ReportOutput.write(Data(yaml.utf8), to: output)
                return
            }
            if version != nil { throw ValidationError("--version needs --database") }
            let library = try CheckSheetLibrary.loadBundled()
            guard let template = library.template(id: id) else {
                throw RinriError.notFound("a template with id \(id) (see rinri sheets list)")
            }
            try ReportOutput.write(Data(template.yamlText().utf8), to: output)
        }
    }
}

import ArgumentParser
import Foundation
import RinriCore

struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check-sheet templates: list the built-in library, lint a template file, export one.",
        discussion: "The format is documented in docs/check-sheets.md.",
        subcommands: [List.self, Validate.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in templates.")
        @ArgumentParser.Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let library = try CheckSheetLibrary.loadBundled()
            switch format {
            case .json:
                let rows: [[String: Any]] = library.templates.map { template in
                    ["id": template.id, "version": template.version, "kind": template.kind.rawValue,
                     "phases": template.phases.map(\.rawValue), "question_count": template.questions.count,
                     "title": ["en": template.title.en, "ja": template.title.ja]]
                }
                let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            case .text:
                for template in library.templates {
                    let phases = template.phases.map(\.rawValue).joined(separator: ",")
                    print("\(template.id)@\(template.version)\t\(template.kind.rawValue)\t\(phases)\t\(template.questions.count) questions\t\(template.title.en)")
                }
                print("\(library.templates.count) templates, \(library.questionCount) questions")
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

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a built-in template as YAML.")
        @ArgumentParser.Argument(help: "The template id, e.g. eu-ai-act-screening.") var id: String
        @ArgumentParser.Option(help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            let library = try CheckSheetLibrary.loadBundled()
            guard let template = library.template(id: id) else {
                throw RinriError.notFound("a template with id \(id) (see rinri sheets list)")
            }
            try ReportOutput.write(Data(template.yamlText().utf8), to: output)
        }
    }
}

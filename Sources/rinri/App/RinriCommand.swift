import ArgumentParser
import Foundation
import RinriCore
import RinriMetrics
import RinriWeb

/// The `rinri` command: one root with nested subcommands.
@main
struct RinriCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rinri",
        abstract: "Rinri (倫理) — AI ethics governance: inventory, assessments, evidence and a tamper-evident audit log.",
        discussion: "Configuration comes from the environment:\n"
            + RinriConfig.variables.map { "  \($0.name)  \($0.meaning)" }.joined(separator: "\n"),
        version: rinriVersion,
        subcommands: [Serve.self, Migrate.self, Demo.self, Users.self, Tokens.self, Audit.self, Assess.self, Profile.self, Sheets.self]
    )

    /// Runs a command and maps failures to exit codes: 1 a check failed, 2 bad usage or bad input.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    static func exit(with error: any Error) -> Never {
        switch error {
        case let error as ConfigError:
            for problem in error.problems { printError("rinri: \(problem)") }
            Foundation.exit(2)
        case let error as RinriError:
            printError("rinri: \(error.description)")
            Foundation.exit(2)
        case let error as TableError:
            printError("rinri: \(error.description)")
            Foundation.exit(2)
        case let error as FairnessSpecError:
            printError("rinri: \(error.description)")
            Foundation.exit(2)
        case let error as ThresholdParseError:
            printError("rinri: \(error.description)")
            Foundation.exit(2)
        case let error as CheckSheetLintError:
            for problem in error.problems { printError(problem.description) }
            Foundation.exit(2)
        case let error as CheckFailed:
            printError("rinri: \(error.message)")
            Foundation.exit(1)
        default:
            let code = exitCode(for: error)
            if code == .success { Self.exit(withError: error) }
            if code.rawValue == 64 || error is ValidationError {
                printError("rinri: " + message(for: error).split(separator: "\n").joined(separator: " ")
                           + " (see rinri --help)")
                Foundation.exit(2)
            }
            if code.rawValue == 1 || code.rawValue == 2 { Self.exit(withError: error) }
            printError("rinri: \(String(describing: error).split(separator: "\n").first ?? "failed")")
            Foundation.exit(2)
        }
    }
}

/// A check that ran and found a problem (exit 1).
struct CheckFailed: Error {
    var message: String
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

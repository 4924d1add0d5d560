import ArgumentParser
import Foundation
import RinriCore
import RinriApplication
import RinriWeb
import Vapor

/// `rinri demo`: loads the bilingual sample organisation (``DemoOrganisation``) into an empty database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a bilingual sample organisation into an empty database, to see what Rinri does.",
        discussion: """
            Organisation units in Japan and Europe, sixteen people with their roles, six AI systems (one in each \
            lifecycle phase) with models, datasets and agents, assessments in every state with reviews, votes, \
            decisions and conditions, risks with countermeasures, and a fairness report computed from generated \
            data — all written through the same services as people's own actions, so every record is in the \
            audit log (request id "demo"). Everything it creates is marked "[Demo]" and "Demo data / デモデータ".

            Only into an empty database: it refuses (exit 2) when the database has any organisation unit, AI \
            system, assessment, risk, evidence or appointment, or any user besides the first administrator. It \
            migrates the database and creates the first administrator when there is none, as `rinri serve` does.

            The demo users (…@demo.rinri.local) get no password unless --password-stdin gives them one: log in \
            as the administrator and reset a demo user's password on the Users page to act as that person.
            """)

    @ArgumentParser.Flag(help: "Read one password from standard input (asked for on a terminal) and give it to every demo user.")
    var passwordStdin = false

    func run() async throws {
        let password: String? = try passwordStdin ? DemoPassword.read() : nil
        let config = try AppRunner.config()
        // Checked before anything is written (the first administrator included): a refusal changes nothing.
        try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
            try await DemoOrganisation.checkEmpty(on: app.db)
        }
        try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: true)) { app, report in
            if let admin = report.createdAdmin { DemoLoading.tellAboutAdministrator(admin) }
            let hash = try await password.asyncMap { try await app.password.async.hash($0) }
            try await DemoLoading.load(app, passwordHash: hash)
            say(password == nil
                ? "The demo users have no password: as the administrator, reset one on the Users page to act as that person."
                : "Every demo user has the password you gave; use this database for the demo only.")
        }
    }
}

/// Loading the demo for `rinri demo` and `rinri serve --demo`, with what they print.
enum DemoLoading {
    /// Loads the demo and prints one line per kind of record, then one line per demo user.
    static func load(_ app: Application, passwordHash: String? = nil) async throws {
        say("Loading the demo organisation (demo data / デモデータ); this takes a little while…")
        let summary = try await DemoOrganisation.load(on: app.db, passwordHash: passwordHash, rinriVersion: rinriVersion)
        app.holdsDemoData = true
        for line in summary.lines { say(line) }
        say("Demo users:")
        for line in summary.personLines { say("  " + line) }
    }

    /// `rinri serve --demo`: loads the demo into an empty database; on any other it says so in one line and serves anyway.
    static func beforeServing(_ app: Application) async throws {
        do {
            try await load(app)
            say("The demo users have no password: as the administrator, reset one on the Users page to act as that person.")
        } catch let refusal as RinriError where refusal.code == "demo_not_empty" {
            printError("rinri: not loading the demo: \(refusal.message); serving the database as it is")
        }
    }

    static func tellAboutAdministrator(_ admin: (email: String, passwordFile: String)) {
        say("""

        Created the first administrator, \(admin.email). Its one-time password is in
          \(admin.passwordFile)
        (readable only by you). Log in with it and choose your own password; then delete the file.

        """)
    }
}

/// The demo users' password, read like `rinri users create` reads one and held to the same rule.
enum DemoPassword {
    static func read() throws -> String {
        let password: String
        if isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw RinriError.invalid(field: "password", code: "required", message: "no password on standard input")
            }
            password = line
        } else {
            guard let typed = getpass("Password for every demo user: ") else {
                throw RinriError.invalid(field: "password", code: "required", message: "no password given")
            }
            password = String(cString: typed)
        }
        if let problem = PasswordGenerator.problem(with: password) {
            throw RinriError.invalid(field: "password", code: "weak_password", message: problem)
        }
        return password
    }
}

extension Optional {
    /// Maps the wrapped value with an async function.
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

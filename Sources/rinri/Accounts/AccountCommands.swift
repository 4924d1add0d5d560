import ArgumentParser
import Foundation
import RinriCore
import RinriWire
import RinriApplication
import RinriWeb
import Vapor

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create and list users.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user.",
            discussion: """
            The password is read from standard input when it is not a terminal (echo "$PW" | rinri users create …), \
            asked for on a terminal, or generated and printed once with --generate-password.
            Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). A reviewer needs a domain \
            (reviewer:privacy; domains: \(ReviewDomain.allCases.map(\.rawValue).joined(separator: ", "))). \
            Scope a role to an organisation unit with @UNIT_ID (project_owner@…).
            """)

        @ArgumentParser.Option(help: "The user's e-mail address (their login).")
        var email: String

        @ArgumentParser.Option(help: "The user's display name.")
        var name: String

        @ArgumentParser.Option(name: .customLong("role"), help: "A role to grant; repeat for several.")
        var roles: [String] = []

        @ArgumentParser.Flag(help: "Generate a password and print it once instead of reading one.")
        var generatePassword = false

        func validate() throws {
            if roles.isEmpty { throw ValidationError("give at least one --role") }
            for role in roles {
                do { _ = try RoleGrant.parse(role) } catch let error as RinriError { throw ValidationError(error.message) }
            }
            if !EmailAddress.isValid(EmailAddress.normalise(email)) { throw ValidationError("--email \"\(email)\" is not an e-mail address") }
        }

        func run() async throws {
            let grants = try roles.map(RoleGrant.parse)
            let password = try generatePassword ? PasswordGenerator.generate() : PasswordInput.read()
            if let problem = PasswordGenerator.problem(with: password) {
                throw RinriError.invalid(field: "password", code: "weak_password", message: problem)
            }
            let config = try AppRunner.config()
            try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
                let hash = try await app.password.async.hash(password)
                // A generated password is a one-time password: its holder chooses their own at first login.
                let user = try await UserService(app.db).create(email: email, name: name, passwordHash: hash, grants: grants,
                                                              mustChangePassword: generatePassword, context: .system("cli"))
                print("Created \(user.email) (\(user.id)) with roles \(user.grants.map(\.description).joined(separator: ", ")).")
                if generatePassword { print("Password (shown once): \(password)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles.")

        @ArgumentParser.Option(help: "text or json") var format: OutputFormat = .text

        func run() async throws {
            let config = try AppRunner.config()
            try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
                let users = try await UserQueries(app.db).list()
                switch format {
                case .json:
                    try JSONOutput.print(users.map(API.UserDTO.init))
                case .text:
                    for user in users {
                        print("\(user.email)\t\(user.name)\t\(user.grants.map(\.description).joined(separator: ","))\t\(user.id)")
                    }
                    if users.isEmpty { print("No users yet: run `rinri serve` once or `rinri users create`.") }
                }
            }
        }
    }
}

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create personal API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it once (use it as Authorization: Bearer TOKEN).")

        @ArgumentParser.Option(help: "The user's e-mail address.") var email: String
        @ArgumentParser.Option(help: "A name to recognise the token by.") var name = "cli"
        @ArgumentParser.Option(help: "Days until the token expires (default RINRI_TOKEN_DEFAULT_DAYS, 90).") var expiresInDays: Int?

        func validate() throws {
            do { _ = try TokenLifetime.expiry(days: expiresInDays, defaultDays: 1) } catch {
                throw ValidationError("--expires-in-days must be between 1 and \(TokenLifetime.maxDays)")
            }
        }

        func run() async throws {
            let config = try AppRunner.config()
            try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { app, _ in
                let store = UserService(app.db)
                guard let user = try await UserQueries(app.db).credentials(email: email)?.account else {
                    throw RinriError.notFound("a user with e-mail \(email)")
                }
                let secret = TokenSecret.generate()
                let expires = try TokenLifetime.expiry(days: expiresInDays, defaultDays: config.tokenDefaultDays)
                _ = try await store.createToken(userID: user.id, name: name, secret: secret, expiresAt: expires,
                                                context: Actor(id: user.id, label: "cli", requestID: nil))
                print(secret.value)
            }
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the tamper-evident audit log.", subcommands: [Verify.self, Anchor.self])

    /// The configured database, which must exist: these commands read, and never create one.
    static func existingDatabase() throws -> RinriConfig {
        let config = try AppRunner.config()
        if case .sqliteFile(let path) = config.database, !FileManager.default.fileExists(atPath: path) {
            throw RinriError(kind: .notFound, code: "no_database",
                             message: "there is no database at \(path); set RINRI_DATABASE_URL or run this where rinri.sqlite is")
        }
        return config
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit hash chain: exit 0 when intact, 1 naming the first event that does not match.",
            discussion: """
                A chain switched to an audit key verifies only with that key (RINRI_AUDIT_KEY or RINRI_AUDIT_KEY_FILE). \
                Each --anchor (as `rinri audit anchor` printed it) must still be found in the log.
                """)

        @ArgumentParser.Option(name: .customLong("anchor"), help: "An anchor kept from `rinri audit anchor`; may be repeated.")
        var anchors: [String] = []

        func validate() throws {
            for anchor in anchors {
                do { _ = try AuditChain.Anchor.parse(anchor) } catch let error as RinriError { throw ValidationError(error.message) }
            }
        }

        func run() async throws {
            let config = try Audit.existingDatabase()
            let anchors = try anchors.map(AuditChain.Anchor.parse)
            try await AppRunner.withApp(config, options: ConfigureOptions(migrate: false, bootstrapAdmin: false)) { app, _ in
                do {
                    let checked = try await AuditQueries(app.db).verify(key: config.auditKey, anchors: anchors)
                    let keyed = config.auditKey.map { ", links checked with audit key \($0.id)" } ?? ""
                    let anchored = anchors.isEmpty ? "" : ", \(anchors.count) anchor(s) found"
                    print("The audit log is intact: \(checked) events checked\(keyed)\(anchored).")
                } catch let broken as AuditChain.Break {
                    throw CheckFailed(message: "the audit log does not verify: \(broken.description)")
                }
            }
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the chain, then print its head (count, hash, time) to keep outside Rinri; check it later with `verify --anchor`.")

        @ArgumentParser.Option(help: "text or json") var format: OutputFormat = .text

        func run() async throws {
            let config = try Audit.existingDatabase()
            try await AppRunner.withApp(config, options: ConfigureOptions(migrate: false, bootstrapAdmin: false)) { app, _ in
                // An anchor of a log that does not verify would vouch for a forgery.
                do { _ = try await AuditQueries(app.db).verify(key: config.auditKey) } catch let broken as AuditChain.Break {
                    throw CheckFailed(message: "no anchor: the audit log does not verify: \(broken.description)")
                }
                let anchor = try await AuditQueries(app.db).anchor()
                switch format {
                case .text: print(anchor.description)
                case .json:
                    try JSONOutput.print(["anchor": anchor.description, "count": String(anchor.seq), "hash": anchor.hash, "read_at": anchor.readAt])
                }
            }
        }
    }
}

/// Reads a password from standard input, or asks for it on a terminal.
enum PasswordInput {
    static func read() throws -> String {
        if isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw RinriError.invalid(field: "password", code: "required", message: "no password on standard input")
            }
            return line
        }
        guard let typed = getpass("Password for the new user: ") else {
            throw RinriError.invalid(field: "password", code: "required", message: "no password given")
        }
        return String(cString: typed)
    }
}

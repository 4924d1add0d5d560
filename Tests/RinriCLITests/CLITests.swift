import Foundation
import RinriWire
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the built `rinri` binary as a person would.
struct CLI {
    static var binary: URL {
        // The test bundle and the executable are built into the same folder.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.lastPathComponent.hasSuffix(".xctest") { folder.deleteLastPathComponent() }
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("rinri").path) {
            folder = Bundle.main.bundleURL.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("rinri")
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rinri-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `rinri ARGS` in this test's folder with the database `rinri.sqlite` there.
    func run(_ arguments: [String], stdin: String? = nil, env extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["RINRI_DATABASE_URL"] = "sqlite:\(folder.appendingPathComponent("rinri.sqlite").path)"
        for (key, value) in extra { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `rinri serve` on `port` in this folder (with `env` added) and waits until `/health` answers
    /// (up to 30 s: a loaded CI machine migrates slowly).
    func serve(port: String, env extra: [String: String] = [:]) async throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", port]
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["RINRI_DATABASE_URL"] = "sqlite:\(folder.appendingPathComponent("rinri.sqlite").path)"
        for (key, value) in extra { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 {
            if (try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!)) != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return process
    }
}

@Suite("The rinri command line", .serialized)
struct CLITests {
    @Test func usersTokensAndAuditVerify() throws {
        let cli = try CLI()
        // the first migration loads the governance library, which is audited
        #expect(try cli.run(["migrate"]).status == 0)
        let seeded = try Self.checkedEvents(cli)
        // given: a user created with a password from standard input
        let created = try cli.run(["users", "create", "--email", "Chair@Example.com", "--name", "Chair",
                                   "--role", "committee_chair", "--role", "reviewer:legal"], stdin: "a long enough password\n")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("chair@example.com"))
        let list = try cli.run(["users", "list", "--format", "json"])
        let users = try API.decoder.decode([API.UserDTO].self, from: Data(list.stdout.utf8))
        #expect(Set(users.first { $0.email == "chair@example.com" }?.roles ?? []) == ["committee_chair", "reviewer:legal"])
        let token = try cli.run(["tokens", "create", "--email", "chair@example.com"])
        #expect(token.status == 0)
        #expect(token.stdout.hasPrefix("rinri_"))

        // then: the log verifies
        let verify = try cli.run(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("\(seeded + 2) events checked"))
    }

    /// The number of events `rinri audit verify` reports.
    static func checkedEvents(_ cli: CLI) throws -> Int {
        let out = try cli.run(["audit", "verify"]).stdout
        let number = out.split(separator: " ").compactMap { Int($0) }.first
        return try #require(number, "unexpected output: \(out)")
    }

    @Test func auditVerifyFailsAfterARowIsEditedInTheFile() throws {
        let cli = try CLI()
        #expect(try cli.run(["migrate"]).status == 0)
        let seeded = try Self.checkedEvents(cli)
        _ = try cli.run(["users", "create", "--email", "a@example.com", "--name", "A", "--role", "admin"], stdin: "password-1234\n")
        _ = try cli.run(["tokens", "create", "--email", "a@example.com"])
        #expect(try cli.run(["audit", "verify"]).status == 0)
        // when: one byte of an event changes in the SQLite file, as an editor would change it
        let file = cli.folder.appendingPathComponent("rinri.sqlite")
        var data = try Data(contentsOf: file)
        let needle = Data("a@example.com".utf8), replacement = Data("b@example.com".utf8)
        let range = try #require(data.range(of: Data(#""email":"a@example.com""#.utf8)))
        let inner = try #require(data[range].range(of: needle))
        data.replaceSubrange(inner, with: replacement)
        try data.write(to: file)
        // then
        let broken = try cli.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("audit event \(seeded + 1):"))
        #expect(broken.stderr.split(separator: "\n").count == 1)
    }

    @Test func aKeyedChainNeedsItsKeyAndAnchorsCatchAShortenedLog() throws {
        let cli = try CLI()
        let keyFile = cli.folder.appendingPathComponent("audit.key")
        try Data("0123456789abcdef0123456789abcdef-audit\n".utf8).write(to: keyFile)
        let keyed = ["RINRI_AUDIT_KEY_FILE": keyFile.path]
        #expect(try cli.run(["migrate"], env: keyed).status == 0)
        #expect(try cli.run(["users", "create", "--email", "a@example.com", "--name", "A", "--role", "admin"],
                            stdin: "password-1234\n", env: keyed).status == 0)
        let anchor = try cli.run(["audit", "anchor"], env: keyed)
        #expect(anchor.status == 0 && anchor.stdout.hasPrefix("rinri-anchor:"))
        let text = anchor.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let ok = try cli.run(["audit", "verify", "--anchor", text], env: keyed)
        #expect(ok.status == 0 && ok.stdout.contains("links checked with audit key") && ok.stdout.contains("1 anchor(s) found"))
        // without the key the keyed part cannot be checked, and a writer without it cannot add to it
        let withoutKey = try cli.run(["audit", "verify"])
        #expect(withoutKey.status == 1 && withoutKey.stderr.contains("RINRI_AUDIT_KEY"))
        let unkeyedWrite = try cli.run(["users", "create", "--email", "b@example.com", "--name", "B", "--role", "auditor"], stdin: "password-1234\n")
        #expect(unkeyedWrite.status != 0 && unkeyedWrite.stderr.contains("audit key"))
        // an anchor past the end of the log: it was cut short
        let parts = text.split(separator: ":")
        let future = "rinri-anchor:\(Int(parts[1])! + 5):\(parts[2]):x"
        let cut = try cli.run(["audit", "verify", "--anchor", future], env: keyed)
        #expect(cut.status == 1 && cut.stderr.contains("cut short"))
        #expect(try cli.run(["audit", "verify", "--anchor", "not-an-anchor"], env: keyed).status == 2)
    }

    @Test func badInputExitsTwoWithOneLine() throws {
        let cli = try CLI()
        let badRole = try cli.run(["users", "create", "--email", "x@example.com", "--name", "X", "--role", "overlord"], stdin: "password-1234\n")
        #expect(badRole.status == 2)
        #expect(badRole.stderr.contains("unknown role"))
        #expect(badRole.stderr.split(separator: "\n").count == 1)
        let weak = try cli.run(["users", "create", "--email", "x@example.com", "--name", "X", "--role", "admin"], stdin: "short\n")
        #expect(weak.status == 2)
        let config = try cli.run(["audit", "verify"], env: ["RINRI_PORT": "http", "RINRI_LOG_LEVEL": "chatty"])
        #expect(config.status == 2)
        #expect(config.stderr.split(separator: "\n").count == 2)
        let unknown = try cli.run(["tokens", "create", "--email", "nobody@example.com"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("nobody@example.com"))
        #expect(try cli.run(["frobnicate"]).status == 2)
        // nothing was created by the failed commands
        #expect(try cli.run(["users", "list"]).stdout.contains("No users yet"))
    }

    @Test func serveCreatesTheFirstAdministratorAndAnswersHealth() async throws {
        let cli = try CLI()
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = cli.folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "RINRI_DATABASE_URL")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // wait for the health endpoint (bounded)
        var health: String?
        for _ in 0..<100 {
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!) {
                health = String(decoding: data, as: UTF8.self)
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(health?.contains("\"database\":\"sqlite\"") == true)
        process.terminate()
        process.waitUntilExit()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("admin@rinri.local"))
        // the one-time password is in a private file whose path is printed, never the password itself
        let file = cli.folder.appendingPathComponent("rinri-data/first-admin-password.txt")
        let password = try #require(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").last.map(String.init))
        #expect(output.contains(file.path) && !output.contains(password))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(output.contains("http://127.0.0.1:\(port)"))
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("rinri.sqlite").path))
    }
}

@Suite("The rinri command line without a database")
struct CLIMissingDatabaseTests {
    @Test func verifyingAMissingDatabaseSaysSoAndCreatesNothing() throws {
        let cli = try CLI()
        let result = try cli.run(["audit", "verify"], env: ["RINRI_DATABASE_URL": "sqlite:missing.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no database at missing.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("missing.sqlite").path))
    }
}

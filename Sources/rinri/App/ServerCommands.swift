import ArgumentParser
import Foundation
import Logging
import RinriCore
import RinriApplication
import RinriWeb
import Vapor

/// Loads the configuration and a configured application for one command.
enum AppRunner {
    nonisolated(unsafe) private static var loggingReady = false

    static func config() throws -> RinriConfig {
        try RinriConfig.load(from: ProcessInfo.processInfo.environment)
    }

    /// Runs `body` with a configured application and shuts it down afterwards, even on failure.
    static func withApp<T>(_ config: RinriConfig, options: ConfigureOptions, quiet: Bool = true,
                           _ body: (Application, StartupReport) async throws -> T) async throws -> T {
        if !loggingReady {
            LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
            loggingReady = true
        }
        var quietConfig = config
        if quiet && config.logLevel != .trace && config.logLevel != .debug { quietConfig.logLevel = .warning }
        let app = try await Application.make(Environment(name: "production", arguments: ["rinri", "serve"]))
        do {
            let report = try await configure(app, config: quietConfig, options: options)
            // Every write the command makes links its audit events with the configured key.
            let result = try await AuditSigning.withKey(config.auditKey) { try await body(app, report) }
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Rinri server (migrates the database; creates the first administrator on an empty one).")

    @ArgumentParser.Option(help: "Address to listen on (default RINRI_HOSTNAME or 127.0.0.1).")
    var hostname: String?

    @ArgumentParser.Option(help: "Port to listen on (default RINRI_PORT or 8080).")
    var port: Int?

    @ArgumentParser.Flag(help: "Load the demo organisation first (see `rinri demo`) when the database is empty; otherwise say so and serve it as it is.")
    var demo = false

    func validate() throws {
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
        if let hostname, hostname.isEmpty { throw ValidationError("--hostname must not be empty") }
    }

    func run() async throws {
        var config = try AppRunner.config()
        if let hostname { config.hostname = hostname }
        if let port { config.port = port }
        try await AppRunner.withApp(config, options: ConfigureOptions(housekeeping: true), quiet: false) { app, report in
            let host = config.hostname.contains(":") ? "[\(config.hostname)]" : config.hostname
            let url = config.publicURL?.absoluteString ?? "http://\(host):\(config.port)"
            say("Rinri \(rinriVersion) — database \(config.database)")
            if let admin = report.createdAdmin {
                say("""

                Created the first administrator, \(admin.email). Its one-time password is in
                  \(admin.passwordFile)
                (readable only by you). Log in with it and choose your own password; then delete the file.

                """)
            }
            if demo { try await DemoLoading.beforeServing(app) }
            say("Open \(url) in your browser. Stop with Ctrl-C.")
            try await app.execute()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema, then exit.")

    func run() async throws {
        let config = try AppRunner.config()
        try await AppRunner.withApp(config, options: ConfigureOptions(migrate: true, bootstrapAdmin: false)) { _, _ in
            print("The database \(config.database) is up to date.")
        }
    }
}

/// Writes a line to standard output at once (print is buffered when the output is a pipe).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

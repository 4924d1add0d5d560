import Fluent
import Foundation
import Logging
import RinriApplication
import RinriCore
import RinriWeb
import SQLKit
import Vapor

/// The Rinri application under measurement, in this process: configured as `rinri serve` configures it
/// (migrations, seeds, list summaries, the first administrator), then listening on 127.0.0.1.
final class BenchServer {
    let app: Application
    let config: RinriConfig
    /// The benchmark's own administrator (also governance office, so the work queue and the agenda are
    /// full), with a password it knows: the first administrator's is a one-time password.
    let email = "bench-admin@\(BenchmarkOrganisation.emailDomain)"
    let password: String
    private(set) var port: Int?

    private init(app: Application, config: RinriConfig, password: String) {
        self.app = app
        self.config = config
        self.password = password
    }

    var baseURL: String { "http://127.0.0.1:\(port ?? 0)" }

    nonisolated(unsafe) private static var loggingReady = false

    static func configuration(_ database: RinriConfig.Database, data: String) -> RinriConfig {
        RinriConfig(database: database, hostname: "127.0.0.1", port: 8080, logLevel: .warning, dataDirectory: data)
    }

    static func makeApplication() async throws -> Application {
        if !loggingReady {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .warning
                return handler
            }
            loggingReady = true
        }
        // Not this command line: Vapor would read the benchmark's options as its own.
        return try await Application.make(Environment(name: "production", arguments: ["rinri-bench"]))
    }

    /// Refuses a PostgreSQL database that has any table in its schema: the benchmark writes made-up records.
    static func checkEmpty(_ database: RinriConfig.Database, data: String) async throws {
        let app = try await makeApplication()
        let tables: Int
        do {
            _ = try await configure(app, config: configuration(database, data: data), options: ConfigureOptions(migrate: false, bootstrapAdmin: false))
            guard let sql = app.db as? any SQLDatabase else { throw BenchError("the database does not speak SQL") }
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()").first()
            tables = try row?.decode(column: "n", as: Int.self) ?? 0
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        guard tables == 0 else {
            throw BenchError("the PostgreSQL database \(database) is not empty (\(tables) tables); the benchmark writes made-up records, so give it a new, empty database")
        }
    }

    /// Configures Rinri on `database` and creates the benchmark's administrator.
    static func start(_ database: RinriConfig.Database, data: String) async throws -> BenchServer {
        let app = try await makeApplication()
        do {
            let config = configuration(database, data: data)
            _ = try await configure(app, config: config, options: ConfigureOptions(migrate: true, bootstrapAdmin: true))
            let server = BenchServer(app: app, config: config, password: TokenSecret.generate().value)
            let hash = try await app.password.async.hash(server.password)
            _ = try await UserService(app.db).create(email: server.email, name: "Benchmark Administrator", passwordHash: hash,
                                                     grants: [RoleGrant(role: .admin), RoleGrant(role: .governanceOffice)],
                                                     mustChangePassword: false, context: .system("rinri-bench"))
            return server
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Starts the HTTP server on 127.0.0.1 on a port the system chooses.
    func listen() async throws {
        try await app.asyncBoot()
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw BenchError("the server did not say which port it listens on") }
        self.port = port
    }

    func stopListening() async {
        guard port != nil else { return }
        await app.server.shutdown()
        port = nil
    }

    private var didShutdown = false

    /// Stops the server and the application (once; a second call does nothing).
    func shutdown() async throws {
        guard !didShutdown else { return }
        didShutdown = true
        await stopListening()
        try await app.asyncShutdown()
    }

    /// `RINRI_DATABASE_URL` for a child `rinri` on the same database.
    var databaseURL: String {
        switch config.database {
        case .sqliteFile(let path): return "sqlite:" + path
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url): return url
        }
    }
}

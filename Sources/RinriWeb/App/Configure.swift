import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// The Rinri release, shown by `/health` and `rinri --version`.
public let rinriVersion = "0.1.0"

/// How to set up an application beyond the environment's configuration.
public struct ConfigureOptions: Sendable {
    /// Run pending migrations at start.
    public var migrate: Bool
    /// Create the first administrator when the database has no user.
    public var bootstrapAdmin: Bool
    /// Bcrypt cost for new password hashes (tests lower it to stay fast).
    public var bcryptCost: Int

    public init(migrate: Bool = true, bootstrapAdmin: Bool = true, bcryptCost: Int = 12) {
        self.migrate = migrate
        self.bootstrapAdmin = bootstrapAdmin
        self.bcryptCost = bcryptCost
    }
}

/// What start-up did that the person starting Rinri must hear about.
public struct StartupReport: Sendable {
    /// The administrator created on an empty database, with the one-time password.
    public var createdAdmin: (email: String, password: String)?
}

/// Sets up databases, sessions, middleware and routes.
public func configure(_ app: Application, config: RinriConfig, options: ConfigureOptions = .init()) async throws -> StartupReport {
    app.logger.logLevel = Logger.Level(rawValue: config.logLevel.rawValue) ?? .info
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "2mb"

    try useDatabase(config.database, on: app)
    app.migrations.add(Migrations.all)
    app.migrations.add(SessionRecord.migration)

    app.passwords.use(.bcrypt(cost: options.bcryptCost))
    app.sessions.use(.fluent)
    let secure = config.publicURL?.scheme?.lowercased() == "https"
    app.sessions.configuration = SessionsConfiguration(cookieName: "rinri_session") { id in
        HTTPCookies.Value(string: id.string, expires: Date().addingTimeInterval(8 * 3600), maxAge: nil,
                          domain: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    ContentConfiguration.global.use(encoder: API.encoder, for: .json)
    ContentConfiguration.global.use(decoder: API.decoder, for: .json)

    app.middleware = Middlewares()
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorRenderingMiddleware())
    app.middleware.use(PageSessionsMiddleware(sessions: app.sessions.middleware))
    app.middleware.use(AuthenticationMiddleware())
    app.storage[RinriConfigKey.self] = config
    app.loginThrottle = LoginThrottle()

    try routes(app)

    if options.migrate {
        // Migration progress is logged at info level; keep start-up quiet unless debugging.
        let level = app.logger.logLevel
        if level > .debug { app.logger.logLevel = .warning }
        try await app.autoMigrate()
        app.logger.logLevel = level
        try await EvidenceService(app.db).failInterruptedJobs()
        try await GovernanceService(app.db).seedIfEmpty(context: .system("first start"))
    }
    var report = StartupReport()
    if options.bootstrapAdmin {
        report.createdAdmin = try await FirstAdministrator.createIfNeeded(on: app, email: config.adminEmail)
    }
    return report
}

struct RinriConfigKey: StorageKey { typealias Value = RinriConfig }

/// Points Fluent at the configured database.
func useDatabase(_ database: RinriConfig.Database, on app: Application) throws {
    switch database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        // `?search_path=SCHEMA` puts Rinri's tables in a schema of their own (tests give each test one).
        var parts = URLComponents(string: url)
        let schema = parts?.queryItems?.first(where: { $0.name == "search_path" })?.value
        let others = parts?.queryItems?.filter { $0.name != "search_path" } ?? []
        parts?.queryItems = others.isEmpty ? nil : others
        var configuration = try SQLPostgresConfiguration(url: parts?.string ?? url)
        if let schema { configuration.searchPath = [schema] }
        app.databases.use(.postgres(configuration: configuration), as: .psql)
    }
}

/// Registers every route: pages, the JSON API, health and the API description.
func routes(_ app: Application) throws {
    app.on(.GET, AppRoute.health, access: .everyone) { req async throws -> API.HealthDTO in
        let config = req.application.storage[RinriConfigKey.self] ?? RinriConfig()
        _ = try await req.reads.users.count()
        return API.HealthDTO(status: "ok", database: config.database.kind, version: rinriVersion)
    }
    app.on(.GET, AppRoute.stylesheet, access: .everyone) { _ in Stylesheet.response() }
    // Browsers ask for it beside every page; answered without a session, like the other static files.
    app.on(.GET, AppRoute.favicon, access: .everyone) { _ in Stylesheet.favicon() }

    app.on(.GET, AppRoute.openAPI, access: .everyone) { req in OpenAPIDocument.response() }
    for feature in Features.all { feature.register(app) }
}

/// Creates the first administrator on an empty database, with a random one-time password.
enum FirstAdministrator {
    static func createIfNeeded(on app: Application, email: String) async throws -> (email: String, password: String)? {
        let users = UserService(app.db)
        guard try await UserQueries(app.db).count() == 0 else { return nil }
        let password = PasswordGenerator.generate()
        let hash = try await app.password.async.hash(password)
        _ = try await users.create(email: email, name: "Administrator", passwordHash: hash,
                                   grants: [RoleGrant(role: .admin)], context: .system("first start"))
        return (email, password)
    }
}

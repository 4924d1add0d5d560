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
    /// Remove ended sessions and old login counters on a schedule (the server does; one-off commands do not).
    public var housekeeping: Bool

    public init(migrate: Bool = true, bootstrapAdmin: Bool = true, bcryptCost: Int = 12, housekeeping: Bool = false) {
        self.migrate = migrate
        self.bootstrapAdmin = bootstrapAdmin
        self.bcryptCost = bcryptCost
        self.housekeeping = housekeeping
    }
}

/// What start-up did that the person starting Rinri must hear about.
public struct StartupReport: Sendable {
    /// The administrator created on an empty database, and the file (readable by its owner only)
    /// holding the one-time password, which is never printed.
    public var createdAdmin: (email: String, passwordFile: String)?
}

/// Sets up databases, sessions, middleware and routes.
public func configure(_ app: Application, config: RinriConfig, options: ConfigureOptions = .init()) async throws -> StartupReport {
    app.logger.logLevel = Logger.Level(rawValue: config.logLevel.rawValue) ?? .info
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = ByteCount(value: BodyLimit.defaultBytes)

    try useDatabase(config.database, on: app)
    app.migrations.add(Migrations.all)

    app.passwords.use(.bcrypt(cost: options.bcryptCost))
    let data = try DataDirectory.prepare(config.dataDirectory)
    app.dataDirectory = data
    let secure = config.publicURL?.scheme?.lowercased() == "https"
    let csrfKey = try config.sessionKey.map { SymmetricKey(data: SHA256.hash(data: Data($0.utf8))) }
        ?? SymmetricKey(data: data.key("session.key"))
    app.storage[SessionSettingsKey.self] = SessionSettings(lifetime: config.sessions, secure: secure, csrfKey: csrfKey)
    app.trustedProxies = config.trustedProxies.compactMap(IPBlock.init)
    // Calls out (to the identity provider) give up rather than hang a sign-in.
    app.http.client.configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
    if let oidc = config.oidc { app.oidcProvider = OIDCProvider(settings: oidc, client: app.client) }
    app.hashGate = HashGate()
    app.jobQueue = JobQueue(workers: config.jobWorkers)
    await app.jobQueue.attach(app)

    ContentConfiguration.global.use(encoder: API.encoder, for: .json)
    ContentConfiguration.global.use(decoder: API.decoder, for: .json)

    app.middleware = Middlewares()
    app.middleware.use(AuditKeyMiddleware(key: config.auditKey))
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(https: secure))
    app.middleware.use(SessionCookieMiddleware())
    app.middleware.use(ErrorRenderingMiddleware())
    app.middleware.use(AuthenticationMiddleware())
    app.storage[RinriConfigKey.self] = config

    try routes(app)

    let report = try await AuditSigning.withKey(config.auditKey) { () async throws -> StartupReport in
        if options.migrate {
            // Migration progress is logged at info level; keep start-up quiet unless debugging.
            let level = app.logger.logLevel
            if level > .debug { app.logger.logLevel = .warning }
            try await app.autoMigrate()
            app.logger.logLevel = level
            if let key = config.auditKey { try await AuditSigning.enable(key, on: app.db) }
            try await GovernanceService(app.db).seedIfEmpty(context: .system("first start"))
            // Summaries built by older rules (or never built, as after an upgrade) are rebuilt before anyone reads them.
            try await Summaries.rebuildIfStale(on: app.db)
            app.holdsDemoData = try await DemoOrganisation.isLoaded(on: app.db)
        }
        var report = StartupReport()
        if options.bootstrapAdmin {
            report.createdAdmin = try await FirstAdministrator.createIfNeeded(on: app, email: config.adminEmail, in: data)
        }
        return report
    }
    if options.housekeeping {
        app.lifecycle.use(Housekeeping())
        // Jobs a stopped server left behind start again now (their uploads are in the data folder).
        try await AuditSigning.withKey(config.auditKey) { try await Housekeeping.recoverJobs(app) }
    }
    return report
}

struct RinriConfigKey: StorageKey { typealias Value = RinriConfig }

/// Points Fluent at the configured database.
func useDatabase(_ database: RinriConfig.Database, on app: Application) throws {
    switch database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(30)), as: .sqlite)
    case .sqliteFile(let path):
        // SQLite has one writer: a burst of writes queues for the connection, so it may wait a while.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(30)), as: .sqlite)
    case .postgres(let url):
        // `?search_path=SCHEMA` puts Rinri's tables in a schema of their own (tests give each test one).
        var parts = URLComponents(string: url)
        let schema = parts?.queryItems?.first(where: { $0.name == "search_path" })?.value
        let others = parts?.queryItems?.filter { $0.name != "search_path" } ?? []
        parts?.queryItems = others.isEmpty ? nil : others
        var configuration = try SQLPostgresConfiguration(url: parts?.string ?? url)
        if let schema { configuration.searchPath = [schema] }
        // A few connections per event loop: writers queue on the audit chain's head row, readers need not wait behind them.
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)), as: .psql)
    }
}

/// Registers every route: pages, the JSON API, health and the API description.
func routes(_ app: Application) throws {
    app.on(.GET, AppRoute.health, access: .everyone) { req async throws -> API.HealthDTO in
        let config = req.application.rinriConfig
        _ = try await req.reads.users.count()
        return API.HealthDTO(status: "ok", database: config.database.kind, version: rinriVersion)
    }
    app.on(.GET, AppRoute.stylesheet, access: .everyone) { _ in Stylesheet.response() }
    // Browsers ask for it beside every page; answered without a session, like the other static files.
    app.on(.GET, AppRoute.favicon, access: .everyone) { _ in Stylesheet.favicon() }

    app.on(.GET, AppRoute.openAPI, access: .everyone) { req in OpenAPIDocument.response() }
    for feature in Features.all { feature.register(app) }
}

/// Creates the first administrator on an empty database, with a random one-time password written to
/// a file only its owner may read (never to the log), to be changed at first login.
enum FirstAdministrator {
    static let fileName = "first-admin-password.txt"

    static func createIfNeeded(on app: Application, email: String, in data: DataDirectory) async throws -> (email: String, passwordFile: String)? {
        let users = UserService(app.db)
        guard try await UserQueries(app.db).count() == 0 else { return nil }
        let password = PasswordGenerator.generate()
        let hash = try await app.password.async.hash(password)
        let file = try data.writePrivate(fileName, Data("\(email)\n\(password)\n".utf8))
        _ = try await users.create(email: email, name: "Administrator", passwordHash: hash,
                                   grants: [RoleGrant(role: .admin)], mustChangePassword: true, context: .system("first start"))
        return (email, file.path)
    }
}

private struct DataDirectoryKey: StorageKey { typealias Value = DataDirectory }
private struct DemoDataKey: StorageKey { typealias Value = Bool }
private struct TrustedProxiesKey: StorageKey { typealias Value = [IPBlock] }

extension Application {
    /// Rinri's private folder (``DataDirectory``).
    var dataDirectory: DataDirectory {
        get { storage[DataDirectoryKey.self]! }
        set { storage[DataDirectoryKey.self] = newValue }
    }

    /// The proxies whose `X-Forwarded-For` is believed.
    var trustedProxies: [IPBlock] {
        get { storage[TrustedProxiesKey.self] ?? [] }
        set { storage[TrustedProxiesKey.self] = newValue }
    }

    /// Whether the database holds the demo organisation: every page then says so in a banner.
    public var holdsDemoData: Bool {
        get { storage[DemoDataKey.self] ?? false }
        set { storage[DemoDataKey.self] = newValue }
    }
}

/// Every few minutes: removes ended sessions, writes the audit summaries of failed logins for unknown
/// accounts whose window has ended, and takes up analysis jobs whose worker stopped.
struct Housekeeping: LifecycleHandler {
    static let interval: TimeAmount = .minutes(5)

    func didBoot(_ app: Application) throws {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: Self.interval) { _ in
            app.eventLoopGroup.next().makeFutureWithTask { await Self.run(app) }
        }
        app.storage[HousekeepingTaskKey.self] = task
    }

    func shutdown(_ app: Application) {
        app.storage[HousekeepingTaskKey.self]?.cancel()
    }

    static func run(_ app: Application, now: Date = Date()) async {
        do {
            try await AuditSigning.withKey(app.rinriConfig.auditKey) {
                try await SessionService(app.db).purgeExpired(lifetime: app.sessionSettings.lifetime, now: now)
                for summary in try await LoginThrottleStore(app.db, policy: app.loginPolicy).sweep(now: now) {
                    try await UserService(app.db).recordUnknownLogins(summary, context: .system("login throttle"))
                }
                try await recoverJobs(app, now: now)
                StreamedUpload.sweep(try app.dataDirectory.folder("uploads"), now: now)
            }
        } catch {
            app.logger.warning("housekeeping failed: \(error)")
        }
    }
}

extension Housekeeping {
    /// Puts back the jobs whose worker stopped (running, and silent for longer than two missed
    /// heartbeats) when their upload is here, and wakes the queue. Only the server runs jobs.
    static func recoverJobs(_ app: Application, olderThan age: TimeInterval = 150, now: Date = Date()) async throws {
        let folder = try AnalysisJobs.folder(app)
        try await EvidenceService(app.db).recoverInterruptedJobs(olderThan: age, isHere: {
            FileManager.default.fileExists(atPath: AnalysisJobs.file(of: $0, in: folder).path)
        }, now: now)
        await app.jobQueue.wake()
    }
}

private struct HousekeepingTaskKey: StorageKey { typealias Value = RepeatedTask }

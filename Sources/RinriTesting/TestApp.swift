import Fluent
import Foundation
import NIOCore
import RinriCore
import RinriApplication
import RinriWire
@testable import RinriWeb
import SQLKit
import Testing
import VaporTesting

/// A database a test runs against.
public enum TestDatabase: Sendable, CustomStringConvertible {
    case sqlite
    case postgres(url: String)
    /// An SQLite file that exists already (a database made by an earlier release, say); it is changed in place.
    case sqliteFile(path: String)

    /// SQLite always; PostgreSQL too when `RINRI_TEST_POSTGRES_URL` is set.
    public static var all: [TestDatabase] {
        guard let url = ProcessInfo.processInfo.environment["RINRI_TEST_POSTGRES_URL"], !url.isEmpty else { return [.sqlite] }
        return [.sqlite, .postgres(url: url)]
    }

    public var description: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgres: return "postgres"
        case .sqliteFile(let path): return "sqlite file \(path)"
        }
    }
}

/// A migrated Rinri application on a fresh database, with helpers to call it.
public struct TestApp: Sendable {
    public let app: Application
    /// What start-up reported (the first administrator, when `bootstrapAdmin` was asked for).
    public var startup = StartupReport()
    /// The application's private data folder (removed after the test).
    public var dataDirectory: URL { URL(fileURLWithPath: app.rinriConfig.dataDirectory) }
    /// A Bcrypt hash (cost 4) of ``TestApp/password``, so fixtures need not hash.
    public static let password = "correct horse battery"
    static let passwordHash: String = try! Bcrypt.hash(password, cost: 4)

    /// Runs `body` against a fresh application on `database`, tearing everything down afterwards.
    /// `adjust` changes the configuration first (a public URL, a shorter session, trusted proxies).
    public static func with(_ database: TestDatabase = .sqlite, bootstrapAdmin: Bool = false,
                            adjust: (inout RinriConfig) -> Void = { _ in },
                            _ body: (TestApp) async throws -> Void) async throws {
        var schema: String?
        let config: RinriConfig
        switch database {
        case .sqlite:
            config = RinriConfig(database: .sqliteMemory)
        case .sqliteFile(let path):
            config = RinriConfig(database: .sqliteFile(path))
        case .postgres(let url):
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await PostgresSchemas.run("CREATE SCHEMA \(name)", url: url)
            schema = name
            let separator = url.contains("?") ? "&" : "?"
            config = RinriConfig(database: .postgres(url: url + separator + "search_path=" + name))
        }
        let app = try await Application.make(.testing)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rinri-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        do {
            var quiet = config
            quiet.logLevel = .error
            quiet.dataDirectory = data.path
            adjust(&quiet)
            let startup = try await configure(app, config: quiet, options: ConfigureOptions(migrate: true, bootstrapAdmin: bootstrapAdmin, bcryptCost: 4))
            // Fixtures written straight through the services link their events with the configured key, as a request would.
            try await AuditSigning.withKey(quiet.auditKey) { try await body(TestApp(app: app, startup: startup)) }
        } catch {
            try? await app.asyncShutdown()
            if let schema, case .postgres(let url) = database { try? await PostgresSchemas.run("DROP SCHEMA \(schema) CASCADE", url: url) }
            throw error
        }
        try await app.asyncShutdown()
        if let schema, case .postgres(let url) = database { try await PostgresSchemas.run("DROP SCHEMA \(schema) CASCADE", url: url) }
    }

    // MARK: Fixtures

    /// Creates a user with the given roles and returns it with a fresh API token.
    @discardableResult
    public func user(_ grants: [RoleGrant], email: String? = nil, name: String = "Test User") async throws -> (account: UserAccount, token: String) {
        let store = UserService(app.db)
        let account = try await store.create(email: email ?? "u\(UUID().uuidString.prefix(8).lowercased())@example.com", name: name,
                                             passwordHash: Self.passwordHash, grants: grants, context: .system("test"))
        let secret = TokenSecret.generate()
        _ = try await store.createToken(userID: account.id, name: "test", secret: secret, expiresAt: nil, context: .system("test"))
        return (account, secret.value)
    }

    /// A token for a user holding one role (a reviewer gets the privacy domain).
    public func token(_ role: Role) async throws -> String {
        try await user([RoleGrant(role: role, reviewDomain: role == .reviewer ? .privacy : nil)]).token
    }

    // MARK: Requests

    /// Sends a request; `json` is encoded as the body.
    public func request(_ method: HTTPMethod, _ path: String, token: String? = nil, json: Any? = nil,
                        headers extra: HTTPHeaders = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed]))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        return TestResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Sends a raw body with a content type.
    public func raw(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String, contentType: HTTPMediaType = .json) async throws -> TestResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.contentType = contentType
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
        return TestResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Every audit event, oldest first.
    public func auditEvents() async throws -> [ChainedAuditEvent] {
        var events: [ChainedAuditEvent] = []
        var page = 1
        while true {
            let result = try await AuditQueries(app.db).page(AuditQuery(page: page, perPage: 500))
            events += result.items
            if result.items.count < 500 { break }
            page += 1
        }
        return events.reversed()
    }

    /// The number of rows in a table, read with SQL.
    public func count(_ table: String) async throws -> Int {
        let row = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
        return try row?.decode(column: "n", as: Int.self) ?? -1
    }
}

/// A response with its body as text and JSON.
public struct TestResponse: Sendable {
    public let status: HTTPResponseStatus
    public let headers: HTTPHeaders
    public let body: String

    /// The body parsed as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// The body parsed as a JSON array (empty when it is not one).
    public var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [[String: Any]] ?? []
    }

    /// The `items` of a page of results (`{"items", "page", "per_page", "total"}`).
    public var items: [[String: Any]] {
        json["items"] as? [[String: Any]] ?? []
    }

    /// The body decoded as one of the API's wire types, with the API's decoder.
    /// - Throws: the decoding error, naming the path that did not match.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try API.decoder.decode(T.self, from: Data(body.utf8))
    }

    /// The `id` of the record in the body. - Throws: naming the body when it has none.
    public func id() throws -> String {
        guard let id = json["id"] as? String else { throw TestResponseError("no id in \(status.code) \(body)") }
        return id
    }

    /// The `version` of the record in the body. - Throws: naming the body when it has none.
    public func version() throws -> Int {
        guard let version = json["version"] as? Int else { throw TestResponseError("no version in \(status.code) \(body)") }
        return version
    }

    /// The error body, when the response is an error.
    public var error: API.ErrorDTO.Body? { (try? decode(API.ErrorDTO.self))?.error }
    /// `error.code` of an error body.
    public var errorCode: String? { error?.code }
    /// `error.field` of an error body.
    public var errorField: String? { error?.field }
}

extension Dictionary where Key == String, Value == Any {
    /// The value under `key` of a JSON object read without a wire type, as `T`.
    /// - Throws: naming the key and what was there, instead of crashing the test run.
    public func value<T>(_ key: String, as type: T.Type = T.self) throws -> T {
        guard let value = self[key] as? T else {
            throw TestResponseError("\(key) is \(self[key].map { "\($0)" } ?? "missing"), not \(T.self)")
        }
        return value
    }
}

/// A response that lacks what a test needs from it.
public struct TestResponseError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Creates and drops the schema each PostgreSQL test runs in.
enum PostgresSchemas {
    static func run(_ sql: String, url: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.logger.logLevel = .error
            try useDatabase(.postgres(url: url), on: app)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

extension TestApp {
    /// Runs SQL directly, as someone editing the database file by hand would.
    public func sql(_ statement: String) async throws {
        try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
    }
}

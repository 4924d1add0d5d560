import Foundation

/// Rinri's whole configuration, read once from the environment at start.
///
/// Every variable is optional and has a safe default. The secrets among them (`RINRI_SESSION_KEY`,
/// `RINRI_AUDIT_KEY`) are never printed or logged. A malformed value stops start-up: ``load(from:)``
/// reports every problem at once, one line each.
public struct RinriConfig: Sendable, Equatable {
    /// Where the data lives.
    public enum Database: Sendable, Equatable, CustomStringConvertible {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(url: String)

        /// `sqlite` or `postgres`.
        public var kind: String {
            switch self {
            case .sqliteFile, .sqliteMemory: return "sqlite"
            case .postgres: return "postgres"
            }
        }

        /// The database named without its password.
        public var description: String {
            switch self {
            case .sqliteFile(let path): return "sqlite:\(path)"
            case .sqliteMemory: return "sqlite::memory:"
            case .postgres(let url):
                guard var parts = URLComponents(string: url) else { return "postgres" }
                if parts.password != nil { parts.password = "***" }
                return parts.string ?? "postgres"
            }
        }
    }

    /// How much the server logs.
    public enum LogLevel: String, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    public var database: Database
    public var hostname: String
    public var port: Int
    public var logLevel: LogLevel
    /// The address people use to reach Rinri (behind a proxy, say); also decides secure cookies.
    public var publicURL: URL?
    /// The e-mail of the administrator created on an empty database.
    public var adminEmail: String
    /// The private folder for Rinri's own files: uploads in progress, the first administrator's
    /// one-time password, generated keys. Created 0700 at start.
    public var dataDirectory: String
    /// How long a browser session lives without a request, and at most.
    public var sessions: SessionLifetime
    /// The lifetime of a personal API token whose owner names none.
    public var tokenDefaultDays: Int
    /// The proxies whose `X-Forwarded-For` is believed (addresses or CIDR blocks, as written).
    public var trustedProxies: [String]
    /// Whether people may log in with a password (off when everyone signs in with OpenID Connect).
    public var passwordLogin: Bool
    /// The secret that signs the login form's CSRF cookie (`RINRI_SESSION_KEY`); every instance behind
    /// one address needs the same. Nil: a key generated in the data folder.
    public var sessionKey: String?
    /// How many analysis jobs run at once on this instance (`RINRI_JOB_WORKERS`).
    public var jobWorkers: Int = 1
    /// How many jobs may wait or run at once across instances (`RINRI_JOB_QUEUE`); more get 429.
    public var jobQueueLimit: Int = 20
    /// Sign-in through an OpenID Connect provider (`RINRI_OIDC_*`); nil: passwords only.
    public var oidc: OIDCSettings?
    /// The key of the audit chain (`RINRI_AUDIT_KEY` or `RINRI_AUDIT_KEY_FILE`); nil: a plain SHA-256 chain.
    public var auditKey: AuditKey?

    public init(database: Database = .sqliteFile("rinri.sqlite"), hostname: String = "127.0.0.1", port: Int = 8080,
                logLevel: LogLevel = .info, publicURL: URL? = nil, adminEmail: String = "admin@rinri.local",
                dataDirectory: String = "rinri-data", sessions: SessionLifetime = SessionLifetime(),
                tokenDefaultDays: Int = 90, trustedProxies: [String] = [], passwordLogin: Bool = true) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
        self.publicURL = publicURL
        self.adminEmail = adminEmail
        self.dataDirectory = dataDirectory
        self.sessions = sessions
        self.tokenDefaultDays = tokenDefaultDays
        self.trustedProxies = trustedProxies
        self.passwordLogin = passwordLogin
    }

    /// The environment variables Rinri reads, with what each means (for the README and `--help`).
    public static let variables: [(name: String, meaning: String)] = [
        ("RINRI_DATABASE_URL", "sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db (default sqlite:rinri.sqlite)"),
        ("RINRI_HOSTNAME", "address to listen on (default 127.0.0.1)"),
        ("RINRI_PORT", "port to listen on, 1-65535 (default 8080)"),
        ("RINRI_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical (default info)"),
        ("RINRI_PUBLIC_URL", "the http(s) URL people use to reach Rinri; https makes cookies Secure"),
        ("RINRI_ADMIN_EMAIL", "e-mail of the first administrator created on an empty database (default admin@rinri.local)"),
        ("RINRI_DATA_DIR", "private folder (0700) for uploads, the first administrator's one-time password and keys (default rinri-data)"),
        ("RINRI_SESSION_IDLE_MINUTES", "a browser session ends after this many minutes without a request (default 480)"),
        ("RINRI_SESSION_MAX_HOURS", "a browser session ends this many hours after login, whatever happens (default 24)"),
        ("RINRI_TOKEN_DEFAULT_DAYS", "lifetime of a personal API token when none is asked for, 1-3650 (default 90)"),
        ("RINRI_TRUSTED_PROXIES", "comma-separated addresses or CIDR blocks of proxies whose X-Forwarded-For is believed (default none)"),
        ("RINRI_PASSWORD_LOGIN", "on or off: whether people may log in with a password (default on)"),
        ("RINRI_AUDIT_KEY", "secret (32+ bytes) that keys the audit chain with HMAC-SHA256; the switch is an audit event (default: none)"),
        ("RINRI_AUDIT_KEY_FILE", "a file holding the audit key instead of RINRI_AUDIT_KEY (32+ bytes)"),
        ("RINRI_JOB_WORKERS", "analysis jobs (uploaded tables) run at once on this instance, 1-16 (default 1)"),
        ("RINRI_JOB_QUEUE", "jobs that may wait or run at once; an upload past that is refused with 429, 1-1000 (default 20)"),
        ("RINRI_OIDC_ISSUER", "issuer URL of the OpenID Connect provider (https, or http on loopback); turns on sign-in with it"),
        ("RINRI_OIDC_CLIENT_ID", "the client id Rinri is registered with at the provider"),
        ("RINRI_OIDC_CLIENT_SECRET", "the client secret (or RINRI_OIDC_CLIENT_SECRET_FILE, a file holding it)"),
        ("RINRI_OIDC_NAME", "the provider's name on the login button (default: your organisation's account)"),
        ("RINRI_OIDC_SCOPES", "scopes asked for, space-separated (default: openid email profile)"),
        ("RINRI_OIDC_MATCH", "email (a verified e-mail links a user once) or subject (only linked users) (default email)"),
        ("RINRI_OIDC_GROUPS_CLAIM", "ID-token claim listing groups, which then decide Rinri roles at every sign-in (default: roles kept in Rinri)"),
        ("RINRI_OIDC_ROLE_MAP", "groups to roles: group=role[,role];group=role@UNIT (with RINRI_OIDC_GROUPS_CLAIM)"),
        ("RINRI_OIDC_CREATE_USERS", "on or off: create a user at first sign-in for a person Rinri does not know (default off)"),
        ("RINRI_SESSION_KEY", "secret (32+ bytes) signing the login form's CSRF cookie; the same on every instance (default: generated in RINRI_DATA_DIR)"),
    ]

    /// Reads the configuration from environment variables.
    ///
    /// - Throws: ``ConfigError`` listing every malformed variable.
    public static func load(from env: [String: String]) throws -> RinriConfig {
        var config = RinriConfig()
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        if let raw = value("RINRI_DATABASE_URL") {
            do { config.database = try parseDatabase(raw) } catch let error as ConfigError {
                problems += error.problems
            }
        }
        if let raw = value("RINRI_HOSTNAME") {
            if raw.contains(where: { $0.isWhitespace || $0 == "/" }) {
                problems.append("RINRI_HOSTNAME: \"\(raw)\" is not a host name or IP address")
            } else { config.hostname = raw }
        }
        if let raw = value("RINRI_PORT") {
            if let port = Int(raw), (1...65_535).contains(port) { config.port = port } else {
                problems.append("RINRI_PORT: \"\(raw)\" is not a port number between 1 and 65535")
            }
        }
        if let raw = value("RINRI_LOG_LEVEL") {
            if let level = LogLevel(rawValue: raw.lowercased()) { config.logLevel = level } else {
                problems.append("RINRI_LOG_LEVEL: \"\(raw)\" is not one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let raw = value("RINRI_PUBLIC_URL") {
            if let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
               url.host?.isEmpty == false {
                config.publicURL = url
            } else {
                problems.append("RINRI_PUBLIC_URL: \"\(raw)\" is not an http:// or https:// URL with a host")
            }
        }
        if let raw = value("RINRI_ADMIN_EMAIL") {
            if EmailAddress.isValid(raw) { config.adminEmail = raw.lowercased() } else {
                problems.append("RINRI_ADMIN_EMAIL: \"\(raw)\" is not an e-mail address")
            }
        }
        if let raw = value("RINRI_DATA_DIR") { config.dataDirectory = raw }
        func number(_ name: String, _ range: ClosedRange<Int>, unit: String) -> Int? {
            guard let raw = value(name) else { return nil }
            guard let n = Int(raw), range.contains(n) else {
                problems.append("\(name): \"\(raw)\" is not a whole number of \(unit) between \(range.lowerBound) and \(range.upperBound)")
                return nil
            }
            return n
        }
        if let minutes = number("RINRI_SESSION_IDLE_MINUTES", 1...43_200, unit: "minutes") {
            config.sessions.idle = TimeInterval(minutes * 60)
        }
        if let hours = number("RINRI_SESSION_MAX_HOURS", 1...8_760, unit: "hours") {
            config.sessions.absolute = TimeInterval(hours * 3600)
        }
        if let workers = number("RINRI_JOB_WORKERS", 1...16, unit: "workers") { config.jobWorkers = workers }
        if let limit = number("RINRI_JOB_QUEUE", 1...1_000, unit: "jobs") { config.jobQueueLimit = limit }
        if let days = number("RINRI_TOKEN_DEFAULT_DAYS", 1...TokenLifetime.maxDays, unit: "days") { config.tokenDefaultDays = days }
        if let raw = value("RINRI_TRUSTED_PROXIES") {
            let entries = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for entry in entries where IPBlock(entry) == nil {
                problems.append("RINRI_TRUSTED_PROXIES: \"\(entry)\" is not an IP address or CIDR block (10.0.0.0/8, ::1)")
            }
            config.trustedProxies = entries
        }
        if let raw = value("RINRI_SESSION_KEY") {
            if raw.utf8.count >= 32 { config.sessionKey = raw } else {
                problems.append("RINRI_SESSION_KEY: the secret is \(raw.utf8.count) bytes long; use at least 32 (openssl rand -hex 32)")
            }
        }
        switch (value("RINRI_AUDIT_KEY"), value("RINRI_AUDIT_KEY_FILE")) {
        case (.some, .some):
            problems.append("RINRI_AUDIT_KEY and RINRI_AUDIT_KEY_FILE are both set; keep one")
        case (.some(let secret), nil):
            if secret.utf8.count >= AuditKey.minimumBytes { config.auditKey = AuditKey(secret: Data(secret.utf8)) } else {
                problems.append("RINRI_AUDIT_KEY: the secret is \(secret.utf8.count) bytes long; use at least \(AuditKey.minimumBytes) (openssl rand -hex 32)")
            }
        case (nil, .some(let path)):
            if var data = FileManager.default.contents(atPath: path) {
                while let last = data.last, last == 0x0A || last == 0x0D { data.removeLast() }
                if data.count >= AuditKey.minimumBytes { config.auditKey = AuditKey(secret: data) } else {
                    problems.append("RINRI_AUDIT_KEY_FILE: \(path) holds \(data.count) bytes; use at least \(AuditKey.minimumBytes)")
                }
            } else {
                problems.append("RINRI_AUDIT_KEY_FILE: \(path) cannot be read")
            }
        case (nil, nil):
            break
        }
        problems += loadOIDC(value, into: &config)
        if let raw = value("RINRI_PASSWORD_LOGIN") {
            switch raw.lowercased() {
            case "on", "true", "1", "yes": config.passwordLogin = true
            case "off", "false", "0", "no": config.passwordLogin = false
            default: problems.append("RINRI_PASSWORD_LOGIN: \"\(raw)\" is not on or off")
            }
        }
        if !config.passwordLogin && config.oidc == nil {
            problems.append("RINRI_PASSWORD_LOGIN=off needs OpenID Connect sign-in (RINRI_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET), or nobody could log in")
        }
        if !problems.isEmpty { throw ConfigError(problems: problems) }
        return config
    }

    /// Reads the `RINRI_OIDC_*` variables; returns the problems.
    private static func loadOIDC(_ value: (String) -> String?, into config: inout RinriConfig) -> [String] {
        var problems: [String] = []
        let secretFile = value("RINRI_OIDC_CLIENT_SECRET_FILE")
        var secret = value("RINRI_OIDC_CLIENT_SECRET")
        if let secretFile {
            if secret != nil { problems.append("RINRI_OIDC_CLIENT_SECRET and RINRI_OIDC_CLIENT_SECRET_FILE are both set; keep one") }
            if let data = FileManager.default.contents(atPath: secretFile) {
                secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } else { problems.append("RINRI_OIDC_CLIENT_SECRET_FILE: \(secretFile) cannot be read") }
        }
        let issuer = value("RINRI_OIDC_ISSUER"), clientID = value("RINRI_OIDC_CLIENT_ID")
        guard issuer != nil || clientID != nil || secret != nil else { return problems }
        guard let issuer, let clientID, let secret, !secret.isEmpty else {
            return problems + ["RINRI_OIDC_ISSUER, RINRI_OIDC_CLIENT_ID and RINRI_OIDC_CLIENT_SECRET go together; set all three or none"]
        }
        guard let url = URL(string: issuer), OIDCSettings.isAcceptableIssuer(url) else {
            return problems + ["RINRI_OIDC_ISSUER: \"\(issuer)\" is not an https:// URL (http:// is accepted on 127.0.0.1 or localhost only)"]
        }
        var oidc = OIDCSettings(issuer: url, clientID: clientID, clientSecret: secret)
        if let name = value("RINRI_OIDC_NAME") { oidc.displayName = String(name.prefix(80)) }
        if let scopes = value("RINRI_OIDC_SCOPES") {
            oidc.scopes = scopes.split(separator: " ").map(String.init)
            if !oidc.scopes.contains("openid") { problems.append("RINRI_OIDC_SCOPES: must include openid") }
        }
        if let raw = value("RINRI_OIDC_MATCH") {
            if let match = OIDCSettings.Match(rawValue: raw.lowercased()) { oidc.match = match } else {
                problems.append("RINRI_OIDC_MATCH: \"\(raw)\" is not email or subject")
            }
        }
        oidc.groupsClaim = value("RINRI_OIDC_GROUPS_CLAIM")
        if let raw = value("RINRI_OIDC_ROLE_MAP") {
            do { oidc.roleMap = try OIDCSettings.parseRoleMap(raw) } catch let error as RinriError {
                problems.append("RINRI_OIDC_ROLE_MAP: \(error.message)")
            } catch { problems.append("RINRI_OIDC_ROLE_MAP: \(error)") }
            if oidc.groupsClaim == nil { problems.append("RINRI_OIDC_ROLE_MAP needs RINRI_OIDC_GROUPS_CLAIM (the claim the groups are in)") }
        }
        if let raw = value("RINRI_OIDC_CREATE_USERS") {
            switch raw.lowercased() {
            case "on", "true", "1", "yes": oidc.createUsers = true
            case "off", "false", "0", "no": oidc.createUsers = false
            default: problems.append("RINRI_OIDC_CREATE_USERS: \"\(raw)\" is not on or off")
            }
        }
        config.oidc = oidc
        return problems
    }

    /// Parses `sqlite:PATH`, `sqlite::memory:` or a `postgres://` URL.
    ///
    /// - Throws: ``ConfigError`` naming what is wrong with the URL.
    public static func parseDatabase(_ raw: String) throws -> Database {
        let name = "RINRI_DATABASE_URL"
        if raw == "sqlite::memory:" { return .sqliteMemory }
        if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                throw ConfigError(problems: ["\(name): \"\(raw)\" names no file; write sqlite:rinri.sqlite or sqlite::memory:"])
            }
            return .sqliteFile(path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let parts = URLComponents(string: raw), let host = parts.host, !host.isEmpty else {
                throw ConfigError(problems: ["\(name): \"\(redacted(raw))\" has no host; write postgres://user:pass@host:5432/db"])
            }
            var problems: [String] = []
            if parts.user?.isEmpty ?? true { problems.append("\(name): the PostgreSQL URL names no user") }
            if parts.path.count <= 1 { problems.append("\(name): the PostgreSQL URL names no database (…/dbname)") }
            if let port = parts.port, !(1...65_535).contains(port) {
                problems.append("\(name): port \(port) is out of range")
            }
            if !problems.isEmpty { throw ConfigError(problems: problems) }
            return .postgres(url: raw)
        }
        throw ConfigError(problems: [
            "\(name): \"\(redacted(raw))\" is not sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db",
        ])
    }

    private static func redacted(_ raw: String) -> String {
        Database.postgres(url: raw).description == "postgres" ? "…" : Database.postgres(url: raw).description
    }
}

/// Malformed configuration: one line per problem.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// E-mail address checks shared by the API, the forms and the CLI.
public enum EmailAddress {
    /// A pragmatic check: one `@`, a non-empty local part and a dotted or `localhost`-like domain, no spaces.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 1, text.count <= 254 else { return false }
        guard !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) else { return false }
        let domain = parts[1]
        return !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    /// Lower-cases and trims an address.
    public static func normalise(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

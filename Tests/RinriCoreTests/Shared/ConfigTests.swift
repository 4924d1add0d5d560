import Foundation
import RinriCore
import Testing

@Suite("Configuration from the environment")
struct ConfigTests {
    @Test func anEmptyEnvironmentGivesSafeDefaults() throws {
        let config = try RinriConfig.load(from: [:])
        #expect(config.database == .sqliteFile("rinri.sqlite"))
        #expect(config.hostname == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.logLevel == .info)
        #expect(config.publicURL == nil)
    }

    @Test func everyVariableIsRead() throws {
        let config = try RinriConfig.load(from: [
            "RINRI_DATABASE_URL": "postgres://rinri:secret@db.internal:5433/rinri",
            "RINRI_HOSTNAME": "0.0.0.0", "RINRI_PORT": "9000", "RINRI_LOG_LEVEL": "DEBUG",
            "RINRI_PUBLIC_URL": "https://rinri.example.com", "RINRI_ADMIN_EMAIL": "Office@Example.com",
        ])
        #expect(config.database == .postgres(url: "postgres://rinri:secret@db.internal:5433/rinri"))
        #expect(config.hostname == "0.0.0.0")
        #expect(config.port == 9000)
        #expect(config.logLevel == .debug)
        #expect(config.publicURL?.host == "rinri.example.com")
        #expect(config.adminEmail == "office@example.com")
    }

    @Test func securitySettingsAreReadAndDefaultSafely() throws {
        let defaults = try RinriConfig.load(from: [:])
        #expect(defaults.sessions == SessionLifetime(idle: 8 * 3600, absolute: 24 * 3600))
        #expect(defaults.tokenDefaultDays == 90 && defaults.trustedProxies.isEmpty && defaults.passwordLogin)
        #expect(defaults.dataDirectory == "rinri-data" && defaults.sessionKey == nil)
        let config = try RinriConfig.load(from: [
            "RINRI_SESSION_IDLE_MINUTES": "30", "RINRI_SESSION_MAX_HOURS": "12", "RINRI_TOKEN_DEFAULT_DAYS": "7",
            "RINRI_TRUSTED_PROXIES": "10.0.0.0/8, ::1", "RINRI_PASSWORD_LOGIN": "off", "RINRI_DATA_DIR": "/var/lib/rinri",
            "RINRI_OIDC_ISSUER": "https://id.example.com", "RINRI_OIDC_CLIENT_ID": "rinri", "RINRI_OIDC_CLIENT_SECRET": "s",
            "RINRI_SESSION_KEY": String(repeating: "k", count: 40),
        ])
        #expect(config.sessions == SessionLifetime(idle: 1800, absolute: 12 * 3600))
        #expect(config.tokenDefaultDays == 7 && config.trustedProxies == ["10.0.0.0/8", "::1"] && !config.passwordLogin)
        #expect(config.dataDirectory == "/var/lib/rinri" && config.sessionKey?.count == 40)
        do {
            _ = try RinriConfig.load(from: ["RINRI_SESSION_IDLE_MINUTES": "0", "RINRI_SESSION_MAX_HOURS": "forever",
                                            "RINRI_TOKEN_DEFAULT_DAYS": "99999", "RINRI_TRUSTED_PROXIES": "10.0.0.0/33,proxy.local",
                                            "RINRI_PASSWORD_LOGIN": "maybe", "RINRI_SESSION_KEY": "short"])
            Issue.record("malformed security settings must not load")
        } catch let error as ConfigError {
            #expect(error.problems.count == 7, "\(error.problems)")
            #expect(!error.description.contains("short"), "a secret is never echoed")
        }
    }

    @Test func everyMalformedVariableIsReportedOnItsOwnLine() {
        do {
            _ = try RinriConfig.load(from: ["RINRI_DATABASE_URL": "mysql://x/y", "RINRI_PORT": "80000",
                                            "RINRI_LOG_LEVEL": "loud", "RINRI_PUBLIC_URL": "ftp://x", "RINRI_HOSTNAME": "a b"])
            Issue.record("malformed configuration must not load")
        } catch let error as ConfigError {
            #expect(error.problems.count == 5)
            #expect(error.problems.allSatisfy { $0.hasPrefix("RINRI_") })
            #expect(error.description.split(separator: "\n").count == 5)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("sqlite:data/rinri.sqlite", RinriConfig.Database.sqliteFile("data/rinri.sqlite")),
        ("sqlite:///var/lib/rinri.sqlite", .sqliteFile("/var/lib/rinri.sqlite")),
        ("sqlite::memory:", .sqliteMemory),
        ("postgresql://u:p@localhost/db", .postgres(url: "postgresql://u:p@localhost/db")),
    ])
    func databaseURLsAreParsed(raw: String, expected: RinriConfig.Database) throws {
        #expect(try RinriConfig.parseDatabase(raw) == expected)
    }

    @Test(arguments: ["sqlite:", "postgres://localhost", "postgres://u@/db", "postgres://u@h", "redis://h"])
    func badDatabaseURLsAreRefused(raw: String) {
        #expect(throws: ConfigError.self) { try RinriConfig.parseDatabase(raw) }
    }

    @Test func thePasswordNeverAppearsInMessages() {
        let database = RinriConfig.Database.postgres(url: "postgres://rinri:hunter2@h:5432/db")
        #expect(!database.description.contains("hunter2"))
        do { _ = try RinriConfig.parseDatabase("postgres://rinri:hunter2@h:5432") } catch let error as ConfigError {
            #expect(!error.description.contains("hunter2"))
        } catch { Issue.record("unexpected \(error)") }
    }
}

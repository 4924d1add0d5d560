import Foundation
import RinriCore
import RinriApplication
@testable import RinriWeb
import RinriTesting
import SQLKit
import Testing
import VaporTesting

@Suite("Sessions and credentials: nothing stored for visitors, lifetimes enforced, a password change ends the rest")
struct SessionSecurityTests {
    @Test(arguments: TestDatabase.all)
    func anonymousVisitsStoreNothingAndTheLoginFormStillWorks(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            for _ in 0..<30 { #expect(try await Browser(t).get("/login").status == .ok) }
            #expect(try await t.count("web_sessions") == 0)
            // the form's token lives in a signed cookie, not in the database
            let browser = Browser(t)
            _ = try await browser.get("/login")
            let cookie = try #require(browser.cookie("rinri_csrf"))
            #expect(cookie.contains(".") && browser.csrf.map { cookie.hasPrefix($0 + ".") } == true)
            // a planted cookie whose signature does not match is refused, even with the matching field
            let planted = Browser(t)
            planted.setCookie("rinri_csrf", "attacker-token.AAAA")
            let forged = try await planted.post("/login", ["email": "admin@example.com", "password": TestApp.password, "_csrf": "attacker-token"], csrf: false)
            #expect(forged.status == .forbidden)
            // the genuine form logs in and only then is a session stored
            let login = try await browser.post("/login", ["email": "admin@example.com", "password": TestApp.password, "next": ""])
            #expect(login.status == .seeOther)
            #expect(try await t.count("web_sessions") == 1)
            let setCookie = login.headers[.setCookie].joined(separator: " | ")
            #expect(setCookie.contains("rinri_session=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func idleAndAbsoluteLifetimesEndSessionsOnTheServer(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            _ = try await t.user([RoleGrant(role: .auditor)], email: "a@example.com")
            let sql = t.app.db as! any SQLDatabase
            // idle: a session untouched for longer than 8 hours is refused and removed, and so is its cookie
            let idle = Browser(t)
            try await idle.login("a@example.com")
            #expect(try await idle.get("/audit").status == .ok)
            try await sql.raw("UPDATE web_sessions SET last_seen_at = \(bind: Date().addingTimeInterval(-8 * 3600 - 5))").run()
            let afterIdle = try await idle.get("/audit")
            #expect(afterIdle.status == .seeOther && afterIdle.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await t.count("web_sessions") == 0 && idle.cookie("rinri_session") == nil)
            // absolute: used a minute ago, but logged in 25 hours ago
            let old = Browser(t)
            try await old.login("a@example.com")
            try await sql.raw("UPDATE web_sessions SET created_at = \(bind: Date().addingTimeInterval(-25 * 3600)), last_seen_at = \(bind: Date().addingTimeInterval(-60))").run()
            #expect(try await old.get("/audit").status == .seeOther)
            // a live session is kept
            let live = Browser(t)
            try await live.login("a@example.com")
            #expect(try await live.get("/audit").status == .ok)
            // housekeeping removes ended rows nobody asks for again
            let forgotten = Browser(t)
            try await forgotten.login("a@example.com")
            #expect(try await t.count("web_sessions") == 2)
            await Housekeeping.run(t.app, now: Date().addingTimeInterval(9 * 3600))
            #expect(try await t.count("web_sessions") == 0)
        }
    }

    @Test func shorterLifetimesCanBeConfigured() async throws {
        try await TestApp.with(.sqlite, adjust: { $0.sessions = SessionLifetime(idle: 60, absolute: 120) }) { t in
            _ = try await t.user([RoleGrant(role: .auditor)], email: "a@example.com")
            let browser = Browser(t)
            try await browser.login("a@example.com")
            let sql = t.app.db as! any SQLDatabase
            try await sql.raw("UPDATE web_sessions SET last_seen_at = \(bind: Date().addingTimeInterval(-61))").run()
            #expect(try await browser.get("/audit").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func logoutEverywhereEndsEverySessionOfTheUserOnly(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            _ = try await t.user([RoleGrant(role: .auditor)], email: "a@example.com")
            _ = try await t.user([RoleGrant(role: .auditor)], email: "b@example.com")
            let laptop = Browser(t), phone = Browser(t), someoneElse = Browser(t)
            try await laptop.login("a@example.com")
            try await phone.login("a@example.com")
            try await someoneElse.login("b@example.com")
            let account = try await laptop.get("/account")
            #expect(account.body.contains("/account/logout-everywhere"))
            let out = try await laptop.post("/account/logout-everywhere", [:])
            #expect(out.status == .seeOther)
            #expect(try await laptop.get("/audit").status == .seeOther)
            #expect(try await phone.get("/audit").status == .seeOther)
            #expect(try await someoneElse.get("/audit").status == .ok)
            let events = try await t.auditEvents()
            #expect(events.contains { $0.record.action == .logout && $0.record.changes.contains("everywhere") })
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPasswordChangeEndsOtherSessionsAndEveryToken(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let (_, token) = try await t.user([RoleGrant(role: .auditor)], email: "a@example.com")
            let here = Browser(t), elsewhere = Browser(t)
            try await here.login("a@example.com")
            try await elsewhere.login("a@example.com")
            let account = try await here.get("/account")
            #expect(account.body.contains(Localizer(.en)("account.password_ends_credentials")))
            let changed = try await here.post("/account/password", ["current_password": TestApp.password,
                                                                    "new_password": "a brand new passphrase", "confirm_password": "a brand new passphrase"])
            #expect(changed.status == .seeOther)
            // this browser goes on, with a message saying what ended
            let next = try await here.get("/account")
            #expect(next.status == .ok && next.body.contains("1 other session(s) ended and 1 API token(s) were revoked"))
            // the other browser and the old token no longer work
            #expect(try await elsewhere.get("/audit").status == .seeOther)
            #expect(try await t.request(.GET, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aLoginThatCheckedTheOldPasswordOpensNothingAfterTheChange(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let (user, _) = try await t.user([RoleGrant(role: .auditor)], email: "a@example.com")
            let old = try #require(try await UserQueries(t.app.db).credentials(email: "a@example.com")?.passwordHash)
            try await UserService(t.app.db).setPassword(userID: user.id, passwordHash: "$2b$04$changedchangedchangedchangedchangedchangedchangedchang",
                                                        context: Actor(id: user.id, label: user.email, grants: user.grants))
            let sessions = try await t.count("web_sessions"), tokens = try await t.count("api_tokens")
            await #expect(throws: RinriError.self) {
                _ = try await SessionService(t.app.db).open(userID: user.id, whilePasswordHash: old, address: nil, via: "password")
            }
            await #expect(throws: RinriError.self) {
                _ = try await UserService(t.app.db).createToken(userID: user.id, name: "login", secret: TokenSecret.generate(), expiresAt: nil,
                                                                whilePasswordHash: old, context: Actor(id: user.id, label: user.email))
            }
            #expect(try await t.count("web_sessions") == sessions)
            #expect(try await t.count("api_tokens") == tokens)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aResetPasswordIsOneTimeAndMustBeChangedFirst(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            _ = try await t.user([RoleGrant(role: .admin)], email: "admin@example.com")
            let (member, token) = try await t.user([RoleGrant(role: .auditor)], email: "m@example.com")
            let memberBrowser = Browser(t)
            try await memberBrowser.login("m@example.com")
            let admin = Browser(t)
            try await admin.login("admin@example.com")
            _ = try await admin.get("/users/\(member.id)/edit")
            let reset = try await admin.post("/users/\(member.id)/reset-password", [:])
            #expect(reset.status == .ok)
            let password = try #require(reset.body.range(of: #"<code>([^<]+)</code>"#, options: .regularExpression)
                .map { String(reset.body[$0].dropFirst(6).dropLast(7)) })
            // the reset ended the member's session and token
            #expect(try await memberBrowser.get("/audit").status == .seeOther)
            #expect(try await t.request(.GET, "/api/v1/me", token: token).status == .unauthorized)
            // with the one-time password only the account page opens, and the API refuses with a reason
            let fresh = Browser(t)
            #expect(try await fresh.login("m@example.com", password: password).status == .seeOther)
            let blocked = try await fresh.get("/audit")
            #expect(blocked.status == .seeOther && blocked.headers.first(name: .location) == "/account")
            #expect(try await fresh.get("/account").body.contains(Localizer(.en)("account.must_change")))
            let apiLogin = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "m@example.com", "password": password])
            let apiToken = try #require(apiLogin.json["token"] as? String)
            let refused = try await t.request(.GET, "/api/v1/audit", token: apiToken)
            #expect(refused.status == .forbidden && refused.errorCode == "password_change_required")
            // once changed, everything opens again
            #expect(try await fresh.post("/account/password", ["current_password": password, "new_password": "my own passphrase here",
                                                               "confirm_password": "my own passphrase here"]).status == .seeOther)
            #expect(try await fresh.get("/audit").status == .ok)
        }
    }

    @Test func theFirstAdministratorsPasswordGoesToAPrivateFileAndMustBeChanged() async throws {
        try await TestApp.with(.sqlite, bootstrapAdmin: true) { t in
            let created = try #require(t.startup.createdAdmin)
            #expect(created.passwordFile.hasPrefix(t.dataDirectory.path))
            let attributes = try FileManager.default.attributesOfItem(atPath: created.passwordFile)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let folder = try FileManager.default.attributesOfItem(atPath: t.dataDirectory.path)
            #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            let lines = try String(contentsOfFile: created.passwordFile, encoding: .utf8).split(separator: "\n")
            #expect(lines.first.map(String.init) == created.email)
            let password = try #require(lines.last.map(String.init))
            let admin = try await UserQueries(t.app.db).credentials(email: created.email)
            #expect(admin?.account.mustChangePassword == true)
            let browser = Browser(t)
            #expect(try await browser.login(created.email, password: password).status == .seeOther)
            #expect(try await browser.get("/users").headers.first(name: .location) == "/account")
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokensExpireByDefaultAndNeverOutliveTheTokenThatMadeThem(db: TestDatabase) async throws {
        try await TestApp.with(db, adjust: { $0.tokenDefaultDays = 30 }) { t in
            let (_, legacy) = try await t.user([RoleGrant(role: .employee)], email: "e@example.com")
            // no lifetime asked: the configured default
            let plain = try await t.request(.POST, "/api/v1/tokens", token: legacy, json: ["name": "default"])
            #expect(plain.status == .created)
            let info = try #require(plain.json["info"] as? [String: Any])
            let expires = try #require((info["expires_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(expires.timeIntervalSinceNow - 30 * 86_400) < 120)
            // a ten-day token cannot mint a 20-day one, and what it mints without asking ends with it
            let short = try #require(try await t.request(.POST, "/api/v1/tokens", token: legacy,
                                                         json: ["name": "short", "expires_in_days": 10]).json["token"] as? String)
            let longer = try await t.request(.POST, "/api/v1/tokens", token: short, json: ["name": "longer", "expires_in_days": 20])
            #expect(longer.status == .unprocessableEntity && longer.errorCode == "outlives_token")
            let child = try await t.request(.POST, "/api/v1/tokens", token: short, json: ["name": "child"])
            let childExpiry = try #require(((child.json["info"] as? [String: Any])?["expires_at"] as? String)
                .flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(childExpiry.timeIntervalSinceNow <= 10 * 86_400 + 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aScopeOnARoleThatCannotBeScopedIsRefused(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let admin = try await t.token(.admin)
            let before = try await t.count("users")
            for role in ["auditor@U1", "governance_office@U1", "reviewer:privacy@U1"] {
                let refused = try await t.request(.POST, "/api/v1/users", token: admin,
                                                  json: ["email": "x@example.com", "name": "X", "password": "a long enough password", "roles": [role]])
                #expect(refused.status == .unprocessableEntity && refused.errorCode == "scope_not_allowed", "\(role)")
            }
            #expect(try await t.count("users") == before)
            let scoped = try await t.request(.POST, "/api/v1/users", token: admin,
                                             json: ["email": "po@example.com", "name": "PO", "password": "a long enough password", "roles": ["project_owner@U1"]])
            #expect(scoped.status == .created)
        }
    }
}

import Foundation
import RinriCore
@testable import RinriWeb
import RinriTesting
import SQLKit
import Testing

@Suite("Login, tokens and the audit log API")
struct AuthAPITests {
    @Test(arguments: TestDatabase.all)
    func loginGivesATokenAndFailuresAreAudited(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given
            let (account, _) = try await t.user([RoleGrant(role: .projectOwner)], email: "owner@example.com")
            // when: the right password
            let ok = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "Owner@Example.com", "password": TestApp.password])
            // then
            #expect(ok.status == .ok)
            let token = try #require(ok.json["token"] as? String)
            #expect(try await t.request(.GET, "/api/v1/me", token: token).json["email"] as? String == "owner@example.com")

            // when: a wrong password and an unknown e-mail
            let wrong = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "owner@example.com", "password": "nope-nope-nope"])
            let unknown = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "who@example.com", "password": "nope-nope-nope"])
            // then: the same answer; the known account's failure is logged at once, the unknown one's
            // in the address's summary when its window ends
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.json["error"] as? NSDictionary == unknown.json["error"] as? NSDictionary)
            var events = try await t.auditEvents()
            #expect(events.filter { $0.record.action == .loginFailed }.map(\.record.actorLabel) == ["owner@example.com"])
            #expect(events.contains { $0.record.action == .login && $0.record.actorID == account.id })
            await Housekeeping.run(t.app, now: Date().addingTimeInterval(3600))
            events = try await t.auditEvents()
            let summary = events.last { $0.record.action == .loginFailed }
            #expect(summary?.record.entityType == "address" && summary?.record.changes.contains("who@example.com") == true)

            // missing fields are 422, a bad body 400
            let missing = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "owner@example.com"])
            #expect(missing.status == .unprocessableEntity && missing.errorField == "password")
            #expect(try await t.raw(.POST, "/api/v1/auth/login", body: "[1,2").status == .badRequest)
        }
    }

    @Test func repeatedFailuresSlowTheAddressAndAccountPairDown() async throws {
        try await TestApp.with(.sqlite) { t in
            // a first wait of a minute, so that a slow machine cannot outlast it between two requests
            t.app.loginPolicy = LoginThrottlePolicy(firstDelay: 60)
            _ = try await t.user([RoleGrant(role: .employee)], email: "target@example.com")
            for _ in 0..<5 {
                let wrong = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": "guess-guess"])
                #expect(wrong.status == .unauthorized)
            }
            // the pair now waits, even with the right password, and is told how long
            let blocked = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": TestApp.password])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.errorCode == "too_many_attempts")
            #expect((Int(blocked.headers.first(name: "Retry-After") ?? "") ?? 0) > 50)
            // other accounts from the same address are not affected
            _ = try await t.user([RoleGrant(role: .employee)], email: "other@example.com")
            #expect(try await t.request(.POST, "/api/v1/auth/login", json: ["email": "other@example.com", "password": TestApp.password]).status == .ok)
            // once the wait is over the owner gets in, and a success clears the pair's count
            try await (t.app.db as! any SQLDatabase).raw("UPDATE login_throttle SET blocked_until = 0").run()
            #expect(try await t.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": TestApp.password]).status == .ok)
            #expect(try await t.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": "guess-guess"]).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func personalTokensAreShownOnceAndCanBeRevoked(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let token = try await t.token(.employee)
            let created = try await t.request(.POST, "/api/v1/tokens", token: token, json: ["name": "CI", "expires_in_days": 30])
            #expect(created.status == .created)
            let secret = try #require(created.json["token"] as? String)
            let id = try #require((created.json["info"] as? [String: Any])?["id"] as? String)
            // the list shows a prefix, never the secret
            let list = try await t.request(.GET, "/api/v1/tokens", token: token)
            #expect(!list.body.contains(secret))
            #expect(list.array.contains { $0["prefix"] as? String == String(secret.prefix(12)) })
            #expect(try await t.request(.GET, "/api/v1/me", token: secret).status == .ok)
            // when revoked it stops working
            #expect(try await t.request(.DELETE, "/api/v1/tokens/\(id)", token: token).status == .noContent)
            let refused = try await t.request(.GET, "/api/v1/me", token: secret)
            #expect(refused.status == .unauthorized && refused.errorCode == "unauthenticated")
            // a bad expiry is refused
            let bad = try await t.request(.POST, "/api/v1/tokens", token: token, json: ["name": "x", "expires_in_days": 0])
            #expect(bad.status == .unprocessableEntity && bad.errorField == "expires_in_days")
        }
    }

    @Test(arguments: TestDatabase.all)
    func auditorsPageAndFilterTheLogAndSeeTampering(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.user([RoleGrant(role: .governanceOffice)])
            let auditor = try await t.token(.auditor)
            for n in 1...5 {
                _ = try await t.request(.POST, "/api/v1/org-units", token: office.token,
                                        json: ["name": "Unit \(n)", "kind": "subsidiary", "country": "JP"])
            }
            let page = try await t.request(.GET, "/api/v1/audit?entity_type=org_unit&per_page=2&page=2", token: auditor)
            #expect(page.status == .ok)
            #expect(page.json["total"] as? Int == 5)
            let items = try #require(page.json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.allSatisfy { $0["entity_type"] as? String == "org_unit" })
            let byActor = try await t.request(.GET, "/api/v1/audit?actor_id=\(office.account.id)", token: auditor)
            #expect(byActor.json["total"] as? Int == 5)
            #expect(try await t.request(.GET, "/api/v1/audit?per_page=0", token: auditor).status == .badRequest)

            // when: a row is changed behind Rinri's back
            try await t.sql("UPDATE audit_events SET actor_label = 'mallory' WHERE seq = 3")
            // then
            let verify = try await t.request(.GET, "/api/v1/audit/verify", token: auditor)
            #expect(verify.json["ok"] as? Bool == false)
            #expect(verify.json["first_bad_seq"] as? Int == 3)
        }
    }

    @Test func healthNamesTheDatabase() async throws {
        try await TestApp.with(.sqlite) { t in
            let health = try await t.request(.GET, "/health")
            #expect(health.status == .ok)
            #expect(health.json["database"] as? String == "sqlite")
            #expect(health.json["status"] as? String == "ok")
        }
    }
}

@Suite("User administration")
struct UserAdministrationTests {
    @Test(arguments: TestDatabase.all)
    func aDeactivatedUserIsLockedOutAndAdminsCannotLockThemselvesOut(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let admin = try await t.user([RoleGrant(role: .admin)])
            let member = try await t.user([RoleGrant(role: .committeeMember)], email: "member@example.com")
            #expect(try await t.request(.GET, "/api/v1/me", token: member.token).status == .ok)
            // when: roles change and the account is deactivated
            let updated = try await t.request(.PUT, "/api/v1/users/\(member.account.id)", token: admin.token,
                                              json: ["roles": ["committee_chair", "reviewer:quality"], "is_active": false])
            #expect(updated.status == .ok)
            #expect(updated.json["roles"] as? [String] == ["committee_chair", "reviewer:quality"])
            // then: the token and the password stop working
            #expect(try await t.request(.GET, "/api/v1/me", token: member.token).status == .unauthorized)
            let login = try await t.request(.POST, "/api/v1/auth/login", json: ["email": "member@example.com", "password": TestApp.password])
            #expect(login.status == .unauthorized)
            // and the change is in the log with both role lists
            let event = try #require(try await t.auditEvents().last { $0.record.entityType == "user" && $0.record.action == .update })
            #expect(event.record.changes.contains("committee_member") && event.record.changes.contains("reviewer:quality"))
            // an admin cannot lock themselves out
            let selfLock = try await t.request(.PUT, "/api/v1/users/\(admin.account.id)", token: admin.token, json: ["is_active": false])
            #expect(selfLock.status == .unprocessableEntity && selfLock.errorCode == "self_lockout")
            let demote = try await t.request(.PUT, "/api/v1/users/\(admin.account.id)", token: admin.token, json: ["roles": ["auditor"]])
            #expect(demote.errorCode == "self_lockout")
            let badRole = try await t.request(.PUT, "/api/v1/users/\(member.account.id)", token: admin.token, json: ["roles": ["king"]])
            #expect(badRole.status == .unprocessableEntity && badRole.errorField == "role")
        }
    }
}

import Foundation
import RinriCore
import RinriApplication
@testable import RinriWeb
import RinriTesting
import SQLKit
import Testing

@Suite("A keyed audit chain in a running Rinri")
struct AuditKeyTests {
    static let key = AuditKey(secret: Data("a-long-enough-audit-key-for-the-tests-0123".utf8))

    @Test(arguments: TestDatabase.all)
    func theSwitchIsAnEventAndAWriterWithoutTheKeyCannotRewriteHistory(db: TestDatabase) async throws {
        try await TestApp.with(db, adjust: { $0.auditKey = Self.key }) { t in
            let admin = try await t.token(.admin)
            let created = try await t.request(.POST, "/api/v1/org-units", token: admin, json: ["name": "Legal", "kind": "function", "country": "JP"])
            #expect(created.status == .created)
            let events = try await t.auditEvents()
            #expect(events.contains { $0.record.action == .auditKey && $0.record.entityID == Self.key.id })
            let auditor = try await t.token(.auditor)
            #expect(try await t.request(.GET, "/api/v1/audit/verify", token: auditor).json["ok"] as? Bool == true)

            // a database writer changes the unit's creation event and relinks the rest with plain SHA-256
            let sql = t.app.db as! any SQLDatabase
            let target = try #require(events.last { $0.record.entityType == "org_unit" })
            var previous = (seq: target.seq - 1, hash: target.previousHash)
            for event in events where event.seq >= target.seq {
                var record = event.record
                if event.seq == target.seq { record.changes = #"{"after":{"name":"Nothing to see"}}"# }
                let forged = AuditChain.append(record, after: previous)
                try await sql.raw("UPDATE audit_events SET changes = \(bind: record.changes), previous_hash = \(bind: forged.previousHash), hash = \(bind: forged.hash) WHERE seq = \(bind: event.seq)").run()
                previous = (forged.seq, forged.hash)
            }
            try await sql.raw("UPDATE audit_head SET hash = \(bind: previous.hash) WHERE id = 1").run()
            let verdict = try await t.request(.GET, "/api/v1/audit/verify", token: auditor)
            #expect(verdict.json["ok"] as? Bool == false && verdict.json["first_bad_seq"] as? Int == target.seq)
        }
    }

    @Test func aProcessWithoutTheKeyWritesNothingToAKeyedChain() async throws {
        try await TestApp.with(.sqlite, adjust: { $0.auditKey = Self.key }) { t in
            let before = try await t.count("audit_events")
            let users = try await t.count("users")
            let refused = await #expect(throws: RinriError.self) {
                try await AuditSigning.withKey(nil) {
                    _ = try await UserService(t.app.db).create(email: "x@example.com", name: "X", passwordHash: "x",
                                                              grants: [RoleGrant(role: .auditor)], context: .system("test"))
                }
            }
            #expect(refused?.code == "audit_key_mismatch")
            #expect(try await t.count("audit_events") == before)
            #expect(try await t.count("users") == users)
            // and with the key it goes through, linked with it
            try await AuditSigning.withKey(Self.key) {
                _ = try await UserService(t.app.db).create(email: "x@example.com", name: "X", passwordHash: "x",
                                                          grants: [RoleGrant(role: .auditor)], context: .system("test"))
            }
            #expect(try await AuditQueries(t.app.db).verify(key: Self.key) == before + 1)
        }
    }

    @Test func anExistingPlainChainKeepsVerifyingAfterTheSwitch() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .admin)])
            let plain = try await AuditQueries(t.app.db).verify(key: nil)
            #expect(try await AuditSigning.enable(Self.key, on: t.app.db))
            #expect(try await AuditSigning.enable(Self.key, on: t.app.db) == false)
            #expect(try await AuditQueries(t.app.db).verify(key: Self.key) == plain + 1)
            await #expect(throws: AuditChain.Break.self) { try await AuditQueries(t.app.db).verify(key: nil) }
            let other = AuditKey(secret: Data(String(repeating: "z", count: 40).utf8))
            await #expect(throws: RinriError.self) { try await AuditSigning.enable(other, on: t.app.db) }
        }
    }
}

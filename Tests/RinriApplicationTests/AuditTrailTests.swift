import FluentKit
import Foundation
import RinriCore
@testable import RinriApplication
import RinriTesting
import Testing

struct InjectedFault: Error {}

@Suite("Writes and their audit events")
struct AuditTrailTests {
    @Test(arguments: TestDatabase.all)
    func aWriteThatFailsLeavesNeitherRowNorEvent(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given
            let before = try await t.count("audit_events")
            // when: a unit is written, its event recorded, and then the transaction fails
            await #expect(throws: InjectedFault.self) {
                try await AuditTrail.transaction(on: t.app.db, context: .system("test")) { tx, batch in
                    let unit = OrgUnitModel()
                    unit.apply(OrgUnitInput(name: "Doomed", kind: .subsidiary, country: "JP"))
                    try await unit.createAudited(on: tx, batch)
                    throw InjectedFault()
                }
            }
            // then
            #expect(try await t.count("org_units") == 0)
            #expect(try await t.count("audit_events") == before)
            #expect(try await AuditQueries(t.app.db).verify() == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentWritersNeverForkTheChain(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // when: twenty units are created at once
            let store = InventoryService(t.app.db)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<20 {
                    group.addTask {
                        _ = try await store.createOrgUnit(OrgUnitInput(name: "Unit \(n)", kind: .subsidiary, country: "JP"),
                                                          context: .system("test"))
                    }
                }
                try await group.waitForAll()
            }
            // then: every event is chained once, in sequence
            #expect(try await t.count("org_units") == 20)
            let events = try await t.auditEvents()
            #expect(events.map(\.seq) == Array(1...events.count))
            #expect(try await AuditQueries(t.app.db).verify() == events.count)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aStaleDeleteDeletesNothing(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let store = InventoryService(t.app.db)
            let unit = try await store.createOrgUnit(OrgUnitInput(name: "U", kind: .subsidiary, country: "JP"), context: .system("t"))
            let updated = try await store.updateOrgUnit(unit.id, OrgUnitInput(name: "U2", kind: .subsidiary, country: "JP"),
                                                        version: 1, context: .system("t"))
            #expect(updated.version == 2)
            await #expect(throws: RinriError.staleVersion(expected: 1, current: 2)) {
                try await store.deleteOrgUnit(unit.id, version: 1, context: .system("t"))
            }
            #expect(try await InventoryQueries(t.app.db).orgUnits().count == 1)
            // an update that changes nothing keeps the version and writes no event
            let events = try await t.count("audit_events")
            let same = try await store.updateOrgUnit(unit.id, OrgUnitInput(name: "U2", kind: .subsidiary, country: "JP"),
                                                     version: 2, context: .system("t"))
            #expect(same.version == 2)
            #expect(try await t.count("audit_events") == events)
        }
    }

    @Test(arguments: TestDatabase.all)
    func tamperingWithAStoredRowIsFound(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let store = InventoryService(t.app.db)
            let seeded = try await AuditQueries(t.app.db).verify()  // the governance library loaded on first start
            for n in 1...4 {
                _ = try await store.createOrgUnit(OrgUnitInput(name: "U\(n)", kind: .subsidiary, country: "JP"), context: .system("t"))
            }
            #expect(try await AuditQueries(t.app.db).verify() == seeded + 4)
            try await t.sql("UPDATE audit_events SET changes = '{}' WHERE seq = \(seeded + 2)")
            await #expect(throws: AuditChain.Break.self) { try await AuditQueries(t.app.db).verify() }
            try await t.sql("DELETE FROM audit_events WHERE seq >= \(seeded + 2)")
            do {
                _ = try await AuditQueries(t.app.db).verify()
                Issue.record("a cut-off log must not verify")
            } catch let error as AuditChain.Break {
                #expect(error.seq == seeded + 2)
            }
        }
    }
}

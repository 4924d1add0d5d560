import Foundation
import RinriCore
import RinriApplication
import RinriTesting
import Testing

/// Lists read a page at a time in a stable order; the summaries aggregates read are the records summed
/// up (kept in the transaction of each change); the audit page verifies from a sealed checkpoint.
@Suite("Lists, summaries and the audit checkpoint")
struct ListsAndSummariesTests {
    /// A member of the governance office.
    static func office(_ t: TestApp) async throws -> Actor {
        let account = try await t.user([RoleGrant(role: .governanceOffice)]).account
        return Actor(id: account.id, label: account.email, grants: account.grants)
    }

    @Test(arguments: TestDatabase.all)
    func pagesCoverEverySystemOnceInOrderAndSearchMatchesLiterally(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given: 23 systems, one with a literal percent sign in its name, in two phases
            let office = try await Self.office(t)
            let store = InventoryService(t.app.db)
            let unit = try await store.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: office).id
            for n in 0..<22 {
                _ = try await store.createSystem(AISystemInput(name: String(format: "System %02d", 21 - n), purpose: "P", orgUnitID: unit,
                                                               lifecyclePhase: n % 2 == 0 ? .planning : .development),
                                                 phaseReason: "registered late", context: office)
            }
            _ = try await store.createSystem(AISystemInput(name: "Recall 100% sure", purpose: "P", orgUnitID: unit), context: office)
            let reads = InventoryQueries(t.app.db)
            // when: read in pages of 5 by name
            var names: [String] = []
            for page in 1...5 {
                let result = try await reads.systems(SystemFilter(), Listing(page: page, perPage: 5, sort: .name))
                #expect(result.total == 23)
                names += result.items.map(\.value.name)
            }
            // then: every system once, in name order; past the end is empty
            #expect(names == names.sorted() && names.count == 23 && Set(names).count == 23)
            #expect(try await reads.systems(SystemFilter(), Listing(page: 6, perPage: 5, sort: .name)).items.isEmpty)
            // the search is literal (a % in it is not a wildcard) and ignores case
            #expect(try await reads.systems(SystemFilter(), Listing(sort: .name, search: "100%")).items.map(\.value.name) == ["Recall 100% sure"])
            #expect(try await reads.systems(SystemFilter(), Listing(sort: .name, search: "0%")).items.map(\.value.name) == ["Recall 100% sure"])
            #expect(try await reads.systems(SystemFilter(), Listing(sort: .name, search: "SYSTEM 0")).total == 10)
            // phases sort in lifecycle order, not alphabetically (development before planning by name)
            let byPhase = try await reads.systems(SystemFilter(), Listing(perPage: 200, sort: .phase))
            #expect(byPhase.items.first?.value.lifecyclePhase == .planning && byPhase.items.last?.value.lifecyclePhase == .development)
            let reversed = try await reads.systems(SystemFilter(), Listing(perPage: 200, sort: .phase, descending: true))
            #expect(reversed.items.first?.value.lifecyclePhase == .development)
        }
    }

    @Test(arguments: TestDatabase.all)
    func riskSummariesFollowEveryChangeAndTheRegisterSortsByLevel(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given: a critical and a low risk; the critical one gets a countermeasure that the office verifies
            let office = try await Self.office(t)
            let inventory = InventoryService(t.app.db)
            let unit = try await inventory.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: office).id
            let system = try await inventory.createSystem(AISystemInput(name: "S", purpose: "P", orgUnitID: unit), context: office).id
            let risks = RiskService(t.app.db)
            let critical = try await risks.create(systemID: system, RiskInput(title: "Wrongful arrest", rights: [.physicalSafety],
                severity: try HarmSeverity(scale: 4, scope: 4, irremediability: 4), likelihood: 4), user: office)
            let low = try await risks.create(systemID: system, RiskInput(title: "Typo in greeting", rights: [.privacy],
                severity: try HarmSeverity(scale: 1, scope: 1, irremediability: 1), likelihood: 1), user: office)
            let reads = RiskQueries(t.app.db)
            // then: the register sorts by level, highest first, and both heat maps count the database's summaries
            var page = try await reads.page(RiskFilter(), Listing(sort: .inherent, descending: true))
            #expect(page.items.map(\.id) == [critical.id, low.id])
            #expect(try await reads.heatMap(residual: false) == RiskHeatMap(page.items.map { ($0.risk.severity, $0.risk.likelihood) }))
            // when a countermeasure is done and verified, the residual summary moves in the same transaction
            let measured = try await risks.addCountermeasure(to: critical.id, CountermeasureInput(title: "Human review", status: .done, effect: .likelihood),
                                                             user: office)
            let measure = try #require(measured.countermeasures.first)
            let verified = try await risks.verifyCountermeasure(measure.id, of: critical.id, version: measure.version, note: nil, user: office)
            page = try await reads.page(RiskFilter(), Listing(sort: .residual, descending: true))
            let residual = try await reads.heatMap(residual: true)
            #expect(residual == RiskHeatMap(page.items.filter(\.counts).map { ($0.residual.severity, $0.residual.likelihood) }))
            #expect(residual.count(level: .critical, likelihood: verified.residual.likelihood) == 1)
            // closing a risk takes it out of the heat maps and of the "counted" filter
            _ = try await risks.update(low.id, RiskInput(title: "Typo in greeting", rights: [.privacy],
                severity: try HarmSeverity(scale: 1, scope: 1, irremediability: 1), likelihood: 1, status: .closed), version: low.version,
                user: office)
            #expect(try await reads.heatMap(residual: false).total == 1)
            #expect(try await reads.page(RiskFilter(counted: true), Listing(sort: .created)).total == 1)
            #expect(try await reads.page(RiskFilter(minimumResidual: .critical), Listing(sort: .created)).items.map(\.id) == [critical.id])
            // every summary equals the rule applied to the records now
            #expect(try await t.count("risk_summaries") == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAuditPageVerifiesFromItsCheckpointAndCatchesLaterRewrites(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let store = InventoryService(t.app.db)
            _ = try await store.createOrgUnit(OrgUnitInput(name: "A", kind: .businessUnit, country: "JP"), context: .system("t"))
            let audit = AuditQueries(t.app.db)
            // the first load has no checkpoint: it checks everything and leaves one at the head
            let first = try await audit.verifySinceCheckpoint()
            let head = try await t.count("audit_events")
            #expect(first.from == 1 && first.to == head && first.since == nil)
            // later loads check only what was added
            _ = try await store.createOrgUnit(OrgUnitInput(name: "B", kind: .businessUnit, country: "JP"), context: .system("t"))
            let second = try await audit.verifySinceCheckpoint()
            #expect(second.from == head + 1 && second.to == head + 1 && second.since != nil)
            let idle = try await audit.verifySinceCheckpoint()
            #expect(idle.from == head + 2 && idle.to == head + 1)
            // an event rewritten after the checkpoint is caught on the next load
            _ = try await store.createOrgUnit(OrgUnitInput(name: "C", kind: .businessUnit, country: "JP"), context: .system("t"))
            let label = try #require(try await t.auditEvents().first { $0.seq == head + 2 }).record.actorLabel
            try await t.sql("UPDATE audit_events SET actor_label = 'someone else' WHERE seq = \(head + 2)")
            await #expect(throws: AuditChain.Break.self) { _ = try await audit.verifySinceCheckpoint() }
            // a checkpoint moved onto an event whose hash it does not carry is ignored: the whole chain is checked
            try await t.sql("UPDATE audit_events SET actor_label = '\(label)' WHERE seq = \(head + 2)")
            try await t.sql("UPDATE audit_checkpoints SET seq = 1")
            let recovered = try await audit.verifySinceCheckpoint()
            #expect(recovered.from == 1 && recovered.since == nil)
            // page loads that verify at the same moment all succeed (the checkpoint is one upsert)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try await AuditQueries(t.app.db).verifySinceCheckpoint() } }
                try await group.waitForAll()
            }
        }
    }
}

import FluentKit
import Foundation
import RinriCore
@testable import RinriApplication
import RinriTesting
import Testing

/// `rinri demo` loads a whole sample organisation through the services, and only into an empty database.
@Suite("Demo organisation")
struct DemoOrganisationTests {
    static let now = Date(timeIntervalSince1970: 1_796_630_400) // 2026-12-07

    @Test(arguments: TestDatabase.all)
    func loadsThroughTheServicesIntoAnEmptyDatabaseOnlyOnce(db: TestDatabase) async throws {
        // given a database with only its first administrator
        try await TestApp.with(db, bootstrapAdmin: true) { t in
            #expect(try await t.count("users") == 1)
            // when
            let summary = try await DemoOrganisation.load(on: t.app.db, now: Self.now)
            // then every write is in an intact audit chain, and the events are the demo's
            #expect(try await AuditQueries(t.app.db).verify() > 0)
            #expect(summary.auditEvents > 0)
            let events = try await t.auditEvents().suffix(summary.auditEvents)
            #expect(events.allSatisfy { $0.record.requestID == DemoOrganisation.requestID })

            // the summaries lists and aggregates read are the records summed up, after every kind of change the demo made
            try await Self.expectSummariesMatchTheRecords(t)

            // units in Japan and Europe, people in every role the workflow needs
            let units = try await OrgUnitModel.query(on: t.app.db).all()
            #expect(Set(units.map(\.country)) == ["JP", "DE", "NL"])
            #expect(summary.people.count == 16 && summary.emails.allSatisfy { $0.hasSuffix("@demo.rinri.local") })
            let users = try await UserModel.query(on: t.app.db).with(\.$grants).all()
            let roles = Set(users.flatMap { $0.grants.map(\.grant.role) })
            #expect(roles.isSuperset(of: [.admin, .governanceOffice, .projectOwner, .reviewer, .committeeChair, .committeeMember, .auditor]))
            #expect(users.filter { $0.email.hasSuffix("@demo.rinri.local") }.allSatisfy { $0.passwordHash == DemoOrganisation.noPassword })
            let committee = try await GovernanceQueries(t.app.db).body(key: "ai-ethics-committee")
            #expect(committee.members.filter { $0.role == .chair }.count == 1 && committee.members.count >= 4)

            // systems in every lifecycle phase, marked as demo data, with their components
            let systems = try await AISystemModel.query(on: t.app.db).all()
            #expect(systems.count >= 4)
            #expect(Set(systems.map(\.lifecyclePhase)) == Set(LifecyclePhase.allCases.map(\.rawValue)))
            #expect(systems.allSatisfy { $0.name.hasPrefix("[Demo] ") && $0.description.contains("Demo data / デモデータ") })
            for table in ["ai_models", "datasets", "ai_agents"] { #expect(try await t.count(table) > 0, "no rows in \(table)") }

            // assessments in every state
            let assessments = try await AssessmentModel.query(on: t.app.db).all()
            for state in AssessmentState.allCases {
                #expect(assessments.contains { $0.state == state.rawValue }, "no \(state.rawValue) assessment")
            }
            #expect(Set(assessments.compactMap(\.route)) == Set(ApprovalRoute.allCases.map(\.rawValue)).subtracting(["self_check"]))

            // the committee case: votes, the chair's decision with conditions, each blocking one reported and confirmed
            let conditional = try #require(assessments.first { $0.state == AssessmentState.approvedWithConditions.rawValue })
            let decided = try await AssessmentQueries(t.app.db).detail(try #require(conditional.id).uuidString)
            #expect(decided.record.route == .committee && decided.votes.count >= 3)
            #expect(decided.actions.contains { $0.source == "decision" } && decided.actions.contains { $0.source.hasPrefix("review:") })
            #expect(decided.actions.filter(\.action.blocking).allSatisfy { $0.action.status == .done && $0.confirmedBy != nil })
            // … so its system passed the gate into development
            let screener = try #require(systems.first { $0.id == decided.record.systemID.uuidValue })
            #expect(screener.lifecyclePhase == LifecyclePhase.development.rawValue)

            // risks raised by answers and entered by hand, countermeasures, one verified at least
            let risks = try await RiskModel.query(on: t.app.db).all()
            #expect(risks.contains { $0.templateID != nil } && risks.contains { $0.templateID == nil })
            let measures = try await CountermeasureModel.query(on: t.app.db).all()
            #expect(measures.contains { $0.verifiedBy != nil })

            // a fairness report on the screener's development draft, whose checks fail as the generated data intends
            let fairness = try await EvidenceModel.query(on: t.app.db).filter(\.$kind == EvidenceKind.fairnessReport.rawValue).all()
            let report = try #require(fairness.first)
            #expect(fairness.count == 1 && report.passed == false && report.inputRows == 2_000)
            #expect(report.command.hasPrefix("rinri assess fairness --data talentmatch-synthetic-applicants.csv"))
            let draft = try #require(assessments.first { $0.id?.uuidString == report.assessmentID })
            #expect(draft.state == AssessmentState.draft.rawValue && draft.phase == LifecyclePhase.development.rawValue)
            #expect(risks.contains { $0.questionID == "bias_within_criteria" })

            // the summary counts what is there
            #expect(summary.systems == systems.count && summary.assessments == assessments.count)
            #expect(summary.fairnessReports == 1 && summary.countermeasuresVerified >= 1)

            // a second load is refused and writes nothing
            let eventsAfterLoad = try await t.count("audit_events")
            let refusal = await #expect(throws: RinriError.self) { try await DemoOrganisation.load(on: t.app.db, now: Self.now) }
            #expect(refusal?.code == "demo_not_empty" && refusal?.kind == .conflict)
            #expect(try await t.count("audit_events") == eventsAfterLoad)
            #expect(try await t.count("ai_systems") == systems.count)
        }
    }

    @Test func aDatabaseWithRecordsOfItsOwnIsRefused() async throws {
        try await TestApp.with(.sqlite) { t in
            // given one organisation unit and no user at all
            _ = try await InventoryService(t.app.db).createOrgUnit(OrgUnitInput(name: "Real unit", kind: .businessUnit, country: "JP"),
                                                                   context: .system("test"))
            let events = try await t.count("audit_events")
            let refusal = await #expect(throws: RinriError.self) { try await DemoOrganisation.load(on: t.app.db) }
            #expect(refusal?.code == "demo_not_empty" && refusal?.message.contains("1 organisation unit(s)") == true)
            #expect(try await t.count("audit_events") == events)
        }
        try await TestApp.with(.sqlite) { t in
            // given a user who is not an administrator
            _ = try await t.user([RoleGrant(role: .auditor)])
            let refusal = await #expect(throws: RinriError.self) { try await DemoOrganisation.load(on: t.app.db) }
            #expect(refusal?.code == "demo_not_empty")
        }
    }
}

private extension String {
    var uuidValue: UUID? { UUID(uuidString: self) }
}

extension DemoOrganisationTests {
    /// Every risk's stored levels equal ``RiskScoring`` on its record now, and the organisation's coverage
    /// counted from `coverage_refs` equals the roll-up of every system's live coverage.
    static func expectSummariesMatchTheRecords(_ t: TestApp) async throws {
        let systems = Set(try await AISystemModel.query(on: t.app.db).all(\.$id))
        let records = try await RiskQueries(t.app.db).records(ofSystems: systems)
        let stored = Dictionary(uniqueKeysWithValues: try await RiskSummaryModel.query(on: t.app.db).all().map { ($0.id!.uuidString, $0) })
        #expect(records.count > 0 && stored.count == records.count)
        for record in records {
            let expected = RiskSummaryModel(record, createdAt: nil)
            let row = try #require(stored[record.id])
            #expect(row.inherentRank == expected.inherentRank && row.residualRank == expected.residualRank
                    && row.residualSeverityRank == expected.residualSeverityRank && row.residualLikelihood == expected.residualLikelihood
                    && row.counted == expected.counted && row.severityRank == expected.severityRank, "\(record.risk.title)")
        }
        let live = try await CoverageQueries(t.app.db).systems(systems)
        let organisation = try await CoverageQueries(t.app.db).organisation()
        #expect(organisation == FrameworkCoverage.organisation(live))
        // the kept counts equal the rows they count
        let grouped = try await Grouped.count(CoverageSummary.table, by: ["ref", "covered"], on: t.app.db).map { row in
            RefCount(ref: try row.decode(column: "ref", as: String.self), status: try row.decode(column: "covered", as: Bool.self) ? .covered : .open,
                     systems: try Grouped.number(row))
        }
        #expect(FrameworkCoverage.organisation(counts: grouped) == organisation)
        #expect(organisation.contains { !$0.refs.isEmpty })
    }
}

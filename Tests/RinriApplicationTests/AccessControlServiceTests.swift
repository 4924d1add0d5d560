import Foundation
import RinriCore
import RinriApplication
import RinriTesting
import Testing

/// The services refuse the people a route's permission would already keep out, and the people it
/// lets through who still may not take the step — whatever entry point calls them.
@Suite("Who the services refuse")
struct AccessControlServiceTests {
    static func actor(_ t: TestApp, _ grants: [RoleGrant]) async throws -> Actor {
        let account = try await t.user(grants).account
        return Actor(id: account.id, label: account.email, grants: account.grants)
    }

    static let anonymous = Actor(id: nil, label: "anonymous")

    /// Runs `write` and expects it refused with `code` (or any 403 when nil), the audit log unchanged.
    static func refused(_ t: TestApp, _ name: String, code: String? = nil, _ write: () async throws -> Void) async throws {
        let events = try await t.count("audit_events")
        let error = await #expect(throws: RinriError.self, "\(name)") { try await write() }
        if let code { #expect(error?.code == code, "\(name)") } else { #expect(error?.kind == .forbidden, "\(name)") }
        #expect(try await t.count("audit_events") == events, "\(name) wrote to the audit log")
    }

    @Test(arguments: TestDatabase.all)
    func governanceAndAccountWritesNeedTheirPermissionInTheService(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let auditor = try await Self.actor(t, [RoleGrant(role: .auditor)])
            let governance = GovernanceService(t.app.db), users = UserService(t.app.db), inventory = InventoryService(t.app.db)
            let body = try GovernanceBodyInput.validate(key: "panel", kind: "working_group", nameEN: "Panel", nameJA: "委員会",
                                                        mandateEN: "Decides", mandateJA: "決定する", reportsTo: nil)
            let policy = try await GovernanceQueries(t.app.db).approvalPolicy()
            for someone in [Self.anonymous, auditor] {
                try await Self.refused(t, "create a body as \(someone.label)") { _ = try await governance.createBody(body, context: someone) }
                try await Self.refused(t, "set the policy as \(someone.label)") {
                    _ = try await governance.setApprovalPolicy(yaml: policy.yaml, version: policy.version, context: someone)
                }
                try await Self.refused(t, "import a template as \(someone.label)") {
                    _ = try await TemplateService(t.app.db).importTemplate(yaml: "id: x", fileName: nil, context: someone)
                }
                try await Self.refused(t, "record a framework change as \(someone.label)") {
                    _ = try await AssessmentService(t.app.db).recordFrameworkChange(ref: "EUAIA.Art9", summary: "Amended", user: someone)
                }
                try await Self.refused(t, "create a unit as \(someone.label)") {
                    _ = try await inventory.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: someone)
                }
                try await Self.refused(t, "create a user as \(someone.label)") {
                    _ = try await users.create(email: "new@example.com", name: "New", passwordHash: "x", grants: [RoleGrant(role: .auditor)],
                                               context: someone)
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func accountsAreChangedOnlyByTheirOwnerOrAnAdministrator(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let admin = try await Self.actor(t, [RoleGrant(role: .admin)])
            let alice = try await Self.actor(t, [RoleGrant(role: .auditor)])
            let bob = try await Self.actor(t, [RoleGrant(role: .auditor)])
            let users = UserService(t.app.db)
            let token = try await users.createToken(userID: alice.id!, name: "laptop", secret: TokenSecret.generate(), expiresAt: nil, context: alice)
            try await Self.refused(t, "a token for someone else") {
                _ = try await users.createToken(userID: alice.id!, name: "mine now", secret: TokenSecret.generate(), expiresAt: nil, context: bob)
            }
            try await Self.refused(t, "revoke someone else's token") { try await users.revokeToken(token.id, of: alice.id!, context: bob) }
            try await Self.refused(t, "set someone else's password") { try await users.setPassword(userID: alice.id!, passwordHash: "x", context: bob) }
            try await Self.refused(t, "set someone else's language") { try await users.setLanguage(userID: alice.id!, .ja, context: bob) }
            let aliceSession = try await SessionService(t.app.db).open(userID: alice.id!, address: nil, via: "password")
            try await Self.refused(t, "log someone else out everywhere") { _ = try await users.endSessions(userID: alice.id!, context: bob) }
            try await Self.refused(t, "log someone out anonymously") {
                _ = try await users.endSessions(userID: alice.id!, context: Actor(id: nil, label: "anonymous"))
            }
            #expect(try await SessionService(t.app.db).count(userID: alice.id!) == 1 && aliceSession.session.userID == alice.id!.uppercased())
            // an administrator resets a password, but cannot lock themselves out, whichever entry point calls the service
            try await users.setPassword(userID: alice.id!, passwordHash: "reset", context: admin)
            try await Self.refused(t, "deactivate yourself", code: "self_lockout") {
                _ = try await users.update(userID: admin.id!, name: "Admin", grants: admin.grants, isActive: false, context: admin)
            }
            try await Self.refused(t, "drop your own admin role", code: "self_lockout") {
                _ = try await users.update(userID: admin.id!, name: "Admin", grants: [RoleGrant(role: .auditor)], isActive: true, context: admin)
            }
            try await Self.refused(t, "a user without a role", code: "required") {
                _ = try await users.create(email: "none@example.com", name: "None", passwordHash: "x", grants: [], context: admin)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOwnerSideOfOneUnitCannotWorkOnAnotherUnitsSystem(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            // given a system of unit Home with an open draft, and a project owner of unit Other
            let inventory = InventoryService(t.app.db)
            let home = try await inventory.createOrgUnit(OrgUnitInput(name: "Home", kind: .businessUnit, country: "JP"), context: .system("test"))
            let other = try await inventory.createOrgUnit(OrgUnitInput(name: "Other", kind: .businessUnit, country: "JP"), context: .system("test"))
            let owner = try await Self.actor(t, [RoleGrant(role: .projectOwner, orgUnitID: home.id)])
            let outsider = try await Self.actor(t, [RoleGrant(role: .projectOwner, orgUnitID: other.id)])
            let system = try await inventory.createSystem(AISystemInput(name: "S", purpose: "P", orgUnitID: home.id, ownerID: owner.id), context: owner)
            let assessments = AssessmentService(t.app.db)
            let draft = try await assessments.open(systemID: system.id, phase: .planning, user: owner)
            let sheet = try #require(draft.sheets.first)
            let question = try #require(sheet.template.questions.first { $0.id == sheet.evaluation.applyingQuestions.first })
            let risk = RiskInput(title: "R", rights: [.privacy], severity: try HarmSeverity(scale: 2, scope: 2, irremediability: 2), likelihood: 2)
            let stored = try await RiskService(t.app.db).create(systemID: system.id, risk, user: owner)
            // then every step of the owner side is refused to the outsider
            try await Self.refused(t, "open an assessment") { _ = try await assessments.open(systemID: system.id, phase: .development, user: outsider) }
            try await Self.refused(t, "answer the owner's sheet") {
                _ = try await assessments.saveAnswers(draft.record.id, templateID: sheet.template.id, answers: [question.id: nil],
                                                      version: draft.record.version, user: outsider)
            }
            try await Self.refused(t, "ask for a re-assessment") {
                _ = try await assessments.reassess(systemID: system.id, trigger: .manual, detail: "mine", user: outsider)
            }
            try await Self.refused(t, "enter a risk") { _ = try await RiskService(t.app.db).create(systemID: system.id, risk, user: outsider) }
            try await Self.refused(t, "add a countermeasure") {
                _ = try await RiskService(t.app.db).addCountermeasure(to: stored.id, CountermeasureInput(title: "Mine"), user: outsider)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficeMemberDoesNotRecordExceptionsForTheirOwnSystem(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let inventory = InventoryService(t.app.db)
            let unit = try await inventory.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: .system("test"))
            let office = try await Self.actor(t, [RoleGrant(role: .governanceOffice)])
            // registering a legacy system that the office member would own
            let legacy = AISystemInput(name: "Legacy", purpose: "P", orgUnitID: unit.id, ownerID: office.id, lifecyclePhase: .operation)
            try await Self.refused(t, "register one's own legacy system", code: "own_exception") {
                _ = try await inventory.createSystem(legacy, phaseReason: "In use since 2019", context: office)
            }
            // re-classifying the screening of one's own system
            let mine = try await inventory.createSystem(AISystemInput(name: "Mine", purpose: "P", orgUnitID: unit.id, ownerID: office.id), context: office)
            let draft = try await AssessmentService(t.app.db).open(systemID: mine.id, phase: .planning, user: office)
            try await Self.refused(t, "re-classify one's own case", code: "own_exception") {
                _ = try await AssessmentService(t.app.db).reclassify(draft.record.id, tier: .minimal, reason: "Mine", version: draft.record.version,
                                                                     user: office)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func evidenceIsNotAttachedToACaseOnceItIsSubmitted(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let inventory = InventoryService(t.app.db)
            let unit = try await inventory.createOrgUnit(OrgUnitInput(name: "U", kind: .businessUnit, country: "JP"), context: .system("test"))
            let office = try await Self.actor(t, [RoleGrant(role: .governanceOffice)])
            let system = try await inventory.createSystem(AISystemInput(name: "S", purpose: "P", orgUnitID: unit.id), context: .system("test"))
            let draft = try await AssessmentService(t.app.db).open(systemID: system.id, phase: .planning, user: office)
            // the case moved on (written directly: the workflow to get there is tested through the API)
            try await t.sql("UPDATE assessments SET state = 'submitted'")
            let late = EvidenceInput(kind: .document, title: "Late minutes", resultJSON: #"{"summary":"after the fact"}"#, passed: nil,
                                     command: "", rinriVersion: "test", inputSHA256: nil, inputRows: 0, assessmentID: draft.record.id,
                                     source: .api)
            try await Self.refused(t, "attach evidence to a submitted case", code: "assessment_not_draft") {
                _ = try await EvidenceService(t.app.db).create(late, in: system.id, context: office)
            }
        }
    }
}

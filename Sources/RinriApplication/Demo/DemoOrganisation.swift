import FluentKit
import Foundation
import RinriCore

/// A realistic, bilingual sample organisation for a newcomer to see what Rinri does (`rinri demo`,
/// `rinri serve --demo`).
///
/// What it loads: five organisation units in Japan and Europe (JP, DE, NL); sixteen people — two
/// members of the AI governance office, system owners in Osaka, Tokyo, Munich and Amsterdam, a
/// reviewer for each review domain, the AI ethics committee's chair and three members (appointed
/// through the governance service), an auditor; six AI systems, one in each lifecycle phase and one
/// more in planning, with their models, datasets and agents (a face-recognition entry gate, a CV
/// screener, a generative customer chatbot, a purchasing agent, a visual inspection, a retired
/// forecaster); assessments in every state, answered sheet by sheet with the evidence they need; the
/// reviews, a committee vote and the chair's decision with conditions, reported and confirmed so the
/// CV screener passes its gate into development; risks raised by answers and entered by hand, with
/// countermeasures, two of them verified by the office; and a fairness report computed from a
/// generated hiring table with the invocation `rinri assess fairness` runs (``DemoLoader/fairnessEvidence(systemID:assessmentID:questionID:owner:)``).
/// Every system's name starts with `[Demo] ` and its description with “Demo data / デモデータ”.
///
/// **Through the services, as its people.** Every record is written by the service a person would
/// call, acting as the demo person who would do it (the owner answers and submits, the reviewer
/// reviews, the chair decides), so every rule is checked and every change has its audit event, as
/// for people's own actions. Only the users themselves are created by Rinri (`Actor.system`), and
/// every event of the load carries the request id ``requestID``, so the audit log tells the demo apart.
///
/// **Never on a non-empty database.** The demo is refused (409 `demo_not_empty`, ``checkEmpty(on:)``)
/// when the database holds any organisation unit, AI system, assessment, risk, evidence or
/// appointment to a governance body, or any user other than one administrator (the first
/// administrator `rinri serve` creates): invented decisions must never mix with real ones in a real
/// audit log. A refusal writes nothing. The governance seeds (bodies, approval policy, principles,
/// templates) are expected, and used as shipped. The load is many service calls, each its own
/// transaction: should one fail (a bug of the demo), what was written before it stays, with its
/// audit events, and the next load is refused — start again on a new database.
///
/// **Passwords.** Every demo user gets `passwordHash` when one is given (`rinri demo --password-stdin`
/// hashes one password for all of them), otherwise ``noPassword``, which no password matches: the
/// administrator resets a demo user's password on the Users page to act as that person.
public struct DemoOrganisation: Sendable {
    /// The domain of every demo user's e-mail address.
    public static let emailDomain = "demo.rinri.local"
    /// The password hash of a demo user loaded without a password: no password matches it (not a Bcrypt hash).
    public static let noPassword = "!demo"
    /// The request id of every audit event the load writes.
    public static let requestID = "demo"

    /// Whether the demo organisation was loaded into this database (its events are in the audit log).
    public static func isLoaded(on db: Database) async throws -> Bool {
        try await AuditEventModel.query(on: db).filter(\.$requestID == requestID).first() != nil
    }

    /// What the load wrote, for the command line to print.
    public struct Summary: Sendable, Equatable {
        /// One demo user.
        public struct Person: Sendable, Equatable {
            public var email: String
            public var name: String
            /// The roles, comma-separated, as the command line writes them (`reviewer:privacy`), with a project owner's unit by name.
            public var roles: String
        }

        public var orgUnits: Int
        public var people: [Person]
        public var systemsByPhase: [LifecyclePhase: Int]
        public var models: Int
        public var datasets: Int
        public var agents: Int
        public var assessmentsByState: [AssessmentState: Int]
        public var risksRaised: Int
        public var risksEntered: Int
        public var countermeasures: Int
        public var countermeasuresVerified: Int
        public var evidence: Int
        public var fairnessReports: Int
        public var followUpActions: Int
        public var followUpActionsDone: Int
        public var votes: Int
        /// Audit events the load wrote.
        public var auditEvents: Int

        public var systems: Int { systemsByPhase.values.reduce(0, +) }
        public var assessments: Int { assessmentsByState.values.reduce(0, +) }
        public var emails: [String] { people.map(\.email) }

        /// One line per kind of record, in English like the rest of the command line.
        public var lines: [String] {
            return [
                "organisation units: \(orgUnits)",
                "users: \(people.count)",
                "AI systems: \(systems) (\(countsByCase(systemsByPhase)))",
                "models: \(models), datasets: \(datasets), agents: \(agents)",
                "assessments: \(assessments) (\(countsByCase(assessmentsByState)))",
                "risks: \(risksRaised + risksEntered) (\(risksRaised) raised by answers, \(risksEntered) entered by hand)",
                "countermeasures: \(countermeasures) (\(countermeasuresVerified) verified)",
                "evidence: \(evidence) (\(fairnessReports) fairness report(s))",
                "follow-up actions: \(followUpActions) (\(followUpActionsDone) done)",
                "committee votes: \(votes)",
                "audit events written: \(auditEvents)",
            ]
        }

        /// One line per demo user: e-mail, name and roles.
        public var personLines: [String] {
            people.map { "\($0.email)  \($0.name)  \($0.roles)" }
        }
    }

    /// Loads the demo organisation into an empty database.
    ///
    /// - Parameters:
    ///   - now: the day due dates are counted from.
    ///   - passwordHash: a Bcrypt hash every demo user gets; nil gives them ``noPassword``.
    ///   - rinriVersion: recorded on the evidence Rinri computes or stamps.
    /// - Throws: ``RinriError`` `demo_not_empty` (409) when the database is not empty (nothing is written
    ///   then); any refusal a service gives, which would be a bug of the demo.
    @discardableResult
    public static func load(on db: Database, now: Date = Date(), passwordHash: String? = nil,
                            rinriVersion: String = "demo") async throws -> Summary {
        try await checkEmpty(on: db)
        let eventsBefore = try await AuditEventModel.query(on: db).count()
        let loader = DemoLoader(db: db, now: now, passwordHash: passwordHash, rinriVersion: rinriVersion)
        try await loader.run()
        return try await summary(on: db, auditEventsBefore: eventsBefore)
    }

    /// Refuses a database that is not empty enough for the demo (see the type's documentation).
    /// - Throws: ``RinriError`` `demo_not_empty` (409) naming what the database already holds.
    public static func checkEmpty(on db: Database) async throws {
        let units = try await OrgUnitModel.query(on: db).count()
        let systems = try await AISystemModel.query(on: db).count()
        let assessments = try await AssessmentModel.query(on: db).count()
        let risks = try await RiskModel.query(on: db).count()
        let evidence = try await EvidenceModel.query(on: db).count()
        let appointments = try await BodyMemberModel.query(on: db).count()
        var found: [String] = []
        for (count, what) in [(units, "organisation unit(s)"), (systems, "AI system(s)"), (assessments, "assessment(s)"),
                              (risks, "risk(s)"), (evidence, "evidence record(s)"), (appointments, "appointment(s) to governance bodies")]
        where count > 0 {
            found.append("\(count) \(what)")
        }
        let users = try await UserModel.query(on: db).with(\.$grants).all()
        let onlyFirstAdministrator = users.count == 1 && users[0].grants.contains { $0.role == Role.admin.rawValue }
        if !users.isEmpty && !onlyFirstAdministrator {
            found.append("\(users.count) user(s) where at most the first administrator may be")
        }
        guard !found.isEmpty else { return }
        let list = found.joined(separator: ", ")
        throw RinriError.conflict(code: "demo_not_empty",
                                  "the demo organisation is loaded only into an empty database, and this one already has \(list); point RINRI_DATABASE_URL at a new database",
                                  arguments: ["found": list])
    }

    /// Counts what the database holds after the load (all of it is the demo's: it started empty), from the stored rows.
    static func summary(on db: Database, auditEventsBefore: Int) async throws -> Summary {
        let users = try await UserModel.query(on: db).with(\.$grants).sort(\.$email).all()
        let unitNames = Dictionary(try await OrgUnitModel.query(on: db).all().compactMap { unit in unit.id.map { ($0.uuidString, unit.name) } },
                                   uniquingKeysWith: { first, _ in first })
        /// A role as the person reads it: a project owner's unit by its name.
        func role(_ grant: RoleGrant) -> String {
            guard let unit = grant.orgUnitID else { return grant.description }
            return "\(grant.role.rawValue) of \(unitNames[unit.uppercased()] ?? unit)"
        }
        let people = users.filter { $0.email.hasSuffix("@" + emailDomain) }.map { user in
            Summary.Person(email: user.email, name: user.name, roles: user.grants.map { role($0.grant) }.sorted().joined(separator: ", "))
        }
        var phases: [LifecyclePhase: Int] = [:]
        for system in try await AISystemModel.query(on: db).all() {
            if let phase = LifecyclePhase(rawValue: system.lifecyclePhase) { phases[phase, default: 0] += 1 }
        }
        var states: [AssessmentState: Int] = [:]
        for assessment in try await AssessmentModel.query(on: db).all() {
            if let state = AssessmentState(rawValue: assessment.state) { states[state, default: 0] += 1 }
        }
        let risks = try await RiskModel.query(on: db).all()
        let measures = try await CountermeasureModel.query(on: db).all()
        let actions = try await ActionModel.query(on: db).all()
        let units = try await OrgUnitModel.query(on: db).count()
        let models = try await AIModelModel.query(on: db).count()
        let datasets = try await DatasetModel.query(on: db).count()
        let agents = try await AIAgentModel.query(on: db).count()
        let evidence = try await EvidenceModel.query(on: db).count()
        let fairness = try await EvidenceModel.query(on: db).filter(\.$kind == EvidenceKind.fairnessReport.rawValue).count()
        let votes = try await VoteModel.query(on: db).count()
        let events = try await AuditEventModel.query(on: db).count()
        return Summary(
            orgUnits: units, people: people, systemsByPhase: phases, models: models, datasets: datasets, agents: agents,
            assessmentsByState: states,
            risksRaised: risks.filter { $0.templateID != nil }.count, risksEntered: risks.filter { $0.templateID == nil }.count,
            countermeasures: measures.count, countermeasuresVerified: measures.filter { $0.verifiedBy != nil }.count,
            evidence: evidence, fairnessReports: fairness,
            followUpActions: actions.count, followUpActionsDone: actions.filter { $0.status == ActionStatus.done.rawValue }.count,
            votes: votes, auditEvents: events - auditEventsBefore)
    }
}

import FluentKit
import Foundation
import RinriCore
import SQLKit

/// A large organisation for measuring Rinri's pages and lists (`rinri-bench pages`, issue 12): by default
/// 40 organisation units in Japan, Europe, the Americas and Asia Pacific; about 200 people (the governance
/// office, the AI ethics committee appointed to its body, five reviewers per domain, auditors, three
/// project owners per unit); 10,000 AI systems over every lifecycle phase, with their models, datasets
/// and agents; an assessment of each system's current phase in every state (draft, submitted, in review,
/// approved, approved with conditions, rejected) with its sheets pinned to the active templates offered
/// for that phase and answered with values valid for their questions, and for some systems an approved
/// one of the phase before; the reviews, votes and follow-up actions (blocking or not, open, reported or
/// done) those states imply; 20,000 risks with countermeasures; document evidence; and an audit log of
/// at least 100,000 events (the records' own `create` events alone come to more with the defaults,
/// the sheets most of them).
///
/// **A bulk loader for measurement only, never for real data.** Unlike ``DemoOrganisation``, which goes
/// through the services as its people would, this writes Fluent models and SQL inserts directly, 500
/// rows a statement and 250 systems a transaction: the services take one transaction per call and would
/// need hours for 10,000 systems. No rule of the services is checked, and everything is made up (every
/// description says so; e-mail addresses are at ``emailDomain``). Every record still gets its `create`
/// audit event with the record's audit fields, chained with ``AuditChain`` after the head as
/// ``AuditTrail`` chains them (the audit key of the work in hand honoured), so `rinri audit verify`
/// passes; the log is then topped up with synthetic `update` events on systems (``appendAuditEvents(_:on:progress:)``).
/// Every event carries the request id ``requestID``. The list summaries are rebuilt at the end.
///
/// It refuses (409 `bench_not_empty`) a database that holds any AI system. The same seed gives the same
/// organisation, with the same record ids (not the same timestamps).
public enum BenchmarkOrganisation {
    /// The domain of every generated user's e-mail address.
    public static let emailDomain = "bench.rinri.local"
    /// The request id of every audit event the load writes.
    public static let requestID = "bench"
    /// The password hash of every generated user: no password matches it (not a Bcrypt hash).
    public static let noPassword = "!bench"
    /// Systems written per transaction.
    static let systemsPerTransaction = 250

    /// What the load wrote.
    public struct Summary: Sendable, Equatable {
        public var orgUnits: Int
        public var users: Int
        public var systemsByPhase: [LifecyclePhase: Int]
        public var models: Int
        public var datasets: Int
        public var agents: Int
        public var assessmentsByState: [AssessmentState: Int]
        public var sheets: Int
        public var votes: Int
        public var followUpActions: Int
        public var followUpActionsDone: Int
        public var risks: Int
        public var countermeasures: Int
        public var evidence: Int
        /// Events in the audit log after the load (the records' own events, then the synthetic ones).
        public var auditEvents: Int
        /// A system with a committee case in review, risks and evidence (or, failing that, the first with an
        /// assessment), its case and one of its risks: the record pages are measured on them.
        public var sampleSystemID: String?
        public var sampleAssessmentID: String?
        public var sampleRiskID: String?

        public var systems: Int { systemsByPhase.values.reduce(0, +) }
        public var assessments: Int { assessmentsByState.values.reduce(0, +) }

        /// One line per kind of record.
        public var lines: [String] {
            return [
                "organisation units: \(orgUnits), users: \(users)",
                "AI systems: \(systems) (\(countsByCase(systemsByPhase)))",
                "models: \(models), datasets: \(datasets), agents: \(agents)",
                "assessments: \(assessments) (\(countsByCase(assessmentsByState))), sheets: \(sheets), votes: \(votes)",
                "follow-up actions: \(followUpActions) (\(followUpActionsDone) done)",
                "risks: \(risks), countermeasures: \(countermeasures), evidence: \(evidence)",
                "audit events: \(auditEvents)",
            ]
        }
    }

    /// Loads the organisation into a migrated database that has no AI system.
    ///
    /// - Parameters:
    ///   - systems: AI systems to make.
    ///   - risksPerSystem: risks entered for each system.
    ///   - auditEvents: the least number of events the log holds afterwards; synthetic `update` events
    ///     make up the difference when the records' own events are fewer.
    ///   - seed: the seed of every random choice.
    ///   - progress: told what is being written, a line at a time.
    /// - Throws: ``RinriError`` `bench_not_empty` (409) when the database holds an AI system (nothing is
    ///   written then); `audit_key_mismatch` when the log is linked with another key than the one in hand.
    @discardableResult
    public static func generate(on db: Database, systems count: Int = 10_000, risksPerSystem: Int = 2, auditEvents: Int = 100_000,
                                seed: UInt64, progress: (String) -> Void) async throws -> Summary {
        try await checkEmpty(on: db)
        // Read here, in the caller's task, as AuditTrail does.
        let key = AuditSigning.key
        var random = BenchRandom(seed: seed)
        progress("organisation units, people and appointments")
        let people = try await BenchPeople.create(on: db, key: key, random: &random)
        var load = BenchLoad(random: random, people: people, templates: try await BenchTemplates.load(on: db),
                             risksPerSystem: max(0, risksPerSystem))
        var made = 0
        var head = 0
        while made < count {
            let size = min(systemsPerTransaction, count - made)
            var batch = BenchBatch()
            for index in made..<(made + size) { try load.makeSystem(index, into: &batch) }
            let records = batch
            head = try await BenchChain.transaction(on: db, key: key) { tx in
                try await records.insert(on: tx)
                return records.events
            }
            made += size
            if made % 1_000 == 0 || made == count { progress("AI systems: \(made) of \(count) (audit events: \(head))") }
        }
        if head < auditEvents {
            head = try await appendAuditEvents(auditEvents - head, on: db, seed: seed &+ 1, progress: progress)
        }
        progress("list summaries (risk levels and coverage of every system)")
        try await Summaries.rebuild(on: db)
        let counts = load.counts
        let sample = counts.sample ?? counts.fallbackSample
        return Summary(orgUnits: people.units.count, users: people.userCount, systemsByPhase: counts.systemsByPhase, models: counts.models,
                       datasets: counts.datasets, agents: counts.agents, assessmentsByState: counts.assessmentsByState, sheets: counts.sheets,
                       votes: counts.votes, followUpActions: counts.actions, followUpActionsDone: counts.actionsDone, risks: counts.risks,
                       countermeasures: counts.countermeasures, evidence: counts.evidence, auditEvents: head,
                       sampleSystemID: sample?.system, sampleAssessmentID: sample?.assessment, sampleRiskID: sample?.risk)
    }

    /// Refuses a database that holds any AI system: made-up records must never mix with real ones.
    /// - Throws: ``RinriError`` `bench_not_empty` (409).
    public static func checkEmpty(on db: Database) async throws {
        let systems = try await AISystemModel.query(on: db).count()
        guard systems > 0 else { return }
        throw RinriError.conflict(code: "bench_not_empty",
                                  "the benchmark organisation is loaded only into a database without AI systems, and this one has \(systems); use a new, empty database",
                                  arguments: ["systems": String(systems)])
    }

    /// Appends `count` synthetic, valid audit events — an owner's `update` of a system's purpose, from a
    /// first wording to the stored one — chained after the head, 5,000 a transaction (to reach a million
    /// events for timing `rinri audit verify`).
    /// - Returns: the chain's head afterwards.
    /// - Throws: ``RinriError`` `not_found` when there is no AI system to name.
    @discardableResult
    public static func appendAuditEvents(_ count: Int, on db: Database, progress: (String) -> Void) async throws -> Int {
        try await appendAuditEvents(count, on: db, seed: 0xB3_7C_A1, progress: progress)
    }

    static func appendAuditEvents(_ count: Int, on db: Database, seed: UInt64, progress: (String) -> Void) async throws -> Int {
        let key = AuditSigning.key
        let systems = try await AISystemModel.query(on: db).sort(\.$id).all()
        guard !systems.isEmpty else { throw RinriError.notFound("AI systems for synthetic audit events to name") }
        let emails = Dictionary(try await UserModel.query(on: db).all().compactMap { user in user.id.map { ($0, user.email) } },
                                uniquingKeysWith: { first, _ in first })
        var random = BenchRandom(seed: seed)
        var written = 0
        var head = try await AuditHeadModel.find(1, on: db)?.seq ?? 0
        let prefixes = ["Draft: ", "Pilot: ", "Proposal: "]
        while written < count {
            let size = min(5_000, count - written)
            var events: [BenchEvent] = []
            events.reserveCapacity(size)
            for _ in 0..<size {
                let system = random.pick(systems)
                let before: [String: AuditValue] = ["purpose": .string(random.pick(prefixes) + system.purpose)]
                let after: [String: AuditValue] = ["purpose": .string(system.purpose)]
                events.append(BenchEvent(actorID: system.ownerID?.uuidString, actorLabel: system.ownerID.flatMap { emails[$0] } ?? BenchActor.rinri.label,
                                         action: .update, entityType: AISystemModel.entityType, entityID: system.id!.uuidString,
                                         changes: AuditChanges.updated(from: before, to: after).json))
            }
            let chunk = events
            head = try await BenchChain.transaction(on: db, key: key) { _ in chunk }
            written += size
            if written % 100_000 == 0 || written == count { progress("synthetic audit events: \(written) of \(count) (log: \(head))") }
        }
        return head
    }
}

import FluentKit
import Foundation
import RinriCore

/// Re-assessment triggers and the phase gate, run inside the transaction of the change that causes them.
enum GovernanceHooks {
    /// Marks the system's standing approvals stale and opens a new draft for its current phase.
    ///
    /// An approval stands when it is the latest assessment of its phase and is not stale yet.
    /// When the current phase already has an undecided assessment, no second draft is opened.
    @discardableResult
    static func reassess(_ system: AISystemModel, trigger: ReassessmentTrigger, detail: String, createdBy: String?,
                         only affected: ((AssessmentModel) async throws -> Bool)? = nil,
                         on tx: Database, _ batch: AuditBatch) async throws -> [UUID] {
        let latestByPhase = try await AssessmentModel.latestByPhase(of: system.id!, on: tx)
        var staled: [AssessmentModel] = []
        for model in latestByPhase.values.sorted(by: { $0.phase < $1.phase })
        where (AssessmentState(rawValue: model.state)?.isApproved ?? false) && model.staleReason == nil {
            if let affected, try await !affected(model) { continue }
            try await model.updateAudited(expected: model.version, on: tx, batch) {
                model.staleReason = "\(trigger.rawValue): \(detail)"
            }
            staled.append(model)
        }
        guard !staled.isEmpty else { return [] }
        let phase = system.input.lifecyclePhase
        guard phase != .retired else { return staled.compactMap(\.id) }
        if let current = latestByPhase[phase.rawValue], !(AssessmentState(rawValue: current.state)?.isApproved ?? false) {
            return staled.compactMap(\.id)
        }
        let supersedes = staled.first { $0.phase == phase.rawValue } ?? latestByPhase[phase.rawValue]
        do {
            _ = try await AssessmentService.openDraft(system, phase: phase, supersedes: supersedes, createdBy: createdBy, on: tx, batch)
        } catch let error as RinriError where error.code == "no_templates" {
            // Nothing to answer in this phase: the stale approvals alone record the trigger.
        }
        return staled.compactMap(\.id)
    }

    /// Re-opens approvals whose sheets cite `ref` (or a provision inside it) in an applying question.
    ///
    /// The standing approvals of every system are read, and their details built, in one batch; only
    /// the systems with an approval that cites the provision are then re-assessed.
    static func frameworkChanged(_ ref: String, summary: String, createdBy: String?, on tx: Database, _ batch: AuditBatch) async throws -> [UUID] {
        let standing = try await AssessmentModel.latestByPhase(on: tx).values.flatMap(\.values)
            .filter { (AssessmentState(rawValue: $0.state)?.isApproved ?? false) && $0.staleReason == nil }
        let citing = Set(try await AssessmentDetails.load(standing, on: tx).filter { cites(ref, $0) }.map(\.record.id))
        guard !citing.isEmpty else { return [] }
        let systems = Set(standing.filter { citing.contains($0.id!.uuidString) }.map(\.systemID))
        var reopened: [UUID] = []
        for system in try await AISystemModel.query(on: tx).filter(\.$id ~~ systems).all() {
            reopened += try await reassess(system, trigger: .frameworkChanged, detail: "\(ref) — \(summary)", createdBy: createdBy,
                                           only: { citing.contains($0.id!.uuidString) }, on: tx, batch)
        }
        return reopened
    }

    private static func cites(_ ref: String, _ detail: AssessmentDetail) -> Bool {
        (detail.sheets + detail.reviews).contains { sheet in
            sheet.evaluation.applyingQuestions.contains { questionID in
                (sheet.template.question(id: questionID)?.frameworks ?? [])
                    .contains { $0 == ref || $0.hasPrefix(ref + "(") || $0.hasPrefix(ref + ".") }
            }
        }
    }

    /// Everything that keeps the system from moving to `target`.
    static func gateBlockers(_ system: AISystemModel, to target: LifecyclePhase, on tx: Database) async throws -> [GateBlocker] {
        let current = system.input.lifecyclePhase
        guard PhaseGate.move(from: current, to: target) == .forward else {
            return PhaseGate.blockers(from: current, to: target, facts: GateFacts(assessment: nil), countermeasuresRequiredAt: [])
        }
        let latestByPhase = try await AssessmentModel.latestByPhase(of: system.id!, on: tx)
        let prohibited = try await AssessmentDetails.load(LifecyclePhase.allCases.compactMap { latestByPhase[$0.rawValue] }, on: tx)
            .filter(\.isProhibited).map(\.record.phase)
        let conditions = try await ActionModel.query(on: tx).filter(\.$systemID == system.id!)
            .filter(\.$status != ActionStatus.done.rawValue).filter(\.$blocking == true).sort(\.$dueDate).all()
        let risks = try await RiskQueries(tx).records(systemID: system.id!.uuidString).filter { $0.risk.status == .open && !$0.flaggedForReview }
        let latest = latestByPhase[current.rawValue]
        let facts = GateFacts(
            assessment: latest.map { GateFacts.Assessment(state: AssessmentState(rawValue: $0.state) ?? .draft, staleReason: $0.staleReason) },
            openConditions: conditions.map { GateFacts.Condition(title: $0.title, due: $0.dueDate, reported: $0.status == ActionStatus.reported.rawValue) },
            risks: risks.map { GateFacts.Risk(title: $0.risk.title, inherentLevel: $0.inherentLevel, countermeasures: $0.countermeasures.count,
                                              countermeasuresDone: $0.counting.count, countermeasuresUnverified: $0.unverified.count) },
            prohibitedIn: prohibited)
        let policy = try await GovernanceQueries(tx).approvalPolicy().policy
        return PhaseGate.blockers(from: current, to: target, facts: facts, countermeasuresRequiredAt: policy.countermeasuresRequiredAt)
    }

    /// Refuses a phase change the gate does not allow, listing every reason. Leaving retirement is
    /// not checked here: it is an exception the office records (``PhaseChangePolicy``).
    static func checkGate(_ system: AISystemModel, to target: LifecyclePhase, on tx: Database) async throws {
        guard PhaseGate.move(from: system.input.lifecyclePhase, to: target) == .forward else { return }
        let blockers = try await gateBlockers(system, to: target, on: tx)
        guard !blockers.isEmpty else { return }
        throw RinriError(kind: .conflict, code: "gate_closed",
                         message: "the system cannot move to \(target.rawValue): " + blockers.map(\.message).joined(separator: "; "),
                         field: "lifecycle_phase",
                         issues: blockers.map { FieldIssue(field: "lifecycle_phase", code: $0.code, message: $0.message) },
                         arguments: ["phase": target.rawValue])
    }
}

extension AssessmentService {
    /// Opens a re-assessment by hand or for a linked incident.
    public func reassess(systemID: String, trigger: ReassessmentTrigger, detail: String, user: Actor) async throws -> [String] {
        try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let system = try await AISystemModel.require(systemID, on: tx)
            guard user.owns(system) else {
                throw RinriError.forbidden("only the system's owner or the governance office asks for a re-assessment")
            }
            return try await GovernanceHooks.reassess(system, trigger: trigger, detail: detail, createdBy: user.id, on: tx, batch).map(\.uuidString)
        }
    }

    /// Records that a framework provision changed and re-opens the approvals that relied on it.
    public func recordFrameworkChange(ref: String, summary: String, user: Actor) async throws -> [String] {
        try AccessPolicy.check(user, .manageGovernance)
        var v = Validator()
        let ref = v.text(ref, field: "ref", max: 80)
        let summary = v.text(summary, field: "summary", max: 4_000)
        if !ref.isEmpty && !FrameworkReference.isWellFormed(ref) { v.add("ref", "invalid_reference", "\(ref) is not a framework reference id (see docs/check-sheets.md §9)") }
        try v.check()
        return try await AuditTrail.transaction(on: db, context: user) { tx, batch in
            let change = FrameworkChangeModel()
            (change.ref, change.summary) = (ref, summary)
            try await change.createAudited(on: tx, batch)
            return try await GovernanceHooks.frameworkChanged(ref, summary: summary, createdBy: user.id, on: tx, batch).map(\.uuidString)
        }
    }
}

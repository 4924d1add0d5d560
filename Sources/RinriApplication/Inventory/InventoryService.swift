import FluentKit
import Foundation
import RinriCore

/// Organisation units, AI systems and their models, datasets and agents.
///
/// Every write runs in one transaction with its audit event; a failed write
/// leaves the database as it was.
public struct InventoryService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    // MARK: Organisation units

    public func createOrgUnit(_ input: OrgUnitInput, context: Actor) async throws -> Stored<OrgUnitInput> {
        try AccessPolicy.check(context, .manageOrgUnits)
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            try await checkParent(input.parentID, of: nil, on: tx)
            let unit = OrgUnitModel()
            unit.apply(input)
            try await unit.createAudited(on: tx, batch)
            return unit.stored
        }
    }

    public func updateOrgUnit(_ id: String, _ input: OrgUnitInput, version: Int, context: Actor) async throws -> Stored<OrgUnitInput> {
        try AccessPolicy.check(context, .manageOrgUnits)
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let unit = try await OrgUnitModel.require(id, on: tx)
            try await checkParent(input.parentID, of: unit.id, on: tx)
            try await unit.updateAudited(expected: version, on: tx, batch) { unit.apply(input) }
            return unit.stored
        }
    }

    public func deleteOrgUnit(_ id: String, version: Int?, context: Actor) async throws {
        try AccessPolicy.check(context, .manageOrgUnits)
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let unit = try await OrgUnitModel.require(id, on: tx)
            let systems = try await AISystemModel.query(on: tx).filter(\.$orgUnit.$id == unit.id!).count()
            if systems > 0 {
                throw RinriError.conflict(code: "unit_in_use", "this unit still has \(systems) AI system(s); move or delete them first")
            }
            let children = try await OrgUnitModel.query(on: tx).filter(\.$parentID == unit.id!).count()
            if children > 0 {
                throw RinriError.conflict(code: "unit_in_use", "this unit is the parent of \(children) unit(s); move them first")
            }
            try await unit.deleteAudited(expected: version, on: tx, batch)
        }
    }

    /// Refuses a parent that does not exist or that would make a cycle.
    private func checkParent(_ parentID: String?, of unitID: UUID?, on tx: Database) async throws {
        guard let parentID else { return }
        guard let uuid = UUID(uuidString: parentID), var cursor = try await OrgUnitModel.find(uuid, on: tx) else {
            throw RinriError.invalid(field: "parent_id", code: "unknown_unit", message: "no organisation unit has id \(parentID)")
        }
        var seen = Set<UUID>()
        while true {
            if cursor.id == unitID {
                throw RinriError.invalid(field: "parent_id", code: "cycle", message: "a unit cannot be placed under itself or one of its own sub-units")
            }
            guard let next = cursor.parentID, seen.insert(next).inserted,
                  let parent = try await OrgUnitModel.find(next, on: tx) else { return }
            cursor = parent
        }
    }

    // MARK: AI systems

    /// Registers a system in a unit the actor may write in. A system registered past `planning` (a legacy system already in use) is
    /// an exception only the governance office records, with `phaseReason` (``PhaseChangePolicy``).
    public func createSystem(_ input: AISystemInput, phaseReason: String? = nil, context: Actor) async throws -> Stored<AISystemInput> {
        let exception = try PhaseChangePolicy.checkRegistration(
            phase: input.lifecyclePhase, isGovernanceOffice: context.isGovernanceOffice,
            isGoverned: context.isGoverned(ownerID: input.ownerID, unitID: input.orgUnitID), reason: phaseReason)
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            try AccessPolicy.checkInventoryWrite(context, inUnit: input.orgUnitID)
            try await checkReferences(input, on: tx)
            let system = AISystemModel()
            system.apply(input)
            try await system.createAudited(on: tx, batch)
            if let exception { Self.record(exception, system: system, batch) }
            return system.stored
        }
    }

    /// Edits a system, in the unit the actor may write in (``AccessPolicy/checkInventoryWrite(_:inUnit:)``)
    /// both before and after a move. A new lifecycle phase passes the phase gate when it moves forward; a move out
    /// of retirement is an exception only the governance office records, with `phaseReason`. Changes
    /// of purpose, users, affected people, jurisdictions or the biometric, generative-AI and agent
    /// flags re-open the system's approvals, in the same transaction.
    public func updateSystem(_ id: String, _ input: AISystemInput, version: Int, phaseReason: String? = nil,
                             context: Actor) async throws -> Stored<AISystemInput> {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await AISystemModel.require(id, on: tx)
            try AccessPolicy.checkInventoryWrite(context, inUnit: system.$orgUnit.id.uuidString)
            try AccessPolicy.checkInventoryWrite(context, inUnit: input.orgUnitID)
            guard version == system.version else { throw RinriError.staleVersion(expected: version, current: system.version) }
            try await checkReferences(input, on: tx)
            let before = system.input
            let exception = try PhaseChangePolicy.checkChange(from: before.lifecyclePhase, to: input.lifecyclePhase,
                                                              isGovernanceOffice: context.isGovernanceOffice,
                                                              isGoverned: context.isGoverned(by: system), reason: phaseReason)
            if exception == nil { try await GovernanceHooks.checkGate(system, to: input.lifecyclePhase, on: tx) }
            try await system.updateAudited(expected: version, on: tx, batch) { system.apply(input) }
            batch.touch([.coverage], system: system.id!)
            if let exception { Self.record(exception, system: system, batch) }
            for (trigger, changed) in ReassessmentTrigger.systemChanges(from: before, to: input) where changed {
                try await GovernanceHooks.reassess(system, trigger: trigger, detail: system.name, createdBy: context.id, on: tx, batch)
            }
            return system.stored
        }
    }

    private static func record(_ exception: PhaseChangePolicy.Exception, system: AISystemModel, _ batch: AuditBatch) {
        batch.add(.exception, AISystemModel.entityType, system.id!.uuidString,
                  .note(["kind": .string(exception.kind), "from": AuditValue(exception.from?.rawValue),
                         "to": .string(exception.to.rawValue), "reason": .string(exception.reason)]))
    }

    /// Deletes a system with its models, datasets and agents, each with its own audit event.
    public func deleteSystem(_ id: String, version: Int?, context: Actor) async throws {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await AISystemModel.require(id, on: tx)
            try AccessPolicy.checkInventoryWrite(context, inUnit: system.$orgUnit.id.uuidString)
            if let version, version != system.version {
                throw RinriError.staleVersion(expected: version, current: system.version)
            }
            // Assessments and decisions are the governance record: a system that has them is retired, not deleted.
            let assessments = try await AssessmentModel.query(on: tx).filter(\.$systemID == system.id!).count()
            let risks = try await RiskModel.query(on: tx).filter(\.$systemID == system.id!).count()
            if assessments + risks > 0 {
                throw RinriError.conflict(code: "has_assessments",
                                          "this system has \(assessments) assessment(s) and \(risks) risk(s) on record; set its lifecycle phase to retired instead of deleting it")
            }
            for model in try await AIModelModel.query(on: tx).filter(\.$systemID == system.id!).all() {
                try await model.deleteAudited(expected: nil, on: tx, batch)
            }
            for dataset in try await DatasetModel.query(on: tx).filter(\.$systemID == system.id!).all() {
                try await dataset.deleteAudited(expected: nil, on: tx, batch)
            }
            for agent in try await AIAgentModel.query(on: tx).filter(\.$systemID == system.id!).all() {
                try await agent.deleteAudited(expected: nil, on: tx, batch)
            }
            try await system.deleteAudited(expected: nil, on: tx, batch)
            batch.touch([.risks, .coverage], system: system.id!)
        }
    }

    private func checkReferences(_ input: AISystemInput, on tx: Database) async throws {
        var v = Validator()
        if try await UUID(uuidString: input.orgUnitID).asyncFlatMap({ try await OrgUnitModel.find($0, on: tx) }) == nil {
            v.add("org_unit_id", "unknown_unit", "no organisation unit has id \(input.orgUnitID)")
        }
        if try await !UserModel.exists(input.ownerID, on: tx) {
            v.add("owner_id", "unknown_user", "no user has id \(input.ownerID ?? "")")
        }
        try v.check()
    }
}

extension Optional {
    /// Maps the wrapped value with an async function.
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

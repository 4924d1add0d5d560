import FluentKit
import Foundation
import RinriCore

/// Models, datasets and agents of an AI system.
extension InventoryService {
    public func createModel(_ input: AIModelInput, in systemID: String, context: Actor) async throws -> Stored<AIModelInput> {
        try await create(AIModelModel.self, input, systemID, context)
    }
    public func updateModel(_ id: String, of systemID: String, _ input: AIModelInput, version: Int, context: Actor) async throws -> Stored<AIModelInput> {
        try await update(AIModelModel.self, id, systemID, input, version, context)
    }
    public func deleteModel(_ id: String, of systemID: String, version: Int?, context: Actor) async throws {
        try await delete(AIModelModel.self, id, systemID, version, context)
    }

    public func createDataset(_ input: DatasetInput, in systemID: String, context: Actor) async throws -> Stored<DatasetInput> {
        try await create(DatasetModel.self, input, systemID, context)
    }
    public func updateDataset(_ id: String, of systemID: String, _ input: DatasetInput, version: Int, context: Actor) async throws -> Stored<DatasetInput> {
        try await update(DatasetModel.self, id, systemID, input, version, context)
    }
    public func deleteDataset(_ id: String, of systemID: String, version: Int?, context: Actor) async throws {
        try await delete(DatasetModel.self, id, systemID, version, context)
    }

    public func createAgent(_ input: AIAgentInput, in systemID: String, context: Actor) async throws -> Stored<AIAgentInput> {
        try await create(AIAgentModel.self, input, systemID, context)
    }
    public func updateAgent(_ id: String, of systemID: String, _ input: AIAgentInput, version: Int, context: Actor) async throws -> Stored<AIAgentInput> {
        try await update(AIAgentModel.self, id, systemID, input, version, context)
    }
    public func deleteAgent(_ id: String, of systemID: String, version: Int?, context: Actor) async throws {
        try await delete(AIAgentModel.self, id, systemID, version, context)
    }

    // MARK: Shared implementation

    private func create<M: SystemComponentModel>(_ type: M.Type, _ input: M.Input, _ systemID: String, _ context: Actor) async throws -> Stored<M.Input> {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await writableSystem(systemID, context, on: tx)
            try await checkComponent(input, on: tx)
            let item = M()
            item.systemID = system.id!
            item.apply(input)
            try await item.createAudited(on: tx, batch)
            if let model = input as? AIModelInput {
                try await GovernanceHooks.reassess(system, trigger: .newModelVersion, detail: "\(model.name) \(model.modelVersion)",
                                                   createdBy: context.id, on: tx, batch)
            }
            return item.stored
        }
    }

    private func update<M: SystemComponentModel>(_ type: M.Type, _ id: String, _ systemID: String, _ input: M.Input,
                                                 _ version: Int, _ context: Actor) async throws -> Stored<M.Input> {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let system = try await writableSystem(systemID, context, on: tx)
            let item = try await M.require(id, of: systemID, on: tx)
            try await checkComponent(input, on: tx)
            let previous = item.input as? AIModelInput
            try await item.updateAudited(expected: version, on: tx, batch) { item.apply(input) }
            if let model = input as? AIModelInput, let previous, previous.modelVersion != model.modelVersion {
                try await GovernanceHooks.reassess(system, trigger: .newModelVersion, detail: "\(model.name) \(model.modelVersion)",
                                                   createdBy: context.id, on: tx, batch)
            }
            return item.stored
        }
    }

    private func delete<M: SystemComponentModel>(_ type: M.Type, _ id: String, _ systemID: String, _ version: Int?,
                                                 _ context: Actor) async throws {
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            _ = try await writableSystem(systemID, context, on: tx)
            let item = try await M.require(id, of: systemID, on: tx)
            try await item.deleteAudited(expected: version, on: tx, batch)
        }
    }

    /// The system, read inside the transaction, once the actor is known to write in its unit.
    func writableSystem(_ systemID: String, _ actor: Actor, on tx: Database) async throws -> AISystemModel {
        let system = try await AISystemModel.require(systemID, on: tx)
        try AccessPolicy.checkInventoryWrite(actor, inUnit: system.$orgUnit.id.uuidString)
        return system
    }

    /// Checks references a component makes (an agent's accountable owner must be a user).
    private func checkComponent<Input>(_ input: Input, on tx: Database) async throws {
        guard let agent = input as? AIAgentInput else { return }
        try await UserModel.checkExists(agent.accountableOwnerID, field: "accountable_owner_id", on: tx)
    }
}

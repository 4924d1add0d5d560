import FluentKit
import Foundation
import RinriCore

final class OrgUnitModel: StoredRecord, @unchecked Sendable {
    static let schema = "org_units"
    static let entityType = "org_unit"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "country") var country: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: OrgUnitInput) {
        name = input.name
        kind = input.kind.rawValue
        country = input.country
        parentID = input.parentID.flatMap(UUID.init(uuidString:))
    }

    var auditFields: [String: AuditValue] {
        ["name": .string(name), "kind": .string(kind), "country": .string(country),
         "parent_id": AuditValue(parentID?.uuidString)]
    }

    var input: OrgUnitInput {
        OrgUnitInput(name: name, kind: OrgUnitKind(rawValue: kind) ?? .businessUnit, country: country, parentID: parentID?.uuidString)
    }
}

final class AISystemModel: StoredRecord, @unchecked Sendable {
    static let schema = "ai_systems"
    static let entityType = "ai_system"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "description") var description: String
    @Parent(key: "org_unit_id") var orgUnit: OrgUnitModel
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "lifecycle_phase") var lifecyclePhase: String
    @Field(key: "status") var status: String
    @Field(key: "intended_users") var intendedUsers: String
    @Field(key: "affected_people") var affectedPeople: String
    @Field(key: "jurisdictions") var jurisdictions: [String]
    @Field(key: "uses_biometric_data") var usesBiometricData: Bool
    @Field(key: "uses_generative_ai") var usesGenerativeAI: Bool
    @Field(key: "uses_autonomous_agents") var usesAutonomousAgents: Bool
    /// Lower-cased name, purpose and description, for case-insensitive search on every database.
    @Field(key: "search_text") var searchText: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: AISystemInput) {
        name = input.name
        purpose = input.purpose
        description = input.description
        $orgUnit.id = UUID(uuidString: input.orgUnitID)!
        ownerID = input.ownerID.flatMap(UUID.init(uuidString:))
        lifecyclePhase = input.lifecyclePhase.rawValue
        status = input.status.rawValue
        intendedUsers = input.intendedUsers
        affectedPeople = input.affectedPeople
        jurisdictions = input.jurisdictions
        usesBiometricData = input.usesBiometricData
        usesGenerativeAI = input.usesGenerativeAI
        usesAutonomousAgents = input.usesAutonomousAgents
        searchText = [input.name, input.purpose, input.description].joined(separator: "\n").lowercased()
    }

    var input: AISystemInput {
        AISystemInput(name: name, purpose: purpose, description: description, orgUnitID: $orgUnit.id.uuidString,
                      ownerID: ownerID?.uuidString, lifecyclePhase: LifecyclePhase(rawValue: lifecyclePhase) ?? .planning,
                      status: SystemStatus(rawValue: status) ?? .registered, intendedUsers: intendedUsers,
                      affectedPeople: affectedPeople, jurisdictions: jurisdictions, usesBiometricData: usesBiometricData,
                      usesGenerativeAI: usesGenerativeAI, usesAutonomousAgents: usesAutonomousAgents)
    }

    var auditFields: [String: AuditValue] {
        ["name": .string(name), "purpose": .string(purpose), "description": .string(description),
         "org_unit_id": .string($orgUnit.id.uuidString), "owner_id": AuditValue(ownerID?.uuidString),
         "lifecycle_phase": .string(lifecyclePhase), "status": .string(status),
         "intended_users": .string(intendedUsers), "affected_people": .string(affectedPeople),
         "jurisdictions": .strings(jurisdictions), "uses_biometric_data": .bool(usesBiometricData),
         "uses_generative_ai": .bool(usesGenerativeAI), "uses_autonomous_agents": .bool(usesAutonomousAgents)]
    }
}

final class AIModelModel: SystemComponentModel, @unchecked Sendable {
    static var systemIDKey: KeyPath<AIModelModel, FieldProperty<AIModelModel, UUID>> { \.$systemID }
    static let schema = "ai_models"
    static let entityType = "ai_model"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "name") var name: String
    @Field(key: "model_version") var modelVersion: String
    @Field(key: "type") var type: String
    @Field(key: "training_data") var trainingData: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: AIModelInput) {
        name = input.name
        modelVersion = input.modelVersion
        type = input.type.rawValue
        trainingData = input.trainingData
    }

    var input: AIModelInput {
        AIModelInput(name: name, modelVersion: modelVersion, type: ModelType(rawValue: type) ?? .other, trainingData: trainingData)
    }

    var auditFields: [String: AuditValue] {
        ["system_id": .string(systemID.uuidString), "name": .string(name), "model_version": .string(modelVersion),
         "type": .string(type), "training_data": .string(trainingData)]
    }
}

final class DatasetModel: SystemComponentModel, @unchecked Sendable {
    static var systemIDKey: KeyPath<DatasetModel, FieldProperty<DatasetModel, UUID>> { \.$systemID }
    static let schema = "datasets"
    static let entityType = "dataset"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "name") var name: String
    @Field(key: "source") var source: String
    @Field(key: "acquisition_method") var acquisitionMethod: String
    @Field(key: "contains_personal_data") var containsPersonalData: Bool
    @Field(key: "contains_sensitive_data") var containsSensitiveData: Bool
    @Field(key: "contains_biometric_data") var containsBiometricData: Bool
    @Field(key: "contains_children_data") var containsChildrenData: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: DatasetInput) {
        name = input.name
        source = input.source
        acquisitionMethod = input.acquisitionMethod.rawValue
        containsPersonalData = input.containsPersonalData
        containsSensitiveData = input.containsSensitiveData
        containsBiometricData = input.containsBiometricData
        containsChildrenData = input.containsChildrenData
    }

    var input: DatasetInput {
        DatasetInput(name: name, source: source, acquisitionMethod: AcquisitionMethod(rawValue: acquisitionMethod) ?? .other,
                     containsPersonalData: containsPersonalData, containsSensitiveData: containsSensitiveData,
                     containsBiometricData: containsBiometricData, containsChildrenData: containsChildrenData)
    }

    var auditFields: [String: AuditValue] {
        ["system_id": .string(systemID.uuidString), "name": .string(name), "source": .string(source),
         "acquisition_method": .string(acquisitionMethod), "contains_personal_data": .bool(containsPersonalData),
         "contains_sensitive_data": .bool(containsSensitiveData), "contains_biometric_data": .bool(containsBiometricData),
         "contains_children_data": .bool(containsChildrenData)]
    }
}

final class AIAgentModel: SystemComponentModel, @unchecked Sendable {
    static var systemIDKey: KeyPath<AIAgentModel, FieldProperty<AIAgentModel, UUID>> { \.$systemID }
    static let schema = "ai_agents"
    static let entityType = "ai_agent"

    @ID(key: .id) var id: UUID?
    @Field(key: "system_id") var systemID: UUID
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "accountable_owner_id") var accountableOwnerID: UUID
    @Field(key: "autonomy_level") var autonomyLevel: String
    @Field(key: "tools") var tools: [String]
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ input: AIAgentInput) {
        name = input.name
        role = input.role
        accountableOwnerID = UUID(uuidString: input.accountableOwnerID)!
        autonomyLevel = input.autonomyLevel.rawValue
        tools = input.tools
    }

    var input: AIAgentInput {
        AIAgentInput(name: name, role: role, accountableOwnerID: accountableOwnerID.uuidString,
                     autonomyLevel: AutonomyLevel(rawValue: autonomyLevel) ?? .suggestOnly, tools: tools)
    }

    var auditFields: [String: AuditValue] {
        ["system_id": .string(systemID.uuidString), "name": .string(name), "role": .string(role),
         "accountable_owner_id": .string(accountableOwnerID.uuidString), "autonomy_level": .string(autonomyLevel),
         "tools": .strings(tools)]
    }
}

extension OrgUnitModel {
    /// The unit with this id. - Throws: 404 when there is none.
    static func require(_ id: String, on db: Database) async throws -> OrgUnitModel {
        guard let uuid = UUID(uuidString: id), let unit = try await OrgUnitModel.find(uuid, on: db) else {
            throw RinriError.notFound("organisation unit \(id)")
        }
        return unit
    }
}

extension AISystemModel {
    /// The system a stored record belongs to. - Throws: 404 when it is gone.
    static func require(_ id: UUID, on db: Database) async throws -> AISystemModel {
        guard let system = try await AISystemModel.find(id, on: db) else { throw RinriError.notFound("AI system \(id.uuidString)") }
        return system
    }

    /// The system with this id. - Throws: 404 when there is none.
    static func require(_ id: String, on db: Database) async throws -> AISystemModel {
        guard let uuid = UUID(uuidString: id), let system = try await AISystemModel.find(uuid, on: db) else {
            throw RinriError.notFound("AI system \(id)")
        }
        return system
    }
}

extension SystemComponentModel {
    /// The component with this id, of this system. - Throws: 404 when there is none.
    static func require(_ id: String, of systemID: String, on db: Database) async throws -> Self {
        guard let uuid = UUID(uuidString: id), let item = try await Self.find(uuid, on: db),
              item.systemID.uuidString == systemID.uppercased() else {
            throw RinriError.notFound("\(entityType.replacingOccurrences(of: "_", with: " ")) \(id) of AI system \(systemID)")
        }
        return item
    }
}

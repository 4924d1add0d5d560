import Foundation
import RinriCore

extension API {
    public struct OrgUnitDTO: Codable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var country: String
        public var parentId: String?
        public var version: Int
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ s: Stored<OrgUnitInput>) {
            id = s.id; name = s.value.name; kind = s.value.kind.rawValue; country = s.value.country
            parentId = s.value.parentID; version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt
        }

        public init(id: String, name: String, kind: String, country: String, parentId: String? = nil, version: Int, createdAt: Date, updatedAt: Date) {
            self.id = id
            self.name = name
            self.kind = kind
            self.country = country
            self.parentId = parentId
            self.version = version
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    public struct OrgUnitInputDTO: Codable, Sendable {
        public var name: String?
        public var kind: String?
        public var country: String?
        public var parentId: String?
        public var version: Int?

        public func validated() throws -> OrgUnitInput {
            try OrgUnitInput.validate(name: name, kind: kind, country: country, parentID: parentId)
        }
        public init(name: String? = nil, kind: String? = nil, country: String? = nil, parentId: String? = nil, version: Int? = nil) {
            self.name = name
            self.kind = kind
            self.country = country
            self.parentId = parentId
            self.version = version
        }
    }

    public struct SystemDTO: Codable, Sendable {
        public var id: String
        public var name: String
        public var purpose: String
        public var description: String
        public var orgUnitId: String
        public var ownerId: String?
        public var lifecyclePhase: String
        public var status: String
        public var intendedUsers: String
        public var affectedPeople: String
        public var jurisdictions: [String]
        public var usesBiometricData: Bool
        public var usesGenerativeAi: Bool
        public var usesAutonomousAgents: Bool
        public var version: Int
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ s: Stored<AISystemInput>) {
            let v = s.value
            (id, name, purpose, description, orgUnitId, ownerId) = (s.id, v.name, v.purpose, v.description, v.orgUnitID, v.ownerID)
            (lifecyclePhase, status, intendedUsers, affectedPeople) = (v.lifecyclePhase.rawValue, v.status.rawValue, v.intendedUsers, v.affectedPeople)
            (jurisdictions, usesBiometricData, usesGenerativeAi, usesAutonomousAgents) = (v.jurisdictions, v.usesBiometricData, v.usesGenerativeAI, v.usesAutonomousAgents)
            (version, createdAt, updatedAt) = (s.version, s.createdAt, s.updatedAt)
        }
    }

    public struct SystemInputDTO: Codable, Sendable {
        public var name: String?
        public var purpose: String?
        public var description: String?
        public var orgUnitId: String?
        public var ownerId: String?
        public var lifecyclePhase: String?
        public var status: String?
        public var intendedUsers: String?
        public var affectedPeople: String?
        public var jurisdictions: [String]?
        public var usesBiometricData: Bool?
        public var usesGenerativeAi: Bool?
        public var usesAutonomousAgents: Bool?
        public var version: Int?
        /// Why the governance office registers a system past planning or brings a retired one back (an exception, audited).
        public var phaseReason: String?

        public func validated() throws -> AISystemInput {
            try AISystemInput.validate(.init(
                name: name, purpose: purpose, description: description, orgUnitID: orgUnitId, ownerID: ownerId,
                lifecyclePhase: lifecyclePhase, status: status, intendedUsers: intendedUsers,
                affectedPeople: affectedPeople, jurisdictions: jurisdictions, usesBiometricData: usesBiometricData,
                usesGenerativeAI: usesGenerativeAi, usesAutonomousAgents: usesAutonomousAgents))
        }
        public init(name: String? = nil, purpose: String? = nil, description: String? = nil, orgUnitId: String? = nil, ownerId: String? = nil, lifecyclePhase: String? = nil, status: String? = nil, intendedUsers: String? = nil, affectedPeople: String? = nil, jurisdictions: [String]? = nil, usesBiometricData: Bool? = nil, usesGenerativeAi: Bool? = nil, usesAutonomousAgents: Bool? = nil, version: Int? = nil, phaseReason: String? = nil) {
            self.name = name
            self.purpose = purpose
            self.description = description
            self.orgUnitId = orgUnitId
            self.ownerId = ownerId
            self.lifecyclePhase = lifecyclePhase
            self.status = status
            self.intendedUsers = intendedUsers
            self.affectedPeople = affectedPeople
            self.jurisdictions = jurisdictions
            self.usesBiometricData = usesBiometricData
            self.usesGenerativeAi = usesGenerativeAi
            self.usesAutonomousAgents = usesAutonomousAgents
            self.version = version
            self.phaseReason = phaseReason
        }
    }

    public struct ModelDTO: Codable, Sendable {
        public var id: String
        public var systemId: String
        public var name: String
        public var modelVersion: String
        public var type: String
        public var trainingData: String
        public var version: Int
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ s: Stored<AIModelInput>, systemID: String) {
            id = s.id; systemId = systemID; name = s.value.name; modelVersion = s.value.modelVersion
            type = s.value.type.rawValue; trainingData = s.value.trainingData; version = s.version
            createdAt = s.createdAt; updatedAt = s.updatedAt
        }
        public init(id: String, systemId: String, name: String, modelVersion: String, type: String, trainingData: String, version: Int, createdAt: Date, updatedAt: Date) {
            self.id = id
            self.systemId = systemId
            self.name = name
            self.modelVersion = modelVersion
            self.type = type
            self.trainingData = trainingData
            self.version = version
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    public struct ModelInputDTO: Codable, Sendable {
        public var name: String?
        public var modelVersion: String?
        public var type: String?
        public var trainingData: String?
        public var version: Int?

        public func validated() throws -> AIModelInput {
            try AIModelInput.validate(name: name, modelVersion: modelVersion, type: type, trainingData: trainingData)
        }
        public init(name: String? = nil, modelVersion: String? = nil, type: String? = nil, trainingData: String? = nil, version: Int? = nil) {
            self.name = name
            self.modelVersion = modelVersion
            self.type = type
            self.trainingData = trainingData
            self.version = version
        }
    }

    public struct DatasetDTO: Codable, Sendable {
        public var id: String
        public var systemId: String
        public var name: String
        public var source: String
        public var acquisitionMethod: String
        public var containsPersonalData: Bool
        public var containsSensitiveData: Bool
        public var containsBiometricData: Bool
        public var containsChildrenData: Bool
        public var version: Int
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ s: Stored<DatasetInput>, systemID: String) {
            id = s.id; systemId = systemID; name = s.value.name; source = s.value.source
            acquisitionMethod = s.value.acquisitionMethod.rawValue
            containsPersonalData = s.value.containsPersonalData; containsSensitiveData = s.value.containsSensitiveData
            containsBiometricData = s.value.containsBiometricData; containsChildrenData = s.value.containsChildrenData
            version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt
        }
        public init(id: String, systemId: String, name: String, source: String, acquisitionMethod: String, containsPersonalData: Bool, containsSensitiveData: Bool, containsBiometricData: Bool, containsChildrenData: Bool, version: Int, createdAt: Date, updatedAt: Date) {
            self.id = id
            self.systemId = systemId
            self.name = name
            self.source = source
            self.acquisitionMethod = acquisitionMethod
            self.containsPersonalData = containsPersonalData
            self.containsSensitiveData = containsSensitiveData
            self.containsBiometricData = containsBiometricData
            self.containsChildrenData = containsChildrenData
            self.version = version
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    public struct DatasetInputDTO: Codable, Sendable {
        public var name: String?
        public var source: String?
        public var acquisitionMethod: String?
        public var containsPersonalData: Bool?
        public var containsSensitiveData: Bool?
        public var containsBiometricData: Bool?
        public var containsChildrenData: Bool?
        public var version: Int?

        public func validated() throws -> DatasetInput {
            try DatasetInput.validate(name: name, source: source, acquisitionMethod: acquisitionMethod,
                                      flags: (containsPersonalData, containsSensitiveData, containsBiometricData, containsChildrenData))
        }
        public init(name: String? = nil, source: String? = nil, acquisitionMethod: String? = nil, containsPersonalData: Bool? = nil, containsSensitiveData: Bool? = nil, containsBiometricData: Bool? = nil, containsChildrenData: Bool? = nil, version: Int? = nil) {
            self.name = name
            self.source = source
            self.acquisitionMethod = acquisitionMethod
            self.containsPersonalData = containsPersonalData
            self.containsSensitiveData = containsSensitiveData
            self.containsBiometricData = containsBiometricData
            self.containsChildrenData = containsChildrenData
            self.version = version
        }
    }

    public struct AgentDTO: Codable, Sendable {
        public var id: String
        public var systemId: String
        public var name: String
        public var role: String
        public var accountableOwnerId: String
        public var autonomyLevel: String
        public var tools: [String]
        public var version: Int
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ s: Stored<AIAgentInput>, systemID: String) {
            id = s.id; systemId = systemID; name = s.value.name; role = s.value.role
            accountableOwnerId = s.value.accountableOwnerID; autonomyLevel = s.value.autonomyLevel.rawValue
            tools = s.value.tools; version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt
        }
        public init(id: String, systemId: String, name: String, role: String, accountableOwnerId: String, autonomyLevel: String, tools: [String], version: Int, createdAt: Date, updatedAt: Date) {
            self.id = id
            self.systemId = systemId
            self.name = name
            self.role = role
            self.accountableOwnerId = accountableOwnerId
            self.autonomyLevel = autonomyLevel
            self.tools = tools
            self.version = version
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    public struct AgentInputDTO: Codable, Sendable {
        public var name: String?
        public var role: String?
        public var accountableOwnerId: String?
        public var autonomyLevel: String?
        public var tools: [String]?
        public var version: Int?

        public func validated() throws -> AIAgentInput {
            try AIAgentInput.validate(name: name, role: role, accountableOwnerID: accountableOwnerId,
                                      autonomyLevel: autonomyLevel, tools: tools)
        }
        public init(name: String? = nil, role: String? = nil, accountableOwnerId: String? = nil, autonomyLevel: String? = nil, tools: [String]? = nil, version: Int? = nil) {
            self.name = name
            self.role = role
            self.accountableOwnerId = accountableOwnerId
            self.autonomyLevel = autonomyLevel
            self.tools = tools
            self.version = version
        }
    }
}

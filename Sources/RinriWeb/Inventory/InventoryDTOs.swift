import Foundation
import RinriCore
import Vapor

extension API {
    struct OrgUnitDTO: Content, ExplicitNulls {
        var id: String
        var name: String
        var kind: String
        var country: String
        var parentId: String?
        var version: Int
        var createdAt: Date
        var updatedAt: Date

        init(_ s: Stored<OrgUnitInput>) {
            id = s.id; name = s.value.name; kind = s.value.kind.rawValue; country = s.value.country
            parentId = s.value.parentID; version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt
        }

        enum Keys: String, CodingKey { case id, name, kind, country, parentId, version, createdAt, updatedAt }
        func encode(to encoder: any Encoder) throws { try encodeExplicitly(to: encoder) }
        func encodeFields(into c: inout KeyedEncodingContainer<Keys>) throws {
            try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(kind, forKey: .kind)
            try c.encode(country, forKey: .country); try c.encode(parentId, forKey: .parentId)
            try c.encode(version, forKey: .version); try c.encode(createdAt, forKey: .createdAt)
            try c.encode(updatedAt, forKey: .updatedAt)
        }
    }

    struct OrgUnitInputDTO: Content {
        var name: String?
        var kind: String?
        var country: String?
        var parentId: String?
        var version: Int?

        func validated() throws -> OrgUnitInput {
            try OrgUnitInput.validate(name: name, kind: kind, country: country, parentID: parentId)
        }
    }

    struct SystemDTO: Content, ExplicitNulls {
        var id: String
        var version: Int
        var createdAt: Date
        var updatedAt: Date
        var value: AISystemInput

        init(_ s: Stored<AISystemInput>) {
            id = s.id; version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt; value = s.value
        }

        init(from decoder: any Decoder) throws { throw RinriError.malformed("SystemDTO is output only") }

        enum Keys: String, CodingKey {
            case id, name, purpose, description, orgUnitId, ownerId, lifecyclePhase, status, intendedUsers, affectedPeople
            case jurisdictions, usesBiometricData, usesGenerativeAi, usesAutonomousAgents, version, createdAt, updatedAt
        }
        func encode(to encoder: any Encoder) throws { try encodeExplicitly(to: encoder) }
        func encodeFields(into c: inout KeyedEncodingContainer<Keys>) throws {
            try c.encode(id, forKey: .id); try c.encode(value.name, forKey: .name)
            try c.encode(value.purpose, forKey: .purpose); try c.encode(value.description, forKey: .description)
            try c.encode(value.orgUnitID, forKey: .orgUnitId); try c.encode(value.ownerID, forKey: .ownerId)
            try c.encode(value.lifecyclePhase.rawValue, forKey: .lifecyclePhase)
            try c.encode(value.status.rawValue, forKey: .status)
            try c.encode(value.intendedUsers, forKey: .intendedUsers)
            try c.encode(value.affectedPeople, forKey: .affectedPeople)
            try c.encode(value.jurisdictions, forKey: .jurisdictions)
            try c.encode(value.usesBiometricData, forKey: .usesBiometricData)
            try c.encode(value.usesGenerativeAI, forKey: .usesGenerativeAi)
            try c.encode(value.usesAutonomousAgents, forKey: .usesAutonomousAgents)
            try c.encode(version, forKey: .version); try c.encode(createdAt, forKey: .createdAt)
            try c.encode(updatedAt, forKey: .updatedAt)
        }
    }

    struct SystemInputDTO: Content {
        var name: String?
        var purpose: String?
        var description: String?
        var orgUnitId: String?
        var ownerId: String?
        var lifecyclePhase: String?
        var status: String?
        var intendedUsers: String?
        var affectedPeople: String?
        var jurisdictions: [String]?
        var usesBiometricData: Bool?
        var usesGenerativeAi: Bool?
        var usesAutonomousAgents: Bool?
        var version: Int?
        /// Why the governance office registers a system past planning or brings a retired one back (an exception, audited).
        var phaseReason: String?

        func validated() throws -> AISystemInput {
            try AISystemInput.validate(.init(
                name: name, purpose: purpose, description: description, orgUnitID: orgUnitId, ownerID: ownerId,
                lifecyclePhase: lifecyclePhase, status: status, intendedUsers: intendedUsers,
                affectedPeople: affectedPeople, jurisdictions: jurisdictions, usesBiometricData: usesBiometricData,
                usesGenerativeAI: usesGenerativeAi, usesAutonomousAgents: usesAutonomousAgents))
        }
    }

    struct ModelDTO: Content {
        var id: String
        var systemId: String
        var name: String
        var modelVersion: String
        var type: String
        var trainingData: String
        var version: Int
        var createdAt: Date
        var updatedAt: Date

        init(_ s: Stored<AIModelInput>, systemID: String) {
            id = s.id; systemId = systemID; name = s.value.name; modelVersion = s.value.modelVersion
            type = s.value.type.rawValue; trainingData = s.value.trainingData; version = s.version
            createdAt = s.createdAt; updatedAt = s.updatedAt
        }
    }

    struct ModelInputDTO: Content {
        var name: String?
        var modelVersion: String?
        var type: String?
        var trainingData: String?
        var version: Int?

        func validated() throws -> AIModelInput {
            try AIModelInput.validate(name: name, modelVersion: modelVersion, type: type, trainingData: trainingData)
        }
    }

    struct DatasetDTO: Content {
        var id: String
        var systemId: String
        var name: String
        var source: String
        var acquisitionMethod: String
        var containsPersonalData: Bool
        var containsSensitiveData: Bool
        var containsBiometricData: Bool
        var containsChildrenData: Bool
        var version: Int
        var createdAt: Date
        var updatedAt: Date

        init(_ s: Stored<DatasetInput>, systemID: String) {
            id = s.id; systemId = systemID; name = s.value.name; source = s.value.source
            acquisitionMethod = s.value.acquisitionMethod.rawValue
            containsPersonalData = s.value.containsPersonalData; containsSensitiveData = s.value.containsSensitiveData
            containsBiometricData = s.value.containsBiometricData; containsChildrenData = s.value.containsChildrenData
            version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt
        }
    }

    struct DatasetInputDTO: Content {
        var name: String?
        var source: String?
        var acquisitionMethod: String?
        var containsPersonalData: Bool?
        var containsSensitiveData: Bool?
        var containsBiometricData: Bool?
        var containsChildrenData: Bool?
        var version: Int?

        func validated() throws -> DatasetInput {
            try DatasetInput.validate(name: name, source: source, acquisitionMethod: acquisitionMethod,
                                      flags: (containsPersonalData, containsSensitiveData, containsBiometricData, containsChildrenData))
        }
    }

    struct AgentDTO: Content {
        var id: String
        var systemId: String
        var name: String
        var role: String
        var accountableOwnerId: String
        var autonomyLevel: String
        var tools: [String]
        var version: Int
        var createdAt: Date
        var updatedAt: Date

        init(_ s: Stored<AIAgentInput>, systemID: String) {
            id = s.id; systemId = systemID; name = s.value.name; role = s.value.role
            accountableOwnerId = s.value.accountableOwnerID; autonomyLevel = s.value.autonomyLevel.rawValue
            tools = s.value.tools; version = s.version; createdAt = s.createdAt; updatedAt = s.updatedAt
        }
    }

    struct AgentInputDTO: Content {
        var name: String?
        var role: String?
        var accountableOwnerId: String?
        var autonomyLevel: String?
        var tools: [String]?
        var version: Int?

        func validated() throws -> AIAgentInput {
            try AIAgentInput.validate(name: name, role: role, accountableOwnerID: accountableOwnerId,
                                      autonomyLevel: autonomyLevel, tools: tools)
        }
    }
}

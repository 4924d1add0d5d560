import Foundation
import RinriCore

extension API {
    public struct LoginRequestDTO: Codable, Sendable {
        public var email: String?
        public var password: String?
        public init(email: String? = nil, password: String? = nil) {
            self.email = email
            self.password = password
        }
    }

    public struct LoginResponseDTO: Codable, Sendable {
        public var token: String
        public var expiresAt: Date
        public var user: UserDTO
        public init(token: String, expiresAt: Date, user: UserDTO) {
            self.token = token
            self.expiresAt = expiresAt
            self.user = user
        }
    }

    public struct UserDTO: Codable, Sendable {
        public var id: String
        public var email: String
        public var name: String
        public var language: String?
        public var isActive: Bool
        public var roles: [String]

        public init(_ u: UserAccount) {
            id = u.id; email = u.email; name = u.name; language = u.language?.rawValue; isActive = u.isActive
            roles = u.grants.map(\.description)
        }

        public init(id: String, email: String, name: String, language: String? = nil, isActive: Bool, roles: [String]) {
            self.id = id
            self.email = email
            self.name = name
            self.language = language
            self.isActive = isActive
            self.roles = roles
        }
    }

    public struct UpdateUserDTO: Codable, Sendable {
        public var name: String?
        public var roles: [String]?
        public var isActive: Bool?
        public init(name: String? = nil, roles: [String]? = nil, isActive: Bool? = nil) {
            self.name = name
            self.roles = roles
            self.isActive = isActive
        }
    }

    public struct CreateUserDTO: Codable, Sendable {
        public var email: String?
        public var name: String?
        public var password: String?
        public var roles: [String]?
        public init(email: String? = nil, name: String? = nil, password: String? = nil, roles: [String]? = nil) {
            self.email = email
            self.name = name
            self.password = password
            self.roles = roles
        }
    }

    public struct TokenDTO: Codable, Sendable {
        public var id: String
        public var name: String
        public var prefix: String
        public var createdAt: Date
        public var expiresAt: Date?
        public var lastUsedAt: Date?
        public var revokedAt: Date?

        public init(_ t: APITokenInfo) {
            id = t.id; name = t.name; prefix = t.prefix; createdAt = t.createdAt; expiresAt = t.expiresAt
            lastUsedAt = t.lastUsedAt; revokedAt = t.revokedAt
        }

        public init(id: String, name: String, prefix: String, createdAt: Date, expiresAt: Date? = nil, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
            self.id = id
            self.name = name
            self.prefix = prefix
            self.createdAt = createdAt
            self.expiresAt = expiresAt
            self.lastUsedAt = lastUsedAt
            self.revokedAt = revokedAt
        }
    }

    public struct CreateTokenDTO: Codable, Sendable {
        public var name: String?
        public var expiresInDays: Int?
        public init(name: String? = nil, expiresInDays: Int? = nil) {
            self.name = name
            self.expiresInDays = expiresInDays
        }
    }

    public struct CreatedTokenDTO: Codable, Sendable {
        /// The secret, shown this once.
        public var token: String
        public var info: TokenDTO
        public init(token: String, info: TokenDTO) {
            self.token = token
            self.info = info
        }
    }

    public struct AuditEventDTO: Codable, Sendable {
        public var seq: Int
        public var occurredAt: String
        public var actorId: String?
        public var actorLabel: String
        public var action: String
        public var entityType: String
        public var entityId: String
        public var changes: AuditValue
        public var requestId: String?
        public var previousHash: String
        public var hash: String

        public init(_ e: ChainedAuditEvent) {
            seq = e.seq; occurredAt = e.record.occurredAt; actorId = e.record.actorID; actorLabel = e.record.actorLabel
            action = e.record.action.rawValue; entityType = e.record.entityType; entityId = e.record.entityID
            changes = (try? JSONDecoder().decode(AuditValue.self, from: Data(e.record.changes.utf8))) ?? .string(e.record.changes)
            requestId = e.record.requestID; previousHash = e.previousHash; hash = e.hash
        }

        public init(seq: Int, occurredAt: String, actorId: String? = nil, actorLabel: String, action: String, entityType: String, entityId: String, changes: AuditValue, requestId: String? = nil, previousHash: String, hash: String) {
            self.seq = seq
            self.occurredAt = occurredAt
            self.actorId = actorId
            self.actorLabel = actorLabel
            self.action = action
            self.entityType = entityType
            self.entityId = entityId
            self.changes = changes
            self.requestId = requestId
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    public struct AuditVerifyDTO: Codable, Sendable {
        public var ok: Bool
        public var checked: Int
        public var firstBadSeq: Int?
        public var reason: String?
        public init(ok: Bool, checked: Int, firstBadSeq: Int? = nil, reason: String? = nil) {
            self.ok = ok
            self.checked = checked
            self.firstBadSeq = firstBadSeq
            self.reason = reason
        }
    }
}

import Foundation
import RinriCore
import Vapor

extension API {
    struct LoginRequestDTO: Content {
        var email: String?
        var password: String?
    }

    struct LoginResponseDTO: Content {
        var token: String
        var expiresAt: Date
        var user: UserDTO
    }

    struct UserDTO: Content, ExplicitNulls {
        var id: String
        var email: String
        var name: String
        var language: String?
        var isActive: Bool
        var roles: [String]

        init(_ u: UserAccount) {
            id = u.id; email = u.email; name = u.name; language = u.language?.rawValue; isActive = u.isActive
            roles = u.grants.map(\.description)
        }

        enum Keys: String, CodingKey { case id, email, name, language, isActive, roles }
        func encode(to encoder: any Encoder) throws { try encodeExplicitly(to: encoder) }
        func encodeFields(into c: inout KeyedEncodingContainer<Keys>) throws {
            try c.encode(id, forKey: .id); try c.encode(email, forKey: .email); try c.encode(name, forKey: .name)
            try c.encode(language, forKey: .language); try c.encode(isActive, forKey: .isActive)
            try c.encode(roles, forKey: .roles)
        }
    }

    struct UpdateUserDTO: Content {
        var name: String?
        var roles: [String]?
        var isActive: Bool?
    }

    struct CreateUserDTO: Content {
        var email: String?
        var name: String?
        var password: String?
        var roles: [String]?
    }

    struct TokenDTO: Content, ExplicitNulls {
        var id: String
        var name: String
        var prefix: String
        var createdAt: Date
        var expiresAt: Date?
        var lastUsedAt: Date?
        var revokedAt: Date?

        init(_ t: APITokenInfo) {
            id = t.id; name = t.name; prefix = t.prefix; createdAt = t.createdAt; expiresAt = t.expiresAt
            lastUsedAt = t.lastUsedAt; revokedAt = t.revokedAt
        }

        enum Keys: String, CodingKey { case id, name, prefix, createdAt, expiresAt, lastUsedAt, revokedAt }
        func encode(to encoder: any Encoder) throws { try encodeExplicitly(to: encoder) }
        func encodeFields(into c: inout KeyedEncodingContainer<Keys>) throws {
            try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(prefix, forKey: .prefix)
            try c.encode(createdAt, forKey: .createdAt); try c.encode(expiresAt, forKey: .expiresAt)
            try c.encode(lastUsedAt, forKey: .lastUsedAt); try c.encode(revokedAt, forKey: .revokedAt)
        }
    }

    struct CreateTokenDTO: Content {
        var name: String?
        var expiresInDays: Int?
    }

    struct CreatedTokenDTO: Content {
        /// The secret, shown this once.
        var token: String
        var info: TokenDTO
    }

    struct AuditEventDTO: Content, ExplicitNulls {
        var seq: Int
        var occurredAt: String
        var actorId: String?
        var actorLabel: String
        var action: String
        var entityType: String
        var entityId: String
        var changes: AuditValue
        var requestId: String?
        var previousHash: String
        var hash: String

        init(_ e: ChainedAuditEvent) {
            seq = e.seq; occurredAt = e.record.occurredAt; actorId = e.record.actorID; actorLabel = e.record.actorLabel
            action = e.record.action.rawValue; entityType = e.record.entityType; entityId = e.record.entityID
            changes = (try? JSONDecoder().decode(AuditValue.self, from: Data(e.record.changes.utf8))) ?? .string(e.record.changes)
            requestId = e.record.requestID; previousHash = e.previousHash; hash = e.hash
        }

        enum Keys: String, CodingKey {
            case seq, occurredAt, actorId, actorLabel, action, entityType, entityId, changes, requestId, previousHash, hash
        }
        func encode(to encoder: any Encoder) throws { try encodeExplicitly(to: encoder) }
        func encodeFields(into c: inout KeyedEncodingContainer<Keys>) throws {
            try c.encode(seq, forKey: .seq); try c.encode(occurredAt, forKey: .occurredAt)
            try c.encode(actorId, forKey: .actorId); try c.encode(actorLabel, forKey: .actorLabel)
            try c.encode(action, forKey: .action); try c.encode(entityType, forKey: .entityType)
            try c.encode(entityId, forKey: .entityId); try c.encode(changes, forKey: .changes)
            try c.encode(requestId, forKey: .requestId); try c.encode(previousHash, forKey: .previousHash)
            try c.encode(hash, forKey: .hash)
        }
    }

    struct AuditVerifyDTO: Content {
        var ok: Bool
        var checked: Int
        var firstBadSeq: Int?
        var reason: String?
    }
}

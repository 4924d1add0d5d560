import FluentKit
import RinriCore

/// Every schema change, in the order it runs. Never edit a migration that has landed: add a new one.
public enum Migrations {
    public static let all: [any Migration] = [
        CreateUsers(),
        CreateRoleGrants(),
        CreateAPITokens(),
        CreateAuditLog(),
        CreateOrgUnits(),
        CreateAISystems(),
        CreateAIModels(),
        CreateDatasets(),
        CreateAIAgents(),
        CreateEvidence(),
        CreateGovernance(),
        AddGovernanceControls(),
        RescoreRisksBySeverityRule(),
    ]
}

struct CreateUsers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("language", .string)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(UserModel.schema).delete() }
}

struct CreateRoleGrants: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RoleGrantModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("org_unit_id", .string)
            .field("review_domain", .string)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(RoleGrantModel.schema).delete() }
}

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(APITokenModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime)
            .field("expires_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(APITokenModel.schema).delete() }
}

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AuditEventModel.schema)
            .field("seq", .int64, .identifier(auto: false))
            .field("occurred_at", .string, .required)
            .field("actor_id", .string)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("changes", .string, .required)
            .field("request_id", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema(AuditHeadModel.schema)
            .field("id", .int64, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .field("writes", .int64, .required)
            .create()
        try await AuditHeadModel(id: 1, seq: 0, hash: AuditChain.genesisHash).create(on: database)
    }

    func revert(on database: Database) async throws {
        try await database.schema(AuditHeadModel.schema).delete()
        try await database.schema(AuditEventModel.schema).delete()
    }
}

struct CreateOrgUnits: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(OrgUnitModel.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("country", .string, .required)
            .field("parent_id", .uuid, .references(OrgUnitModel.schema, "id", onDelete: .setNull))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(OrgUnitModel.schema).delete() }
}

struct CreateAISystems: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AISystemModel.schema)
            .id()
            .field("name", .string, .required)
            .field("purpose", .string, .required)
            .field("description", .string, .required)
            .field("org_unit_id", .uuid, .required, .references(OrgUnitModel.schema, "id", onDelete: .restrict))
            .field("owner_id", .uuid, .references(UserModel.schema, "id", onDelete: .setNull))
            .field("lifecycle_phase", .string, .required)
            .field("status", .string, .required)
            .field("intended_users", .string, .required)
            .field("affected_people", .string, .required)
            .field("jurisdictions", .array(of: .string), .required)
            .field("uses_biometric_data", .bool, .required)
            .field("uses_generative_ai", .bool, .required)
            .field("uses_autonomous_agents", .bool, .required)
            .field("search_text", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(AISystemModel.schema).delete() }
}

struct CreateAIModels: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AIModelModel.schema)
            .id()
            .field("system_id", .uuid, .required, .references(AISystemModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("model_version", .string, .required)
            .field("type", .string, .required)
            .field("training_data", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(AIModelModel.schema).delete() }
}

struct CreateDatasets: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(DatasetModel.schema)
            .id()
            .field("system_id", .uuid, .required, .references(AISystemModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("source", .string, .required)
            .field("acquisition_method", .string, .required)
            .field("contains_personal_data", .bool, .required)
            .field("contains_sensitive_data", .bool, .required)
            .field("contains_biometric_data", .bool, .required)
            .field("contains_children_data", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(DatasetModel.schema).delete() }
}

struct CreateAIAgents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AIAgentModel.schema)
            .id()
            .field("system_id", .uuid, .required, .references(AISystemModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("accountable_owner_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .restrict))
            .field("autonomy_level", .string, .required)
            .field("tools", .array(of: .string), .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(AIAgentModel.schema).delete() }
}

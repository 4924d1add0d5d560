import FluentKit

/// Every schema change, in the order it runs: one migration per file in this folder, numbered in
/// that order (`0001-CreateUsers.swift` …).
///
/// Rules a migration keeps:
/// - It is never edited after it lands; a change is a new migration with the next number.
/// - It names its tables and columns as literals, never through a model's `schema`, so renaming
///   or changing a model cannot change what an old migration does.
/// - It keeps the name Fluent recorded when it first ran (`let name`): the migrations of release
///   0.1.0 were recorded as `RinriPersistence.<Type>`, and a database made then upgrades only if
///   those names stay. `Tests/RinriApplicationTests/UpgradeFromReleaseTests.swift` migrates such a
///   database (`Tests/Fixtures/rinri-0.1.0.sqlite`).
/// - It does not call the services or the current domain rules when it changes or records data:
///   what it does at an upgrade must not depend on code written after it.
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
        AddSessionsAndSignInState(),
        IndexAuditActions(),
        ExpireEverlastingTokens(),
        CreateOIDCNonces(),
        CreateListSummaries(),
        AddSummaryCountsAndOrder(),
    ]
}

import FluentKit
import Foundation
import RinriCore

/// Governance bodies and their members, the approval policy and the principle catalogue.
public struct GovernanceService: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static let approvalPolicyKey = "approval_policy"

    // MARK: Seeding

    /// Loads the bundled bodies, approval policy, principles and check-sheet templates into an
    /// empty database; parts that already have rows are left as they are.
    public func seedIfEmpty(context: Actor) async throws {
        // Most starts find everything in place: only then is the bundled library parsed and linted.
        let policyPresent = try await SettingModel.query(on: db).filter(\.$key == Self.approvalPolicyKey).first() != nil
        if try await BodyModel.query(on: db).count() > 0, policyPresent, try await PrincipleModel.query(on: db).count() > 0,
           try await TemplateModel.query(on: db).count() > 0 {
            try await upgradeBundledTemplates(context: context)
            return
        }
        let library = try CheckSheetLibrary.loadBundled()
        let bodies = try GovernanceBodyInput.bundled()
        let policyText = try Self.bundledPolicyText()
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            if try await BodyModel.query(on: tx).count() == 0 {
                for input in bodies {
                    let body = BodyModel()
                    body.apply(input)
                    try await body.createAudited(on: tx, batch)
                }
            }
            if try await SettingModel.query(on: tx).filter(\.$key == Self.approvalPolicyKey).first() == nil {
                let setting = SettingModel()
                setting.key = Self.approvalPolicyKey
                setting.content = policyText
                try await setting.createAudited(on: tx, batch)
            }
            if try await PrincipleModel.query(on: tx).count() == 0 {
                for principle in library.principles.principles {
                    let model = PrincipleModel()
                    model.apply(principle)
                    model.isCurrent = true
                    try await model.createAudited(on: tx, batch)
                }
            }
            if try await TemplateModel.query(on: tx).count() == 0 {
                for name in try Self.bundledTemplateFiles() {
                    let text = try String(contentsOf: name, encoding: .utf8)
                    guard let template = library.template(id: name.deletingPathExtension().lastPathComponent) else { continue }
                    try await TemplateService.insert(template, yaml: text, on: tx, batch)
                }
            }
        }
    }

    /// Imports every bundled template whose version is newer than any stored version of its id (or
    /// whose id the database does not have): a release that corrects the shipped library reaches a
    /// database seeded by an earlier one. The import is audited; a template the office imported with
    /// a higher version of its own is left alone, and assessments keep the versions they pinned.
    /// - Returns: the `id@version` imported.
    @discardableResult
    public func upgradeBundledTemplates(context: Actor) async throws -> [String] {
        var stored: [String: SemanticVersion] = [:]
        for model in try await TemplateModel.query(on: db).all() {
            let version = SemanticVersion(model.templateVersion)
            if stored[model.templateID].map({ version > $0 }) ?? true { stored[model.templateID] = version }
        }
        var newer: [(URL, String)] = []
        for url in try Self.bundledTemplateFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let (id, version) = Self.header(of: text) else { continue }
            if stored[id].map({ SemanticVersion(version) > $0 }) ?? true { newer.append((url, text)) }
        }
        guard !newer.isEmpty else { return [] }
        let catalogue = try await GovernanceQueries(db).catalogue()
        let linted = newer.compactMap { url, text in
            CheckSheetLinter.lintTemplate(yaml: text, file: url.lastPathComponent, catalogue: catalogue).template.map { ($0, text) }
        }
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            for (template, text) in linted { try await TemplateService.insert(template, yaml: text, on: tx, batch) }
        }
        return linted.map { "\($0.0.id)@\($0.0.version)" }
    }

    /// The top-level `id:` and `version:` of a template file, read without parsing the YAML.
    static func header(of yaml: String) -> (id: String, version: String)? {
        var id: String?, version: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).prefix(40) {
            let value = { (prefix: String) in line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            if line.hasPrefix("id:") { id = value("id:") }
            if line.hasPrefix("version:") { version = value("version:") }
        }
        guard let id, let version else { return nil }
        return (id, version)
    }

    private static func bundledPolicyText() throws -> String {
        guard let url = RinriResources.url("Governance/approval-policy.yaml") else { throw RinriError.notFound("the bundled approval policy") }
        return try String(contentsOf: url, encoding: .utf8)
    }

    private static func bundledTemplateFiles() throws -> [URL] {
        guard let directory = RinriResources.url("CheckSheets") else { throw RinriError.notFound("the bundled check sheets") }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    // MARK: Bodies

    public func createBody(_ input: GovernanceBodyInput, context: Actor) async throws -> GovernanceBody {
        try AccessPolicy.check(context, .manageGovernance)
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            if try await BodyModel.query(on: tx).filter(\.$key == input.key).first() != nil {
                throw RinriError.conflict(code: "duplicate_key", "a body with key \(input.key) already exists", field: "key")
            }
            try await checkReportsTo(input, on: tx)
            let body = BodyModel()
            body.apply(input)
            try await body.createAudited(on: tx, batch)
        }
        return try await GovernanceQueries(db).body(key: input.key)
    }

    public func updateBody(key: String, _ input: GovernanceBodyInput, version: Int, context: Actor) async throws -> GovernanceBody {
        try AccessPolicy.check(context, .manageGovernance)
        guard input.key == key else {
            throw RinriError.invalid(field: "key", code: "immutable", message: "a body's key cannot change: approval rules refer to it")
        }
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let body = try await findBody(key, on: tx)
            try await checkReportsTo(input, on: tx)
            try await body.updateAudited(expected: version, on: tx, batch) { body.apply(input) }
        }
        return try await GovernanceQueries(db).body(key: key)
    }

    /// Appoints a user to a body (or changes their role in it); there is at most one chair.
    public func appoint(userID: String, to key: String, role: MemberRole, context: Actor) async throws -> GovernanceBody {
        try AccessPolicy.check(context, .manageGovernance)
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let body = try await findBody(key, on: tx)
            let user = try await UserModel.require(userID, on: tx)
            if role == .chair, let chair = try await BodyMemberModel.query(on: tx).filter(\.$bodyID == body.id!)
                .filter(\.$role == MemberRole.chair.rawValue).first(), chair.userID != user.id {
                throw RinriError.conflict(code: "chair_taken", "\(key) already has a chair; make them a member first", field: "role")
            }
            if let existing = try await BodyMemberModel.query(on: tx).filter(\.$bodyID == body.id!).filter(\.$userID == user.id!).first() {
                try await existing.updateAudited(expected: existing.version, on: tx, batch) { existing.role = role.rawValue }
            } else {
                let member = BodyMemberModel()
                member.bodyID = body.id!
                member.userID = user.id!
                member.role = role.rawValue
                member.appointedBy = context.id.flatMap(UUID.init(uuidString:))
                member.appointedOn = CalendarDate.today()
                try await member.createAudited(on: tx, batch)
            }
        }
        return try await GovernanceQueries(db).body(key: key)
    }

    public func removeMember(userID: String, from key: String, context: Actor) async throws -> GovernanceBody {
        try AccessPolicy.check(context, .manageGovernance)
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let body = try await findBody(key, on: tx)
            guard let uuid = UUID(uuidString: userID),
                  let member = try await BodyMemberModel.query(on: tx).filter(\.$bodyID == body.id!).filter(\.$userID == uuid).first() else {
                throw RinriError.notFound("member \(userID) of \(key)")
            }
            try await member.deleteAudited(expected: nil, on: tx, batch)
        }
        return try await GovernanceQueries(db).body(key: key)
    }

    /// The body's members now, to be frozen on a case routed to it.
    func panel(of bodyKey: String) async throws -> [PanelMember] {
        let body = try await findBody(bodyKey, on: db)
        return try await BodyMemberModel.query(on: db).filter(\.$bodyID == body.id!).all().map {
            PanelMember(userID: $0.userID.uuidString, role: MemberRole(rawValue: $0.role) ?? .member)
        }.sorted { $0.userID < $1.userID }
    }

    func findBody(_ key: String, on db: Database) async throws -> BodyModel {
        guard let body = try await BodyModel.query(on: db).filter(\.$key == key).first() else {
            throw RinriError.notFound("governance body \(key)")
        }
        return body
    }

    private func checkReportsTo(_ input: GovernanceBodyInput, on tx: Database) async throws {
        guard var cursor = input.reportsTo else { return }
        let all = try await BodyModel.query(on: tx).all()
        var seen: Set<String> = [input.key]
        while true {
            guard let parent = all.first(where: { $0.key == cursor }) else {
                if cursor == input.reportsTo {
                    throw RinriError.invalid(field: "reports_to", code: "unknown_body", message: "no body has key \(cursor)")
                }
                return
            }
            guard seen.insert(parent.key).inserted, parent.key != input.key else {
                throw RinriError.invalid(field: "reports_to", code: "cycle", message: "reporting lines cannot form a circle")
            }
            guard let next = parent.reportsTo else { return }
            if next == input.key { throw RinriError.invalid(field: "reports_to", code: "cycle", message: "reporting lines cannot form a circle") }
            cursor = next
        }
    }

    // MARK: Approval policy

    /// Replaces the approval policy after validating it (complete routing; committee bodies exist).
    public func setApprovalPolicy(yaml: String, version: Int, context: Actor) async throws -> ApprovalPolicy {
        try AccessPolicy.check(context, .manageGovernance)
        guard !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RinriError.invalid(field: "yaml", code: "required", message: "yaml is required: the approval policy as YAML")
        }
        let policy = try ApprovalPolicy.load(yaml: yaml)
        try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let keys = Set(try await BodyModel.query(on: tx).all().map(\.key))
            for rule in policy.rules where rule.route == .committee {
                if let body = rule.body, !keys.contains(body) {
                    throw RinriError.invalid(field: "rules", code: "unknown_body", message: "the policy routes to body \(body), which does not exist")
                }
            }
            guard let setting = try await SettingModel.query(on: tx).filter(\.$key == Self.approvalPolicyKey).first() else {
                throw RinriError.conflict("the approval policy is not loaded")
            }
            try await setting.updateAudited(expected: version, on: tx, batch) { setting.content = yaml }
        }
        return policy
    }

    // MARK: Principles

    /// Records a new version of a principle; the old version stays in the history.
    public func revisePrinciple(_ principle: Principle, context: Actor) async throws -> Principle {
        try AccessPolicy.check(context, .manageGovernance)
        return try await AuditTrail.transaction(on: db, context: context) { tx, batch in
            let current = try await PrincipleModel.query(on: tx).filter(\.$code == principle.id).filter(\.$isCurrent == true).first()
            if let current {
                guard SemanticVersion(principle.version) > SemanticVersion(current.principleVersion) else {
                    throw RinriError.invalid(field: "version", code: "not_newer",
                                             message: "version \(principle.version) must be newer than \(current.principleVersion)")
                }
                try await current.updateAudited(expected: current.version, on: tx, batch) { current.isCurrent = false }
            }
            let model = PrincipleModel()
            model.apply(principle)
            model.isCurrent = true
            try await model.createAudited(on: tx, batch)
            return model.principle
        }
    }
}

extension MemberRole {
    var sortKey: Int { self == .chair ? 0 : self == .secretary ? 1 : 2 }
}

/// MAJOR.MINOR.PATCH compared numerically.
struct SemanticVersion: Comparable {
    let parts: [Int]
    init(_ text: String) { parts = text.split(separator: ".").map { Int($0) ?? 0 } }
    static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
}

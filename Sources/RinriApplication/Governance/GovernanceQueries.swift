import FluentKit
import Foundation
import RinriCore

/// The governance structure as pages and the API show it: bodies with their members, the approval
/// policy, the principles. Reads only; ``GovernanceService`` changes them.
public struct GovernanceQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func bodies() async throws -> [GovernanceBody] {
        let models = try await BodyModel.query(on: db).sort(\.$key).all()
        let members = try await BodyMemberModel.query(on: db).all()
        let names = try await userNames()
        return models.map { model in
            GovernanceBody(id: model.id!.uuidString, version: model.version, body: model.input,
                           members: members.filter { $0.bodyID == model.id }.map { Self.member($0, names) }
                               .sorted { ($0.role.sortKey, $0.userName) < ($1.role.sortKey, $1.userName) })
        }
    }

    public func body(key: String) async throws -> GovernanceBody {
        guard let body = try await bodies().first(where: { $0.body.key == key }) else {
            throw RinriError.notFound("governance body \(key)")
        }
        return body
    }

    /// The keys of the bodies the user belongs to, with their role.
    public func memberships(of userID: String) async throws -> [String: MemberRole] {
        guard let uuid = UUID(uuidString: userID) else { return [:] }
        let members = try await BodyMemberModel.query(on: db).filter(\.$userID == uuid).all()
        let bodies = try await BodyModel.query(on: db).all()
        var result: [String: MemberRole] = [:]
        for member in members {
            if let body = bodies.first(where: { $0.id == member.bodyID }) { result[body.key] = MemberRole(rawValue: member.role) ?? .member }
        }
        return result
    }

    /// The approval policy in force, with its YAML text and edit version.
    public func approvalPolicy() async throws -> (policy: ApprovalPolicy, yaml: String, version: Int) {
        guard let setting = try await SettingModel.query(on: db).filter(\.$key == GovernanceService.approvalPolicyKey).first() else {
            throw RinriError.conflict("the approval policy is not loaded; restart `rinri serve` to seed it")
        }
        return (try ApprovalPolicyCache.shared.policy(setting.content), setting.content, setting.version)
    }

    /// The principles in force (or every version with `history`).
    public func principles(history: Bool = false) async throws -> [Principle] {
        var query = PrincipleModel.query(on: db)
        if !history { query = query.filter(\.$isCurrent == true) }
        return try await query.sort(\.$code).sort(\.$createdAt).all().map(\.principle)
    }

    /// The catalogue in force, as templates are linted against.
    public func catalogue() async throws -> PrincipleCatalogue {
        PrincipleCatalogue(version: "db", principles: try await principles())
    }

    func userNames() async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await UserModel.query(on: db).all().map { ($0.id!, $0.name) })
    }

    static func member(_ model: BodyMemberModel, _ names: [UUID: String]) -> BodyMember {
        BodyMember(userID: model.userID.uuidString, userName: names[model.userID] ?? "?",
                   role: MemberRole(rawValue: model.role) ?? .member, appointedBy: model.appointedBy?.uuidString,
                   appointedByName: model.appointedBy.flatMap { names[$0] }, appointedOn: model.appointedOn)
    }
}

/// The approval policy parsed from its YAML, kept per process for the text it was parsed from: gates,
/// routing and the governance page read it on every request, and parsing YAML is slow.
final class ApprovalPolicyCache: @unchecked Sendable {
    static let shared = ApprovalPolicyCache()
    private let lock = NSLock()
    private var last: (yaml: String, policy: ApprovalPolicy)?

    func policy(_ yaml: String) throws -> ApprovalPolicy {
        if let last = lock.withLock({ last }), last.yaml == yaml { return last.policy }
        let policy = try ApprovalPolicy.load(yaml: yaml)
        lock.withLock { last = (yaml, policy) }
        return policy
    }
}

import Foundation

/// Who is acting: a signed-in person with their roles, or Rinri itself (first start, migrations, the
/// command line without a user), with the request it came in, for the audit log.
///
/// The one value every service takes. What the person may do on a particular record (own it, be
/// governed by it, sit on its deciding body) is read by the service inside its transaction.
public struct Actor: Sendable, Equatable {
    /// The user's id; nil for Rinri itself and for an anonymous caller.
    public var id: String?
    /// A readable name for the audit log (e-mail, or `system`).
    public var label: String
    public var grants: [RoleGrant]
    public var requestID: String?
    /// Rinri itself (first start, migrations, a command run on the server's machine): no role
    /// check applies, since whoever runs it already holds the database.
    public private(set) var isRinri = false

    public init(id: String?, label: String, grants: [RoleGrant] = [], requestID: String? = nil) {
        self.id = id
        self.label = label
        self.grants = grants
        self.requestID = requestID
    }

    /// Work Rinri does by itself.
    public static func system(_ label: String = "system") -> Actor {
        var actor = Actor(id: nil, label: label)
        actor.isRinri = true
        return actor
    }

    /// The id as stored in `submitted_by`, `authors` and panels (upper case); empty for Rinri itself.
    public var key: String { (id ?? "").uppercased() }

    /// Whether any of the roles holds the permission.
    public func can(_ permission: Permission) -> Bool { AccessPolicy.allows(grants, permission) }

    /// Holds the governance-office role (an administrator without it is not the office).
    public var isGovernanceOffice: Bool { grants.contains { $0.role == .governanceOffice } }

    public func reviews(_ domain: ReviewDomain) -> Bool {
        grants.contains { $0.role == .reviewer && $0.reviewDomain == domain }
    }

    /// Governed by controls on a system with this owner in this unit: its named owner, or a project
    /// owner whose role reaches the unit (who acts for the owner side there).
    public func isGoverned(ownerID: String?, unitID: String) -> Bool {
        (ownerID.map { $0.uppercased() == key } ?? false) || grants.contains { $0.role == .projectOwner && $0.covers(unit: unitID) }
    }

    public var reviewDomains: Set<ReviewDomain> { Set(grants.compactMap { $0.role == .reviewer ? $0.reviewDomain : nil }) }
}

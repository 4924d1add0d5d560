/// A role a user holds in Rinri.
///
/// A user may hold several roles. Some are scoped to an organisation unit (a
/// project owner of one business unit), and a reviewer holds a review domain.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case admin
    case governanceOffice = "governance_office"
    case committeeChair = "committee_chair"
    case committeeMember = "committee_member"
    case projectOwner = "project_owner"
    case reviewer
    case auditor
    case councilMember = "council_member"
    case employee

    /// Whether a grant of this role may be limited to one organisation unit (`role@UNIT`).
    /// Only a project owner's rights depend on the unit; a scope on any other role would be ignored,
    /// so it is refused rather than stored.
    public var isScopable: Bool { self == .projectOwner }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The function a reviewer reviews for (the Sony seed's linked assessments).
public enum ReviewDomain: String, Codable, Sendable, CaseIterable {
    case legal
    case privacy
    case security
    case humanRights = "human_rights"
    case quality
}

/// One role held by one user, optionally limited to an organisation unit.
public struct RoleGrant: Codable, Sendable, Hashable {
    public var role: Role
    /// When set, the role applies only to this organisation unit.
    public var orgUnitID: String?
    /// Required for ``Role/reviewer``, absent otherwise.
    public var reviewDomain: ReviewDomain?

    public init(role: Role, orgUnitID: String? = nil, reviewDomain: ReviewDomain? = nil) {
        self.role = role
        self.orgUnitID = orgUnitID
        self.reviewDomain = reviewDomain
    }

    /// Whether the grant reaches organisation unit `unitID`: an unscoped grant reaches every unit.
    public func covers(unit unitID: String) -> Bool {
        orgUnitID.map { $0.uppercased() == unitID.uppercased() } ?? true
    }

    /// Parses the CLI form `role`, `role@UNIT_ID` or `reviewer:domain`.
    ///
    /// - Throws: ``RinriError`` with code `invalid_role` when the text names no role.
    public static func parse(_ text: String) throws -> RoleGrant {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var unit: String?
        if let at = rest.firstIndex(of: "@") {
            unit = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var domain: ReviewDomain?
        if let colon = rest.firstIndex(of: ":") {
            let name = String(rest[rest.index(after: colon)...])
            guard let parsed = ReviewDomain(rawValue: name) else {
                throw RinriError.invalid(field: "role", code: "invalid_review_domain",
                    message: "unknown review domain \"\(name)\"; use one of \(ReviewDomain.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            domain = parsed
            rest = rest[..<colon]
        }
        guard let role = Role(rawValue: String(rest)) else {
            throw RinriError.invalid(field: "role", code: "invalid_role",
                message: "unknown role \"\(rest)\"; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let grant = RoleGrant(role: role, orgUnitID: unit, reviewDomain: domain)
        try grant.validate()
        return grant
    }

    /// Checks that a reviewer has a domain and that no other role has one.
    public func validate() throws {
        if role == .reviewer && reviewDomain == nil {
            throw RinriError.invalid(field: "role", code: "review_domain_required",
                message: "a reviewer needs a review domain, e.g. reviewer:privacy")
        }
        if role != .reviewer && reviewDomain != nil {
            throw RinriError.invalid(field: "role", code: "review_domain_not_allowed",
                message: "only the reviewer role takes a review domain")
        }
        if let unit = orgUnitID, unit.isEmpty {
            throw RinriError.invalid(field: "role", code: "invalid_scope", message: "the unit after @ is empty")
        }
        if orgUnitID != nil && !role.isScopable {
            throw RinriError.invalid(field: "role", code: "scope_not_allowed",
                message: "the \(role.rawValue) role cannot be limited to a unit; only project_owner@UNIT can")
        }
    }

    /// The CLI form of this grant, the inverse of ``parse(_:)``.
    public var description: String {
        var text = role.rawValue
        if let reviewDomain { text += ":" + reviewDomain.rawValue }
        if let orgUnitID { text += "@" + orgUnitID }
        return text
    }
}

import Foundation

/// Something a route or command lets a user do.
///
/// Routes declare the permission they need; ``AccessPolicy`` says which roles
/// hold it. Nothing else in Rinri decides who may do what.
public enum Permission: String, Codable, Sendable, CaseIterable {
    /// Read organisation units and the AI-system inventory.
    case readInventory = "inventory.read"
    /// Create, edit and delete AI systems and their models, datasets and agents.
    case writeInventory = "inventory.write"
    /// Create, edit and delete organisation units.
    case manageOrgUnits = "org_units.manage"
    /// Read the audit log.
    case readAudit = "audit.read"
    /// Create users and grant roles.
    case manageUsers = "users.manage"
    /// Read the user directory (names and roles).
    case readUsers = "users.read"
    /// Read governance bodies, the approval policy, principles, templates, assessments, risks and coverage.
    case readGovernance = "governance.read"
    /// Edit bodies and members, the approval policy and principles; import templates; record framework changes.
    case manageGovernance = "governance.manage"
    /// Take part in assessments (open, answer, review, vote, decide); the workflow checks each step.
    case workAssessments = "assessments.work"
    /// Enter and edit risks and countermeasures (owners of the system, the office and the deciding committee's chair; checked per system).
    case writeRisks = "risks.write"
}

/// Who holds which permission: the single table behind every access decision.
public enum AccessPolicy {
    /// The roles that hold each permission.
    public static let table: [Permission: Set<Role>] = [
        .readInventory: [.admin, .governanceOffice, .committeeChair, .committeeMember,
                         .projectOwner, .reviewer, .auditor],
        .writeInventory: [.admin, .governanceOffice, .projectOwner],
        .manageOrgUnits: [.admin, .governanceOffice],
        .readAudit: [.admin, .auditor, .governanceOffice],
        .manageUsers: [.admin],
        .readUsers: [.admin, .governanceOffice, .auditor],
        .readGovernance: [.admin, .governanceOffice, .committeeChair, .committeeMember,
                          .projectOwner, .reviewer, .auditor, .councilMember],
        .manageGovernance: [.admin, .governanceOffice],
        .workAssessments: [.admin, .governanceOffice, .committeeChair, .committeeMember, .projectOwner, .reviewer],
        .writeRisks: [.admin, .governanceOffice, .committeeChair, .projectOwner],
    ]

    /// Whether any of the grants holds the permission.
    public static func allows(_ grants: [RoleGrant], _ permission: Permission) -> Bool {
        let roles = table[permission] ?? []
        return grants.contains { roles.contains($0.role) }
    }

    /// Whether the grants let the user write inventory in the given unit.
    ///
    /// Admins and the governance office write everywhere. A project owner whose
    /// grant names a unit writes only there; an unscoped project owner writes in
    /// every unit.
    public static func canWriteInventory(_ grants: [RoleGrant], inUnit unitID: String) -> Bool {
        grants.contains { grant in
            switch grant.role {
            case .admin, .governanceOffice: return true
            case .projectOwner: return grant.covers(unit: unitID)
            default: return false
            }
        }
    }

    /// Refuses an actor without the permission: the route's permission, enforced again by the
    /// service, so that no entry point (a page, a job, the command line) can skip it.
    /// - Throws: 403 `forbidden`.
    public static func check(_ actor: Actor, _ permission: Permission) throws {
        guard actor.isRinri || actor.can(permission) else { throw RinriError.forbidden() }
    }

    /// Refuses an actor who changes another person's account (password, language, tokens) without
    /// the permission to manage accounts (`nil`: nobody but the person).
    /// - Throws: 403 `forbidden`.
    public static func checkOwnAccount(_ actor: Actor, userID: String, or permission: Permission? = nil) throws {
        guard actor.isRinri || actor.key == userID.uppercased() || permission.map(actor.can) == true else {
            throw RinriError.forbidden("this is another person's account")
        }
    }

    /// Refuses an actor who may not write inventory (systems, their components and evidence) in
    /// the given unit: the rule every inventory and evidence service applies inside its transaction.
    ///
    /// - Throws: 403 `unit_scope` naming the unit.
    public static func checkInventoryWrite(_ actor: Actor, inUnit unitID: String) throws {
        guard actor.isRinri || canWriteInventory(actor.grants, inUnit: unitID) else {
            throw RinriError.forbidden(code: "unit_scope", "your roles do not let you change the inventory of organisation unit \(unitID)",
                                       arguments: ["unit": unitID])
        }
    }
}

/// Rules about changing accounts.
public enum AccountPolicy {
    /// Refuses a change that would lock the acting administrator out: deactivating
    /// themselves or dropping their own admin role.
    public static func checkSelfEdit(actorID: String, targetID: String, grants: [RoleGrant], isActive: Bool) throws {
        guard actorID == targetID else { return }
        if !isActive {
            throw RinriError.invalid(field: "is_active", code: "self_lockout", message: "you cannot deactivate your own account")
        }
        if !grants.contains(where: { $0.role == .admin }) {
            throw RinriError.invalid(field: "roles", code: "self_lockout", message: "you cannot remove your own admin role")
        }
    }
}

/// How the user directory can be ordered.
public enum UserSort: String, SortColumn {
    case name, email, created
}

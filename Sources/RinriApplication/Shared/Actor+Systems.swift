import FluentKit
import Foundation
import RinriCore

/// What an actor is for a system and its cases, read from the stored records.
extension Actor {
    /// The signed-in user's id. - Throws: 401 when the actor is not a user.
    func userUUID() throws -> UUID {
        guard let id, let uuid = UUID(uuidString: id) else { throw RinriError.unauthenticated() }
        return uuid
    }

    /// May act for the system's owner: its named owner, or anyone who may write its record
    /// (project owners of its unit, the governance office and administrators).
    func owns(_ system: AISystemModel) -> Bool {
        system.ownerID?.uuidString == key || AccessPolicy.canWriteInventory(grants, inUnit: system.$orgUnit.id.uuidString)
    }

    /// Governed by controls on this system: its named owner or a project owner whose scope covers its unit.
    func isGoverned(by system: AISystemModel) -> Bool {
        isGoverned(ownerID: system.ownerID?.uuidString, unitID: system.$orgUnit.id.uuidString)
    }

    /// Governed by this case: governed by its system, or its submitter, or an author of its owner answers.
    func isGoverned(by system: AISystemModel, case model: AssessmentModel) -> Bool {
        isGoverned(by: system) || model.submittedBy == key || model.authors.contains(key)
    }
}

import FluentKit
import Foundation
import RinriCore

/// A model whose changes are audited and whose edits carry a version.
protocol AuditedModel: Model, Sendable where IDValue == UUID {
    /// The entity type written into the audit log.
    static var entityType: String { get }
    var version: Int { get set }
    /// Every field as the audit digest records it.
    var auditFields: [String: AuditValue] { get }
}

/// An audited record that maps to a `RinriCore` value and leaves this module as ``Stored``.
protocol StoredRecord: AuditedModel {
    associatedtype Input: Sendable
    var input: Input { get }
    var createdAt: Date? { get }
    var updatedAt: Date? { get }
}

/// A record that belongs to one AI system (a model, a dataset, an agent, evidence).
protocol SystemComponentModel: StoredRecord {
    var systemID: UUID { get set }
    static var systemIDKey: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    func apply(_ input: Input)
}

extension StoredRecord {
    var stored: Stored<Input> {
        Stored(id: id!.uuidString, version: version, createdAt: createdAt ?? Date(), updatedAt: updatedAt ?? Date(), value: input)
    }
}

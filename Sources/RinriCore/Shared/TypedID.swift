import Foundation

/// A kind of record that has ids, and the name its id travels under in a route (`:systemID`).
public protocol IdentifiedEntity {
    static var parameterName: String { get }
}

/// The id of one kind of record. It is a string (a UUID for most records, a key or code for some)
/// that cannot be mixed up with the id of another kind: a `SystemID` is not an `AssessmentID`.
public struct TypedID<Entity: IdentifiedEntity>: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The placeholder a route is registered with, `:` and the parameter name.
    public static var parameter: TypedID { TypedID(":" + Entity.parameterName) }
}

/// The kinds of records that have ids.
public enum Entities {
    public enum System: IdentifiedEntity { public static let parameterName = "systemID" }
    public enum OrgUnit: IdentifiedEntity { public static let parameterName = "unitID" }
    /// A model, dataset or agent of a system.
    public enum Component: IdentifiedEntity { public static let parameterName = "itemID" }
    public enum Evidence: IdentifiedEntity { public static let parameterName = "evidenceID" }
    public enum Job: IdentifiedEntity { public static let parameterName = "jobID" }
    public enum User: IdentifiedEntity { public static let parameterName = "userID" }
    public enum Token: IdentifiedEntity { public static let parameterName = "tokenID" }
    public enum Assessment: IdentifiedEntity { public static let parameterName = "assessmentID" }
    public enum Action: IdentifiedEntity { public static let parameterName = "actionID" }
    public enum Risk: IdentifiedEntity { public static let parameterName = "riskID" }
    public enum Countermeasure: IdentifiedEntity { public static let parameterName = "countermeasureID" }
    /// A check-sheet template, named by its template id (`jp-aigl`).
    public enum Template: IdentifiedEntity { public static let parameterName = "templateID" }
    /// A governance body, named by its key (`ai-ethics-committee`).
    public enum Body: IdentifiedEntity { public static let parameterName = "key" }
    /// A principle, named by its code (`SONY.5`).
    public enum Principle: IdentifiedEntity { public static let parameterName = "code" }
}

public typealias SystemID = TypedID<Entities.System>
public typealias OrgUnitID = TypedID<Entities.OrgUnit>
public typealias ComponentID = TypedID<Entities.Component>
public typealias EvidenceID = TypedID<Entities.Evidence>
public typealias JobID = TypedID<Entities.Job>
public typealias UserID = TypedID<Entities.User>
public typealias TokenID = TypedID<Entities.Token>
public typealias AssessmentID = TypedID<Entities.Assessment>
public typealias ActionID = TypedID<Entities.Action>
public typealias RiskID = TypedID<Entities.Risk>
public typealias CountermeasureID = TypedID<Entities.Countermeasure>
public typealias TemplateID = TypedID<Entities.Template>
public typealias BodyKey = TypedID<Entities.Body>
public typealias PrincipleCode = TypedID<Entities.Principle>

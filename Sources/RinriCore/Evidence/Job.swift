import Foundation

/// The state of a server-side assessment run.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case queued, running, done, failed
}

/// A server-side assessment run as shown to people.
public struct JobInfo: Sendable, Equatable {
    public var id: String
    public var systemID: String
    public var kind: EvidenceKind
    public var state: JobState
    /// What went wrong (failed) or a short summary (done).
    public var message: String?
    public var evidenceID: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, systemID: String, kind: EvidenceKind, state: JobState, message: String?,
                evidenceID: String?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.systemID = systemID
        self.kind = kind
        self.state = state
        self.message = message
        self.evidenceID = evidenceID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

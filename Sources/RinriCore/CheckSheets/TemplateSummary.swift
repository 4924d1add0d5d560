import Foundation

/// A stored template version, as listed.
public struct TemplateSummary: Sendable, Equatable {
    public var templateID: String
    public var version: String
    public var kind: CheckSheetKind
    public var title: LocalizedText
    public var questionCount: Int
    public var isActive: Bool
    public var phases: [LifecyclePhase]

    public init(templateID: String, version: String, kind: CheckSheetKind, title: LocalizedText, questionCount: Int,
                isActive: Bool, phases: [LifecyclePhase]) {
        self.templateID = templateID
        self.version = version
        self.kind = kind
        self.title = title
        self.questionCount = questionCount
        self.isActive = isActive
        self.phases = phases
    }
}

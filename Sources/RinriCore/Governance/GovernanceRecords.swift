import Foundation
import Yams

/// What kind of governance body this is.
public enum BodyKind: String, Codable, Sendable, CaseIterable {
    case board
    case riskComplianceCommittee = "risk_compliance_committee"
    case ethicsCommittee = "ethics_committee"
    case steeringCommittee = "steering_committee"
    case workingGroup = "working_group"
    case office
}

/// A member's place in a body.
public enum MemberRole: String, Codable, Sendable, CaseIterable {
    case chair, member, secretary
}

/// A governance body: the board, a committee, a working group or the governance office.
public struct GovernanceBodyInput: Sendable, Equatable, Codable {
    /// A stable slug, e.g. `ai-ethics-committee`, that approval rules name.
    public var key: String
    public var kind: BodyKind
    public var name: LocalizedText
    public var mandate: LocalizedText
    /// The key of the body this one reports to.
    public var reportsTo: String?

    enum CodingKeys: String, CodingKey {
        case key, kind, name, mandate
        case reportsTo = "reports_to"
    }

    public init(key: String, kind: BodyKind, name: LocalizedText, mandate: LocalizedText, reportsTo: String? = nil) {
        self.key = key
        self.kind = kind
        self.name = name
        self.mandate = mandate
        self.reportsTo = reportsTo
    }

    /// Validates raw input. - Throws: ``RinriError`` (`invalid`).
    public static func validate(key: String?, kind: String?, nameEN: String?, nameJA: String?,
                                mandateEN: String?, mandateJA: String?, reportsTo: String?) throws -> GovernanceBodyInput {
        var v = Validator()
        let key = v.text(key, field: "key", max: 64)
        if !key.isEmpty && key.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil {
            v.add("key", "invalid_format", "key may contain only lower-case letters, digits and hyphens")
        }
        let kind = v.choice(kind, field: "kind", as: BodyKind.self)
        let name = LocalizedText(en: v.text(nameEN, field: "name_en", max: 160), ja: v.text(nameJA, field: "name_ja", max: 160))
        let mandate = LocalizedText(en: v.text(mandateEN, field: "mandate_en", required: false, max: 4_000),
                                    ja: v.text(mandateJA, field: "mandate_ja", required: false, max: 4_000))
        let parent = v.text(reportsTo, field: "reports_to", required: false, max: 64)
        if !parent.isEmpty && parent == key { v.add("reports_to", "cycle", "a body cannot report to itself") }
        try v.check()
        return GovernanceBodyInput(key: key, kind: kind!, name: name, mandate: mandate, reportsTo: parent.isEmpty ? nil : parent)
    }

    /// The bodies shipped with Rinri (`Resources/Governance/bodies.yaml`).
    public static func bundled() throws -> [GovernanceBodyInput] {
        guard let url = RinriResources.url("Governance/bodies.yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RinriError.notFound("the bundled governance bodies")
        }
        struct File: Decodable { var bodies: [GovernanceBodyInput] }
        return try YAMLDecoder().decode(File.self, from: text).bodies
    }
}

/// A user's membership of a body, with who appointed them.
public struct BodyMember: Sendable, Equatable {
    public var userID: String
    public var userName: String
    public var role: MemberRole
    /// The user who made the appointment.
    public var appointedBy: String?
    public var appointedByName: String?
    /// `YYYY-MM-DD`.
    public var appointedOn: String

    public init(userID: String, userName: String, role: MemberRole, appointedBy: String?, appointedByName: String?, appointedOn: String) {
        self.userID = userID
        self.userName = userName
        self.role = role
        self.appointedBy = appointedBy
        self.appointedByName = appointedByName
        self.appointedOn = appointedOn
    }
}

/// A body with its members.
public struct GovernanceBody: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var body: GovernanceBodyInput
    public var members: [BodyMember]

    public init(id: String, version: Int, body: GovernanceBodyInput, members: [BodyMember]) {
        self.id = id
        self.version = version
        self.body = body
        self.members = members
    }

    public var chair: BodyMember? { members.first { $0.role == .chair } }
}

/// A date as `YYYY-MM-DD`, checked for being a real calendar date.
public enum CalendarDate {
    public static func isValid(_ text: String) -> Bool {
        guard text.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil else { return false }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == parts[0] && back.month == parts[1] && back.day == parts[2]
    }

    /// Today in UTC.
    public static func today(_ now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: now)
    }
}

extension Validator {
    /// Trims an optional `YYYY-MM-DD` date, recording `invalid_date` when it is not a calendar date.
    public mutating func date(_ value: String?, field: String, required: Bool = false) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if required { add(field, "required", "\(field) is required") }
            return nil
        }
        guard CalendarDate.isValid(trimmed) else {
            add(field, "invalid_date", "\(field) must be a date written YYYY-MM-DD")
            return nil
        }
        return trimmed
    }

    /// Parses an integer in `range`, recording `out_of_range` otherwise.
    public mutating func int(_ value: Int?, field: String, in range: ClosedRange<Int>) -> Int {
        guard let value else {
            add(field, "required", "\(field) is required")
            return range.lowerBound
        }
        if !range.contains(value) { add(field, "out_of_range", "\(field) must be between \(range.lowerBound) and \(range.upperBound)") }
        return value
    }
}

extension Principle {
    /// Validates a new version of principle `code` from raw fields: SemVer version, known source,
    /// titles and summaries in both languages (the Japanese title in Japanese), well-formed framework references.
    ///
    /// - Throws: ``RinriError`` (`invalid`) naming every bad field.
    public static func validate(code: String, version: String?, source: String?, titleEN: String?, titleJA: String?,
                                summaryEN: String?, summaryJA: String?, frameworks: [String]) throws -> Principle {
        var v = Validator()
        let version = v.text(version, field: "version", max: 32)
        if !version.isEmpty && !IdentifierPattern.isSemVer(version) {
            v.add("version", "invalid_format", "version must be MAJOR.MINOR.PATCH")
        }
        let source = v.choice(source, field: "source", as: PrincipleSource.self)
        let title = LocalizedText(en: v.text(titleEN, field: "title_en", max: 300), ja: v.text(titleJA, field: "title_ja", max: 300))
        let summary = LocalizedText(en: v.text(summaryEN, field: "summary_en", max: 4_000), ja: v.text(summaryJA, field: "summary_ja", max: 4_000))
        if !title.ja.isEmpty && !LocalizedText.containsJapanese(title.ja) { v.add("title_ja", "not_japanese", "title_ja must be written in Japanese") }
        for ref in frameworks where !FrameworkReference.isWellFormed(ref) {
            v.add("frameworks", "invalid_reference", "\(ref) is not a framework reference id")
        }
        try v.check()
        return Principle(id: code, version: version, source: source!, title: title, summary: summary, frameworks: frameworks)
    }
}

extension ReassessmentTrigger {
    /// The triggers a change of an inventory record raises, each with whether it changed.
    public static func systemChanges(from before: AISystemInput, to after: AISystemInput) -> [(ReassessmentTrigger, Bool)] {
        [(.intendedUseChanged, before.purpose != after.purpose || before.intendedUsers != after.intendedUsers),
         (.affectedPeopleChanged, before.affectedPeople != after.affectedPeople),
         (.jurisdictionsChanged, Set(before.jurisdictions) != Set(after.jurisdictions)),
         (.characteristicsChanged, before.usesBiometricData != after.usesBiometricData || before.usesGenerativeAI != after.usesGenerativeAI
            || before.usesAutonomousAgents != after.usesAutonomousAgents)]
    }

    /// Whether Rinri raises this trigger itself when the change is recorded (a model, the system record, a framework change).
    public var isAutomatic: Bool {
        self != .incidentLinked && self != .manual
    }

    /// Validates a re-assessment asked for by a person: a linked incident or a manual request, with a detail.
    ///
    /// - Throws: ``RinriError`` (`invalid`; `automatic` for a trigger Rinri raises by itself).
    public static func validateRequest(trigger: String?, detail: String?) throws -> (trigger: ReassessmentTrigger, detail: String) {
        var v = Validator()
        let trigger = v.choice(trigger, field: "trigger", as: ReassessmentTrigger.self)
        let detail = v.text(detail, field: "detail", max: 2_000)
        if let trigger, trigger.isAutomatic {
            v.add("trigger", "automatic", "\(trigger.rawValue) re-assessments open by themselves when the change is recorded; use incident_linked or manual")
        }
        try v.check()
        return (trigger!, detail)
    }
}

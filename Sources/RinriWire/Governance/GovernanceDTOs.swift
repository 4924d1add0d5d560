import Foundation
import RinriCore

/// A JSON answer as a client sends it: a string, a number, a list of strings, or null to clear.
public enum AnswerJSON: Codable, Sendable, Equatable {
    case null
    case strings([String])

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .strings(let list) where list.count == 1: try c.encode(list[0])
        case .strings(let list): try c.encode(list)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let text = try? c.decode(String.self) { self = .strings([text]) }
        else if let number = try? c.decode(Double.self) { self = .strings([String(number)]) }
        else if let list = try? c.decode([String].self) { self = .strings(list) }
        else { throw RinriError.malformed("an answer is a string, a number, a list of strings or null") }
    }
}

extension API {
    public struct BodyDTO: Codable, Sendable {
        public struct Member: Codable, Sendable { public var userId: String; public var userName: String; public var role: String; public var appointedBy: String?; public var appointedOn: String
            public init(_ m: BodyMember) { (userId, userName, role, appointedBy, appointedOn) = (m.userID, m.userName, m.role.rawValue, (m.appointedBy), m.appointedOn) }
        }
        public var id: String; public var key: String; public var kind: String; public var nameEn: String; public var nameJa: String
        public var mandateEn: String; public var mandateJa: String; public var reportsTo: String?; public var members: [Member]; public var version: Int
        public init(_ b: GovernanceBody) {
            (id, key, kind, version) = (b.id, b.body.key, b.body.kind.rawValue, b.version)
            (nameEn, nameJa, mandateEn, mandateJa) = (b.body.name.en, b.body.name.ja, b.body.mandate.en, b.body.mandate.ja)
            reportsTo = (b.body.reportsTo)
            members = b.members.map(Member.init)
        }
        public init(id: String, key: String, kind: String, nameEn: String, nameJa: String, mandateEn: String, mandateJa: String, reportsTo: String? = nil, members: [Member], version: Int) {
            self.id = id
            self.key = key
            self.kind = kind
            self.nameEn = nameEn
            self.nameJa = nameJa
            self.mandateEn = mandateEn
            self.mandateJa = mandateJa
            self.reportsTo = reportsTo
            self.members = members
            self.version = version
        }
    }

    public struct BodyInputDTO: Codable, Sendable {
        public var key: String?; public var kind: String?; public var nameEn: String?; public var nameJa: String?
        public var mandateEn: String?; public var mandateJa: String?; public var reportsTo: String?; public var version: Int?
        public func validated(key fixed: String? = nil) throws -> GovernanceBodyInput {
            try GovernanceBodyInput.validate(key: fixed ?? key, kind: kind, nameEN: nameEn, nameJA: nameJa,
                                             mandateEN: mandateEn, mandateJA: mandateJa, reportsTo: reportsTo)
        }
        public init(key: String? = nil, kind: String? = nil, nameEn: String? = nil, nameJa: String? = nil, mandateEn: String? = nil, mandateJa: String? = nil, reportsTo: String? = nil, version: Int? = nil) {
            self.key = key
            self.kind = kind
            self.nameEn = nameEn
            self.nameJa = nameJa
            self.mandateEn = mandateEn
            self.mandateJa = mandateJa
            self.reportsTo = reportsTo
            self.version = version
        }
    }

    public struct PolicyDTO: Codable, Sendable {
        public var version: Int; public var yaml: String; public var countermeasuresRequiredAt: [String]
        public struct Rule: Codable, Sendable { public var levels: [String]; public var phases: [String]; public var route: String; public var body: String?; public var quorum: Int?
            public init(_ r: ApprovalPolicy.Rule) { (levels, phases, route, body, quorum) = (r.levels.map(\.rawValue), (r.phases ?? []).map(\.rawValue), r.route.rawValue, (r.body), (r.quorum)) }
        }
        public var rules: [Rule]
        public init(_ p: ApprovalPolicy, yaml: String, version: Int) {
            (self.version, self.yaml) = (version, yaml)
            countermeasuresRequiredAt = p.countermeasuresRequiredAt.map(\.rawValue)
            rules = p.rules.map(Rule.init)
        }
        public init(version: Int, yaml: String, countermeasuresRequiredAt: [String], rules: [Rule]) {
            self.version = version
            self.yaml = yaml
            self.countermeasuresRequiredAt = countermeasuresRequiredAt
            self.rules = rules
        }
    }

    public struct PrincipleDTO: Codable, Sendable {
        public var id: String?; public var version: String?; public var source: String?; public var titleEn: String?; public var titleJa: String?
        public var summaryEn: String?; public var summaryJa: String?; public var frameworks: [String]?
        public init(id: String?, version: String?, source: String?, titleEn: String?, titleJa: String?, summaryEn: String?, summaryJa: String?,
             frameworks: [String]?) {
            (self.id, self.version, self.source, self.titleEn, self.titleJa) = (id, version, source, titleEn, titleJa)
            (self.summaryEn, self.summaryJa, self.frameworks) = (summaryEn, summaryJa, frameworks)
        }
        public init(_ p: Principle) {
            (id, version, source, titleEn, titleJa) = (p.id, p.version, p.source.rawValue, p.title.en, p.title.ja)
            (summaryEn, summaryJa, frameworks) = (p.summary.en, p.summary.ja, p.frameworks)
        }
        /// Validates a new version of principle `code`. - Throws: ``RinriError`` (`invalid`).
        public func validated(code: String) throws -> Principle {
            try Principle.validate(code: code, version: version, source: source, titleEN: titleEn, titleJA: titleJa,
                                   summaryEN: summaryEn, summaryJA: summaryJa, frameworks: frameworks ?? [])
        }
    }

    public struct TemplateSummaryDTO: Codable, Sendable {
        public var id: String; public var version: String; public var kind: String; public var titleEn: String; public var titleJa: String
        public var questionCount: Int; public var isActive: Bool; public var phases: [String]
        public init(_ t: TemplateSummary) {
            (id, version, kind, titleEn, titleJa) = (t.templateID, t.version, t.kind.rawValue, t.title.en, t.title.ja)
            (questionCount, isActive, phases) = (t.questionCount, t.isActive, t.phases.map(\.rawValue))
        }
        public init(id: String, version: String, kind: String, titleEn: String, titleJa: String, questionCount: Int, isActive: Bool, phases: [String]) {
            self.id = id
            self.version = version
            self.kind = kind
            self.titleEn = titleEn
            self.titleJa = titleJa
            self.questionCount = questionCount
            self.isActive = isActive
            self.phases = phases
        }
    }

    public struct ImportResultDTO: Codable, Sendable {
        public var template: TemplateSummaryDTO; public var warnings: [String]
        public init(template: TemplateSummaryDTO, warnings: [String]) { (self.template, self.warnings) = (template, warnings) }
    }

    public struct ReopenedDTO: Codable, Sendable { public var reopened: [String]
        public init(reopened: [String]) { self.reopened = reopened }
    }

    /// `POST /governance/bodies/{key}/members/{user}`: the role the user is appointed to.
    public struct AppointDTO: Codable, Sendable {
        public var role: String?
        public init(role: String? = nil) { self.role = role }
    }

    /// `PUT /governance/approval-policy`: the policy as YAML and the version it replaces.
    public struct PolicyInputDTO: Codable, Sendable {
        public var yaml: String?
        public var version: Int?
        public init(yaml: String? = nil, version: Int? = nil) { self.yaml = yaml; self.version = version }
    }

    /// `POST /templates` as JSON: the template's YAML and, for messages, its file name.
    public struct TemplateImportDTO: Codable, Sendable {
        public var yaml: String?
        public var fileName: String?
        public init(yaml: String? = nil, fileName: String? = nil) { self.yaml = yaml; self.fileName = fileName }
    }
}

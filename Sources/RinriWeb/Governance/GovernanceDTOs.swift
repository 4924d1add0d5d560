import Foundation
import RinriCore
import RinriApplication
import Vapor

/// An optional value that is written as `null` rather than left out.
struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var value: Value?
    init(_ value: Value?) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}

/// A JSON answer as a client sends it: a string, a number, a list of strings, or null to clear.
enum AnswerJSON: Decodable, Sendable {
    case null
    case strings([String])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let text = try? c.decode(String.self) { self = .strings([text]) }
        else if let number = try? c.decode(Double.self) { self = .strings([String(number)]) }
        else if let list = try? c.decode([String].self) { self = .strings(list) }
        else { throw RinriError.malformed("an answer is a string, a number, a list of strings or null") }
    }
}

extension API {
    struct BodyDTO: Content {
        struct Member: Content { var userId: String; var userName: String; var role: String; var appointedBy: Nullable<String>; var appointedOn: String
            init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") } 
            init(_ m: BodyMember) { (userId, userName, role, appointedBy, appointedOn) = (m.userID, m.userName, m.role.rawValue, Nullable(m.appointedBy), m.appointedOn) }
        }
        var id: String; var key: String; var kind: String; var nameEn: String; var nameJa: String
        var mandateEn: String; var mandateJa: String; var reportsTo: Nullable<String>; var members: [Member]; var version: Int
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ b: GovernanceBody) {
            (id, key, kind, version) = (b.id, b.body.key, b.body.kind.rawValue, b.version)
            (nameEn, nameJa, mandateEn, mandateJa) = (b.body.name.en, b.body.name.ja, b.body.mandate.en, b.body.mandate.ja)
            reportsTo = Nullable(b.body.reportsTo)
            members = b.members.map(Member.init)
        }
    }

    struct BodyInputDTO: Content {
        var key: String?; var kind: String?; var nameEn: String?; var nameJa: String?
        var mandateEn: String?; var mandateJa: String?; var reportsTo: String?; var version: Int?
        func validated(key fixed: String? = nil) throws -> GovernanceBodyInput {
            try GovernanceBodyInput.validate(key: fixed ?? key, kind: kind, nameEN: nameEn, nameJA: nameJa,
                                             mandateEN: mandateEn, mandateJA: mandateJa, reportsTo: reportsTo)
        }
    }

    struct PolicyDTO: Content {
        var version: Int; var yaml: String; var countermeasuresRequiredAt: [String]
        struct Rule: Content { var levels: [String]; var phases: [String]; var route: String; var body: Nullable<String>; var quorum: Nullable<Int>
            init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") } 
            init(_ r: ApprovalPolicy.Rule) { (levels, phases, route, body, quorum) = (r.levels.map(\.rawValue), (r.phases ?? []).map(\.rawValue), r.route.rawValue, Nullable(r.body), Nullable(r.quorum)) }
        }
        var rules: [Rule]
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ p: ApprovalPolicy, yaml: String, version: Int) {
            (self.version, self.yaml) = (version, yaml)
            countermeasuresRequiredAt = p.countermeasuresRequiredAt.map(\.rawValue)
            rules = p.rules.map(Rule.init)
        }
    }

    struct PrincipleDTO: Content {
        var id: String?; var version: String?; var source: String?; var titleEn: String?; var titleJa: String?
        var summaryEn: String?; var summaryJa: String?; var frameworks: [String]?
        init(id: String?, version: String?, source: String?, titleEn: String?, titleJa: String?, summaryEn: String?, summaryJa: String?,
             frameworks: [String]?) {
            (self.id, self.version, self.source, self.titleEn, self.titleJa) = (id, version, source, titleEn, titleJa)
            (self.summaryEn, self.summaryJa, self.frameworks) = (summaryEn, summaryJa, frameworks)
        }
        init(_ p: Principle) {
            (id, version, source, titleEn, titleJa) = (p.id, p.version, p.source.rawValue, p.title.en, p.title.ja)
            (summaryEn, summaryJa, frameworks) = (p.summary.en, p.summary.ja, p.frameworks)
        }
        /// Validates a new version of principle `code`. - Throws: ``RinriError`` (`invalid`).
        func validated(code: String) throws -> Principle {
            try Principle.validate(code: code, version: version, source: source, titleEN: titleEn, titleJA: titleJa,
                                   summaryEN: summaryEn, summaryJA: summaryJa, frameworks: frameworks ?? [])
        }
    }

    struct TemplateSummaryDTO: Content {
        var id: String; var version: String; var kind: String; var titleEn: String; var titleJa: String
        var questionCount: Int; var isActive: Bool; var phases: [String]
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ t: TemplateSummary) {
            (id, version, kind, titleEn, titleJa) = (t.templateID, t.version, t.kind.rawValue, t.title.en, t.title.ja)
            (questionCount, isActive, phases) = (t.questionCount, t.isActive, t.phases.map(\.rawValue))
        }
    }

    struct ImportResultDTO: Content {
        var template: TemplateSummaryDTO; var warnings: [String]
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(template: TemplateSummaryDTO, warnings: [String]) { (self.template, self.warnings) = (template, warnings) }
    }

    struct ReopenedDTO: Content { var reopened: [String] }
}

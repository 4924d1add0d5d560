import Foundation
import RinriCore

/// Governance bodies and appointments, the approval policy, principles, check-sheet templates, framework changes.
enum GovernanceRoute: SiteRoute, Hashable {
    case overview
    case bodies
    case body(BodyKey)
    case appoint(BodyKey)
    case removeMember(BodyKey, user: UserID)
    case policy
    case principle(PrincipleCode)
    case templates
    case templateExport(TemplateID)
    case apiBodies
    case apiBody(BodyKey)
    case apiMember(BodyKey, user: UserID)
    case apiPolicy
    case apiPrinciples
    case apiPrinciple(PrincipleCode)
    case apiTemplates
    case apiTemplate(TemplateID)
    case apiFrameworkChanges

    var path: String {
        switch self {
        case .overview: return "/governance"
        case .bodies: return "/governance/bodies"
        case .body(let key): return "/governance/bodies/\(key)"
        case .appoint(let key): return "/governance/bodies/\(key)/members"
        case let .removeMember(key, user): return "/governance/bodies/\(key)/members/\(user)/remove"
        case .policy: return "/governance/approval-policy"
        case .principle(let code): return "/governance/principles/\(code)"
        case .templates: return "/governance/check-sheets"
        case .templateExport(let id): return "/governance/check-sheets/\(id)"
        case .apiBodies: return "/api/v1/governance/bodies"
        case .apiBody(let key): return "/api/v1/governance/bodies/\(key)"
        case let .apiMember(key, user): return "/api/v1/governance/bodies/\(key)/members/\(user)"
        case .apiPolicy: return "/api/v1/governance/approval-policy"
        case .apiPrinciples: return "/api/v1/principles"
        case .apiPrinciple(let code): return "/api/v1/principles/\(code)"
        case .apiTemplates: return "/api/v1/check-sheets"
        case .apiTemplate(let id): return "/api/v1/check-sheets/\(id)"
        case .apiFrameworkChanges: return "/api/v1/framework-changes"
        }
    }

    static let all: [GovernanceRoute] = [
        .overview, .bodies, .body(.parameter), .appoint(.parameter), .removeMember(.parameter, user: .parameter), .policy,
        .principle(.parameter), .templates, .templateExport(.parameter),
        .apiBodies, .apiBody(.parameter), .apiMember(.parameter, user: .parameter), .apiPolicy, .apiPrinciples, .apiPrinciple(.parameter),
        .apiTemplates, .apiTemplate(.parameter), .apiFrameworkChanges,
    ]
}

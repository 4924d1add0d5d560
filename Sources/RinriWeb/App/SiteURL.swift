import Foundation

/// Every page's address, built in one place so pages never hand-type URLs.
enum SiteURL: Sendable {
    case home
    case login(next: String?)
    case logout
    case language
    case account
    case accountPassword
    case accountTokens
    case accountToken(String)
    case users
    case userEdit(String)
    case userResetPassword(String)
    case orgUnits
    case orgUnitNew
    case orgUnit(String)
    case orgUnitEdit(String)
    case orgUnitDelete(String)
    case systems(query: [String: String])
    case systemNew
    case system(String)
    case systemEdit(String)
    case systemDelete(String)
    case component(ComponentKind, system: String, id: String?)
    case componentEdit(ComponentKind, system: String, id: String)
    case componentDelete(ComponentKind, system: String, id: String)
    case audit(query: [String: String])
    case evidenceUpload(system: String)
    case evidence(system: String, id: String)
    case evidenceReport(system: String, id: String)
    case evidenceDelete(system: String, id: String)
    case job(system: String, id: String)
    case stylesheet
    /// A path built elsewhere (the governance pages build theirs with `GovURL`).
    case raw(String)

    /// A part of an AI system listed on its page.
    enum ComponentKind: String, Sendable, CaseIterable {
        case models, datasets, agents
    }

    var path: String {
        switch self {
        case .home: return "/"
        case .login(let next):
            guard let next, Self.isLocal(next) else { return "/login" }
            return "/login?next=" + Self.encode(next)
        case .logout: return "/logout"
        case .language: return "/language"
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .accountTokens: return "/account/tokens"
        case .accountToken(let id): return "/account/tokens/\(id)/revoke"
        case .users: return "/users"
        case .userEdit(let id): return "/users/\(id)/edit"
        case .userResetPassword(let id): return "/users/\(id)/reset-password"
        case .orgUnits: return "/org-units"
        case .orgUnitNew: return "/org-units/new"
        case .orgUnit(let id): return "/org-units/\(id)"
        case .orgUnitEdit(let id): return "/org-units/\(id)/edit"
        case .orgUnitDelete(let id): return "/org-units/\(id)/delete"
        case .systems(let query): return "/systems" + Self.queryString(query)
        case .systemNew: return "/systems/new"
        case .system(let id): return "/systems/\(id)"
        case .systemEdit(let id): return "/systems/\(id)/edit"
        case .systemDelete(let id): return "/systems/\(id)/delete"
        case let .component(kind, system, id):
            return "/systems/\(system)/\(kind.rawValue)" + (id.map { "/\($0)" } ?? "/new")
        case let .componentEdit(kind, system, id): return "/systems/\(system)/\(kind.rawValue)/\(id)/edit"
        case let .componentDelete(kind, system, id): return "/systems/\(system)/\(kind.rawValue)/\(id)/delete"
        case .audit(let query): return "/audit" + Self.queryString(query)
        case .evidenceUpload(let system): return "/systems/\(system)/evidence/upload"
        case let .evidence(system, id): return "/systems/\(system)/evidence/\(id)"
        case let .evidenceReport(system, id): return "/systems/\(system)/evidence/\(id)/report"
        case let .evidenceDelete(system, id): return "/systems/\(system)/evidence/\(id)/delete"
        case let .job(system, id): return "/systems/\(system)/jobs/\(id)"
        case .stylesheet: return "/static/rinri.css"
        case .raw(let path): return path
        }
    }

    /// Whether a redirect target stays on this site (a path, not `//host` or `http://`).
    static func isLocal(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\") && !target.contains("\r") && !target.contains("\n")
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    private static func queryString(_ query: [String: String]) -> String {
        let pairs = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
    }
}

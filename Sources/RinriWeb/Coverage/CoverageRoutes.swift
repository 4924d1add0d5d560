import Foundation
import RinriCore

/// How far the answered check sheets address the EU AI Act, Japan's guidelines, NIST AI RMF and ISO/IEC 42001.
enum CoverageRoute: SiteRoute, Hashable {
    case organisation
    case system(SystemID)
    case apiOrganisation
    case apiSystem(SystemID)

    var path: String {
        switch self {
        case .organisation: return "/coverage"
        case .system(let id): return "/systems/\(id)/coverage"
        case .apiOrganisation: return "/api/v1/coverage"
        case .apiSystem(let id): return "/api/v1/systems/\(id)/coverage"
        }
    }

    static let all: [CoverageRoute] = [.organisation, .system(.parameter), .apiOrganisation, .apiSystem(.parameter)]
}

import Foundation
import RinriCore

/// What every page needs besides the features: health, static files, the API description.
enum AppRoute: SiteRoute, Hashable {
    case health
    case stylesheet
    case script
    case favicon
    case openAPI

    var path: String {
        switch self {
        case .health: return "/health"
        case .stylesheet: return "/static/rinri.css"
        case .script: return "/static/rinri.js"
        case .favicon: return "/favicon.ico"
        case .openAPI: return "/api/v1/openapi.json"
        }
    }

    static let all: [AppRoute] = [.health, .stylesheet, .script, .favicon, .openAPI]
}

import Foundation
import RinriCore

/// The tamper-evident audit log.
enum AuditRoute: SiteRoute, Hashable {
    case log(query: [String: String])
    case apiLog
    case apiVerify

    var path: String {
        switch self {
        case .log(let query): return "/audit" + RoutePath.query(query)
        case .apiLog: return "/api/v1/audit"
        case .apiVerify: return "/api/v1/audit/verify"
        }
    }

    static let all: [AuditRoute] = [.log(query: [:]), .apiLog, .apiVerify]
}

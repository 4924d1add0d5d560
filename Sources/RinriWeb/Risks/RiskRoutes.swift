import Foundation
import RinriCore

/// The risk register: risks, countermeasures and their verification, heat maps.
enum RiskRoute: SiteRoute, Hashable {
    case register
    case system(SystemID)
    case systemNew(SystemID)
    case risk(RiskID)
    case countermeasures(RiskID)
    case countermeasure(RiskID, id: CountermeasureID)
    case countermeasureVerify(RiskID, id: CountermeasureID)
    case apiRegister
    case apiHeatMap
    case apiSystem(SystemID)
    case apiSystemHeatMap(SystemID)
    case apiRisk(RiskID)
    case apiCountermeasures(RiskID)
    case apiCountermeasure(RiskID, id: CountermeasureID)
    case apiCountermeasureVerify(RiskID, id: CountermeasureID)

    var path: String {
        switch self {
        case .register: return "/risks"
        case .system(let id): return "/systems/\(id)/risks"
        case .systemNew(let id): return "/systems/\(id)/risks/new"
        case .risk(let id): return "/risks/\(id)"
        case .countermeasures(let id): return "/risks/\(id)/countermeasures"
        case let .countermeasure(risk, id): return "/risks/\(risk)/countermeasures/\(id)"
        case let .countermeasureVerify(risk, id): return "/risks/\(risk)/countermeasures/\(id)/verify"
        case .apiRegister: return "/api/v1/risks"
        case .apiHeatMap: return "/api/v1/risks/heatmap.svg"
        case .apiSystem(let id): return "/api/v1/systems/\(id)/risks"
        case .apiSystemHeatMap(let id): return "/api/v1/systems/\(id)/risks/heatmap.svg"
        case .apiRisk(let id): return "/api/v1/risks/\(id)"
        case .apiCountermeasures(let id): return "/api/v1/risks/\(id)/countermeasures"
        case let .apiCountermeasure(risk, id): return "/api/v1/risks/\(risk)/countermeasures/\(id)"
        case let .apiCountermeasureVerify(risk, id): return "/api/v1/risks/\(risk)/countermeasures/\(id)/verify"
        }
    }

    static let all: [RiskRoute] = [
        .register, .system(.parameter), .systemNew(.parameter), .risk(.parameter), .countermeasures(.parameter),
        .countermeasure(.parameter, id: .parameter), .countermeasureVerify(.parameter, id: .parameter),
        .apiRegister, .apiHeatMap, .apiSystem(.parameter), .apiSystemHeatMap(.parameter), .apiRisk(.parameter),
        .apiCountermeasures(.parameter), .apiCountermeasure(.parameter, id: .parameter), .apiCountermeasureVerify(.parameter, id: .parameter),
    ]
}

import Foundation
import RinriCore

/// Organisation units, AI systems and their models, datasets and agents.
enum InventoryRoute: SiteRoute, Hashable {
    /// A part of an AI system listed on its page.
    enum ComponentKind: String, Sendable, CaseIterable {
        case models, datasets, agents
    }

    case systems(query: [String: String])
    case systemNew
    case system(SystemID)
    case systemEdit(SystemID)
    case systemDelete(SystemID)
    case componentNew(ComponentKind, system: SystemID)
    case componentEdit(ComponentKind, system: SystemID, id: ComponentID)
    case componentDelete(ComponentKind, system: SystemID, id: ComponentID)
    case orgUnits
    case orgUnitNew
    case orgUnit(OrgUnitID)
    case orgUnitEdit(OrgUnitID)
    case orgUnitDelete(OrgUnitID)
    case apiSystems
    case apiSystem(SystemID)
    case apiComponents(ComponentKind, system: SystemID)
    case apiComponent(ComponentKind, system: SystemID, id: ComponentID)
    case apiOrgUnits
    case apiOrgUnit(OrgUnitID)

    var path: String {
        switch self {
        case .systems(let query): return "/systems" + RoutePath.query(query)
        case .systemNew: return "/systems/new"
        case .system(let id): return "/systems/\(id)"
        case .systemEdit(let id): return "/systems/\(id)/edit"
        case .systemDelete(let id): return "/systems/\(id)/delete"
        case let .componentNew(kind, system): return "/systems/\(system)/\(kind.rawValue)/new"
        case let .componentEdit(kind, system, id): return "/systems/\(system)/\(kind.rawValue)/\(id)/edit"
        case let .componentDelete(kind, system, id): return "/systems/\(system)/\(kind.rawValue)/\(id)/delete"
        case .orgUnits: return "/org-units"
        case .orgUnitNew: return "/org-units/new"
        case .orgUnit(let id): return "/org-units/\(id)"
        case .orgUnitEdit(let id): return "/org-units/\(id)/edit"
        case .orgUnitDelete(let id): return "/org-units/\(id)/delete"
        case .apiSystems: return "/api/v1/systems"
        case .apiSystem(let id): return "/api/v1/systems/\(id)"
        case let .apiComponents(kind, system): return "/api/v1/systems/\(system)/\(kind.rawValue)"
        case let .apiComponent(kind, system, id): return "/api/v1/systems/\(system)/\(kind.rawValue)/\(id)"
        case .apiOrgUnits: return "/api/v1/org-units"
        case .apiOrgUnit(let id): return "/api/v1/org-units/\(id)"
        }
    }

    static let all: [InventoryRoute] = {
        var routes: [InventoryRoute] = [.systems(query: [:]), .systemNew, .system(.parameter), .systemEdit(.parameter), .systemDelete(.parameter),
                                        .orgUnits, .orgUnitNew, .orgUnit(.parameter), .orgUnitEdit(.parameter), .orgUnitDelete(.parameter),
                                        .apiSystems, .apiSystem(.parameter), .apiOrgUnits, .apiOrgUnit(.parameter)]
        for kind in ComponentKind.allCases {
            routes += [.componentNew(kind, system: .parameter), .componentEdit(kind, system: .parameter, id: .parameter),
                       .componentDelete(kind, system: .parameter, id: .parameter),
                       .apiComponents(kind, system: .parameter), .apiComponent(kind, system: .parameter, id: .parameter)]
        }
        return routes
    }()
}

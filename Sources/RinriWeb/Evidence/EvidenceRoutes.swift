import Foundation
import RinriCore

/// Evidence records of a system and the background jobs that compute them.
enum EvidenceRoute: SiteRoute, Hashable {
    case upload(system: SystemID)
    case job(system: SystemID, id: JobID)
    case evidence(system: SystemID, id: EvidenceID)
    case report(system: SystemID, id: EvidenceID)
    case file(system: SystemID, id: EvidenceID)
    case delete(system: SystemID, id: EvidenceID)
    case apiList(system: SystemID)
    case apiEvidence(system: SystemID, id: EvidenceID)

    var path: String {
        switch self {
        case .upload(let system): return "/systems/\(system)/evidence/upload"
        case let .job(system, id): return "/systems/\(system)/jobs/\(id)"
        case let .evidence(system, id): return "/systems/\(system)/evidence/\(id)"
        case let .report(system, id): return "/systems/\(system)/evidence/\(id)/report"
        case let .file(system, id): return "/systems/\(system)/evidence/\(id)/file"
        case let .delete(system, id): return "/systems/\(system)/evidence/\(id)/delete"
        case .apiList(let system): return "/api/v1/systems/\(system)/evidence"
        case let .apiEvidence(system, id): return "/api/v1/systems/\(system)/evidence/\(id)"
        }
    }

    static let all: [EvidenceRoute] = [
        .upload(system: .parameter), .job(system: .parameter, id: .parameter), .evidence(system: .parameter, id: .parameter),
        .report(system: .parameter, id: .parameter), .file(system: .parameter, id: .parameter), .delete(system: .parameter, id: .parameter),
        .apiList(system: .parameter), .apiEvidence(system: .parameter, id: .parameter),
    ]
}

import Foundation
import RinriCore
import RinriWire
import RinriMetrics
import RinriApplication
import Vapor

/// `/api/v1/systems/{id}/evidence`: results of technical assessments, submitted by `rinri … --submit` or a job.
struct EvidenceAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, EvidenceRoute.apiList(system: .parameter), access: .permission(.readInventory), use: list)
        app.on(.POST, EvidenceRoute.apiList(system: .parameter), access: .permission(.writeInventory), body: .collect(maxSize: "16mb"), use: create)
        app.on(.GET, EvidenceRoute.apiEvidence(system: .parameter, id: .parameter), access: .permission(.readInventory), use: get)
        app.on(.DELETE, EvidenceRoute.apiEvidence(system: .parameter, id: .parameter), access: .permission(.writeInventory), use: delete)
    }

    func list(_ req: Request) async throws -> API.PageDTO<API.EvidenceDTO> {
        let system = try req.id("systemID")
        let page = try await req.reads.evidence.page(of: system, try req.listing(sort: EvidenceSort.created, descending: true))
        return API.PageDTO(page.map { API.EvidenceDTO($0, systemID: system, includeReport: false) })
    }

    func get(_ req: Request) async throws -> API.EvidenceDTO {
        let system = try req.id("systemID")
        return API.EvidenceDTO(try await req.reads.evidence.evidence(req.id("evidenceID"), of: system), systemID: system, includeReport: true)
    }

    /// Stores a submitted record: the kind's definition (``EvidenceKinds``) parses and checks the report.
    func create(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let input = try req.content.decode(API.EvidenceSubmissionDTO.self).validated(source: .api, defaultVersion: rinriVersion)
        let stored = try await req.writes.evidence.create(input, in: system.id, context: req.actor)
        return try await API.EvidenceDTO(stored, systemID: system.id, includeReport: false).encodeResponse(status: .created, for: req)
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        try await req.writes.evidence.delete(req.id("evidenceID"), of: req.id("systemID"), context: req.actor)
        return .noContent
    }
}

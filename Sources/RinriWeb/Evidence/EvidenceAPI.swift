import Foundation
import RinriCore
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

    func list(_ req: Request) async throws -> [API.EvidenceDTO] {
        let system = try req.id("systemID")
        return try await req.reads.evidence.list(of: system).map { API.EvidenceDTO($0, systemID: system, includeReport: false) }
    }

    func get(_ req: Request) async throws -> API.EvidenceDTO {
        let system = try req.id("systemID")
        return API.EvidenceDTO(try await req.reads.evidence.evidence(req.id("evidenceID"), of: system), systemID: system, includeReport: true)
    }

    func create(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let body = try req.content.decode(API.EvidenceSubmissionDTO.self)
        let kind = try parseKind(body.kind)
        var reportData = try Self.reportData(in: req)
        var report = try EvidenceReport(kind: kind, json: reportData)
        var inputSHA256 = body.inputSha256
        if case .document(let document) = report {
            // A file's name, hash and size are computed here from its content, never taken from the client.
            let computed = try document.withComputedFile().validated()
            (report, reportData, inputSHA256) = (.document(computed), try JSONEncoder().encode(computed), computed.fileSHA256)
        }
        let input = EvidenceInput(kind: kind, title: body.title ?? defaultTitle(kind), resultJSON: String(decoding: reportData, as: UTF8.self),
                                  passed: report.passed, command: body.command ?? "", rinriVersion: body.rinriVersion ?? (kind == .document ? rinriVersion : ""),
                                  inputSHA256: inputSHA256, inputRows: body.inputRows ?? report.rows,
                                  assessmentID: body.assessmentId, questionID: body.questionId, source: .api)
        let stored = try await req.writes.evidence.create(input, in: system.id, context: req.actor)
        return try await API.EvidenceDTO(stored, systemID: system.id, includeReport: false).encodeResponse(status: .created, for: req)
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        try await req.writes.evidence.delete(req.id("evidenceID"), of: req.id("systemID"), context: req.actor)
        return .noContent
    }

    private func parseKind(_ raw: String?) throws -> EvidenceKind {
        try EvidenceKind.parse(raw, field: "kind") ?? .fairnessReport
    }

    private func defaultTitle(_ kind: EvidenceKind) -> String {
        switch kind {
        case .fairnessReport: return "Fairness assessment"
        case .dataProfile: return "Data profile"
        case .document: return "Document"
        }
    }

    /// The `report` object of the body, as the engine's own JSON (kept apart from the API's key conversion).
    static func reportData(in req: Request) throws -> Data {
        guard let buffer = req.body.data,
              let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw RinriError.malformed("the body must be a JSON object")
        }
        guard let report = object["report"], report is [String: Any] else {
            throw RinriError.invalid(field: "report", code: "required", message: "report is required: the JSON that rinri wrote")
        }
        return try JSONSerialization.data(withJSONObject: report)
    }
}

import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// The risk register: `/api/v1/risks`, `/api/v1/systems/{id}/risks` and the heat maps.
struct RiskAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, RiskRoute.apiRegister, access: .permission(.readGovernance), use: all)
        app.on(.GET, RiskRoute.apiHeatMap, access: .permission(.readGovernance), use: organisationHeatMap)
        app.on(.GET, RiskRoute.apiSystem(.parameter), access: .permission(.readGovernance), use: ofSystem)
        app.on(.GET, RiskRoute.apiSystemHeatMap(.parameter), access: .permission(.readGovernance), use: systemHeatMap)
        app.on(.POST, RiskRoute.apiSystem(.parameter), access: .permission(.writeRisks), use: create)
        app.on(.GET, RiskRoute.apiRisk(.parameter), access: .permission(.readGovernance), use: get)
        app.on(.PUT, RiskRoute.apiRisk(.parameter), access: .permission(.writeRisks), use: update)
        app.on(.POST, RiskRoute.apiCountermeasures(.parameter), access: .permission(.writeRisks), use: addCountermeasure)
        app.on(.PUT, RiskRoute.apiCountermeasure(.parameter, id: .parameter), access: .permission(.writeRisks), use: updateCountermeasure)
        app.on(.POST, RiskRoute.apiCountermeasureVerify(.parameter, id: .parameter), access: .permission(.workAssessments),
               use: verifyCountermeasure)
    }

    func all(_ req: Request) async throws -> API.PageDTO<API.RiskDTO> {
        API.PageDTO(try await req.reads.risks.page(try req.riskFilter(), try req.listing(sort: .inherent, descending: true)).map(API.RiskDTO.init))
    }

    func ofSystem(_ req: Request) async throws -> API.PageDTO<API.RiskDTO> {
        var filter = try req.riskFilter()
        filter.systemID = try req.id("systemID")
        return API.PageDTO(try await req.reads.risks.page(filter, try req.listing(sort: .inherent, descending: true)).map(API.RiskDTO.init))
    }

    func get(_ req: Request) async throws -> API.RiskDTO { API.RiskDTO(try await req.reads.risks.record(req.id("riskID"))) }

    func create(_ req: Request) async throws -> Response {
        let dto = try req.content.decode(API.RiskInputDTO.self)
        let risk = try await req.writes.risks.create(systemID: req.id("systemID"), dto.validated(), reason: dto.reason, user: req.actor)
        return try await API.RiskDTO(risk).encodeResponse(status: .created, for: req)
    }

    func update(_ req: Request) async throws -> API.RiskDTO {
        let dto = try req.content.decode(API.RiskInputDTO.self)
        return API.RiskDTO(try await req.writes.risks.update(req.id("riskID"), dto.validated(), version: requireVersion(dto.version),
                                                            reason: dto.reason, user: req.actor))
    }

    func addCountermeasure(_ req: Request) async throws -> Response {
        let input = try req.content.decode(API.CountermeasureInputDTO.self).validated()
        let risk = try await req.writes.risks.addCountermeasure(to: req.id("riskID"), input, user: req.actor)
        return try await API.RiskDTO(risk).encodeResponse(status: .created, for: req)
    }

    func updateCountermeasure(_ req: Request) async throws -> API.RiskDTO {
        let dto = try req.content.decode(API.CountermeasureInputDTO.self)
        return API.RiskDTO(try await req.writes.risks.updateCountermeasure(req.id("countermeasureID"), of: req.id("riskID"), dto.validated(),
                                                                          version: requireVersion(dto.version), user: req.actor))
    }

    func verifyCountermeasure(_ req: Request) async throws -> API.RiskDTO {
        let dto = try req.content.decode(API.VerifyDTO.self)
        return API.RiskDTO(try await req.writes.risks.verifyCountermeasure(req.id("countermeasureID"), of: req.id("riskID"),
                                                                          version: requireVersion(dto.version), note: dto.note,
                                                                          user: req.actor))
    }

    func organisationHeatMap(_ req: Request) async throws -> Response {
        let residual = req.query[String.self, at: "level"] != "inherent"
        return HeatMapResponse.svg(try await req.reads.risks.heatMap(residual: residual), residual: residual, req: req)
    }

    func systemHeatMap(_ req: Request) async throws -> Response {
        let residual = req.query[String.self, at: "level"] != "inherent"
        return HeatMapResponse.svg(try await req.reads.risks.heatMap(residual: residual, systemID: req.id("systemID")), residual: residual, req: req)
    }
}

/// Renders a heat map of open and accepted risks (residual by default) in the request's language.
enum HeatMapResponse {
    static func labels(_ t: Localizer, residual: Bool) -> HeatMapLabels {
        HeatMapLabels(title: t(residual ? "heatmap.title_residual" : "heatmap.title_inherent"), description: nil,
                      likelihoodAxis: t("heatmap.likelihood"), severityAxis: t("heatmap.severity"),
                      likelihoodNames: (1...4).map { t("heatmap.likelihood_\($0)") },
                      levelNames: RiskLevel.allCases.map { t("risk.level.\($0.rawValue)") }, rule: t("heatmap.rule"))
    }

    static func svg(_ map: RiskHeatMap, residual: Bool, req: Request) -> Response {
        let svg = RiskHeatMapSVG.render(map, labels: labels(req.t, residual: residual))
        let response = Response(status: .ok, body: .init(string: svg))
        response.headers.replaceOrAdd(name: HTTPHeaders.Name.contentType, value: "image/svg+xml; charset=utf-8")
        return response
    }
}


extension Request {
    /// The register's filters from `?status=…&min_residual=…` (the search and page are the listing's).
    func riskFilter() throws -> RiskFilter {
        var filter = RiskFilter()
        if let raw = query[String.self, at: "status"], !raw.isEmpty {
            guard let status = RiskStatus(rawValue: raw) else {
                throw RinriError.malformed("status must be one of \(RiskStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
            }
            filter.status = status
        }
        if let raw = query[String.self, at: "min_residual"], !raw.isEmpty {
            guard let level = RiskLevel(rawValue: raw) else {
                throw RinriError.malformed("min_residual must be one of \(RiskLevel.allCases.map(\.rawValue).joined(separator: ", "))", field: "min_residual")
            }
            filter.minimumResidual = level
        }
        return filter
    }
}

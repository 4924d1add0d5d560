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

    func all(_ req: Request) async throws -> [API.RiskDTO] { try await req.reads.risks.records().map(API.RiskDTO.init) }
    func ofSystem(_ req: Request) async throws -> [API.RiskDTO] { try await req.reads.risks.records(systemID: req.id("systemID")).map(API.RiskDTO.init) }
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
        HeatMapResponse.svg(try await req.reads.risks.records(), residual: req.query[String.self, at: "level"] != "inherent", req: req)
    }

    func systemHeatMap(_ req: Request) async throws -> Response {
        HeatMapResponse.svg(try await req.reads.risks.records(systemID: req.id("systemID")),
                            residual: req.query[String.self, at: "level"] != "inherent", req: req)
    }
}

/// Renders a heat map of open and accepted risks (residual by default) in the request's language.
enum HeatMapResponse {
    static func map(_ risks: [RiskRecord], residual: Bool) -> RiskHeatMap {
        RiskHeatMap(risks.filter(\.counts).map { r in
            residual ? (r.residual.severity, r.residual.likelihood) : (r.risk.severity, r.risk.likelihood)
        })
    }

    static func labels(_ t: Localizer, residual: Bool) -> HeatMapLabels {
        HeatMapLabels(title: t(residual ? "heatmap.title_residual" : "heatmap.title_inherent"), description: nil,
                      likelihoodAxis: t("heatmap.likelihood"), severityAxis: t("heatmap.severity"),
                      likelihoodNames: (1...4).map { t("heatmap.likelihood_\($0)") },
                      levelNames: RiskLevel.allCases.map { t("risk.level.\($0.rawValue)") }, rule: t("heatmap.rule"))
    }

    static func svg(_ risks: [RiskRecord], residual: Bool, req: Request) -> Response {
        let svg = RiskHeatMapSVG.render(map(risks, residual: residual), labels: labels(req.t, residual: residual))
        let response = Response(status: .ok, body: .init(string: svg))
        response.headers.replaceOrAdd(name: HTTPHeaders.Name.contentType, value: "image/svg+xml; charset=utf-8")
        return response
    }
}


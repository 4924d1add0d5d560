import Foundation
import RinriCore
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

extension API {
    struct RiskDTO: Content {
        struct Measure: Content { var id: String; var version: Int; var title: String; var ownerId: Nullable<String>; var dueDate: Nullable<String>
            var status: String; var effect: String; var evidenceIds: [String]; var verifiedBy: Nullable<String>; var verifiedAt: Nullable<Date>
            /// Whether it counts for the residual level and the gate (done, and verified where the level asks for it).
            var counts: Bool
            init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
            init(_ s: CountermeasureRecord, inherent: RiskLevel) {
                (id, version, title, ownerId, dueDate) = (s.id, s.version, s.value.title, Nullable(s.value.ownerID), Nullable(s.value.dueDate))
                (status, effect, evidenceIds) = (s.value.status.rawValue, s.value.effect.rawValue, s.value.evidenceIDs)
                (verifiedBy, verifiedAt, counts) = (Nullable(s.verifiedBy), Nullable(s.verifiedAt), RiskPolicy.counts(s, inherent: inherent))
            }
        }
        var id: String; var version: Int; var systemId: String; var title: String; var description: String; var rights: [String]
        var affectedPeople: String; var scale: Int; var scope: Int; var irremediability: Int; var likelihood: Int
        var ownerId: Nullable<String>; var status: String; var inherentLevel: String; var residualLevel: String
        var residualLikelihood: Int; var residualScale: Int; var residualScope: Int
        var assessmentId: Nullable<String>; var templateId: Nullable<String>; var questionId: Nullable<String>
        var flaggedForReview: Bool; var countermeasures: [Measure]
        init(from decoder: any Decoder) throws { throw RinriError.malformed("output only") }
        init(_ r: RiskRecord) {
            (id, version, systemId, title, description) = (r.id, r.version, r.systemID, r.risk.title, r.risk.description)
            (rights, affectedPeople, likelihood) = (r.risk.rights.map(\.rawValue), r.risk.affectedPeople, r.risk.likelihood)
            (scale, scope, irremediability) = (r.risk.severity.scale, r.risk.severity.scope, r.risk.severity.irremediability)
            (ownerId, status, inherentLevel, residualLevel) = (Nullable(r.risk.ownerID), r.risk.status.rawValue, r.inherentLevel.rawValue, r.residualLevel.rawValue)
            (residualLikelihood, residualScale, residualScope) = (r.residual.likelihood, r.residual.severity.scale, r.residual.severity.scope)
            (assessmentId, templateId, questionId) = (Nullable(r.origin?.assessmentID), Nullable(r.origin?.templateID), Nullable(r.origin?.questionID))
            (flaggedForReview, countermeasures) = (r.flaggedForReview, r.countermeasures.map { Measure($0, inherent: r.inherentLevel) })
        }
    }

    struct RiskInputDTO: Content {
        var title: String?; var description: String?; var rights: [String]?; var affectedPeople: String?
        var scale: Int?; var scope: Int?; var irremediability: Int?; var likelihood: Int?; var ownerId: String?; var status: String?
        var version: Int?
        /// Why, when the change is a second-line act (closing or accepting a high risk, lowering a severity).
        var reason: String?
        func validated() throws -> RiskInput {
            try RiskInput.validate(.init(title: title, description: description, affectedPeople: affectedPeople, ownerID: ownerId, status: status,
                                         rights: rights, scale: scale, scope: scope, irremediability: irremediability, likelihood: likelihood))
        }
    }

    struct CountermeasureInputDTO: Content {
        var title: String?; var ownerId: String?; var dueDate: String?; var status: String?; var effect: String?; var version: Int?
        var evidenceIds: [String]?
        func validated() throws -> CountermeasureInput {
            try CountermeasureInput.validate(title: title, ownerID: ownerId, dueDate: dueDate, status: status, effect: effect, evidenceIDs: evidenceIds)
        }
    }

    struct VerifyDTO: Content { var version: Int?; var note: String? }
}

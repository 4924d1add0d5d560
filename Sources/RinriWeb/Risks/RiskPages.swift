import Foundation
import RinriCore
import RinriApplication
import Vapor

/// The risk register: the organisation's, one system's, one risk with its countermeasures.
struct RiskPages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, RiskRoute.register, access: .permission(.readGovernance), use: organisation)
        web.on(.GET, RiskRoute.system(.parameter), access: .permission(.readGovernance), use: system)
        web.on(.POST, RiskRoute.systemNew(.parameter), access: .permission(.writeRisks), use: create)
        web.on(.GET, RiskRoute.risk(.parameter), access: .permission(.readGovernance), use: risk)
        web.on(.POST, RiskRoute.risk(.parameter), access: .permission(.writeRisks), use: update)
        web.on(.POST, RiskRoute.countermeasures(.parameter), access: .permission(.writeRisks), use: addCountermeasure)
        web.on(.POST, RiskRoute.countermeasure(.parameter, id: .parameter), access: .permission(.writeRisks), use: updateCountermeasure)
        web.on(.POST, RiskRoute.countermeasureVerify(.parameter, id: .parameter), access: .permission(.workAssessments),
               use: verifyCountermeasure)
    }

    func organisation(_ req: Request) async throws -> Response {
        RiskViews.register(PageContext(req), try await Self.register(req, system: nil), system: nil, form: nil)
    }

    /// A page of the register (one system's, or the organisation's with the systems' names) and its heat maps.
    static func register(_ req: Request, system: Stored<AISystemInput>?) async throws -> RiskViews.Register {
        var filter = try req.riskFilter()
        filter.systemID = system?.id
        let listing = try req.listing(sort: RiskSort.inherent, descending: true)
        let page = try await req.reads.risks.page(filter, listing)
        var names: [String: String] = [:]
        if let system { names = [system.id: system.value.name] } else { names = try await req.reads.inventory.names(of: Set(page.items.map(\.systemID))) }
        let path = system.map { RiskRoute.system(.init($0.id)).path } ?? RiskRoute.register.path
        let filters = ["status": filter.status?.rawValue ?? "", "min_residual": filter.minimumResidual?.rawValue ?? ""]
        return RiskViews.Register(page: page, links: ListLinks(path: path, filters: filters, listing: listing, defaultSort: .inherent, defaultDescending: true),
                                  filter: filter, inherent: try await req.reads.risks.heatMap(residual: false, systemID: system?.id),
                                  residual: try await req.reads.risks.heatMap(residual: true, systemID: system?.id), systemNames: names)
    }

    func system(_ req: Request) async throws -> Response {
        try await systemPage(req, form: nil)
    }

    private func systemPage(_ req: Request, form: FormState?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        return RiskViews.register(PageContext(req), try await Self.register(req, system: system), system: system,
                                  form: form ?? FormState(values: ["scale": "2", "scope": "2", "irremediability": "2", "likelihood": "2"]),
                                  status: status)
    }

    func create(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let risk = try await req.writes.risks.create(systemID: req.id("systemID"), Self.input(form), reason: form.optional("reason"),
                                                         user: req.actor)
            try await req.flash(req.t("flash.created"))
            return req.redirect(to: RiskRoute.risk(.init(risk.id)).path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            form.show(error, req.t)
            return try await systemPage(req, form: form, status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    static func input(_ form: FormState) throws -> RiskInput {
        try RiskInput.validate(.init(title: form["title"], description: form["description"], affectedPeople: form["affected_people"],
                                     ownerID: form.optional("owner_id"), status: form.optional("status"),
                                     rights: form.all("rights"), scale: Int(form["scale"]), scope: Int(form["scope"]),
                                     irremediability: Int(form["irremediability"]), likelihood: Int(form["likelihood"])))
    }

    func risk(_ req: Request) async throws -> Response {
        try await riskPage(req, error: nil)
    }

    private func riskPage(_ req: Request, error: RinriError?) async throws -> Response {
        let risk = try await req.reads.risks.record(req.id("riskID"))
        let system = try await req.reads.inventory.system(risk.systemID)
        return RiskViews.detail(PageContext(req), risk: risk, system: system, users: try await req.reads.users.list(),
                                evidence: try await req.reads.evidence.list(of: system.id), error: error,
                                status: error.map { ErrorRenderingMiddleware.status(of: $0.kind) } ?? .ok)
    }

    func update(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        return try await change(req) {
            _ = try await req.writes.risks.update(req.id("riskID"), Self.input(form), version: try form.version(),
                                                  reason: form.optional("reason"), user: req.actor)
        }
    }

    func addCountermeasure(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        return try await change(req) {
            _ = try await req.writes.risks.addCountermeasure(to: req.id("riskID"), Self.countermeasure(form), user: req.actor)
        }
    }

    func updateCountermeasure(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        return try await change(req) {
            _ = try await req.writes.risks.updateCountermeasure(req.id("countermeasureID"), of: req.id("riskID"), Self.countermeasure(form),
                                                                version: try form.version(), user: req.actor)
        }
    }

    func verifyCountermeasure(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        return try await change(req) {
            _ = try await req.writes.risks.verifyCountermeasure(req.id("countermeasureID"), of: req.id("riskID"), version: try form.version(),
                                                                note: form.optional("note"), user: req.actor)
        }
    }

    /// A countermeasure from its form (the evidence list is a multiple select).
    static func countermeasure(_ form: FormState) throws -> CountermeasureInput {
        try CountermeasureInput.validate(title: form["title"], ownerID: form.optional("owner_id"), dueDate: form.optional("due_date"),
                                         status: form.optional("status"), effect: form.optional("effect"),
                                         evidenceIDs: form.all("evidence_ids"))
    }

    private func change(_ req: Request, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: RiskRoute.risk(.init(try req.id("riskID"))).path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            return try await riskPage(req, error: error)
        }
    }
}

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
        let risks = try await req.reads.risks.records()
        let names = try await req.reads.assessments.systemNames()
        return RiskViews.register(PageContext(req), risks: risks, systemNames: Dictionary(uniqueKeysWithValues: names.map { ($0.key.uuidString, $0.value) }),
                                  system: nil, form: nil)
    }

    func system(_ req: Request) async throws -> Response {
        try await systemPage(req, form: nil)
    }

    private func systemPage(_ req: Request, form: FormState?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let risks = try await req.reads.risks.records(systemID: system.id)
        return RiskViews.register(PageContext(req), risks: risks, systemNames: [system.id: system.value.name], system: system,
                                  form: form ?? FormState(values: ["scale": "2", "scope": "2", "irremediability": "2", "likelihood": "2"]),
                                  status: status)
    }

    func create(_ req: Request) async throws -> Response {
        var form = try FormState.posted(req)
        do {
            let risk = try await req.writes.risks.create(systemID: req.id("systemID"), Self.input(req, form), reason: form.optional("reason"),
                                                         user: req.actor)
            req.session.data["flash"] = req.t("flash.created")
            return req.redirect(to: RiskRoute.risk(.init(risk.id)).path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            form.show(error, req.t)
            return try await systemPage(req, form: form, status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    static func input(_ req: Request, _ form: FormState) throws -> RiskInput {
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
            _ = try await req.writes.risks.update(req.id("riskID"), Self.input(req, form), version: try form.version(),
                                                  reason: form.optional("reason"), user: req.actor)
        }
    }

    func addCountermeasure(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        return try await change(req) {
            _ = try await req.writes.risks.addCountermeasure(to: req.id("riskID"), Self.countermeasure(req, form), user: req.actor)
        }
    }

    func updateCountermeasure(_ req: Request) async throws -> Response {
        let form = try FormState.posted(req)
        return try await change(req) {
            _ = try await req.writes.risks.updateCountermeasure(req.id("countermeasureID"), of: req.id("riskID"), Self.countermeasure(req, form),
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
    static func countermeasure(_ req: Request, _ form: FormState) throws -> CountermeasureInput {
        try CountermeasureInput.validate(title: form["title"], ownerID: form.optional("owner_id"), dueDate: form.optional("due_date"),
                                         status: form.optional("status"), effect: form.optional("effect"),
                                         evidenceIDs: form.all("evidence_ids"))
    }

    private func change(_ req: Request, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            req.session.data["flash"] = req.t("flash.saved")
            return req.redirect(to: RiskRoute.risk(.init(try req.id("riskID"))).path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            return try await riskPage(req, error: error)
        }
    }
}

/// Risk tables, the register with its heat maps, and one risk's page.
enum RiskViews {
    static func table(_ t: Localizer, _ risks: [RiskRecord], names: [String: String]) -> Node {
        el("table") {
            el("thead") {
                el("tr") {
                    if !names.isEmpty { el("th", text: t("field.system")) }
                    for key in ["field.title", "gov.severity", "heatmap.likelihood", "gov.inherent", "gov.residual", "gov.countermeasures", "gov.status"] {
                        el("th", text: t(key))
                    }
                }
            }
            el("tbody") {
                for risk in risks {
                    el("tr") {
                        if !names.isEmpty { el("td", text: names[risk.systemID] ?? "—") }
                        el("td") {
                            el("a", ["href": RiskRoute.risk(.init(risk.id)).path], text: risk.risk.title)
                            if risk.flaggedForReview { " "; el("span", ["class": "badge todo"], text: t("gov.flagged")) }
                        }
                        let s = risk.risk.severity
                        el("td", text: "\(s.scale)/\(s.scope)/\(s.irremediability)")
                        el("td", text: String(risk.risk.likelihood))
                        el("td") { el("span", ["class": "badge level-\(risk.inherentLevel.rawValue)"], text: t.label("risk.level", risk.inherentLevel)) }
                        el("td") { el("span", ["class": "badge level-\(risk.residualLevel.rawValue)"], text: t.label("risk.level", risk.residualLevel)) }
                        el("td", text: "\(risk.counting.count) / \(risk.countermeasures.count)"
                           + (risk.unverified.isEmpty ? "" : " " + t("gov.awaiting_count", ["count": String(risk.unverified.count)])))
                        el("td", text: t.label("risk_status", risk.risk.status))
                    }
                }
            }
        }
    }

    static func heatMaps(_ t: Localizer, _ risks: [RiskRecord]) -> Node {
        el("div", ["class": "heatmaps"]) {
            for residual in [false, true] {
                el("figure") {
                    Node.raw(RiskHeatMapSVG.render(HeatMapResponse.map(risks, residual: residual), labels: HeatMapResponse.labels(t, residual: residual)))
                }
            }
        }
    }

    static func register(_ ctx: PageContext, risks: [RiskRecord], systemNames: [String: String], system: Stored<AISystemInput>?,
                         form: FormState?, status: HTTPResponseStatus = .ok) -> Response {
        let t = ctx.t
        let title = system.map { t("gov.register_of", ["system": $0.value.name]) } ?? t("gov.register")
        return Layout.render(ctx, title: title, status: status) {
            if let system {
                el("p") {
                    el("a", ["href": InventoryRoute.system(.init(system.id)).path], text: t("gov.back_to_system"))
                    " · "
                    el("a", ["href": AssessmentRoute.list(system: .init(system.id)).path], text: t("nav.assessments"))
                }
            }
            el("p", ["class": "hint"], text: t("gov.register_hint"))
            heatMaps(t, risks)
            if risks.isEmpty { el("p", ["class": "empty"], text: t("gov.no_risks")) } else {
                table(t, risks, names: system == nil ? systemNames : [:])
            }
            if let system, let form, ctx.user?.can(.writeRisks) == true {
                RiskForm.render(ctx, form: form, action: RiskRoute.systemNew(.init(system.id)), users: [], title: t("gov.new_risk"))
            }
        }
    }

    static func detail(_ ctx: PageContext, risk: RiskRecord, system: Stored<AISystemInput>, users: [UserAccount],
                       evidence: [Stored<EvidenceInput>], error: RinriError?, status: HTTPResponseStatus) -> Response {
        let t = ctx.t
        let names = Dictionary(users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return Layout.render(ctx, title: risk.risk.title, status: status) {
            if let error { ErrorNote.render(t, error) }
            el("p") { el("a", ["href": RiskRoute.system(.init(system.id)).path], text: t("gov.register_of", ["system": system.value.name])) }
            if risk.flaggedForReview { el("p", ["class": "flash"], text: t("gov.flagged_hint")) }
            let residual = risk.residual
            el("dl", ["class": "facts"]) {
                for (key, value) in [("gov.severity", "\(risk.risk.severity.scale)/\(risk.risk.severity.scope)/\(risk.risk.severity.irremediability)"),
                                     ("heatmap.likelihood", String(risk.risk.likelihood)),
                                     ("gov.inherent", t.label("risk.level", risk.inherentLevel)),
                                     ("gov.residual_detail", "\(residual.severity.scale)/\(residual.severity.scope)/\(residual.severity.irremediability) × \(residual.likelihood)"),
                                     ("gov.residual", t.label("risk.level", risk.residualLevel)),
                                     ("gov.rights", risk.risk.rights.map { t.label("right", $0) }.joined(separator: ", ")),
                                     ("field.owner", risk.risk.ownerID.flatMap { names[$0] } ?? "—"),
                                     ("gov.origin", risk.origin.map { "\($0.templateID) / \($0.questionID)" } ?? t("gov.entered_by_hand"))] {
                    el("div") { el("dt", text: t(key)); el("dd", text: value) }
                }
            }
            CountermeasureViews.list(ctx, risk: risk, users: users, evidence: evidence)
            if ctx.user?.can(.writeRisks) == true {
                RiskForm.render(ctx, form: RiskForm.state(of: risk), action: RiskRoute.risk(.init(risk.id)), users: users, title: t("gov.edit_risk"))
            }
        }
    }
}

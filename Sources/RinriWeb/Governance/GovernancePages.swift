import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// Governance set-up: bodies and members, the approval policy, principles, check-sheet templates.
struct GovernancePages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, GovernanceRoute.overview, access: .permission(.readGovernance), use: overview)
        web.on(.POST, GovernanceRoute.bodies, access: .permission(.manageGovernance), use: saveBody)
        web.on(.POST, GovernanceRoute.body(.parameter), access: .permission(.manageGovernance), use: saveBody)
        web.on(.POST, GovernanceRoute.appoint(.parameter), access: .permission(.manageGovernance), use: appoint)
        web.on(.POST, GovernanceRoute.removeMember(.parameter, user: .parameter), access: .permission(.manageGovernance), use: remove)
        web.on(.POST, GovernanceRoute.policy, access: .permission(.manageGovernance), use: setPolicy)
        web.on(.POST, GovernanceRoute.principle(.parameter), access: .permission(.manageGovernance), use: revisePrinciple)
        web.on(.GET, GovernanceRoute.templates, access: .permission(.readGovernance), use: templates)
        web.on(.POST, GovernanceRoute.templates, access: .permission(.manageGovernance), body: .collect(maxSize: "2mb"), use: importTemplate)
        web.on(.GET, GovernanceRoute.templateExport(.parameter), access: .permission(.readGovernance), use: export)
    }

    func overview(_ req: Request) async throws -> Response {
        try await render(req, policyText: nil, error: nil)
    }

    private func render(_ req: Request, policyText: String?, error: RinriError?) async throws -> Response {
        let store = req.reads.governance
        let policy = try await store.approvalPolicy()
        return GovernanceViews.overview(PageContext(req), bodies: try await store.bodies(),
                                             policy: policy.policy, policyYAML: policyText ?? policy.yaml, policyVersion: policy.version,
                                             principles: try await store.principles(), error: error,
                                             status: error.map { ErrorRenderingMiddleware.status(of: $0.kind) } ?? .ok)
    }

    /// Creates a body, or edits the body named in the path (its key stays).
    func saveBody(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        let key = req.parameters.get("key")
        do {
            let input = try GovernanceBodyInput.validate(key: key ?? fields.value("key"), kind: fields.value("kind"), nameEN: fields.value("name_en"),
                                                         nameJA: fields.value("name_ja"), mandateEN: fields.value("mandate_en"),
                                                         mandateJA: fields.value("mandate_ja"), reportsTo: fields.value("reports_to"))
            if let key {
                _ = try await req.writes.governance.updateBody(key: key, input, version: try fields.version(), context: req.actor)
            } else {
                _ = try await req.writes.governance.createBody(input, context: req.actor)
            }
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: GovernanceRoute.overview.path + "#body-\(input.key)", redirectType: .normal)
        } catch let error as RinriError {
            return try await render(req, policyText: nil, error: error)
        }
    }

    func appoint(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        do {
            var v = Validator()
            let role = v.choice(fields.value("role"), field: "role", as: MemberRole.self)
            let email = v.text(fields.value("email"), field: "email", max: 320)
            try v.check()
            guard let user = try await req.reads.users.account(email: email) else {
                throw RinriError.invalid(field: "email", code: "unknown_user", message: "no user has the e-mail address \(email)")
            }
            _ = try await req.writes.governance.appoint(userID: user.id, to: req.id("key"), role: role!, context: req.actor)
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: GovernanceRoute.overview.path, redirectType: .normal)
        } catch let error as RinriError {
            return try await render(req, policyText: nil, error: error)
        }
    }

    func remove(_ req: Request) async throws -> Response {
        _ = try await req.writes.governance.removeMember(userID: req.id("userID"), from: req.id("key"), context: req.actor)
        try await req.flash(req.t("flash.saved"))
        return req.redirect(to: GovernanceRoute.overview.path, redirectType: .normal)
    }

    func setPolicy(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        let yaml = fields["yaml"]
        do {
            _ = try await req.writes.governance.setApprovalPolicy(yaml: yaml, version: try fields.version(), context: req.actor)
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: GovernanceRoute.overview.path + "#policy", redirectType: .normal)
        } catch let error as RinriError {
            return try await render(req, policyText: yaml, error: error)
        }
    }

    func revisePrinciple(_ req: Request) async throws -> Response {
        let fields = try FormState.posted(req)
        do {
            let dto = API.PrincipleDTO(id: nil, version: fields.value("version"), source: fields.value("source"), titleEn: fields.value("title_en"),
                                       titleJa: fields.value("title_ja"), summaryEn: fields.value("summary_en"), summaryJa: fields.value("summary_ja"),
                                       frameworks: fields.list("frameworks"))
            _ = try await req.writes.governance.revisePrinciple(dto.validated(code: req.id("code")), context: req.actor)
            try await req.flash(req.t("flash.saved"))
            return req.redirect(to: GovernanceRoute.overview.path, redirectType: .normal)
        } catch let error as RinriError where error.kind != .notFound {
            return try await render(req, policyText: nil, error: error)
        }
    }

    func templates(_ req: Request) async throws -> Response {
        try await renderTemplates(req, yaml: "", problems: [], status: .ok)
    }

    private func renderTemplates(_ req: Request, yaml: String, problems: [String], status: HTTPResponseStatus) async throws -> Response {
        GovernanceViews.templates(PageContext(req), templates: try await req.reads.templates.list(), yaml: yaml,
                                       problems: problems, status: status)
    }

    struct ImportForm: Content {
        var yaml: String?
        var file: File?
    }

    func importTemplate(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ImportForm.self)
        var yaml = form.yaml ?? ""
        var fileName: String?
        if let file = form.file, file.data.readableBytes > 0 {
            yaml = String(decoding: Data(file.data.readableBytesView), as: UTF8.self)
            fileName = file.filename.isEmpty ? nil : file.filename
        }
        guard !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await renderTemplates(req, yaml: yaml, problems: [req.t("gov.import_empty")], status: .unprocessableEntity)
        }
        do {
            let result = try await TemplateImport.run(yaml: yaml, fileName: fileName, store: req.writes.templates, context: req.actor)
            try await req.flash(req.t("gov.imported", ["id": result.summary.templateID, "version": result.summary.version]))
            return req.redirect(to: GovernanceRoute.templates.path, redirectType: .normal)
        } catch let error as RinriError {
            let problems = error.issues.isEmpty ? [req.t.message(for: error)] : error.issues.map(\.message)
            return try await renderTemplates(req, yaml: yaml, problems: problems, status: ErrorRenderingMiddleware.status(of: error.kind))
        }
    }

    func export(_ req: Request) async throws -> Response {
        let id = try req.id("templateID")
        let version = req.query[String.self, at: "version"]
        let yaml = try await req.reads.templates.yaml(id, version: version)
        let response = Response(status: .ok, body: .init(string: yaml))
        response.headers.replaceOrAdd(name: HTTPHeaders.Name.contentType, value: "application/yaml; charset=utf-8")
        let safe = id.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        response.headers.replaceOrAdd(name: "Content-Disposition", value: "attachment; filename=\"\(safe).yaml\"")
        return response
    }
}

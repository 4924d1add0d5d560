import FluentKit
import Foundation
import RinriCore
import RinriWire
import RinriApplication
import Vapor

/// `/api/v1/governance/*`, `/api/v1/principles`, `/api/v1/check-sheets`, `/api/v1/framework-changes`.
struct GovernanceAPI: RouteHandlers {
    func register(_ app: any RoutesBuilder) {
        app.on(.GET, GovernanceRoute.apiBodies, access: .permission(.readGovernance), use: bodies)
        app.on(.POST, GovernanceRoute.apiBodies, access: .permission(.manageGovernance), use: createBody)
        app.on(.PUT, GovernanceRoute.apiBody(.parameter), access: .permission(.manageGovernance), use: updateBody)
        app.on(.PUT, GovernanceRoute.apiMember(.parameter, user: .parameter), access: .permission(.manageGovernance), use: appoint)
        app.on(.DELETE, GovernanceRoute.apiMember(.parameter, user: .parameter), access: .permission(.manageGovernance), use: removeMember)
        app.on(.GET, GovernanceRoute.apiPolicy, access: .permission(.readGovernance), use: policy)
        app.on(.PUT, GovernanceRoute.apiPolicy, access: .permission(.manageGovernance), use: setPolicy)
        app.on(.GET, GovernanceRoute.apiPrinciples, access: .permission(.readGovernance), use: principles)
        app.on(.PUT, GovernanceRoute.apiPrinciple(.parameter), access: .permission(.manageGovernance), use: revisePrinciple)
        app.on(.GET, GovernanceRoute.apiTemplates, access: .permission(.readGovernance), use: templates)
        app.on(.POST, GovernanceRoute.apiTemplates, access: .permission(.manageGovernance), body: .collect(maxSize: "2mb"), use: importTemplate)
        app.on(.GET, GovernanceRoute.apiTemplate(.parameter), access: .permission(.readGovernance), use: exportTemplate)
        app.on(.POST, GovernanceRoute.apiFrameworkChanges, access: .permission(.manageGovernance), use: frameworkChange)
    }

    func bodies(_ req: Request) async throws -> [API.BodyDTO] {
        try await req.reads.governance.bodies().map(API.BodyDTO.init)
    }

    func createBody(_ req: Request) async throws -> Response {
        let input = try req.content.decode(API.BodyInputDTO.self).validated()
        let body = try await req.writes.governance.createBody(input, context: req.actor)
        return try await API.BodyDTO(body).encodeResponse(status: .created, for: req)
    }

    func updateBody(_ req: Request) async throws -> API.BodyDTO {
        let dto = try req.content.decode(API.BodyInputDTO.self)
        let key = try req.id("key")
        // a key sent in the body reaches the service, which refuses a change of key
        return API.BodyDTO(try await req.writes.governance.updateBody(key: key, dto.validated(key: dto.key ?? key),
                                                                      version: requireVersion(dto.version), context: req.actor))
    }

    func appoint(_ req: Request) async throws -> API.BodyDTO {
        var v = Validator()
        let role = v.choice(try req.content.decode(API.AppointDTO.self).role, field: "role", as: MemberRole.self)
        try v.check()
        return API.BodyDTO(try await req.writes.governance.appoint(userID: req.id("userID"), to: req.id("key"), role: role!,
                                                                   context: req.actor))
    }

    func removeMember(_ req: Request) async throws -> HTTPStatus {
        _ = try await req.writes.governance.removeMember(userID: req.id("userID"), from: req.id("key"), context: req.actor)
        return .noContent
    }

    func policy(_ req: Request) async throws -> API.PolicyDTO {
        let current = try await req.reads.governance.approvalPolicy()
        return API.PolicyDTO(current.policy, yaml: current.yaml, version: current.version)
    }

    func setPolicy(_ req: Request) async throws -> API.PolicyDTO {
        let dto = try req.content.decode(API.PolicyInputDTO.self)
        _ = try await req.writes.governance.setApprovalPolicy(yaml: dto.yaml ?? "", version: requireVersion(dto.version), context: req.actor)
        return try await policy(req)
    }

    func principles(_ req: Request) async throws -> [API.PrincipleDTO] {
        let history = req.query[String.self, at: "history"] == "true"
        return try await req.reads.governance.principles(history: history).map(API.PrincipleDTO.init)
    }

    func revisePrinciple(_ req: Request) async throws -> API.PrincipleDTO {
        let principle = try req.content.decode(API.PrincipleDTO.self).validated(code: req.id("code"))
        return API.PrincipleDTO(try await req.writes.governance.revisePrinciple(principle, context: req.actor))
    }

    func templates(_ req: Request) async throws -> [API.TemplateSummaryDTO] {
        let active = req.query[String.self, at: "active"] == "true"
        return try await req.reads.templates.list(activeOnly: active).map(API.TemplateSummaryDTO.init)
    }

    /// Accepts the YAML as the body (`application/yaml`, `text/yaml`, `text/plain`) or as JSON `{"yaml": …, "file_name": …}`.
    func importTemplate(_ req: Request) async throws -> Response {
        let yaml: String
        var fileName = req.query[String.self, at: "file_name"]
        if req.headers.contentType == .json {
            let dto = try req.content.decode(API.TemplateImportDTO.self)
            yaml = dto.yaml ?? ""
            fileName = dto.fileName ?? fileName
        } else {
            yaml = req.body.string ?? ""
        }
        guard !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RinriError.invalid(field: "yaml", code: "required", message: "send the template's YAML")
        }
        let result = try await TemplateImport.run(yaml: yaml, fileName: fileName, store: req.writes.templates, context: req.actor)
        return try await API.ImportResultDTO(template: .init(result.summary), warnings: result.warnings.map(\.description))
            .encodeResponse(status: .created, for: req)
    }

    func exportTemplate(_ req: Request) async throws -> Response {
        let yaml = try await req.reads.templates.yaml(req.id("templateID"), version: req.query[String.self, at: "version"])
        let response = Response(status: .ok, body: .init(string: yaml))
        response.headers.replaceOrAdd(name: HTTPHeaders.Name.contentType, value: "application/yaml; charset=utf-8")
        return response
    }

    func frameworkChange(_ req: Request) async throws -> Response {
        let dto = try req.content.decode(API.FrameworkChangeDTO.self)
        let reopened = try await req.writes.assessments.recordFrameworkChange(ref: dto.ref ?? "", summary: dto.summary ?? "", user: req.actor)
        return try await API.ReopenedDTO(reopened: reopened).encodeResponse(status: .created, for: req)
    }

}

/// Turns lint errors of an import into a 422 whose issues are `file:line: message` lines.
enum TemplateImport {
    static func run(yaml: String, fileName: String?, store: TemplateService, context: Actor) async throws -> (summary: TemplateSummary, warnings: [LintProblem]) {
        do {
            return try await store.importTemplate(yaml: yaml, fileName: fileName, context: context)
        } catch let error as CheckSheetLintError {
            let errors = error.problems.filter { $0.severity == .error }
            throw RinriError(kind: .invalid, code: "invalid_template",
                             message: errors.map(\.description).joined(separator: "\n"), field: "yaml",
                             issues: errors.map { FieldIssue(field: "line \($0.line)", code: "lint", message: $0.description) })
        }
    }
}

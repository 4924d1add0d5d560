import Foundation
import RinriCore
import RinriTesting
@testable import RinriWeb
import Testing
import Vapor

/// Walks every registered route with every role: allowed or denied, as this table says.
@Suite("Permission matrix")
struct PermissionMatrixTests {
    /// Who may reach each group of routes, written out here independently of the code's policy table.
    static let readers: Set<Role> = [.admin, .governanceOffice, .committeeChair, .committeeMember, .projectOwner, .reviewer, .auditor]
    static let writers: Set<Role> = [.admin, .governanceOffice, .projectOwner]
    static let unitManagers: Set<Role> = [.admin, .governanceOffice]
    static let auditReaders: Set<Role> = [.admin, .governanceOffice, .auditor]
    static let userReaders: Set<Role> = [.admin, .governanceOffice, .auditor]
    static let everyone = Set(Role.allCases)
    static let governanceReaders = readers.union([.councilMember])
    static let governanceManagers: Set<Role> = [.admin, .governanceOffice]
    static let assessmentWorkers: Set<Role> = [.admin, .governanceOffice, .committeeChair, .committeeMember, .projectOwner, .reviewer]
    static let riskWriters: Set<Role> = [.admin, .governanceOffice, .committeeChair, .projectOwner]

    /// Governance workflow routes: reading is wide, writing depends on the area.
    static func governance(_ method: HTTPMethod, _ path: String) -> Set<Role>? {
        let parts = Set(path.split(separator: "/").map(String.init))
        let areas: Set<String> = ["governance", "principles", "check-sheets", "framework-changes", "coverage", "assessments", "gate",
                                  "reassessments", "risks", "actions", "queue", "register", "agenda"]
        guard !parts.isDisjoint(with: areas) else { return nil }
        if parts.contains("queue") || parts.contains("agenda") { return assessmentWorkers }
        let isForm = path.hasSuffix("/new") || path.hasSuffix("/edit") || path.hasSuffix("/import")
        if method == .GET && !isForm { return governanceReaders }
        if !parts.isDisjoint(with: ["governance", "principles", "check-sheets", "framework-changes"]) { return governanceManagers }
        // verifying a countermeasure is a step of the second line (the office or a committee chair), checked per case
        if parts.contains("risks") && !parts.contains("verify") { return riskWriters }
        return assessmentWorkers
    }

    /// The roles allowed on a route, or nil when the route is public.
    static func expected(_ method: HTTPMethod, _ path: String) -> Set<Role>? {
        let key = "\(method.rawValue) \(path)"
        switch key {
        case "GET /health", "GET /static/rinri.css", "GET /static/rinri.js", "GET /favicon.ico", "GET /api/v1/openapi.json", "POST /api/v1/auth/login",
             "GET /", "GET /login", "POST /login", "POST /logout", "POST /language", "GET /auth/oidc/start", "GET /auth/oidc/callback":
            return nil
        case "GET /api/v1/me", "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/:tokenID",
             "GET /account", "POST /account/password", "POST /account/tokens", "POST /account/tokens/:tokenID/revoke",
             "POST /account/logout-everywhere":
            return everyone
        case "GET /api/v1/audit", "GET /api/v1/audit/verify", "GET /audit": return auditReaders
        case "GET /api/v1/users", "GET /users": return userReaders
        case "POST /api/v1/users", "POST /users", "PUT /api/v1/users/:userID", "GET /users/:userID/edit", "POST /users/:userID/edit", "POST /users/:userID/reset-password":
            return [.admin]
        default: break
        }
        if let roles = governance(method, path) { return roles }
        if path.contains("org-units") {
            if method == .GET && !path.hasSuffix("/new") && !path.hasSuffix("/edit") { return readers }
            return unitManagers
        }
        if path.contains("systems") {
            if method == .GET && !path.hasSuffix("/new") && !path.hasSuffix("/edit") { return readers }
            if path.hasSuffix("/evidence/upload") { return writers }
            return writers
        }
        return []  // unknown route: the test fails below
    }

    static func concrete(_ route: Route) -> String {
        "/" + route.path.map { component -> String in
            if case .parameter = component { return UUID().uuidString }
            return component.description
        }.joined(separator: "/")
    }

    @Test func everyRouteStatesWhoMayUseIt() async throws {
        try await TestApp.with(.sqlite) { t in
            for route in t.app.routes.all {
                let path = "/" + route.path.map(\.description).joined(separator: "/")
                #expect(route.access != nil, "\(route.method) \(path) does not state its access")
                #expect(Self.expected(route.method, path) != [], "\(route.method) \(path) is missing from the matrix")
            }
        }
    }

    @Test func everyRoleOnEveryRoute() async throws {
        try await TestApp.with(.sqlite) { t in
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await t.token(role) }
            var checked = 0
            for route in t.app.routes.all {
                let template = "/" + route.path.map(\.description).joined(separator: "/")
                guard let allowed = Self.expected(route.method, template) else { continue }
                let path = Self.concrete(route)
                let isAPI = template.hasPrefix("/api/")
                let body: Any? = route.method == .GET || route.method == .DELETE ? nil : [String: String]()

                // anonymous callers are refused
                let anonymous = try await t.request(route.method, path, json: body)
                if isAPI {
                    #expect(anonymous.status == .unauthorized, "anonymous \(route.method) \(template): \(anonymous.status)")
                    #expect(anonymous.errorCode == "unauthenticated")
                } else {
                    #expect(anonymous.status == .seeOther || anonymous.status == .forbidden,
                            "anonymous \(route.method) \(template): \(anonymous.status)")
                }
                for role in Role.allCases {
                    let response = try await t.request(route.method, path, token: tokens[role], json: body)
                    if allowed.contains(role) {
                        #expect(response.status != .forbidden && response.status != .unauthorized,
                                "\(role) must pass \(route.method) \(template), got \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(role) must be refused \(route.method) \(template), got \(response.status)")
                    }
                    checked += 1
                }
            }
            #expect(checked > 400)
        }
    }
}

@Suite("OpenAPI description")
struct OpenAPITests {
    @Test func everyAPIRouteIsDescribed() async throws {
        try await TestApp.with(.sqlite) { t in
            let response = try await t.request(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.json["openapi"] as? String == "3.1.0")
            let paths = try #require(response.json["paths"] as? [String: [String: Any]])
            var described = 0
            for route in t.app.routes.all {
                let components = route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }
                let path = "/" + components.joined(separator: "/")
                guard path.hasPrefix("/api/") else { continue }
                let method = route.method.rawValue.lowercased()
                #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is missing from openapi.json")
                described += 1
            }
            #expect(described >= 30)
            // and nothing is described that is not served
            let served = Set(t.app.routes.all.map { route in
                route.method.rawValue.lowercased() + " /" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            })
            for (path, operations) in paths {
                for method in operations.keys { #expect(served.contains("\(method) \(path)"), "\(method) \(path) is described but not served") }
            }
            let schemas = try #require((response.json["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for (_, operations) in paths {
                for (_, operation) in operations {
                    let text = String(describing: operation)
                    for ref in text.components(separatedBy: "#/components/schemas/").dropFirst() {
                        let name = String(ref.prefix { $0.isLetter })
                        #expect(schemas[name] != nil, "schema \(name) is referenced but not defined")
                    }
                }
            }
        }
    }
}

import Foundation
import RinriCore
import RinriTesting
@testable import RinriWeb
import Testing
import Vapor

/// One route vocabulary: each feature's route enum registers its routes and builds its links.
@Suite("Routes")
struct RouteTests {
    /// Every route of every feature, as `/a/:param/b` templates.
    static var declared: [String] {
        let all: [[any SiteRoute]] = [AppRoute.all, AccountRoute.all, AuditRoute.all, InventoryRoute.all, EvidenceRoute.all,
                                      GovernanceRoute.all, CoverageRoute.all, AssessmentRoute.all, RiskRoute.all]
        return all.flatMap { $0.map(\.path) }.map { $0.split(separator: "?").first.map(String.init) ?? $0 }
    }

    static func template(_ route: Route) -> String {
        "/" + route.path.map { component -> String in
            if case .parameter(let name) = component { return ":" + name }
            return component.description
        }.joined(separator: "/")
    }

    @Test func everyDeclaredRouteIsRegisteredAndEveryRegisteredRouteIsDeclared() async throws {
        try await TestApp.with(.sqlite) { t in
            let registered = Set(t.app.routes.all.map(Self.template))
            let declared = Self.declared
            #expect(Set(declared).count == declared.count, "a route is declared twice")
            for path in declared { #expect(registered.contains(path), "\(path) is declared but not registered") }
            for path in registered { #expect(declared.contains(path), "\(path) is registered outside the route enums") }
            #expect(declared.count > 100)
        }
    }

    @Test func linksFillInIdsAndQueriesAndPlaceholdersRegister() {
        let system = SystemID("5F0A")
        #expect(InventoryRoute.systemEdit(system).path == "/systems/5F0A/edit")
        #expect(InventoryRoute.systemEdit(.parameter).path == "/systems/:systemID/edit")
        #expect(InventoryRoute.systemEdit(.parameter).pathComponents.map(\.description) == ["systems", ":systemID", "edit"])
        #expect(InventoryRoute.systems(query: ["q": "face & voice", "phase": ""]).path == "/systems?q=face%20%26%20voice")
        #expect(AssessmentRoute.sheet(.init("A1"), template: .init("jp-aigl")).path == "/assessments/A1/sheets/jp-aigl")
        #expect(AccountRoute.login(next: "//evil.example").path == "/login", "a redirect off the site is dropped")
        #expect(AccountRoute.login(next: "/systems?q=x").path == "/login?next=/systems%3Fq%3Dx")
    }
}

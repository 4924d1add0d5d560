import Foundation
import RinriCore
import RinriTesting
import Testing

/// Every list of the API answers one page (`items`, `page`, `per_page`, `total`) and refuses a page size
/// past 200, an unknown order or a bad page number with 400 naming the parameter; the pages do the same.
@Suite("Paginated lists")
struct ListEndpointTests {
    static func lists(system: String) -> [String] {
        ["/api/v1/systems", "/api/v1/org-units", "/api/v1/users", "/api/v1/risks", "/api/v1/systems/\(system)/risks",
         "/api/v1/systems/\(system)/evidence", "/api/v1/systems/\(system)/assessments", "/api/v1/actions", "/api/v1/audit"]
    }

    @Test(arguments: TestDatabase.all)
    func everyListIsAPageAndRefusesBadPaging(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let office = try await t.token(.governanceOffice)
            let unit = try await InventoryAPITests.unit(t, office)
            var system = ""
            for n in 0..<3 {
                let created = try await t.request(.POST, "/api/v1/systems", token: office, json: InventoryAPITests.systemBody(unit: unit, name: "System \(n)"))
                system = try created.id()
            }
            for path in Self.lists(system: system) {
                let page = try await t.request(.GET, path + "?per_page=2", token: office)
                #expect(page.status == .ok, "\(path): \(page.body)")
                #expect(page.json["page"] as? Int == 1 && page.json["per_page"] as? Int == 2, "\(path)")
                let total = try #require(page.json["total"] as? Int, "\(path)")
                #expect(page.items.count == min(2, total), "\(path)")
                for (query, field) in [("per_page=201", "per_page"), ("per_page=0", "per_page"), ("page=0", "page"), ("page=x", "page")] {
                    let refused = try await t.request(.GET, path + "?" + query, token: office)
                    #expect(refused.status == .badRequest, "\(path)?\(query): \(refused.status)")
                    #expect((refused.json["error"] as? [String: Any])?["field"] as? String == field, "\(path)?\(query): \(refused.body)")
                }
            }
            // the second page holds the rest, and an unknown order is refused
            let second = try await t.request(.GET, "/api/v1/systems?per_page=2&page=2&sort=-name", token: office)
            #expect(second.items.compactMap { $0["name"] as? String } == ["System 0"] && second.json["total"] as? Int == 3)
            let badSort = try await t.request(.GET, "/api/v1/systems?sort=colour", token: office)
            #expect(badSort.status == .badRequest && (badSort.json["error"] as? [String: Any])?["field"] as? String == "sort")
        }
    }

    @Test func pagesShowAPagerAndSortableHeadersAndRefuseBadPaging() async throws {
        try await TestApp.with(.sqlite) { t in
            let office = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let unit = try await InventoryAPITests.unit(t, office.token)
            for n in 0..<3 {
                _ = try await t.request(.POST, "/api/v1/systems", token: office.token, json: InventoryAPITests.systemBody(unit: unit, name: "System \(n)"))
            }
            let browser = Browser(t)
            try await browser.login("office@example.com")
            let page = try await browser.get("/systems?per_page=2&sort=-name")
            #expect(page.status == .ok)
            #expect(page.body.contains("aria-sort=\"descending\"") && page.body.contains("rel=\"next\""))
            #expect(page.body.contains("System 2") && !page.body.contains("System 0"))
            #expect(try await browser.get("/systems?per_page=500").status == .badRequest)
            #expect(try await browser.get("/risks?min_residual=extreme").status == .badRequest)
        }
    }
}

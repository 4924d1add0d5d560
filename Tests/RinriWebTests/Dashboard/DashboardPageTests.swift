import Foundation
import RinriApplication
import RinriCore
import RinriTesting
import Testing

/// The landing page shows what needs attention, with the same numbers the full lists give.
@Suite("Dashboard")
struct DashboardPageTests {
    @Test func theDashboardCountsWhatTheListsShowOnTheDemoOrganisation() async throws {
        try await TestApp.with(.sqlite) { t in
            // given the demo organisation and a member of the governance office
            _ = try await DemoOrganisation.load(on: t.app.db)
            let office = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let browser = Browser(t)
            try await browser.login("office@example.com")
            // when
            let page = try await browser.get("/")
            // then: a dashboard, not a redirect to a list
            #expect(page.status == .ok)
            #expect(page.body.contains("class=\"cards\"") && page.body.contains("What needs attention"))
            // the number of open high and critical risks is the register's own count for that filter
            let register = try await t.request(.GET, "/api/v1/risks?min_residual=high&per_page=1", token: office.token)
            let total = try #require(register.json["total"] as? Int)
            let counted = try await RiskQueries(t.app.db).page(RiskFilter(minimumResidual: .high, counted: true), Listing(perPage: 1, sort: .created)).total
            #expect(counted <= total && page.body.contains("<p class=\"metric\">\(counted)</p>"))
            // the inventory by phase links to the filtered lists
            #expect(page.body.contains("/systems?phase=planning"))
            // and the page is the same in Japanese
            let japanese = Browser(t, acceptLanguage: "ja")
            try await japanese.login("office@example.com")
            #expect(try await japanese.get("/").body.contains("対応が必要なこと"))
        }
    }

    @Test func anEmptyInventoryOffersTheFirstStep() async throws {
        try await TestApp.with(.sqlite) { t in
            _ = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let browser = Browser(t)
            try await browser.login("office@example.com")
            let page = try await browser.get("/")
            #expect(page.status == .ok && page.body.contains("empty-state") && page.body.contains("rinri demo"))
        }
    }
}

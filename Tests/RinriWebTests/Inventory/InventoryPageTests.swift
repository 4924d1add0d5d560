import Foundation
import RinriCore
import RinriTesting
import Testing

/// The inventory pages apply the same rules as the API: the services refuse, the pages show why.
@Suite("Inventory pages")
struct InventoryPageTests {
    @Test func deletingAComponentFromItsPageChecksTheVersionItWasShownAt() async throws {
        try await TestApp.with(.sqlite) { t in
            // given: a model edited through the API after the page was shown
            let office = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let (_, system) = try await PageTests.seed(t, token: office.token)
            let model = try #require(try await t.request(.GET, "/api/v1/systems/\(system)/models", token: office.token).array.first)
            let id = try #require(model["id"] as? String)
            let browser = Browser(t)
            try await browser.login("office@example.com")
            let page = try await browser.get("/systems/\(system)")
            #expect(page.body.contains("name=\"version\" value=\"1\""))
            _ = try await t.request(.PUT, "/api/v1/systems/\(system)/models/\(id)", token: office.token,
                                    json: ["name": "M", "model_version": "2", "type": "other", "version": 1])
            // when: the delete posts the version the page showed
            let stale = try await browser.post("/systems/\(system)/models/\(id)/delete", ["version": "1"])
            // then: refused, nothing removed; with the current version it goes
            #expect(stale.status == .conflict)
            #expect(try await t.request(.GET, "/api/v1/systems/\(system)/models", token: office.token).array.count == 1)
            let current = try await browser.post("/systems/\(system)/models/\(id)/delete", ["version": "2"])
            #expect(current.status == .seeOther)
            #expect(try await t.request(.GET, "/api/v1/systems/\(system)/models", token: office.token).array.isEmpty)
        }
    }

    @Test func aScopedOwnerIsRefusedOnThePagesOfAnotherUnit() async throws {
        try await TestApp.with(.sqlite) { t in
            let office = try await t.token(.governanceOffice)
            let (unit, system) = try await PageTests.seed(t, token: office)
            let home = try await t.request(.POST, "/api/v1/org-units", token: office,
                                           json: ["name": "Home", "kind": "business_unit", "country": "JP"]).json["id"] as? String
            _ = try await t.user([RoleGrant(role: .projectOwner, orgUnitID: home)], email: "owner@example.com")
            let browser = Browser(t)
            try await browser.login("owner@example.com")
            let events = try await t.count("audit_events")
            #expect(try await browser.get("/systems/\(system)/edit").status == .forbidden)
            #expect(try await browser.get("/systems/\(system)/models/new").status == .forbidden)
            let added = try await browser.post("/systems/\(system)/models/new", ["name": "N", "model_version": "1", "type": "other"])
            #expect(added.status == .forbidden)
            #expect(added.body.contains("class=\"form-error\"") || added.body.contains("unit"))
            let moved = try await browser.post("/systems/new", ["name": "X", "purpose": "P", "org_unit_id": unit,
                                                                "lifecycle_phase": "planning", "status": "registered"])
            #expect(moved.status == .forbidden)
            #expect(try await t.count("audit_events") == events)
        }
    }

    @Test func openingAnAssessmentForAPhaseThatDoesNotExistIsRefusedNotIgnored() async throws {
        try await TestApp.with(.sqlite) { t in
            let office = try await t.user([RoleGrant(role: .governanceOffice)], email: "office@example.com")
            let (_, system) = try await PageTests.seed(t, token: office.token)
            let browser = Browser(t)
            try await browser.login("office@example.com")
            _ = try await browser.get("/systems/\(system)/assessments")
            let opened = try await browser.post("/systems/\(system)/assessments/new", ["phase": "afterlife"])
            #expect(opened.status == .seeOther)
            #expect(try await t.count("assessments") == 0)
            let list = try await browser.get("/systems/\(system)/assessments")
            #expect(list.body.contains("Choose one of the offered values."))
            // the API refuses the same value with the same code
            let api = try await t.request(.POST, "/api/v1/systems/\(system)/assessments", token: office.token, json: ["phase": "afterlife"])
            #expect(api.status == .unprocessableEntity)
            #expect(api.errorCode == "invalid_choice")
        }
    }
}

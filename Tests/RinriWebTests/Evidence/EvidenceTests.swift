import Foundation
import RinriCore
import RinriMetrics
import RinriTesting
import Testing

@Suite("Evidence")
struct EvidenceTests {
    static let csv = "sex,label,prediction\na,1,1\na,0,0\na,1,1\na,0,1\nb,1,1\nb,1,0\nb,0,0\nb,0,0\n"

    static func system(_ t: TestApp, _ token: String) async throws -> String {
        let office = try await t.token(.governanceOffice)
        let unit = try await t.request(.POST, "/api/v1/org-units", token: office,
                                       json: ["name": "Unit", "kind": "business_unit", "country": "JP"]).id()
        return try await t.request(.POST, "/api/v1/systems", token: token,
                                   json: ["name": "Screener", "purpose": "Screen CVs", "org_unit_id": unit]).id()
    }

    /// A report as `rinri assess fairness` writes it, computed by the engine on `csv`.
    static func report() throws -> [String: Any] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ev-\(UUID()).csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        let report = try FairnessAnalysis.run(source: .file(url.path), spec: FairnessSpec(
            labelColumn: "label", predictionColumn: "prediction", sensitiveColumns: ["sex"],
            checks: [try ThresholdExpression(parsing: "demographic_parity_ratio>=0.9")]))
        return try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
    }

    @Test(arguments: TestDatabase.all)
    func submittedReportsAreStoredAuditedAndReadBack(db: TestDatabase) async throws {
        try await TestApp.with(db) { t in
            let owner = try await t.token(.projectOwner)
            let system = try await Self.system(t, owner)
            let body: [String: Any] = ["kind": "fairness_report", "title": "CV screener fairness", "command": "rinri assess fairness --data cv.csv",
                                       "rinri_version": "0.1.0", "input_sha256": String(repeating: "ab", count: 32), "input_rows": 8,
                                       "report": try Self.report()]
            let created = try await t.request(.POST, "/api/v1/systems/\(system)/evidence", token: owner, json: body)
            #expect(created.status == .created, "\(created.body)")
            #expect(created.json["passed"] as? Bool == false)
            let id = try #require(created.json["id"] as? String)
            let read = try await t.request(.GET, "/api/v1/systems/\(system)/evidence/\(id)", token: try await t.token(.auditor))
            let report = try #require(read.json["report"] as? [String: Any])
            #expect(report["rows"] as? Int == 8)
            #expect((report["features"] as? [[String: Any]])?.first?["name"] as? String == "sex")
            #expect(try await t.auditEvents().contains { $0.record.entityType == "evidence" && $0.record.entityID == id })

            // bad submissions change nothing
            var bad = body
            bad["report"] = ["rows": "many"]
            let wrongReport = try await t.request(.POST, "/api/v1/systems/\(system)/evidence", token: owner, json: bad)
            #expect(wrongReport.status == .unprocessableEntity && wrongReport.errorField == "report")
            bad = body
            bad["input_sha256"] = "xyz"
            #expect(try await t.request(.POST, "/api/v1/systems/\(system)/evidence", token: owner, json: bad).errorField == "input_sha256")
            bad = body
            bad.removeValue(forKey: "report")
            #expect(try await t.request(.POST, "/api/v1/systems/\(system)/evidence", token: owner, json: bad).errorField == "report")
            #expect(try await t.request(.POST, "/api/v1/systems/\(UUID())/evidence", token: owner, json: body).status == .notFound)
            #expect(try await t.request(.GET, "/api/v1/systems/\(system)/evidence", token: owner).items.count == 1)
        }
    }

    @Test func anUploadedTableIsAssessedInTheBackgroundAndShown() async throws {
        try await TestApp.with(.sqlite) { t in
            let owner = try await t.user([RoleGrant(role: .projectOwner)], email: "po@example.com")
            let system = try await Self.system(t, owner.token)
            let browser = Browser(t)
            try await browser.login("po@example.com")
            _ = try await browser.get("/systems/\(system)")
            // a form with a missing column name is re-shown with the message
            let invalid = try await browser.upload("/systems/\(system)/evidence/upload", ["label": "label", "prediction": "", "sensitive": "sex"],
                                                   file: ("cv.csv", "file", Self.csv))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("id=\"e-prediction\""))
            // when
            let queued = try await browser.upload("/systems/\(system)/evidence/upload",
                                                  ["label": "label", "prediction": "prediction", "sensitive": "sex",
                                                   "checks": "demographic_parity_ratio>=0.3"],
                                                  file: ("cv.csv", "file", Self.csv))
            #expect(queued.status == .seeOther)
            let jobPage = try #require(queued.headers.first(name: .location))
            // then: the job page (which survives reloads) reaches done within a bounded wait
            var page = try await browser.get(jobPage)
            for _ in 0..<100 where !page.body.contains("/evidence/") {
                try await Task.sleep(for: .milliseconds(50))
                page = try await browser.get(jobPage)
            }
            let evidenceLink = try #require(page.body.range(of: #"/systems/[^"]+/evidence/[0-9A-F-]{36}"#, options: .regularExpression))
            let evidence = try await browser.get(String(page.body[evidenceLink]))
            #expect(evidence.status == .ok)
            #expect(evidence.body.contains("rinri assess fairness --data cv.csv"))
            let report = try await browser.get(String(page.body[evidenceLink]) + "/report")
            #expect(report.status == .ok)
            #expect(report.body.contains("<svg"))
            let stored = try await t.request(.GET, "/api/v1/systems/\(system)/evidence", token: owner.token).items
            #expect(stored.count == 1)
            #expect(stored.first?["input_sha256"] as? String == SHA256Hex.of(Data(Self.csv.utf8)))
            #expect(stored.first?["input_rows"] as? Int == 8)
            #expect(stored.first?["passed"] as? Bool == true)
        }
    }

    @Test func aFailingTableFailsTheJobWithTheReason() async throws {
        try await TestApp.with(.sqlite) { t in
            let owner = try await t.user([RoleGrant(role: .projectOwner)], email: "po@example.com")
            let system = try await Self.system(t, owner.token)
            let browser = Browser(t)
            try await browser.login("po@example.com")
            _ = try await browser.get("/systems/\(system)")
            let queued = try await browser.upload("/systems/\(system)/evidence/upload",
                                                  ["label": "label", "prediction": "prediction", "sensitive": "race"],
                                                  file: ("cv.csv", "file", Self.csv))
            let jobPage = try #require(queued.headers.first(name: .location))
            var page = try await browser.get(jobPage)
            for _ in 0..<100 where !page.body.contains("form-error") {
                try await Task.sleep(for: .milliseconds(50))
                page = try await browser.get(jobPage)
            }
            #expect(page.body.contains("race"))
            #expect(page.body.contains("cv.csv"))
            #expect(!page.body.contains(".upload"))
            #expect(try await t.count("evidence") == 0)
        }
    }
}

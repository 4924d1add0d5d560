import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("rinri assess fairness and rinri profile data", .serialized)
struct AssessCLITests {
    /// A small table: group a has TPR 1 and selection 0.5, group b has TPR 0.5 and selection 0.25.
    static let csv = """
    sex,label,prediction,score
    a,1,1,0.9
    a,0,0,0.2
    a,1,1,0.8
    a,0,0,0.1
    b,1,1,0.7
    b,1,0,0.4
    b,0,0,0.3
    b,0,0,0.2

    """

    func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let url = cli.folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func jsonReportWithPassingAndFailingChecks() throws {
        let cli = try CLI()
        let data = try write(cli, "t.csv", Self.csv)
        // when
        let ok = try cli.run(["assess", "fairness", "--data", data, "--label", "label", "--prediction", "prediction",
                              "--score", "score", "--sensitive", "sex", "--check", "demographic_parity_ratio>=0.5"])
        // then
        #expect(ok.status == 0, "\(ok.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
        #expect(json["rows"] as? Int == 8)
        #expect(json["passed"] as? Bool == true)
        let feature = try #require((json["features"] as? [[String: Any]])?.first)
        let metrics = try #require(feature["metrics"] as? [String: Any])
        #expect(metrics["demographic_parity_ratio"] as? Double == 0.5)
        #expect(metrics["equal_opportunity_difference"] as? Double == 0.5)
        // a failing check exits 1 and still writes the report
        let failing = try cli.run(["assess", "fairness", "--data", data, "--label", "label", "--prediction", "prediction",
                                   "--sensitive", "sex", "--check", "demographic_parity_ratio>=0.8", "--output",
                                   cli.folder.appendingPathComponent("out.json").path])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("demographic_parity_ratio>=0.8"))
        let written = try Data(contentsOf: cli.folder.appendingPathComponent("out.json"))
        #expect((try JSONSerialization.jsonObject(with: written) as? [String: Any])?["passed"] as? Bool == false)
    }

    @Test func standardInputAndAPolicyFile() throws {
        let cli = try CLI()
        let policy = try write(cli, "policy.yaml", "checks:\n  - demographic_parity_ratio >= 0.4\n  - sex:equalized_odds_difference < 0.9\n")
        let result = try cli.run(["assess", "fairness", "--data", "-", "--label", "label", "--prediction", "prediction",
                                  "--sensitive", "sex", "--policy", policy], stdin: Self.csv)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["checks"] as? [[String: Any]])?.count == 2)
    }

    @Test func badDataExitsTwoNamingFileLineAndColumn() throws {
        let cli = try CLI()
        let ragged = try write(cli, "ragged.csv", "sex,label,prediction\na,1,1\nb,1\n")
        var result = try cli.run(["assess", "fairness", "--data", ragged, "--label", "label", "--prediction", "prediction", "--sensitive", "sex"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("ragged.csv:3"))
        #expect(result.stderr.split(separator: "\n").count == 1)

        let unknown = try write(cli, "u.csv", "sex,label,prediction\na,1,1\n")
        result = try cli.run(["assess", "fairness", "--data", unknown, "--label", "label", "--prediction", "prediction", "--sensitive", "race"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("race"))

        let badLabel = try write(cli, "l.csv", "sex,label,prediction\na,1,1\na,maybe,0\n")
        result = try cli.run(["assess", "fairness", "--data", badLabel, "--label", "label", "--prediction", "prediction", "--sensitive", "sex"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("l.csv:3"))

        let empty = try write(cli, "e.csv", "")
        result = try cli.run(["assess", "fairness", "--data", empty, "--label", "label", "--prediction", "prediction", "--sensitive", "sex"])
        #expect(result.status == 2)

        result = try cli.run(["assess", "fairness", "--data", "nope.csv", "--label", "label", "--prediction", "prediction", "--sensitive", "sex"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope.csv"))

        result = try cli.run(["assess", "fairness", "--data", unknown, "--label", "label", "--prediction", "prediction",
                              "--sensitive", "sex", "--check", "demographic_parity_ratio~0.8"])
        #expect(result.status == 2)
    }

    @Test func submittingNeedsAServerATokenAndASystem() throws {
        let cli = try CLI()
        let data = try write(cli, "t.csv", Self.csv)
        let base = ["assess", "fairness", "--data", data, "--label", "label", "--prediction", "prediction", "--sensitive", "sex"]
        var result = try cli.run(base + ["--submit", "--system", "S"], env: ["RINRI_SERVER": "", "RINRI_TOKEN": ""])
        #expect(result.status == 2 && result.stderr.contains("--server"))
        result = try cli.run(base + ["--submit", "--server", "http://127.0.0.1:9", "--system", "S"], env: ["RINRI_TOKEN": ""])
        #expect(result.status == 2 && result.stderr.contains("--token"))
        result = try cli.run(base + ["--system", "S"])
        #expect(result.status == 2 && result.stderr.contains("--submit"))
        // an unreachable server is a clear error, after the report was written
        result = try cli.run(base + ["--submit", "--server", "http://127.0.0.1:9", "--token", "t", "--system", "S"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot reach"))
        #expect(result.stdout.contains("\"rows\""))
    }

    @Test func profileGivesColumnsAndGroups() throws {
        let cli = try CLI()
        let data = try write(cli, "t.csv", Self.csv)
        let result = try cli.run(["profile", "data", "--data", data, "--sensitive", "sex", "--label", "label"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["rows"] as? Int == 8)
        #expect((json["columns"] as? [[String: Any]])?.count == 4)
        let noisy = try cli.run(["profile", "data", "--data", data, "--sensitive", "sex", "--epsilon", "1"])
        #expect(noisy.status == 0)
        #expect(noisy.stdout.contains("epsilon"))
        #expect(try cli.run(["profile", "data", "--data", data, "--epsilon", "-1"]).status == 2)
    }
}

@Suite("rinri assess fairness --submit against a running server")
struct SubmitEndToEndTests {
    func http(_ method: String, _ url: String, token: String, json: [String: Any]? = nil) async throws -> (Int, Any?) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data))
    }

    @Test func aSubmittedReportLandsOnTheSystemWithoutTheToken() async throws {
        let cli = try CLI()
        _ = try cli.run(["users", "create", "--email", "po@example.com", "--name", "PO", "--role", "project_owner"], stdin: "password-1234\n")
        let token = try cli.run(["tokens", "create", "--email", "po@example.com"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = Int.random(in: 40_001...50_000)
        let server = try await cli.serve(port: String(port))
        defer { server.terminate(); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        // given a unit and a system
        let unit = try await http("POST", base + "/api/v1/org-units", token: token, json: ["name": "U", "kind": "business_unit", "country": "JP"])
        #expect(unit.0 == 403)  // a project owner does not manage units: the admin's job
        _ = try cli.run(["users", "create", "--email", "admin@example.com", "--name", "A", "--role", "admin"], stdin: "password-1234\n")
        let admin = try cli.run(["tokens", "create", "--email", "admin@example.com"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let unitID = try #require((try await http("POST", base + "/api/v1/org-units", token: admin,
                                                  json: ["name": "U", "kind": "business_unit", "country": "JP"]).1 as? [String: Any])?["id"] as? String)
        let systemID = try #require((try await http("POST", base + "/api/v1/systems", token: token,
                                                    json: ["name": "S", "purpose": "p", "org_unit_id": unitID]).1 as? [String: Any])?["id"] as? String)
        // when
        let data = cli.folder.appendingPathComponent("t.csv")
        try AssessCLITests.csv.write(to: data, atomically: true, encoding: .utf8)
        let submitted = try cli.run(["assess", "fairness", "--data", data.path, "--label", "label", "--prediction", "prediction",
                                     "--sensitive", "sex", "--submit", "--server", base, "--token", token, "--system", systemID])
        // then
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let page = try await http("GET", base + "/api/v1/systems/\(systemID)/evidence", token: token).1 as? [String: Any]
        let list = try #require(page?["items"] as? [[String: Any]])
        #expect(list.count == 1)
        let command = try #require(list.first?["command"] as? String)
        #expect(command.hasPrefix("rinri assess fairness --data"))
        #expect(!command.contains(token) && !command.contains("--token") && !command.contains("--submit"))
        #expect(list.first?["input_rows"] as? Int == 8)
        #expect((list.first?["input_sha256"] as? String)?.count == 64)
    }
}

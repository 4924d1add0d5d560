import Foundation
import Testing
@testable import RinriMetrics

/// A realistic generated loan table: biased predictions by sex and age, a tiny group, a long region name.
func generatedLoanTable(rows: Int = 3000, seed: UInt64 = 42) -> String {
    var state = seed
    func random() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    let sexes = ["F", "M", "M", "F", "X"], ages = ["18-25", "26-40", "41-60", "60+"]
    let regions = ["north", "south", "east", "west", "Autonomous Region of Very Long Administrative Name"]
    var lines = ["sex,age,region,approved,predicted,score"]
    for index in 0..<rows {
        let sex = index % 97 == 0 ? "X" : sexes[Int(random() * 4)]
        let age = ages[Int(random() * 4)], region = regions[Int(random() * 5)]
        let label = random() < 0.45 ? 1 : 0
        var score = (label == 1 ? 0.62 : 0.38) + (random() - 0.5) * 0.6
        if sex == "F" { score -= 0.07 }
        if age == "60+" { score -= 0.1 }
        score = min(max(score, 0), 1)
        lines.append("\(sex),\(age),\(region),\(label),\(score >= 0.5 ? 1 : 0),\(String(format: "%.4f", score))")
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite("Rendering: realistic sample")
struct RenderingSampleTests {
    static let command = "rinri assess fairness --data loans.csv --label approved --prediction predicted --score score "
        + "--sensitive sex --sensitive age --sensitive region --intersect sex,age --reference sex=M --bootstrap 200 "
        + "--check 'demographic_parity_ratio>=0.8' --check 'equalized_odds_difference<=0.1' --check 'sex:disparate_impact>=0.8' --check 'theil_index<0.25'"

    static func report() throws -> FairnessReport {
        let checks = try ["demographic_parity_ratio>=0.8", "equalized_odds_difference<=0.1", "sex:disparate_impact>=0.8", "theil_index<0.25"]
            .map { try ThresholdExpression(parsing: $0) }
        let spec = FairnessSpec(labelColumn: "approved", predictionColumn: "predicted", scoreColumn: "score",
                                sensitiveColumns: ["sex", "age", "region"], intersections: [["sex", "age"]],
                                reference: .init(column: "sex", value: "M"), bootstrap: .init(resamples: 200, seed: 1),
                                checks: checks)
        return try analyse(generatedLoanTable(), spec, name: "loans.csv")
    }

    @Test func realisticReportRendersInEveryFormat() throws {
        // given a realistic analysis with failing and passing checks
        let report = try Self.report()
        // when rendering all formats
        let html = report.html(title: "Loan approval model v3", command: Self.command, language: "en")
        let markdown = report.markdown(title: "Loan approval model v3", command: Self.command)
        let xml = report.junitXML(suiteName: "loan-model-v3")
        // then every feature has its three charts and every check a row
        let groups = report.features.reduce(0) { $0 + $1.groups.count }
        #expect(occurrences(of: #"<rect class="bar selection""#, in: html) == groups)
        #expect(occurrences(of: "<section class=\"feature\">", in: html) == report.features.count)
        #expect(occurrences(of: "<tr class=\"pass\"><td>", in: html) + occurrences(of: "<tr class=\"fail\"><td>", in: html)
            >= report.checks.count)
        #expect(occurrences(of: "| `", in: markdown) >= report.checks.count)
        #expect(occurrences(of: "<failure ", in: xml) == report.checks.filter { !$0.passed }.count)
        // and, when asked, the pages are written for a visual check
        if let directory = ProcessInfo.processInfo.environment["RINRI_RENDER_SAMPLE_DIR"] {
            try html.write(toFile: directory + "/report.html", atomically: true, encoding: .utf8)
            try report.html(title: "融資審査モデル v3", command: Self.command, language: "ja")
                .write(toFile: directory + "/report-ja.html", atomically: true, encoding: .utf8)
            try markdown.write(toFile: directory + "/report.md", atomically: true, encoding: .utf8)
            try xml.write(toFile: directory + "/report.xml", atomically: true, encoding: .utf8)
            var edge = (0..<36).map { (name: "group \($0)", selection: Optional(Double($0) / 36), tpr: Optional(0.5)) }
            edge[3] = (String(repeating: "very long <group> name ", count: 6), 0.5, nil)
            edge[5] = ("undefined", nil, nil)
            try syntheticReport(edge).html(title: "Edge cases", command: nil, language: "en")
                .write(toFile: directory + "/edge.html", atomically: true, encoding: .utf8)
        }
    }
}

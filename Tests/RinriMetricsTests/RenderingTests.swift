import Foundation
import Testing
@testable import RinriMetrics
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Number of non-overlapping occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

/// The hand table analysed with the given check expressions.
func handReport(_ checks: [String], score: Bool = false, bootstrap: FairnessSpec.Bootstrap? = nil) throws -> FairnessReport {
    try analyse(handTable, handSpec(score: score, bootstrap: bootstrap, checks: checks.map { try ThresholdExpression(parsing: $0) }))
}

/// A report built by hand: one feature `g` whose groups have the given selection rates and
/// true positive rates, an overall selection rate of 0.5 and an undefined parity ratio.
func syntheticReport(_ groups: [(name: String, selection: Double?, tpr: Double?)]) -> FairnessReport {
    let results = groups.map { group in
        GroupResult(values: [group.name], count: 10,
                    metrics: MetricTable([("selection_rate", group.selection), ("true_positive_rate", group.tpr),
                                          ("false_positive_rate", 0.25)]), confusion: nil)
    }
    let feature = FeatureResult(name: "g", columns: ["g"], groups: results,
                                metrics: MetricTable([("demographic_parity_ratio", nil)]), confidenceIntervals: IntervalTable())
    let population = GroupResult(values: [], count: 10 * groups.count,
                                 metrics: MetricTable([("selection_rate", 0.5), ("true_positive_rate", 0.5)]), confusion: nil)
    return FairnessReport(rows: 10 * groups.count,
                          overall: OverallResult(population: population, metrics: MetricTable(), confidenceIntervals: IntervalTable()),
                          features: [feature], checks: [], warnings: [], passed: true)
}

@Suite("Rendering: formatting, Markdown, JUnit")
struct RenderingTests {
    @Test func numbersHaveAtMostFourDecimalsAndUndefinedIsADash() {
        // given values of every kind, when formatted, then at most 4 decimals, no trailing zeros
        #expect(RenderFormat.number(0.812345) == "0.8123")
        #expect(RenderFormat.number(2.0 / 3) == "0.6667")
        #expect(RenderFormat.number(0.5) == "0.5")
        #expect(RenderFormat.number(1) == "1")
        #expect(RenderFormat.number(-0.25) == "-0.25")
        #expect(RenderFormat.number(-0.000001 * 0) == "0")
        #expect(RenderFormat.number(1234.56789) == "1234.5679")
        #expect(RenderFormat.number(0.0000123456) == "1.235e-05")
        #expect(RenderFormat.number(nil) == "—")
        #expect(RenderFormat.number(.nan) == "—")
        #expect(RenderFormat.number(.infinity) == "—")
    }

    @Test func checkValueKeepsPrecisionWhenRoundingWouldContradictTheResult() {
        // given a value just below the threshold that rounds onto it
        let close = CheckResult(expression: "dp>=0.8", feature: nil, metric: "dp", value: 0.79999, passed: false, reason: nil)
        let far = CheckResult(expression: "dp>=0.8", feature: nil, metric: "dp", value: 0.712345, passed: false, reason: nil)
        // then the close one shows every digit and the far one is rounded
        #expect(RenderFormat.checkValue(close) == "0.79999")
        #expect(RenderFormat.checkValue(far) == "0.7123")
    }

    @Test func markdownHasTheSummaryLineAndExactCheckRows() throws {
        // given the hand table (sex DP ratio 2/3, race DP ratio 7/15) and three checks
        let report = try handReport(["sex:demographic_parity_ratio>=0.6", "race:demographic_parity_ratio>=0.8", "nonexistent>=1"])
        // when rendering Markdown
        let markdown = report.markdown(title: "Loan model", command: "rinri assess fairness --data loans.csv")
        // then the summary line counts passed and failed checks
        #expect(markdown.hasPrefix("# Loan model\n\n**❌ Failed** · 10 rows · 3 checks: 1 passed, 2 failed\n"))
        // and the checks table has one exact row per check
        #expect(markdown.contains("| Check | Value | Result |\n| --- | ---: | --- |\n"))
        #expect(markdown.contains("| `sex:demographic_parity_ratio>=0.6` | 0.6667 | ✅ passed |\n"))
        #expect(markdown.contains("| `race:demographic_parity_ratio>=0.8` | 0.4667 | ❌ failed |\n"))
        #expect(markdown.contains(#"| `nonexistent>=1` | — | ❌ failed — the report has no metric "nonexistent" |"#))
        // and the command is in a code block at the end
        #expect(markdown.hasSuffix("Produced by:\n\n```sh\nrinri assess fairness --data loans.csv\n```\n"))
    }

    @Test func markdownHasAGroupTableAndAggregatesPerFeature() throws {
        // given the hand table with scores
        let report = try handReport([], score: true)
        // when rendering Markdown
        let markdown = report.markdown()
        // then sex has a groups table with the headline metrics (F: TP 2, FN 1, FP 1, TN 2; M: TP 2, FP 1, TN 1)
        #expect(markdown.contains("## Feature `sex`\n\n| sex | Count | Selection rate | Accuracy | TPR | FPR | Precision | ROC AUC |\n"))
        #expect(markdown.contains("| F | 6 | 0.5 | 0.6667 | 0.6667 | 0.3333 | 0.6667 |"))
        #expect(markdown.contains("| M | 4 | 0.75 | 0.75 | 1 | 0.5 | 0.6667 |"))
        #expect(markdown.contains("| *all rows* | 10 | 0.6 |"))
        // and its aggregates, then the summary without checks
        #expect(markdown.contains("| `demographic_parity_ratio` | 0.6667 |\n"))
        #expect(markdown.contains("**ℹ️ No checks** · 10 rows · no checks defined"))
        #expect(!markdown.contains("## Checks"))
    }

    @Test func markdownRendersUndefinedAsDashAndEscapesDataText() throws {
        // given groups without positives (TPR and equal opportunity undefined), one with Markdown syntax
        let csv = "g,y,yhat\nx|*y*,0,1\nx|*y*,0,0\nz,0,0\nz,0,0\n"
        let spec = FairnessSpec(labelColumn: "y", predictionColumn: "yhat", sensitiveColumns: ["g"], minimumGroupSize: 1,
                                checks: [try ThresholdExpression(parsing: "equal_opportunity_ratio>=0.8")])
        let report = try analyse(csv, spec)
        // when rendering Markdown
        let markdown = report.markdown(title: "<b>t</b>")
        // then undefined values are dashes, never nil or NaN
        #expect(markdown.contains(#"| x\|\*y\* | 2 | 0.5 | 0.5 | — | 0.5 | 0 |"#))
        #expect(markdown.contains("| z | 2 | 0 | 1 | — | 0 | — |"))
        #expect(markdown.contains("| `g:equal_opportunity_ratio>=0.8` | — | ❌ failed — the value is undefined (see warnings) |"))
        #expect(!markdown.contains("nil") && !markdown.contains("NaN"))
        // and data text cannot inject markup
        #expect(markdown.hasPrefix("# &lt;b&gt;t&lt;/b&gt;\n"))
        #expect(markdown.contains("## Warnings\n\n- "))
    }

    @Test func junitCountsFailedChecksAndParses() throws {
        // given one passing and two failing checks
        let report = try handReport(["sex:demographic_parity_ratio>=0.6", "race:demographic_parity_ratio>=0.8", "nonexistent>=1"])
        // when rendering JUnit XML
        let xml = report.junitXML(suiteName: "fairness")
        // then the counts match the checks
        let failed = report.checks.filter { !$0.passed }.count
        #expect(failed == 2)
        #expect(xml.contains(#"<testsuite name="fairness" tests="3" failures="2" errors="0" skipped="0">"#))
        #expect(occurrences(of: "<failure ", in: xml) == failed)
        #expect(xml.contains(#"<testcase name="sex:demographic_parity_ratio&gt;=0.6" classname="rinri.fairness"/>"#))
        #expect(xml.contains(#"<failure message="demographic_parity_ratio = 0.4667 does not satisfy ≥ 0.8" type="threshold">"#))
        try expectParsedJUnit(xml, names: report.checks.map(\.expression), failures: failed)
    }

    @Test func junitWithoutChecksHasOnePassingCasePerFeature() throws {
        // given a report without checks
        let report = try handReport([])
        // when rendering JUnit XML
        let xml = report.junitXML(suiteName: "fairness")
        // then one passing case per feature
        #expect(xml.contains(#"tests="2" failures="0""#))
        #expect(occurrences(of: "<failure", in: xml) == 0)
        try expectParsedJUnit(xml, names: ["sex computed", "race computed"], failures: 0)
    }

    @Test func junitEscapesEveryTextItWrites() throws {
        // given a failing check on a feature whose name has XML syntax and a control character
        let nasty = "<a & \"b\" 'c'>\u{1}"
        let check = CheckResult(expression: nasty + ":dp>=0.8", feature: nasty, metric: "dp", value: nil, passed: false,
                                reason: "no feature named \"\(nasty)\" in the report")
        let report = FairnessReport(rows: 1, overall: syntheticReport([]).overall, features: [], checks: [check],
                                    warnings: [], passed: false)
        // when rendering
        let xml = report.junitXML(suiteName: nasty)
        // then nothing raw appears and the XML parses back to the (cleaned) names
        #expect(!xml.contains(nasty) && !xml.contains("\u{1}"))
        #expect(xml.contains("&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;\u{FFFD}:dp&gt;=0.8"))
        try expectParsedJUnit(xml, names: ["<a & \"b\" 'c'>\u{FFFD}:dp>=0.8"], failures: 1)
    }

    /// Parses `xml` (with FoundationXML where available) and checks its test cases.
    private func expectParsedJUnit(_ xml: String, names: [String], failures: Int) throws {
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(xmlString: xml, options: [])
        #expect(document.rootElement()?.name == "testsuites")
        let cases = try document.nodes(forXPath: "/testsuites/testsuite/testcase").compactMap { $0 as? XMLElement }
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == names)
        #expect(cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == "rinri.fairness" })
        #expect(try document.nodes(forXPath: "//testcase/failure").count == failures)
        #expect(try document.nodes(forXPath: "/testsuites/testsuite/@failures").first?.stringValue == String(failures))
        #else
        #expect(occurrences(of: "<testcase ", in: xml) == names.count)
        #expect(occurrences(of: "<failure ", in: xml) == failures)
        #endif
    }
}

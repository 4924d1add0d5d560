import Foundation
import Testing
@testable import RinriMetrics

/// The x of `value` on a 0–1 chart scale, as written in the SVG.
private func unitX(_ value: Double) -> String { RenderFormat.coordinate(ChartLayout.plotLeft + value * ChartLayout.plotWidth) }

@Suite("Rendering: HTML")
struct RenderingHTMLTests {
    @Test func pageIsSelfContainedWithVerdictChecksAndFooter() throws {
        // given the hand table with one passing and one failing check
        let report = try handReport(["sex:demographic_parity_ratio>=0.6", "race:demographic_parity_ratio>=0.8"])
        // when rendering HTML
        let html = report.html(title: "Loan model", command: "rinri assess fairness --data loans.csv", language: "en")
        // then one page with inline style and no script or external resource
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(occurrences(of: "<html", in: html) == 1 && occurrences(of: "<style>", in: html) == 1)
        for forbidden in ["<script", "<link", "src=", "href=", "url(", "http:", "https:", "@import"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // and a failing verdict, one row per check, the command in the footer
        #expect(html.contains(#"<section class="verdict fail">"#) && html.contains("1 of 2 checks failed"))
        #expect(occurrences(of: #"<span class="badge pass">"#, in: html) == 1)
        #expect(occurrences(of: #"<span class="badge fail">"#, in: html) == 1)
        #expect(html.contains("<footer><p>Produced by this command:</p><pre><code>rinri assess fairness --data loans.csv</code></pre>"))
        #expect(!html.contains("nil") && !html.contains("NaN"))
    }

    @Test func selectionChartHasOneBarPerGroupAndTheOverallLine() throws {
        // given the hand table (2 sexes, 2 races; 6 of 10 rows predicted positive)
        let report = try handReport([])
        // when rendering
        let html = report.html(title: "t", command: nil, language: "en")
        // then four selection bars (two per feature) and the overall line at 0.6 in each chart
        #expect(occurrences(of: #"<rect class="bar selection""#, in: html) == 4)
        #expect(occurrences(of: #"<line class="overall" x1="\#(unitX(0.6))" x2="\#(unitX(0.6))""#, in: html) == 2)
        #expect(html.contains(">overall 0.6</text>"))
        // and the F bar (selection rate 0.5) spans half the plot
        #expect(html.contains(#"<rect class="bar selection" x="220" y="38" width="200" height="13"><title>F — Selection rate: 0.5</title>"#))
        // and TPR and FPR bars for each group (race b has no positives: no TPR bar), with a legend
        #expect(occurrences(of: #"<rect class="bar tpr""#, in: html) == 3)
        #expect(occurrences(of: #"<rect class="na""#, in: html) == 1)
        #expect(occurrences(of: #"<rect class="bar fpr""#, in: html) == 4)
        #expect(occurrences(of: #"<rect class="key tpr""#, in: html) == 2)
    }

    @Test func thresholdLinesSitAtTheThresholdAndAreColouredByResult() throws {
        // given a failing check at 0.8 and a passing one at 0.6 on the sex parity ratio (2/3)
        let report = try handReport(["sex:demographic_parity_ratio>=0.8", "sex:demographic_parity_ratio>=0.6"])
        // when rendering
        let html = report.html(title: "t", command: nil, language: "en")
        // then the lines are at x(0.8) in red and x(0.6) in green, the dot at x(2/3) in red
        #expect(html.contains(#"<line class="threshold fail" x1="\#(unitX(0.8))" x2="\#(unitX(0.8))""#))
        #expect(html.contains(#"<line class="threshold pass" x1="\#(unitX(0.6))" x2="\#(unitX(0.6))""#))
        #expect(unitX(0.8) == "540")
        #expect(html.contains(#"<circle class="dot fail" cx="\#(unitX(2.0 / 3))""#))
        #expect(html.contains(">≥ 0.8</text>"))
        // and metrics without checks are neutral dots
        #expect(html.contains(#"<circle class="dot neutral""#))
    }

    @Test func everyTextFromTheDataIsEscaped() throws {
        // given group values, a column name, a warning and a command with HTML syntax
        let csv = #"""
        "<i>col</i>",y,yhat
        <script>alert(1)</script>,1,1
        """quotes"" & ampersands",0,1
        """quotes"" & ampersands",1,0

        """#
        let spec = FairnessSpec(labelColumn: "y", predictionColumn: "yhat", sensitiveColumns: ["<i>col</i>"])
        let report = try analyse(csv, spec)
        // when rendering with a hostile command
        let html = report.html(title: "<title>", command: #"rinri --x "<b>" & 'y'"#, language: "en")
        // then only escaped forms appear
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;quotes&quot; &amp; ampersands"))
        #expect(html.contains("&lt;i&gt;col&lt;/i&gt;"))
        #expect(html.contains("<pre><code>rinri --x &quot;&lt;b&gt;&quot; &amp; &#39;y&#39;</code></pre>"))
        #expect(html.contains("<title>&lt;title&gt;</title>"))
        for raw in ["<script", "alert(1)</", "\"quotes\"", "& ampersands", "<i>", "<b>", "'y'"] {
            #expect(!html.contains(raw), "\(raw)")
        }
        // and the small-group warnings (which quote the values) are listed, escaped
        #expect(!report.warnings.isEmpty)
        #expect(occurrences(of: "<li>", in: html) == report.warnings.count)
    }

    @Test func undefinedValuesGetAnEmptyMarkerAndNoBar() {
        // given three groups, one with an undefined selection rate and two with undefined TPR
        let report = syntheticReport([("a", 0.2, 0.5), ("b", nil, nil), ("c", 0.4, nil)])
        // when rendering
        let html = report.html(title: "t", command: nil, language: "en")
        // then bars only for defined values and a dashed "n/a" box for the others
        #expect(occurrences(of: #"<rect class="bar selection""#, in: html) == 2)
        #expect(occurrences(of: #"<rect class="bar tpr""#, in: html) == 1)
        #expect(occurrences(of: #"<rect class="bar fpr""#, in: html) == 3)
        #expect(occurrences(of: #"<rect class="na""#, in: html) == 4) // 1 selection + 2 TPR + the undefined parity ratio
        #expect(occurrences(of: #"<text class="na-text""#, in: html) == 4)
        #expect(html.contains(#"<span class="na">n/a</span>"#))
    }

    @Test func chartsHandleOneGroupManyGroupsAndLongNames() {
        // given one group, 40 groups, and a 200-character group name
        let one = syntheticReport([("only", 0.3, 0.3)]).html(title: "t", command: nil, language: "en")
        let many = syntheticReport((0..<40).map { ("group \($0)", Double($0) / 40, 0.5) }).html(title: "t", command: nil, language: "en")
        let long = String(repeating: "very long group name ", count: 10)
        let named = syntheticReport([(long, 0.5, 0.5)]).html(title: "t", command: nil, language: "en")
        // then one bar, then forty bars in a taller chart inside a scrolling box
        #expect(occurrences(of: #"<rect class="bar selection""#, in: one) == 1)
        #expect(occurrences(of: #"<rect class="bar selection""#, in: many) == 40)
        #expect(many.contains(#"viewBox="0 0 720 1024""#)) // 34 top + 40 rows × 24 + 30 for the overall label
        #expect(many.contains("<div class=\"chart-box scroll\">") && many.contains(".chart-box.scroll{max-height:640px;overflow:auto}"))
        // and the long label is cut with an ellipsis, the full name in its tooltip
        let shown = String(long.prefix(ChartLayout.labelLimit - 1)) + "…"
        #expect(named.contains(#"text-anchor="end"><title>\#(long)</title>\#(shown)</text>"#))
    }

    @Test func japanesePageTranslatesTheFixedTexts() throws {
        // given the hand table with a failing check
        let report = try handReport(["race:demographic_parity_ratio>=0.8"])
        // when rendering in Japanese
        let html = report.html(title: "レポート", command: nil, language: "ja")
        // then the page is Japanese and no English fixed text remains
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
        #expect(html.contains("1件中1件のチェックが不合格") && html.contains("グループ別の選択率") && html.contains("人口統計的パリティ比"))
        for english in ["Selection rate by group", "Whole population", "Warnings", "checks failed", "Fairness metrics"] {
            #expect(!html.contains(english), "\(english)")
        }
        // and the default title is translated, and an unknown language falls back to English
        #expect(report.html(language: "ja").contains("<title>公平性レポート</title>"))
        #expect(report.html(title: "t", command: nil, language: "fr").contains("<html lang=\"en\">"))
    }

    @Test func everyUITextExistsInBothLanguagesWithTheSamePlaceholders() {
        for key in UIText.allCases {
            let (en, ja) = key.pair
            let placeholders = { (text: String) in (0..<3).filter { text.contains("{\($0)}") } }
            #expect(!en.isEmpty && !ja.isEmpty && placeholders(en) == placeholders(ja), "\(key)")
        }
    }

    @Test func confidenceIntervalsAppearInTheTableAndAsWhiskers() throws {
        // given a bootstrap over the hand table
        let report = try handReport(["sex:demographic_parity_ratio>=0.5"], bootstrap: .init(resamples: 50, seed: 7))
        let interval = try #require(report.feature("sex")?.confidenceIntervals["demographic_parity_ratio"])
        // when rendering
        let html = report.html(title: "t", command: nil, language: "en")
        // then the interval is in the aggregates table with its resample count, and drawn
        let text = "[\(RenderFormat.number(interval.lower)), \(RenderFormat.number(interval.upper))]"
        #expect(html.contains(#"<span title="\#(interval.resamples) resamples">\#(text)</span>"#))
        #expect(html.contains("<th class=\"num\">Confidence interval</th>"))
        #expect(html.contains(#"<path class="whisker" d="M\#(unitX(interval.lower ?? 0)) "#))
    }

    @Test func regressionReportChartsMeanPredictionAndErrors() throws {
        // given a regression report over two groups
        let csv = "g,y,p\na,1,1.5\na,2,2\nb,3,2\nb,5,4\n"
        let spec = FairnessSpec(task: .regression, labelColumn: "y", predictionColumn: "p", sensitiveColumns: ["g"], minimumGroupSize: 1)
        let report = try analyse(csv, spec)
        // when rendering
        let html = report.html(title: "t", command: nil, language: "en")
        let markdown = report.markdown(title: "t", command: nil)
        // then mean prediction and error bars replace the classification charts
        #expect(occurrences(of: #"<rect class="bar mean""#, in: html) == 2)
        #expect(occurrences(of: #"<rect class="bar mae""#, in: html) == 2)
        #expect(!html.contains("bar selection") && html.contains("Mean prediction by group"))
        #expect(markdown.contains("| g | Count | Mean prediction | Mean label | Mean absolute error | Root mean squared error | R² |"))
        #expect(markdown.contains("| a | 2 | 1.75 | 1.5 | 0.25 |"))
    }
}

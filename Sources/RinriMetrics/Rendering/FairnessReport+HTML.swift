import Foundation
import RinriMarkup

extension FairnessReport {
    /// The report as one self-contained HTML page: inline CSS and SVG, no script, no external
    /// resources, written for readers who are not statisticians.
    ///
    /// The page has a headline verdict, the checks, the population, then per feature a bar
    /// chart of the selection rate per group (with the overall rate as a dashed line), a chart
    /// of true and false positive rates, a "metric dots" chart of the aggregates with the check
    /// thresholds, a table of the aggregates with confidence intervals and a table of the groups
    /// with every metric; then the warnings and, in the footer, the command. Regression reports
    /// chart mean prediction and errors instead. Every text taken from the data is HTML-escaped.
    ///
    /// - Parameters:
    ///   - title: The page title and heading (default: "Fairness report" in the page's language).
    ///   - command: The command line that produced the report, for reproducibility.
    ///   - language: `"en"` or `"ja"` for the fixed texts (anything else gives English).
    public func html(title: String? = nil, command: String? = nil, language: String = "en") -> String {
        let strings = RenderStrings(language: language)
        return HTMLPage(report: self, strings: strings).render(title: title ?? strings(.pageTitle), command: command)
    }
}

/// Builds the HTML page section by section.
struct HTMLPage {
    let report: FairnessReport
    let strings: RenderStrings

    func render(title: String, command: String?) -> String {
        var body = [header(title: title), verdict(), checksSection(), populationSection()]
        body += report.features.map(featureSection)
        body.append(warningsSection())
        body.append(footer(command: command))
        return """
        <!DOCTYPE html>
        <html lang="\(strings.language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.markupEscaped)</title>
        <style>\(HTMLStyle.css)</style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    private func header(title: String) -> String {
        let meta = [strings(.rowsAnalysed, String(report.rows)), strings(.featuresAnalysed, String(report.features.count))]
        return "<header><h1>\(title.markupEscaped)</h1><p class=\"meta\">\(meta.map(\.markupEscaped).joined(separator: " · "))</p></header>"
    }

    private func verdict() -> String {
        let failed = report.checks.filter { !$0.passed }.count
        let (state, icon, headline, help): (String, String, String, String)
        if report.checks.isEmpty {
            (state, icon, headline, help) = ("none", "ℹ", strings(.verdictNone), strings(.verdictNoneHelp))
        } else if failed == 0 {
            (state, icon, headline, help) = ("pass", "✔", strings(.verdictPassed, String(report.checks.count)), strings(.verdictPassedHelp))
        } else {
            (state, icon, headline, help) = ("fail", "✘", strings(.verdictFailed, String(failed), String(report.checks.count)),
                                             strings(.verdictFailedHelp))
        }
        return """
        <section class="verdict \(state)"><p class="headline"><span class="icon" aria-hidden="true">\(icon)</span> \(headline.markupEscaped)</p>
        <p>\(help.markupEscaped)</p></section>
        """
    }

    private func checksSection() -> String {
        guard !report.checks.isEmpty else { return "" }
        let head = [strings(.check), strings(.value), strings(.result)].map { "<th>\($0.markupEscaped)</th>" }.joined()
        let rows = report.checks.map { check -> String in
            let name = strings.metricName(check.metric) + (check.feature.map { " — \($0)" } ?? "")
            let state = check.passed ? "pass" : "fail"
            let result = check.passed ? "✔ " + strings(.passed) : "✘ " + strings(.failed)
            let reason = check.reason.map { "<div class=\"reason\">\($0.markupEscaped)</div>" } ?? ""
            return "<tr class=\"\(state)\"><td>\(name.markupEscaped)<div><code>\(check.expression.markupEscaped)</code></div></td>"
                + "<td class=\"num\">\(cell(check.value == nil ? nil : RenderFormat.checkValue(check)))</td>"
                + "<td><span class=\"badge \(state)\">\(result.markupEscaped)</span>\(reason)</td></tr>"
        }
        return "<section><h2>\(strings(.checks).markupEscaped)</h2>\(Self.scrollBox(strings(.checks)))<table class=\"checks\"><thead><tr>\(head)</tr></thead><tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody></table></div></section>"
    }

    /// The box a wide table scrolls in: a named region the keyboard can focus to scroll it.
    static func scrollBox(_ label: String) -> String {
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(label.attributeEscaped)\">"
    }

    private func populationSection() -> String {
        let population = report.overall.population
        var html = "<section class=\"population\"><h2>\(strings(.population).markupEscaped)</h2><p class=\"help\">\(strings(.populationHelp).markupEscaped)</p>"
        html += Self.scrollBox(strings(.population)) + "<table class=\"population\"><thead><tr><th>\(strings(.metric).markupEscaped)</th>"
        html += "<th class=\"num\">\(strings(.value).markupEscaped)</th></tr></thead><tbody>"
        html += "<tr><td>\(strings(.count).markupEscaped)</td><td class=\"num\">\(population.count)</td></tr>"
        for entry in population.metrics {
            html += "<tr><td>\(strings.metricName(entry.name).markupEscaped) <code>\(entry.name.markupEscaped)</code></td>"
                + "<td class=\"num\">\(cell(entry.value))</td></tr>"
        }
        html += "</tbody></table></div>"
        if report.overall.metrics.count > 0 {
            let rows = dotRows(report.overall.metrics, intervals: report.overall.confidenceIntervals, feature: nil)
            html += "<h3>\(strings(.metricsChart).markupEscaped)</h3>" + chartBox(SVGChart.dots(rows, strings: strings, caption: strings(.metricsChart)))
            html += aggregatesTable(report.overall.metrics, intervals: report.overall.confidenceIntervals, feature: nil)
        }
        return html + "</section>"
    }

    private func featureSection(_ feature: FeatureResult) -> String {
        var html = "<section class=\"feature\"><h2>\(strings(.feature, feature.name).markupEscaped)</h2>"
        html += "<p class=\"meta\">\(strings(.columns, feature.columns.joined(separator: ", ")).markupEscaped)</p>"
        html += groupCharts(feature)
        if feature.metrics.count > 0 {
            let rows = dotRows(feature.metrics, intervals: feature.confidenceIntervals, feature: feature.name)
            html += "<h3>\(strings(.metricsChart).markupEscaped)</h3><p class=\"help\">\(strings(.metricsHelp).markupEscaped)</p>"
            html += chartBox(SVGChart.dots(rows, strings: strings, caption: strings(.metricsChart)))
            html += "<h3>\(strings(.aggregates).markupEscaped)</h3>" + aggregatesTable(feature.metrics, intervals: feature.confidenceIntervals, feature: feature.name)
        }
        html += "<h3>\(strings(.groups).markupEscaped)</h3>" + groupsTable(feature)
        return html + "</section>"
    }

    /// Classification: selection rate, then TPR and FPR; regression: mean prediction, then errors.
    private func groupCharts(_ feature: FeatureResult) -> String {
        let isClassification = RenderFormat.summaryMetrics(feature, population: report.overall.population)
            .contains(GroupMetric.selectionRate.rawValue)
        let first: (metric: String, css: String, title: UIText, help: UIText) = isClassification
            ? (GroupMetric.selectionRate.rawValue, "selection", .selectionChart, .selectionHelp)
            : (RegressionGroupMetric.meanPrediction.rawValue, "mean", .meanChart, .meanHelp)
        let pair: [(metric: String, css: String)] = isClassification
            ? [(GroupMetric.truePositiveRate.rawValue, "tpr"), (GroupMetric.falsePositiveRate.rawValue, "fpr")]
            : [(RegressionGroupMetric.meanAbsoluteError.rawValue, "mae"), (RegressionGroupMetric.rootMeanSquaredError.rawValue, "rmse")]
        let (pairTitle, pairHelp): (UIText, UIText) = isClassification ? (.ratesChart, .ratesHelp) : (.errorChart, .errorHelp)
        let overall = report.overall.population.metrics.value(first.metric)
        let html = chartSection(feature, metrics: [first.metric], classes: [first.css], overall: overall, title: first.title, help: first.help)
        return html + chartSection(feature, metrics: pair.map(\.metric), classes: pair.map(\.css), overall: nil, title: pairTitle, help: pairHelp)
    }

    private func chartSection(_ feature: FeatureResult, metrics: [String], classes: [String], overall: Double?,
                              title: UIText, help: UIText) -> String {
        let rows = feature.groups.map { group in
            BarRow(label: RenderFormat.groupLabel(group, blank: strings(.blank)), values: metrics.map { group.metrics.value($0) })
        }
        let values = rows.flatMap { $0.values.compactMap { $0 } } + [overall].compactMap { $0 }
        let isRate = metrics.allSatisfy { $0.hasSuffix("_rate") }
        let scale = (isRate ? ChartScale.unit : ChartScale(lower: 0, upper: 0)).including(values)
        let series = zip(metrics, classes).map { BarSeries(cssClass: $1, name: strings.metricName($0)) }
        let svg = SVGChart.bars(rows, series: series, scale: scale, overall: overall, strings: strings, caption: strings(title))
        return "<h3>\(strings(title).markupEscaped)</h3><p class=\"help\">\(strings(help).markupEscaped)</p>" + chartBox(svg, scrolls: true)
    }

    /// The dot rows of an aggregate table; `feature` nil means the population indices.
    private func dotRows(_ metrics: MetricTable, intervals: IntervalTable, feature: String?) -> [DotRow] {
        metrics.map { entry in
            let thresholds = report.checks.filter { $0.feature == feature && $0.metric == entry.name }
                .compactMap { check in ThresholdInfo(check).map { (threshold: $0, passed: check.passed) } }
            let interval = intervals[entry.name]
            let values = [entry.value, interval?.lower, interval?.upper].compactMap { $0 } + thresholds.map(\.threshold.value)
            return DotRow(label: strings.metricName(entry.name), metric: entry.name, value: entry.value, interval: interval,
                          thresholds: thresholds, scale: ChartScale.forMetric(entry.name, values: values))
        }
    }

    private func aggregatesTable(_ metrics: MetricTable, intervals: IntervalTable, feature: String?) -> String {
        let withIntervals = intervals.count > 0
        var head = [strings(.metric), strings(.value)]
        if withIntervals { head.append(strings(.interval)) }
        var html = Self.scrollBox(strings(.aggregates)) + "<table class=\"aggregates\"><thead><tr>"
            + head.enumerated().map { "<th\($0.offset > 0 ? " class=\"num\"" : "")>\($0.element.markupEscaped)</th>" }.joined() + "</tr></thead><tbody>"
        for entry in metrics {
            let checks = report.checks.filter { $0.feature == feature && $0.metric == entry.name }
            let state = checks.isEmpty ? "" : (checks.allSatisfy(\.passed) ? " class=\"pass\"" : " class=\"fail\"")
            html += "<tr\(state)><td>\(strings.metricName(entry.name).markupEscaped) <code>\(entry.name.markupEscaped)</code></td>"
            html += "<td class=\"num\">\(cell(entry.value))</td>"
            if withIntervals { html += "<td class=\"num\">\(intervalCell(intervals[entry.name]))</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    private func groupsTable(_ feature: FeatureResult) -> String {
        let metrics = RenderFormat.allGroupMetrics(feature)
        let groupHeader = "<th>\(feature.columns.joined(separator: " / ").markupEscaped)</th><th class=\"num\">\(strings(.count).markupEscaped)</th>"
        var html = Self.scrollBox(feature.columns.joined(separator: " / ")) + "<table class=\"groups\"><thead><tr>\(groupHeader)" + metrics.map(metricHeader).joined() + "</tr></thead><tbody>\n"
        let population = report.overall.population
        for (group, label, css) in feature.groups.map({ ($0, RenderFormat.groupLabel($0, blank: strings(.blank)), "") })
            + [(population, strings(.population), " class=\"total\"")] {
            html += "<tr\(css)><th scope=\"row\">\(label.markupEscaped)</th><td class=\"num\">\(group.count)</td>"
            html += metrics.map { "<td class=\"num\">\(cell(group.metrics.value($0)))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }

    private func warningsSection() -> String {
        guard !report.warnings.isEmpty else {
            return "<section class=\"warnings\"><h2>\(strings(.warnings).markupEscaped)</h2><p>\(strings(.noWarnings).markupEscaped)</p></section>"
        }
        let items = report.warnings.map { "<li>\($0.markupEscaped)</li>" }.joined(separator: "\n")
        return "<section class=\"warnings\"><h2>\(strings(.warnings).markupEscaped) (\(report.warnings.count))</h2><ul>\n\(items)\n</ul></section>"
    }

    private func footer(command: String?) -> String {
        var html = "<footer>"
        if let command {
            html += "<p>\(strings(.command).markupEscaped)</p><pre><code>\(command.markupEscaped)</code></pre>"
        }
        return html + "<p>\(strings(.generatedBy).markupEscaped)</p></footer>"
    }

    private func metricHeader(_ name: String) -> String {
        "<th class=\"num\" title=\"\(name.attributeEscaped)\">\(strings.metricName(name).markupEscaped)</th>"
    }

    /// A formatted number, or a muted "n/a" when undefined.
    private func cell(_ value: Double?) -> String { cell(value.map { RenderFormat.number($0) }) }

    private func cell(_ text: String?) -> String {
        guard let text else { return "<span class=\"na\">\(strings(.notAvailable).markupEscaped)</span>" }
        return text.markupEscaped
    }

    private func intervalCell(_ interval: ConfidenceInterval?) -> String {
        guard let interval, interval.lower != nil || interval.upper != nil else { return cell(nil as String?) }
        let text = "[\(RenderFormat.number(interval.lower)), \(RenderFormat.number(interval.upper))]"
        return "<span title=\"\(strings(.resamples, String(interval.resamples)).attributeEscaped)\">\(text.markupEscaped)</span>"
    }

    /// A frame around a chart; group charts scroll when there are many groups.
    private func chartBox(_ svg: String, scrolls: Bool = false) -> String {
        "<div class=\"chart-box\(scrolls ? " scroll" : "")\">\n\(svg)\n</div>"
    }
}

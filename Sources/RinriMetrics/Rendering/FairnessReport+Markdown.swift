import Foundation

extension FairnessReport {
    /// The report as GitHub-flavoured Markdown, for a pull request comment.
    ///
    /// A summary line (verdict, rows, passed and failed checks), a table of the checks, per
    /// feature a table of its groups (count, selection rate, accuracy, TPR, FPR, precision, and
    /// ROC AUC when defined; the regression metrics for a regression report) followed by its
    /// aggregate metrics, the population indices, the warnings, and the command when given.
    /// Numbers have at most 4 decimals; undefined values are `—`. Text from the data is escaped
    /// so that it cannot break a table or inject markup.
    ///
    /// - Parameters:
    ///   - title: The top-level heading.
    ///   - command: The command line that produced the report, shown in a code block.
    public func markdown(title: String = "Fairness report", command: String? = nil) -> String {
        var lines = ["# " + MarkdownText.escaped(title), "", markdownSummary(), ""]
        if !checks.isEmpty { lines += markdownChecks() }
        for feature in features { lines += markdownFeature(feature) }
        if overall.metrics.count > 0 {
            lines += ["## Population indices", ""]
            lines += MarkdownText.aggregateTable(overall.metrics, intervals: overall.confidenceIntervals)
        }
        if !warnings.isEmpty {
            lines += ["## Warnings", ""] + warnings.map { "- " + MarkdownText.escaped($0) } + [""]
        }
        if let command {
            lines += ["Produced by:", ""] + MarkdownText.codeBlock(command) + [""]
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `**✅ Passed** · 10 rows · 3 checks: 2 passed, 1 failed`.
    func markdownSummary() -> String {
        let failed = checks.filter { !$0.passed }.count
        let verdict = checks.isEmpty ? "ℹ️ No checks" : (passed ? "✅ Passed" : "❌ Failed")
        let rowsText = rows == 1 ? "1 row" : "\(rows) rows"
        let checksText = checks.isEmpty ? "no checks defined"
            : "\(checks.count) check\(checks.count == 1 ? "" : "s"): \(checks.count - failed) passed, \(failed) failed"
        return "**\(verdict)** · \(rowsText) · \(checksText)"
    }

    private func markdownChecks() -> [String] {
        var lines = ["## Checks", "", "| Check | Value | Result |", "| --- | ---: | --- |"]
        for check in checks {
            var result = check.passed ? "✅ passed" : "❌ failed"
            if let reason = check.reason { result += " — " + MarkdownText.escaped(reason) }
            lines.append("| \(MarkdownText.code(check.expression)) | \(RenderFormat.checkValue(check)) | \(result) |")
        }
        return lines + [""]
    }

    private func markdownFeature(_ feature: FeatureResult) -> [String] {
        let metrics = RenderFormat.summaryMetrics(feature, population: overall.population)
        let groupHeader = MarkdownText.escaped(feature.columns.joined(separator: " / "))
        var lines = ["## Feature \(MarkdownText.code(feature.name, inTable: false))", ""]
        lines.append("| \(groupHeader) | Count | " + metrics.map(MarkdownText.header).joined(separator: " | ") + " |")
        lines.append("| --- | ---: |" + String(repeating: " ---: |", count: metrics.count))
        let population = overall.population
        for (group, label) in feature.groups.map({ ($0, MarkdownText.escaped(RenderFormat.groupLabel($0, blank: "(blank)"))) })
            + [(population, "*all rows*")] {
            let cells = metrics.map { RenderFormat.number(group.metrics.value($0)) }
            lines.append("| \(label) | \(group.count) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        if feature.metrics.count > 0 {
            lines += MarkdownText.aggregateTable(feature.metrics, intervals: feature.confidenceIntervals)
        }
        return lines
    }
}

/// Markdown escaping and table pieces.
enum MarkdownText {
    /// Text safe inside a paragraph, list item or table cell: Markdown punctuation is
    /// backslash-escaped, `& < >` become entities, line breaks become spaces.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": result += "\\" + String(character)
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// An inline code span that survives backticks in `text`, and pipes when `inTable`.
    static func code(_ text: String, inTable: Bool = true) -> String {
        var flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        if inTable { flat = flat.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") ? " \(flat) " : flat
        return fence + padded + fence
    }

    /// A fenced code block holding `text` verbatim.
    static func codeBlock(_ text: String) -> [String] {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        return [fence + "sh", text, fence]
    }

    /// The column header for a group metric (TPR and FPR abbreviated).
    static func header(_ metric: String) -> String {
        switch metric {
        case GroupMetric.truePositiveRate.rawValue: return "TPR"
        case GroupMetric.falsePositiveRate.rawValue: return "FPR"
        default: return RenderStrings(language: "en").metricName(metric)
        }
    }

    /// `| Metric | Value |` (plus `CI` when any interval is present) for aggregate metrics.
    static func aggregateTable(_ metrics: MetricTable, intervals: IntervalTable) -> [String] {
        let withIntervals = intervals.count > 0
        var lines = withIntervals ? ["| Metric | Value | CI |", "| --- | ---: | --- |"] : ["| Metric | Value |", "| --- | ---: |"]
        for entry in metrics {
            var row = "| \(code(entry.name)) | \(RenderFormat.number(entry.value)) |"
            if withIntervals { row += " \(intervals[entry.name].map(interval) ?? RenderFormat.undefined) |" }
            lines.append(row)
        }
        return lines + [""]
    }

    /// `[0.61, 0.72]`, or `—` when neither bound is defined.
    static func interval(_ interval: ConfidenceInterval) -> String {
        guard interval.lower != nil || interval.upper != nil else { return RenderFormat.undefined }
        return "[\(RenderFormat.number(interval.lower)), \(RenderFormat.number(interval.upper))]"
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

import Foundation
import RinriMarkup

/// Geometry shared by the inline SVG charts of the HTML report (x in SVG user units).
enum ChartLayout {
    /// Total width of every chart.
    static let width = 720.0
    /// Group and metric labels are right-aligned at this x.
    static let labelRight = 208.0
    /// Left end of the plotting area (the scale's lower bound).
    static let plotLeft = 220.0
    /// Width of the plotting area (the scale's upper bound is at `plotLeft + plotWidth`).
    static let plotWidth = 400.0
    /// Labels longer than this many characters are cut, with the full text in a tooltip.
    static let labelLimit = 28
}

/// A linear scale mapping `lower...upper` onto the plotting area.
struct ChartScale: Equatable {
    var lower: Double
    var upper: Double

    /// The unit interval 0–1 (rates, ratios).
    static let unit = ChartScale(lower: 0, upper: 1)

    /// x of `value`, clamped to the plotting area.
    func x(_ value: Double) -> Double {
        let clamped = min(max(value, lower), upper)
        return ChartLayout.plotLeft + (clamped - lower) / (upper - lower) * ChartLayout.plotWidth
    }

    /// The scale widened to hold `values`, with round bounds when it had to grow.
    func including(_ values: [Double]) -> ChartScale {
        let finite = values.filter(\.isFinite)
        let low = min(lower, finite.min() ?? lower), high = max(upper, finite.max() ?? upper)
        if low == lower && high == upper && upper > lower { return self }
        guard high > low else { return ChartScale(lower: low, upper: low + 1) }
        let step = Self.niceStep((high - low) / 4)
        return ChartScale(lower: (low / step).rounded(.down) * step, upper: (high / step).rounded(.up) * step)
    }

    /// Five evenly spaced tick values.
    var ticks: [Double] { (0...4).map { lower + (upper - lower) * Double($0) / 4 } }

    /// The scale for an aggregate metric: ratios on 0–1, disparate impact on 0–2, signed
    /// AIF360 differences on −1–1, fairlearn differences on 0–1, anything else from 0; always
    /// widened to hold `values` (the value, its interval, the thresholds).
    static func forMetric(_ name: String, values: [Double]) -> ChartScale {
        let signed: Set<String> = [FeatureMetric.statisticalParityDifference.rawValue, FeatureMetric.averageOddsDifference.rawValue]
        let unitDifferences: Set<String> = [FeatureMetric.demographicParityDifference.rawValue,
                                            FeatureMetric.equalizedOddsDifference.rawValue,
                                            FeatureMetric.equalOpportunityDifference.rawValue]
        let base: ChartScale
        if name.hasSuffix("_ratio") || unitDifferences.contains(name) {
            base = .unit
        } else if name == FeatureMetric.disparateImpact.rawValue {
            base = ChartScale(lower: 0, upper: 2)
        } else if signed.contains(name) {
            base = ChartScale(lower: -1, upper: 1)
        } else {
            base = ChartScale(lower: 0, upper: 0)
        }
        return base.including(values)
    }

    private static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        return [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    }
}

/// One bar row: a group label and its values (nil when undefined).
struct BarRow {
    var label: String
    var values: [Double?]
}

/// One series of a bar chart: its CSS class (`selection`, `tpr`, …) and legend name.
struct BarSeries {
    var cssClass: String
    var name: String
}

/// One row of the metric-dots chart.
struct DotRow {
    var label: String
    var metric: String
    var value: Double?
    var interval: ConfidenceInterval?
    /// The thresholds of the checks on this metric, with whether each passed.
    var thresholds: [(threshold: ThresholdInfo, passed: Bool)]
    var scale: ChartScale
}

/// Inline SVG charts (no script, no external resources); all text is HTML-escaped.
enum SVGChart {
    private static let top = 34.0

    /// Horizontal bars, one row per group and one bar per series; `overall` draws a dashed
    /// line across the rows. An undefined value gets a dashed empty box marked "n/a".
    static func bars(_ rows: [BarRow], series: [BarSeries], scale: ChartScale, overall: Double?,
                     strings: RenderStrings, caption: String) -> String {
        let barHeight = 13.0, rowHeight = Double(series.count) * (barHeight + 3) + 8
        let bottom = top + Double(rows.count) * rowHeight
        var parts = [open(height: bottom + (overall == nil ? 12 : 30), caption: caption)]
        parts += axis(scale, from: top - 4, to: bottom)
        if series.count > 1 { parts.append(legend(series)) }
        var texts: [String] = [] // value labels go last, over the overall line
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            parts.append(label(row.label, x: ChartLayout.labelRight, y: y + rowHeight / 2))
            for (position, item) in series.enumerated() {
                let barY = y + 4 + Double(position) * (barHeight + 3)
                let value = position < row.values.count ? row.values[position] : nil
                let drawn = bar(value, series: item, row: row.label, y: barY, height: barHeight, scale: scale, strings: strings)
                parts.append(drawn.shape)
                texts.append(drawn.text)
            }
        }
        if let overall {
            let x = c(scale.x(overall))
            parts.append(#"<line class="overall" x1="\#(x)" x2="\#(x)" y1="\#(c(top - 4))" y2="\#(c(bottom + 4))"/>"#)
            let text = strings(.overallLine, RenderFormat.number(overall)).markupEscaped
            texts.append(#"<text class="overall-label" x="\#(x)" y="\#(c(bottom + 20))" text-anchor="middle">\#(text)</text>"#)
        }
        parts += texts
        return (parts + ["</svg>"]).joined(separator: "\n")
    }

    /// One dot per aggregate metric on its own scale, with interval whiskers and the check
    /// thresholds as vertical lines coloured by pass (green) or fail (red).
    static func dots(_ rows: [DotRow], strings: RenderStrings, caption: String) -> String {
        let rowHeight = 54.0, first = 8.0
        var parts = [open(height: first + Double(rows.count) * rowHeight + 4, caption: caption)]
        for (index, row) in rows.enumerated() {
            parts += dotRow(row, y: first + Double(index) * rowHeight, strings: strings)
        }
        return (parts + ["</svg>"]).joined(separator: "\n")
    }

    private static func dotRow(_ row: DotRow, y: Double, strings: RenderStrings) -> [String] {
        let axisY = y + 26, scale = row.scale
        let left = c(ChartLayout.plotLeft), right = c(ChartLayout.plotLeft + ChartLayout.plotWidth)
        var parts = [label(row.label, x: ChartLayout.labelRight, y: axisY, tooltip: row.label + " (" + row.metric + ")", wrap: true),
                     #"<line class="scale" x1="\#(left)" x2="\#(right)" y1="\#(c(axisY))" y2="\#(c(axisY))"/>"#]
        for bound in [scale.lower, scale.upper] {
            parts.append(#"<text class="tick" x="\#(c(scale.x(bound)))" y="\#(c(axisY + 20))" text-anchor="middle">\#(RenderFormat.number(bound))</text>"#)
        }
        for (threshold, passed) in row.thresholds {
            let x = c(scale.x(threshold.value)), state = passed ? "pass" : "fail"
            parts.append(#"<line class="threshold \#(state)" x1="\#(x)" x2="\#(x)" y1="\#(c(axisY - 14))" y2="\#(c(axisY + 10))"><title>\#(strings(.thresholdLegend).markupEscaped) \#(threshold.label.markupEscaped)</title></line>"#)
            parts.append(#"<text class="threshold-label \#(state)" x="\#(x)" y="\#(c(axisY - 17))" text-anchor="middle">\#(threshold.label.markupEscaped)</text>"#)
        }
        guard let value = row.value else {
            parts.append(#"<rect class="na" x="\#(left)" y="\#(c(axisY - 7))" width="\#(c(ChartLayout.plotWidth))" height="14"/>"#)
            parts.append(#"<text class="na-text" x="\#(c(ChartLayout.plotLeft + ChartLayout.plotWidth / 2))" y="\#(c(axisY + 4))" text-anchor="middle">\#(strings(.notAvailable).markupEscaped)</text>"#)
            return parts
        }
        if let interval = row.interval, let lower = interval.lower, let upper = interval.upper {
            let x1 = c(scale.x(lower)), x2 = c(scale.x(upper))
            parts.append(#"<path class="whisker" d="M\#(x1) \#(c(axisY - 5))v10M\#(x1) \#(c(axisY))H\#(x2)M\#(x2) \#(c(axisY - 5))v10"/>"#)
        }
        let state = row.thresholds.isEmpty ? "neutral" : (row.thresholds.allSatisfy(\.passed) ? "pass" : "fail")
        let text = RenderFormat.number(value)
        parts.append(#"<circle class="dot \#(state)" cx="\#(c(scale.x(value)))" cy="\#(c(axisY))" r="6"><title>\#(row.label.markupEscaped): \#(text)</title></circle>"#)
        parts.append(#"<text class="value" x="\#(c(ChartLayout.plotLeft + ChartLayout.plotWidth + 12))" y="\#(c(axisY + 4))">\#(text)</text>"#)
        return parts
    }

    /// The bar (or "n/a" box) of one value, and its text, drawn separately so texts stay on top.
    private static func bar(_ value: Double?, series: BarSeries, row: String, y: Double, height: Double,
                            scale: ChartScale, strings: RenderStrings) -> (shape: String, text: String) {
        guard let value, value.isFinite else {
            let na = strings(.notAvailable).markupEscaped
            return (#"<rect class="na" x="\#(c(ChartLayout.plotLeft))" y="\#(c(y))" width="56" height="\#(c(height))"><title>\#(series.name.markupEscaped): \#(na)</title></rect>"#,
                    #"<text class="na-text" x="\#(c(ChartLayout.plotLeft + 28))" y="\#(c(y + height - 3))" text-anchor="middle">\#(na)</text>"#)
        }
        let zero = scale.x(min(max(0, scale.lower), scale.upper)), end = scale.x(value)
        let text = RenderFormat.number(value)
        let tooltip = "\(row) — \(series.name): \(text)".markupEscaped
        return (#"<rect class="bar \#(series.cssClass)" x="\#(c(min(zero, end)))" y="\#(c(y))" width="\#(c(max(abs(end - zero), 1)))" height="\#(c(height))"><title>\#(tooltip)</title></rect>"#,
                #"<text class="value" x="\#(c(max(zero, end) + 5))" y="\#(c(y + height - 3))">\#(text)</text>"#)
    }

    private static func open(height: Double, caption: String) -> String {
        let w = c(ChartLayout.width), h = c(height)
        return #"<svg class="chart" viewBox="0 0 \#(w) \#(h)" width="\#(w)" height="\#(h)" role="img" aria-label="\#(caption.attributeEscaped)">"#
    }

    private static func axis(_ scale: ChartScale, from top: Double, to bottom: Double) -> [String] {
        scale.ticks.flatMap { tick -> [String] in
            let x = c(scale.x(tick))
            return [#"<line class="grid" x1="\#(x)" x2="\#(x)" y1="\#(c(top))" y2="\#(c(bottom))"/>"#,
                    #"<text class="tick" x="\#(x)" y="\#(c(top - 6))" text-anchor="middle">\#(RenderFormat.number(tick))</text>"#]
        }
    }

    private static func legend(_ series: [BarSeries]) -> String {
        series.enumerated().map { index, item in
            let x = 8 + Double(index) * 130
            return #"<rect class="key \#(item.cssClass)" x="\#(c(x))" y="2" width="12" height="10"/><text class="legend" x="\#(c(x + 16))" y="11">\#(item.name.markupEscaped)</text>"#
        }.joined()
    }

    /// A right-aligned label cut to ``ChartLayout/labelLimit`` characters, with the full text as
    /// tooltip; with `wrap`, a long label is first broken at a space onto a second line.
    private static func label(_ text: String, x: Double, y: Double, tooltip: String? = nil, wrap: Bool = false) -> String {
        let title = (tooltip ?? text).markupEscaped
        let limit = ChartLayout.labelLimit
        guard wrap, text.count > limit, let space = text.prefix(limit + 1).lastIndex(of: " ") else {
            let shown = RenderFormat.truncated(text, limit: limit).markupEscaped
            return #"<text class="label" x="\#(c(x))" y="\#(c(y + 4))" text-anchor="end"><title>\#(title)</title>\#(shown)</text>"#
        }
        let first = String(text[..<space]).markupEscaped
        let second = RenderFormat.truncated(String(text[text.index(after: space)...]), limit: limit).markupEscaped
        return #"<text class="label" x="\#(c(x))" y="\#(c(y - 3))" text-anchor="end"><title>\#(title)</title>"#
            + #"<tspan x="\#(c(x))" y="\#(c(y - 3))">\#(first)</tspan><tspan x="\#(c(x))" y="\#(c(y + 11))">\#(second)</tspan></text>"#
    }

    private static func c(_ value: Double) -> String { RenderFormat.coordinate(value) }
}

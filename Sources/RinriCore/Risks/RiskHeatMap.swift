import Foundation
import RinriMarkup

/// Counts of risks in the 4 × 4 grid of ``RiskScoring/matrix``: rows are severity levels
/// (``RiskLevel/low`` … ``RiskLevel/critical``), columns are likelihoods 1 (rare) … 4 (almost certain).
///
/// A likelihood outside 1...4 is clamped into it, as ``RiskScoring/level(_:likelihood:)`` does.
public struct RiskHeatMap: Sendable, Equatable, Codable {
    /// The likelihood columns.
    public static let likelihoods = 1...4

    /// `counts[row][column]`: row = index of the level in ``RiskLevel/allCases``, column = likelihood − 1.
    public private(set) var counts: [[Int]]

    /// An empty map.
    public init() {
        counts = Array(repeating: Array(repeating: 0, count: 4), count: RiskLevel.allCases.count)
    }

    /// Counts risks by the level of their severity and their likelihood.
    public init(_ risks: [(severity: HarmSeverity, likelihood: Int)]) {
        self.init(levels: risks.map { (level: $0.severity.level, likelihood: $0.likelihood) })
    }

    /// Counts risks whose severity level is already known.
    public init(levels risks: [(level: RiskLevel, likelihood: Int)]) {
        self.init()
        for risk in risks {
            counts[Self.row(risk.level)][Self.column(risk.likelihood)] += 1
        }
    }

    /// A map from counts already grouped by severity level and likelihood (a group may appear more than once).
    public init(cells: [(level: RiskLevel, likelihood: Int, count: Int)]) {
        self.init()
        for cell in cells {
            counts[Self.row(cell.level)][Self.column(cell.likelihood)] += cell.count
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let counts = try container.decode([[Int]].self, forKey: .counts)
        guard counts.count == RiskLevel.allCases.count, counts.allSatisfy({ $0.count == 4 && $0.allSatisfy { $0 >= 0 } }) else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: container,
                                                   debugDescription: "counts must be 4 rows of 4 non-negative numbers")
        }
        self.counts = counts
    }

    /// The number of risks of this severity level and likelihood (clamped into 1...4).
    public func count(level: RiskLevel, likelihood: Int) -> Int {
        counts[Self.row(level)][Self.column(likelihood)]
    }

    /// The number of risks in the map.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The largest count of any cell (0 for an empty map).
    public var maximumCount: Int { counts.flatMap { $0 }.max() ?? 0 }

    /// The risk level, and so the colour, of a cell: `RiskScoring.matrix[level][likelihood - 1]`.
    public static func cellLevel(level: RiskLevel, likelihood: Int) -> RiskLevel {
        RiskScoring.matrix[level]![column(likelihood)]
    }

    private static func row(_ level: RiskLevel) -> Int { RiskLevel.allCases.firstIndex(of: level)! }

    private static func column(_ likelihood: Int) -> Int { min(max(likelihood, 1), 4) - 1 }
}

/// The texts of a heat map, already localized by the caller.
public struct HeatMapLabels: Sendable, Equatable, Codable {
    /// The accessible name and visible heading of the chart.
    public var title: String
    /// A longer description for assistive technology, if any.
    public var description: String?
    /// The title of the likelihood (horizontal) axis.
    public var likelihoodAxis: String
    /// The title of the severity (vertical) axis.
    public var severityAxis: String
    /// The names of likelihoods 1...4, in that order.
    public var likelihoodNames: [String]
    /// The names of the levels in ``RiskLevel/allCases`` order (low, medium, high, critical).
    public var levelNames: [String]
    /// How levels are read, shown under the legend (the severity rule of ``HarmSeverity`` and ``RiskScoring``), if any.
    public var rule: String?

    public init(title: String, description: String? = nil, likelihoodAxis: String, severityAxis: String,
                likelihoodNames: [String], levelNames: [String], rule: String? = nil) {
        self.title = title
        self.description = description
        self.likelihoodAxis = likelihoodAxis
        self.severityAxis = severityAxis
        self.likelihoodNames = likelihoodNames
        self.levelNames = levelNames
        self.rule = rule
    }

    /// The name of likelihood 1...4, or the empty string when none was given.
    public func likelihoodName(_ likelihood: Int) -> String {
        likelihoodNames.indices.contains(likelihood - 1) ? likelihoodNames[likelihood - 1] : ""
    }

    /// The name of `level`, or its raw value when none was given.
    public func levelName(_ level: RiskLevel) -> String {
        let index = RiskLevel.allCases.firstIndex(of: level)!
        return levelNames.indices.contains(index) ? levelNames[index] : level.rawValue
    }
}

/// The fill of a heat-map cell and the colour of the text drawn on it.
public struct HeatMapColour: Sendable, Equatable, Codable {
    /// The cell fill, `#RRGGBB`.
    public var fill: String
    /// The count text colour, `#RRGGBB`, with a contrast of at least 4.5 : 1 on ``fill``.
    public var text: String

    public init(fill: String, text: String) {
        self.fill = fill
        self.text = text
    }
}

/// Renders a ``RiskHeatMap`` as a self-contained, accessible SVG document.
///
/// The SVG has `role="img"`, a `<title>` (and `<desc>` when the labels have a description),
/// a `viewBox`, no script and no external resources. Rows run from critical (top) to low,
/// columns from likelihood 1 (left) to 4. Each cell is filled with the colour of its
/// ``RiskHeatMap/cellLevel(level:likelihood:)``, has its own `<title>` for assistive
/// technology and shows its count when it is not empty. A legend names the four colours.
/// Every label is XML-escaped.
public enum RiskHeatMapSVG {
    /// Colours by cell level; their luminance falls from low to critical, so they stay apart in grey scale.
    public static let palette: [RiskLevel: HeatMapColour] = [
        .low: HeatMapColour(fill: "#E3F1DF", text: "#1A1A1A"),
        .medium: HeatMapColour(fill: "#FFD54F", text: "#1A1A1A"),
        .high: HeatMapColour(fill: "#F57C00", text: "#1A1A1A"),
        .critical: HeatMapColour(fill: "#B71C1C", text: "#FFFFFF"),
    ]

    /// Geometry of the drawing, in user units.
    enum Layout {
        static let gridLeft = 180, gridTop = 50, cellWidth = 100, cellHeight = 64
        static let gridWidth = 4 * cellWidth, gridHeight = 4 * cellHeight
        static let width = gridLeft + gridWidth + 20
        static let height = gridTop + gridHeight + 140
    }

    /// The SVG document for `map`.
    public static func render(_ map: RiskHeatMap, labels: HeatMapLabels) -> String {
        let title = Markup.escape(labels.title, in: .text)
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Layout.width) \(Layout.height)\" "
                + "width=\"\(Layout.width)\" height=\"\(Layout.height)\" role=\"img\" aria-label=\"\(Markup.escape(labels.title, in: .attribute))\" "
                + "font-family=\"sans-serif\">",
            "<title>\(title)</title>",
        ]
        if let description = labels.description { lines.append("<desc>\(Markup.escape(description, in: .text))</desc>") }
        lines.append("<rect width=\"\(Layout.width)\" height=\"\(Layout.height)\" fill=\"#FFFFFF\"/>")
        lines.append("<text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"#1A1A1A\">\(title)</text>")
        lines += cells(map, labels: labels)
        lines += axes(labels)
        lines += legend(labels)
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One group per cell: its accessible title, the coloured square and the count when not empty.
    static func cells(_ map: RiskHeatMap, labels: HeatMapLabels) -> [String] {
        var lines: [String] = []
        for (row, level) in RiskLevel.allCases.reversed().enumerated() {
            for likelihood in RiskHeatMap.likelihoods {
                let x = Layout.gridLeft + (likelihood - 1) * Layout.cellWidth
                let y = Layout.gridTop + row * Layout.cellHeight
                let count = map.count(level: level, likelihood: likelihood)
                let cellLevel = RiskHeatMap.cellLevel(level: level, likelihood: likelihood)
                let colour = palette[cellLevel]!
                let name = "\(labels.levelName(level)) / \(likelihood) \(labels.likelihoodName(likelihood)): \(count)"
                lines.append("<g class=\"cell level-\(cellLevel.rawValue)\"><title>\(Markup.escape(name, in: .text))</title>")
                lines.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(Layout.cellWidth)\" height=\"\(Layout.cellHeight)\" "
                             + "fill=\"\(colour.fill)\" stroke=\"#595959\" stroke-width=\"1\"/>")
                if count > 0 {
                    lines.append("<text x=\"\(x + Layout.cellWidth / 2)\" y=\"\(y + Layout.cellHeight / 2 + 8)\" "
                                 + "text-anchor=\"middle\" font-size=\"22\" font-weight=\"bold\" fill=\"\(colour.text)\">\(count)</text>")
                }
                lines.append("</g>")
            }
        }
        return lines
    }

    /// Severity level names left of the rows, likelihood numbers and names under the columns, axis titles.
    static func axes(_ labels: HeatMapLabels) -> [String] {
        var lines: [String] = []
        for (row, level) in RiskLevel.allCases.reversed().enumerated() {
            let y = Layout.gridTop + row * Layout.cellHeight + Layout.cellHeight / 2 + 5
            lines.append(text(labels.levelName(level), x: Layout.gridLeft - 10, y: y, anchor: "end"))
        }
        let below = Layout.gridTop + Layout.gridHeight
        for likelihood in RiskHeatMap.likelihoods {
            let x = Layout.gridLeft + (likelihood - 1) * Layout.cellWidth + Layout.cellWidth / 2
            lines.append(text("\(likelihood)", x: x, y: below + 22, anchor: "middle", weight: "bold"))
            lines.append(text(labels.likelihoodName(likelihood), x: x, y: below + 40, anchor: "middle"))
        }
        let middleX = Layout.gridLeft + Layout.gridWidth / 2
        lines.append(text(labels.likelihoodAxis, x: middleX, y: below + 66, anchor: "middle", weight: "bold"))
        let middleY = Layout.gridTop + Layout.gridHeight / 2
        lines.append("<text x=\"30\" y=\"\(middleY)\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" "
                     + "fill=\"#1A1A1A\" transform=\"rotate(-90 30 \(middleY))\">\(Markup.escape(labels.severityAxis, in: .text))</text>")
        return lines
    }

    /// A swatch and the level name for each of the four cell colours.
    static func legend(_ labels: HeatMapLabels) -> [String] {
        let y = Layout.gridTop + Layout.gridHeight + 88
        var lines = ["<g class=\"legend\">"]
        for (index, level) in RiskLevel.allCases.enumerated() {
            let x = Layout.gridLeft + index * Layout.cellWidth
            lines.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"16\" height=\"16\" fill=\"\(palette[level]!.fill)\" "
                         + "stroke=\"#595959\" stroke-width=\"1\"/>")
            lines.append(text(labels.levelName(level), x: x + 22, y: y + 13, anchor: "start"))
        }
        if let rule = labels.rule {
            lines.append("<text x=\"20\" y=\"\(y + 40)\" font-size=\"12\" fill=\"#1A1A1A\">\(Markup.escape(rule, in: .text))</text>")
        }
        lines.append("</g>")
        return lines
    }

    private static func text(_ content: String, x: Int, y: Int, anchor: String, weight: String = "normal") -> String {
        "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\" font-size=\"14\" font-weight=\"\(weight)\" "
            + "fill=\"#1A1A1A\">\(Markup.escape(content, in: .text))</text>"
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RinriCore

/// A parsed XML element: enough of a DOM to inspect the rendered SVG.
final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and all its descendants, in document order.
    var all: [SVGNode] { [self] + children.flatMap(\.all) }

    func children(_ name: String) -> [SVGNode] { children.filter { $0.name == name } }
}

/// Builds an ``SVGNode`` tree with Foundation's XMLParser; `nil` when the text is not well-formed.
final class SVGTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [SVGNode] = []
    private(set) var root: SVGNode?

    static func parse(_ text: String) -> SVGNode? {
        let builder = SVGTreeBuilder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        return parser.parse() ? builder.root : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = SVGNode(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

@Suite("Risk heat map")
struct RiskHeatMapTests {
    static let labels = HeatMapLabels(
        title: "Risks <script>alert('x')</script> & \"more\"", description: "Inherent risks by severity & likelihood",
        likelihoodAxis: "Likelihood", severityAxis: "Severity <level>",
        likelihoodNames: ["Rare", "Possible", "Likely", "Almost certain"],
        levelNames: ["Low", "Medium", "High", "Critical & grave"])

    static func severity(_ scale: Int, _ scope: Int, _ irremediability: Int) throws -> HarmSeverity {
        try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability)
    }

    /// Two low risks at likelihood 1, a medium at 3, a critical at 4, a high at 0 (→ 1) and a low at 7 (→ 4).
    static func sampleMap() throws -> RiskHeatMap {
        RiskHeatMap([
            (severity: try severity(1, 1, 1), likelihood: 1), (severity: try severity(2, 1, 1), likelihood: 1),
            (severity: try severity(2, 2, 2), likelihood: 3), (severity: try severity(4, 4, 4), likelihood: 4),
            (severity: try severity(3, 3, 3), likelihood: 0), (severity: try severity(1, 1, 2), likelihood: 7),
        ])
    }

    @Test func risksAreCountedBySeverityLevelAndLikelihood() throws {
        let map = try Self.sampleMap()
        #expect(map.total == 6)
        #expect(map.count(level: .low, likelihood: 1) == 2)
        #expect(map.count(level: .medium, likelihood: 3) == 1)
        #expect(map.count(level: .critical, likelihood: 4) == 1)
        #expect(map.count(level: .high, likelihood: 1) == 1, "likelihood 0 is clamped to 1")
        #expect(map.count(level: .low, likelihood: 4) == 1, "likelihood 7 is clamped to 4")
        #expect(map.count(level: .medium, likelihood: 1) == 0)
        #expect(map.maximumCount == 2)
        #expect(RiskHeatMap().total == 0 && RiskHeatMap().maximumCount == 0)
        #expect(RiskHeatMap(levels: [(level: .high, likelihood: 2), (level: .high, likelihood: 2)])
                    .count(level: .high, likelihood: 2) == 2)
    }

    @Test func cellLevelsComeFromTheRiskMatrix() {
        for level in RiskLevel.allCases {
            for likelihood in RiskHeatMap.likelihoods {
                #expect(RiskHeatMap.cellLevel(level: level, likelihood: likelihood) == RiskScoring.matrix[level]![likelihood - 1])
            }
        }
        #expect(RiskHeatMap.cellLevel(level: .low, likelihood: 4) == .medium)
        #expect(RiskHeatMap.cellLevel(level: .critical, likelihood: 1) == .high)
        #expect(RiskHeatMap.cellLevel(level: .high, likelihood: 4) == .critical)
    }

    @Test func hostileLabelsAreEscapedAndTheSVGStillParses() throws {
        // given labels with markup, quotes, a control character and a line break
        var labels = Self.labels
        labels.title = "<script>alert('x')</script> & \"q\"\nline"
        labels.description = "重大\u{1}リスク"
        // when
        let svg = RiskHeatMapSVG.render(try Self.sampleMap(), labels: labels)
        // then the chart parses, holds no script, and reads back the text as given (controls replaced)
        let root = try #require(SVGTreeBuilder.parse(svg), "the SVG does not parse as XML:\n\(svg)")
        #expect(!svg.contains("<script"))
        #expect(root.children("title").first?.text == labels.title)
        #expect(root.attributes["aria-label"] == labels.title)
        #expect(root.children("desc").first?.text == "重大\u{FFFD}リスク")
    }

    @Test func theSVGIsWellFormedAndAccessible() throws {
        // given
        let svg = RiskHeatMapSVG.render(try Self.sampleMap(), labels: Self.labels)
        // when
        let root = try #require(SVGTreeBuilder.parse(svg), "the SVG does not parse as XML:\n\(svg)")
        // then
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
        #expect(root.attributes["aria-label"] == Self.labels.title)
        #expect(root.children.first?.name == "title", "the title is the first child")
        #expect(root.children("title").first?.text == Self.labels.title)
        #expect(root.children("desc").first?.text == Self.labels.description)
        #expect(!root.all.contains { $0.name == "script" || $0.name == "image" || $0.name == "foreignObject" })
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("url("))
        #expect(svg.components(separatedBy: "http").count == 2, "only the SVG namespace is a URL")
        let texts = root.all.filter { $0.name == "text" }.map(\.text)
        for label in ["Likelihood", "Severity <level>", "Critical & grave", "Almost certain", "1", "4"] {
            #expect(texts.contains(label), "missing label \(label)")
        }
    }

    /// The cell groups, top row (critical) first, likelihood 1 first within a row.
    func cells(_ root: SVGNode) -> [SVGNode] {
        root.all.filter { $0.name == "g" && ($0.attributes["class"] ?? "").hasPrefix("cell ") }
    }

    @Test func cellsAreColouredByTheirLevelAndShowNonEmptyCounts() throws {
        // given
        let map = try Self.sampleMap()
        let root = try #require(SVGTreeBuilder.parse(RiskHeatMapSVG.render(map, labels: Self.labels)))
        // when
        let cells = cells(root)
        // then
        #expect(cells.count == 16)
        var index = 0
        for level in RiskLevel.allCases.reversed() {
            for likelihood in RiskHeatMap.likelihoods {
                let cell = cells[index]
                index += 1
                let cellLevel = RiskHeatMap.cellLevel(level: level, likelihood: likelihood)
                let colour = try #require(RiskHeatMapSVG.palette[cellLevel])
                #expect(cell.attributes["class"] == "cell level-\(cellLevel.rawValue)")
                #expect(cell.children("rect").first?.attributes["fill"] == colour.fill)
                let count = map.count(level: level, likelihood: likelihood)
                let shown = cell.children("text").first
                #expect(shown?.text == (count > 0 ? "\(count)" : nil), "\(level) × \(likelihood)")
                if count > 0 { #expect(shown?.attributes["fill"] == colour.text) }
                #expect(cell.children("title").first?.text.hasSuffix(": \(count)") == true)
            }
        }
        #expect(cells[0].children("title").first?.text == "Critical & grave / 1 Rare: 0")
    }

    @Test func anEmptyMapShowsNoCounts() throws {
        let root = try #require(SVGTreeBuilder.parse(RiskHeatMapSVG.render(RiskHeatMap(), labels: Self.labels)))
        #expect(cells(root).count == 16)
        #expect(cells(root).allSatisfy { $0.children("text").isEmpty })
    }

    @Test func missingLabelsFallBack() throws {
        let labels = HeatMapLabels(title: "T", likelihoodAxis: "L", severityAxis: "S", likelihoodNames: [], levelNames: ["Low"])
        #expect(labels.levelName(.low) == "Low" && labels.levelName(.critical) == "critical")
        #expect(labels.likelihoodName(2) == "" && labels.likelihoodName(0) == "")
        let root = try #require(SVGTreeBuilder.parse(RiskHeatMapSVG.render(try Self.sampleMap(), labels: labels)))
        #expect(root.children("desc").isEmpty)
    }

    /// WCAG 2 relative luminance of `#RRGGBB`.
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    @Test func thePaletteIsReadableAndDistinguishable() throws {
        let colours = try RiskLevel.allCases.map { try #require(RiskHeatMapSVG.palette[$0]) }
        for colour in colours {
            let (a, b) = (Self.luminance(colour.fill), Self.luminance(colour.text))
            #expect((max(a, b) + 0.05) / (min(a, b) + 0.05) >= 4.5, "count text on \(colour.fill)")
        }
        let luminances = colours.map { Self.luminance($0.fill) }
        #expect(zip(luminances, luminances.dropFirst()).allSatisfy { $0 - $1 > 0.08 },
                "fills get darker from low to critical, so they differ without hue: \(luminances)")
    }

    @Test func theMapRoundTripsThroughJSONAndRejectsBadShapes() throws {
        let map = try Self.sampleMap()
        let data = try JSONEncoder().encode(map)
        #expect(try JSONDecoder().decode(RiskHeatMap.self, from: data) == map)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RiskHeatMap.self, from: Data(#"{"counts":[[1,2,3]]}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RiskHeatMap.self, from: Data(#"{"counts":[[0,0,0,-1],[0,0,0,0],[0,0,0,0],[0,0,0,0]]}"#.utf8))
        }
    }
}

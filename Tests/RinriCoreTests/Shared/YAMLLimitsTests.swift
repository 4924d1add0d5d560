import Foundation
import RinriCore
import Testing

@Suite("Limits on the YAML people send")
struct YAMLLimitsTests {
    /// A "billion laughs": nine levels of ten aliases each expand to 10^9 strings.
    static let laughs: String = {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
        var previous = "a"
        for name in names {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
            previous = name
        }
        return text
    }()

    @Test func theShippedLibraryWithItsAnchorsFitsComfortably() throws {
        let folder = try #require(RinriResources.url("CheckSheets"))
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "yaml" }
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(throws: Never.self, "\(file.lastPathComponent)") { _ = try YAMLLimits.compose(text) }
        }
    }

    @Test func aBillionLaughsIsRefusedByItsNodeCount() throws {
        let refused = #expect(throws: RinriError.self) { _ = try YAMLLimits.compose(Self.laughs) }
        #expect(refused?.code == "yaml_too_many_nodes")
    }

    @Test func deepNestingAndHugeDocumentsAreRefusedBeforeParsing() {
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect((try? YAMLLimits.checkText(flow)) == nil)
        let dashes = String(repeating: "- ", count: 10_000) + "x"
        #expect((try? YAMLLimits.checkText(dashes)) == nil)
        let nested = (0..<70).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x"
        let deep = #expect(throws: RinriError.self) { _ = try YAMLLimits.compose(nested) }
        #expect(deep?.code == "yaml_too_deep")
        let big = "note: \"" + String(repeating: "x", count: YAMLLimits.maxBytes) + "\""
        let large = #expect(throws: RinriError.self) { try YAMLLimits.checkText(big) }
        #expect(large?.code == "yaml_too_large")
        // brackets count even when quoted (an upper bound a stray quote cannot hide from), but a
        // hundred of them in a title are still far from the bound
        #expect(throws: Never.self) { try YAMLLimits.checkText("title: \"" + String(repeating: "[", count: 100) + "\" # [[[[\n") }
        #expect((try? YAMLLimits.checkText("k: [a, b'c, " + String(repeating: "[", count: 300))) == nil)
    }
}

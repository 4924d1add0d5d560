import Foundation
import Testing
@testable import RinriMetrics

@Suite("Cell keys and sources")
struct CellKeyTests {
    @Test func manyDistinctAndLongValuesAreCountedExactly() throws {
        // given 3000 distinct ids (cache collisions) and values longer than 8 bytes, 2 rows each
        var lines = ["person,region,y,yhat"]
        for index in 0..<3000 {
            lines.append("id-\(index),region-number-\(index % 3),1,1")
            lines.append("id-\(index),region-number-\(index % 3),0,0")
        }
        let spec = FairnessSpec(labelColumn: "y", predictionColumn: "yhat", sensitiveColumns: ["person", "region"],
                                intersections: [["region", "person"]], minimumGroupSize: 1)
        // when analysing in small chunks on two threads
        let report = try analyse(lines.joined(separator: "\n"), spec, chunkSize: 512, threads: 2)
        // then every person is one group with TP 1 and TN 1
        let people = try #require(report.feature("person"))
        #expect(people.groups.count == 3000)
        #expect(people.groups.allSatisfy { $0.confusion == ConfusionCounts(truePositives: 1, trueNegatives: 1) })
        // and regions hold 1000 people each
        #expect(report.feature("region")?.groups.map(\.count) == [2000, 2000, 2000])
        // and the intersection keeps the region-first column order
        #expect(report.feature("region&person")?.groups.first?.values == ["region-number-0", "id-0"])
    }

    @Test func shortValuesInManyCombinationsAreCountedExactly() throws {
        // given four columns of short values in 2,400 combinations (colliding in the tuple
        // cache), each combination once positive and once negative
        var lines = ["a,b,c,d,y,yhat"]
        for index in 0..<2400 {
            for label in [1, 0] { lines.append("\(index % 10),v\(index / 10 % 12),\(index / 120),w,\(label),\(label)") }
        }
        let spec = FairnessSpec(labelColumn: "y", predictionColumn: "yhat", sensitiveColumns: ["a", "b", "c", "d"],
                                intersections: [["a", "b", "c"]], minimumGroupSize: 1)
        // when analysing in small chunks on two threads
        let report = try analyse(lines.joined(separator: "\n"), spec, chunkSize: 256, threads: 2)
        // then every combination is one group with TP 1 and TN 1
        let cells = try #require(report.feature("a&b&c"))
        #expect(cells.groups.count == 2400)
        #expect(cells.groups.allSatisfy { $0.confusion == ConfusionCounts(truePositives: 1, trueNegatives: 1) })
        #expect(report.feature("a")?.groups.map(\.count) == Array(repeating: 480, count: 10))
        #expect(report.feature("d")?.groups.map(\.count) == [4800])
    }

    @Test func threeColumnIntersection() throws {
        // given three grouping columns (the unpacked cell-key path)
        let text = "a,b,c,y,yhat\nx,y,z,1,1\nx,y,z,0,1\nx,y,w,1,0\nlonger-than-eight,y,z,0,0\n"
        let spec = FairnessSpec(labelColumn: "y", predictionColumn: "yhat", sensitiveColumns: ["a", "b", "c"],
                                intersections: [["a", "b", "c"]], minimumGroupSize: 1)
        // when analysing
        let feature = try #require(try analyse(text, spec).feature("a&b&c"))
        // then the three occurring combinations are the groups, with exact counts
        #expect(feature.groups.map(\.values) == [["longer-than-eight", "y", "z"], ["x", "y", "w"], ["x", "y", "z"]])
        #expect(feature.groups[2].confusion == ConfusionCounts(truePositives: 1, falsePositives: 1))
    }

    @Test func fileSourceGuessesJSONLinesFromTheExtension() throws {
        // given a .jsonl file on disk
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rinri-\(UUID().uuidString).jsonl")
        try Data("{\"sex\":\"F\",\"race\":\"a\",\"y\":1,\"yhat\":1}\n{\"sex\":\"M\",\"race\":\"a\",\"y\":0,\"yhat\":1}\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        // when analysing the file by path
        let source = TableSource.file(url.path)
        let report = try FairnessAnalysis.run(source: source, spec: handSpec())
        // then it was read as JSON Lines
        #expect(source.format == .jsonl)
        #expect(report.rows == 2)
        #expect(report.group("sex", ["M"])?.confusion == ConfusionCounts(falsePositives: 1))
    }
}

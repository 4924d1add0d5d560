import Foundation
import Testing
@testable import RinriMetrics

@Suite("Chunk boundaries")
struct ChunkBoundaryTests {
    /// Records with quoted delimiters, quoted line breaks, doubled quotes and CRLF.
    static let awkward: String = {
        var lines = ["id,note,sex,race,y,yhat,score"]
        for index in 0..<60 {
            let note = index % 3 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : (index % 3 == 1 ? "\"a,b\"" : "plain")
            let sex = index % 2 == 0 ? "\"F\"" : "M"
            let y = index % 4 < 2 ? 1 : 0
            let yhat = index % 3 == 0 ? 1 : 0
            lines.append("\(index),\(note),\(sex),r\(index % 3),\(y),\(yhat),0.\((index * 7919) % 1_000_003)")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }()

    @Test func tinyChunksGiveTheSameRecordsAsOneChunk() throws {
        // given the awkward table
        let columns = ["id", "note", "sex"]
        // when scanning in one chunk and in chunks of 1, 2, 3, 7 and 13 bytes
        let whole = try scanRows(Self.awkward, columns: columns)
        for size in [1, 2, 3, 7, 13] {
            // then the records are identical
            #expect(try scanRows(Self.awkward, columns: columns, chunkSize: size) == whole, "chunk size \(size)")
        }
        #expect(whole.count == 60)
        #expect(whole[0] == ["0", "multi\nline, \"quoted\"", "F"])
    }

    @Test func tinyChunksOnTwoThreadsGiveTheSameReport() throws {
        // given the awkward table analysed with scores and an intersection
        let spec = handSpec(score: true, intersections: [["sex", "race"]], reference: .init(column: "sex", value: "M"))
        // when analysed in one chunk and in 5-byte chunks on two threads
        let whole = try analyse(Self.awkward, spec, threads: 1)
        let split = try analyse(Self.awkward, spec, chunkSize: 5, threads: 2)
        // then the reports are equal
        #expect(whole.rows == 60)
        #expect(whole.features.map(\.groups.count) == [2, 3, 6])
        #expect(whole.overall.population.confusion == split.overall.population.confusion)
        #expect(try whole.jsonData() == split.jsonData())
    }

    @Test func firstComeChunksGiveTheSameReportAsOneThread() throws {
        // given a larger table with scores, analysed on one thread
        let rows = (0..<3000).map { index in
            "\(index % 2 == 0 ? "F" : "M"),r\(index % 7),\(index % 3 == 0 ? 1 : 0),\(index % 5 < 2 ? 1 : 0),0.\((index * 7919) % 1_000_003)"
        }
        let text = "sex,race,y,yhat,score\n" + rows.joined(separator: "\n") + "\n"
        let spec = handSpec(score: true, intersections: [["sex", "race"]])
        let one = try analyse(text, spec, threads: 1).jsonData()
        // when analysed again and again in 97-byte chunks that three workers take as they come
        for _ in 0..<5 {
            // then the report is byte-identical, whichever worker counted which rows
            #expect(try analyse(text, spec, chunkSize: 97, threads: 3).jsonData() == one)
        }
    }

    @Test func histogramBinsCountPastTheirOneByteStage() throws {
        // given 1,000 rows of one cell with the same score, 600 of them positive
        let rows = (0..<1000).map { "\($0 < 600 ? 1 : 0),1,0.25,F" }
        var source = TableSource.data(Data(("y,yhat,score,sex\n" + rows.joined(separator: "\n")).utf8))
        source.threads = 1
        let labels = try LabelValues(positive: "1", negative: nil)
        let slots = ClassificationSink.Slots(label: 0, prediction: 1, score: 2, grouping: [3])
        // when counting them
        let sinks = try TableScan.run(source: source, columns: ["y", "yhat", "score", "sex"]) {
            ClassificationSink(labels: labels, slots: slots, calibrationBins: 10, rocBins: 4096)
        }
        // then the score's bin holds every row, although a byte counts only to 255
        let scores = try #require(sinks[0].cells().first?.stats.scores)
        #expect(scores.rocPositive[1024] == 600)
        #expect(scores.rocNegative[1024] == 400)
        #expect(scores.rocPositive.reduce(0, +) == 600 && scores.rocNegative.reduce(0, +) == 400)
    }

    @Test func fixedPointSumsDoNotDependOnOrder() {
        // given 0.1, 0.2, 0.3 (as doubles (0.1 + 0.2) + 0.3 ≠ 0.1 + (0.2 + 0.3))
        var forward = FixedPointSum()
        [0.1, 0.2, 0.3].forEach { forward.add($0) }
        var pairs = FixedPointSum()
        var tail = FixedPointSum()
        tail.add(0.2)
        tail.add(0.3)
        pairs.add(0.1)
        pairs.add(tail)
        // then the fixed-point sums are identical, within one rounding of 0.6
        #expect(forward == pairs)
        #expect(abs(forward.value - 0.6) <= 2e-16)
    }

    @Test func errorLineIsAbsoluteAcrossChunks() {
        // given a bad label on the last record, after multi-line records
        let text = Self.awkward + "60,x,F,r0,7,1,0.5\r\n"
        // when analysed in 4-byte chunks on two threads
        let error = tableError { _ = try analyse(text, handSpec(), chunkSize: 4, threads: 2) }
        // then the line counts every physical line: header 1, 60 records with 20 spanning two lines
        #expect(error?.line == 1 + 60 + 20 + 1)
        #expect(error?.column == "y")
    }

    @Test func jsonLinesInTinyChunks() throws {
        // given JSON Lines with a nested value
        let text = (0..<30).map { "{\"a\": \"v\($0)\", \"n\": {\"x\": [\($0)]}, \"b\": \($0 % 2 == 0)}" }.joined(separator: "\n")
        // when scanned in 3-byte chunks and in one chunk
        let whole = try scanRows(text, columns: ["b", "a"], format: .jsonl)
        let split = try scanRows(text, columns: ["b", "a"], format: .jsonl, chunkSize: 3)
        // then the records are the same
        #expect(whole == split)
        #expect(whole[1] == ["false", "v1"])
    }
}

import Foundation
import Testing
@testable import RinriMetrics

/// The CSV fast path: 64-byte classification, whole-record windows, batches handed to sinks.
@Suite("CSV fast path")
struct FastPathTests {
    /// 64 random bytes, a third of them delimiters, line feeds, quotes or carriage returns.
    private static func randomBlock(_ random: inout SplitMix64, delimiter: UInt8) -> [UInt8] {
        let specials: [UInt8] = [delimiter, UInt8(ascii: "\n"), UInt8(ascii: "\""), UInt8(ascii: "\r")]
        return (0..<64).map { _ in
            random.nextUnit() < 0.33 ? specials[Int(random.next() % 4)] : UInt8(truncatingIfNeeded: random.next())
        }
    }

    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), 0xFF])
    func blockBitmapsMatchAByteByByteCount(delimiter: UInt8) {
        // given random blocks rich in special bytes
        var random = SplitMix64(seed: UInt64(delimiter))
        let classifier = StopBits(delimiter: delimiter)
        for _ in 0..<2_000 {
            let block = Self.randomBlock(&random, delimiter: delimiter)
            // when classified by the vector path and the portable path
            var expectedDelimiters: UInt64 = 0, expectedEnds: UInt64 = 0
            for (index, byte) in block.enumerated() {
                if byte == delimiter { expectedDelimiters |= 1 << UInt64(index) }
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\"") { expectedEnds |= 1 << UInt64(index) }
            }
            block.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                // then every bit is where a byte-by-byte look puts it
                let portable = classifier.portableRecordBits(base)
                #expect(portable.delimiters == expectedDelimiters && portable.ends == expectedEnds)
                #expect(classifier.stops(base) == expectedDelimiters | expectedEnds)
                #expect(classifier.portableStops(base) == expectedDelimiters | expectedEnds)
                // and the bitmaps for one record are exact up to and including the first end
                let leading = classifier.recordBitsToFirstEnd(base)
                let upToEnd = expectedEnds == 0 ? ~UInt64(0) : (expectedEnds ^ (expectedEnds &- 1))
                #expect(leading.delimiters & upToEnd == expectedDelimiters & upToEnd)
                #expect(leading.ends & upToEnd == expectedEnds & upToEnd)
                #expect((leading.ends == 0) == (expectedEnds == 0))
            }
        }
    }

    /// A random table: 3…8 columns, fields of 0…30 bytes (so records run from a few bytes to
    /// well past the 64-byte window) with carriage returns inside some, one field in twenty
    /// quoted (holding delimiters, line breaks and doubled quotes), CRLF on some lines, empty
    /// lines between some records, and sometimes no final line feed. Returns the text and its
    /// records.
    private static func randomTable(_ random: inout SplitMix64, delimiter: Character) -> (String, [[String]]) {
        let columns = 3 + Int(random.next() % 6)
        let plain = Array("abcxyz0123456789 .-_") + ["\r"]
        let quoted = plain + [delimiter, "\n", "\""]
        func field() -> (value: String, text: String) {
            let isQuoted = random.nextUnit() < 0.05
            let alphabet = isQuoted ? quoted : plain
            var value = String((0..<Int(random.next() % 31)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            while !isQuoted && value.hasSuffix("\r") { value.removeLast() } // a CR before the LF ends the line
            return isQuoted ? (value, "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"") : (value, value)
        }
        let header = (0..<columns).map { "c\($0)" }
        var text = header.joined(separator: String(delimiter)) + "\n"
        var records: [[String]] = []
        for _ in 0..<(50 + Int(random.next() % 200)) {
            if random.nextUnit() < 0.05 { text += random.nextUnit() < 0.5 ? "\n" : "\r\n" }
            let fields = (0..<columns).map { _ in field() }
            records.append(fields.map(\.value))
            text += fields.map(\.text).joined(separator: String(delimiter)) + (random.nextUnit() < 0.2 ? "\r\n" : "\n")
        }
        if random.nextUnit() < 0.3 { text.removeLast() } // no final line feed
        if text.hasSuffix("\r") { text.removeLast() }
        return (text, records)
    }

    @Test(arguments: [Character(","), Character(";"), Character("\t")])
    func randomTablesGiveTheRecordsWritten(delimiter: Character) throws {
        var random = SplitMix64(seed: 7 &+ UInt64(delimiter.asciiValue!))
        for _ in 0..<40 {
            // given a random table and a random selection of its columns, in random order
            let (text, records) = Self.randomTable(&random, delimiter: delimiter)
            let columns = records[0].count
            let chosen = (0..<columns).filter { _ in random.nextUnit() < 0.6 }.shuffled(using: &random)
            let requested = (chosen.isEmpty ? [columns - 1] : chosen)
            let expected = records.map { record in requested.map { record[$0] } }
            // when scanned in one chunk and in chunks around the window size
            for chunkSize in [4 << 20, 1, 63, 64, 65, 200] {
                let rows = try scanRows(text, columns: requested.map { "c\($0)" }, chunkSize: chunkSize,
                                        delimiter: delimiter)
                // then the records are the ones written
                let differing = rows.indices.first { $0 < expected.count && rows[$0] != expected[$0] }
                #expect(rows.count == expected.count && differing == nil,
                        "chunk size \(chunkSize): \(rows.count) records for \(expected.count), first difference at \(differing ?? -1): \(differing.map { "\(rows[$0]) for \(expected[$0])" } ?? "")")
            }
        }
    }

    @Test func wrongFieldCountsNameTheirLineInAndOutOfTheWindow() {
        // given 100 short records, then a bad one: short or long, early or among the last
        let good = (0..<100).map { "F,a,\($0 % 2),1,0.5" }
        let long = "F," + String(repeating: "a", count: 80) + ",1,1,0.5,extra"
        let cases: [(record: String, line: Int, found: Int)] = [
            ("F,a,1,1", 52, 4),                       // too few, inside the 64-byte window
            ("F,a,1,1,0.5,6,7", 52, 7),               // too many, inside the window
            (long, 52, 6),                            // longer than the window
        ]
        for (record, line, found) in cases {
            var rows = good
            rows.insert(record, at: 50)
            let text = "sex,race,y,yhat,score\n" + rows.joined(separator: "\n") + "\n"
            // when analysed
            let error = tableError { _ = try analyse(text, handSpec(score: true)) }
            // then the error names the record's line and its number of fields
            #expect(error?.line == line, "\(record)")
            #expect(error?.message.contains("expected 5 fields, found \(found)") == true, "\(error?.message ?? "")")
        }
        // and the last record of a file without a final line feed is checked too
        let tail = "sex,race,y,yhat,score\n" + good.joined(separator: "\n") + "\nF,a,1"
        #expect(tableError { _ = try analyse(tail, handSpec(score: true)) }?.line == 102)
    }

    @Test func theFirstBadRecordOfABatchIsReported() {
        // given one batch with a bad score on one line and a bad label on another
        func table(badScoreAt scoreRow: Int, badLabelAt labelRow: Int) -> String {
            let rows = (0..<40).map { row in
                "F,a,\(row == labelRow ? "maybe" : "1"),0,\(row == scoreRow ? "high" : "0.25")"
            }
            return "sex,race,y,yhat,score\n" + rows.joined(separator: "\n") + "\n"
        }
        // when the score comes first, and when the label comes first
        let scoreFirst = tableError { _ = try analyse(table(badScoreAt: 10, badLabelAt: 20), handSpec(score: true)) }
        let labelFirst = tableError { _ = try analyse(table(badScoreAt: 20, badLabelAt: 10), handSpec(score: true)) }
        // then each time the earlier line is the one reported, with its column
        #expect(scoreFirst?.line == 12 && scoreFirst?.column == "score")
        #expect(labelFirst?.line == 12 && labelFirst?.column == "y")
    }
}

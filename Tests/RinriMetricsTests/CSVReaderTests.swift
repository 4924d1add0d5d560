import Foundation
import Testing
@testable import RinriMetrics

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func readsOnlyRequestedColumnsInSlotOrder() throws {
        // given a plain CSV with four columns
        let text = "a,b,c,d\n1,2,3,4\n5,6,7,8\n"
        // when asking for d and b
        let rows = try scanRows(text, columns: ["d", "b"])
        // then only those fields come back, in the requested order
        #expect(rows == [["4", "2"], ["8", "6"]])
    }

    @Test func skipsByteOrderMarkAndHandlesCRLF() throws {
        // given a UTF-8 BOM and CRLF line ends
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,v\r\nÅsa,1\r\nbo,2\r\n".utf8)
        // when scanning
        let rows = try scanRows(bytes, columns: ["name", "v"])
        // then the first header name is not polluted and CR is not part of the last field
        #expect(rows == [["Åsa", "1"], ["bo", "2"]])
    }

    @Test func quotedDelimiterNewlineAndDoubledQuotes() throws {
        // given quoted fields holding a delimiter, a line break and doubled quotes
        let text = "id,text,n\n1,\"a,b\",2\n2,\"line1\nline2\",3\n3,\"say \"\"hi\"\"\",4\n4,\"\",5\n"
        // when scanning
        let rows = try scanRows(text, columns: ["id", "text", "n"])
        // then quoting is removed exactly
        #expect(rows == [["1", "a,b", "2"], ["2", "line1\nline2", "3"], ["3", "say \"hi\"", "4"], ["4", "", "5"]])
    }

    @Test func configurableDelimiterAndMissingFinalNewline() throws {
        // given a semicolon-separated file whose last record has no line feed
        let text = "x;y\n1,5;a\n2;\"b;c\""
        // when scanning with ';'
        let rows = try scanRows(text, columns: ["x", "y"], delimiter: ";")
        // then commas are data and the last record is read
        #expect(rows == [["1,5", "a"], ["2", "b;c"]])
    }

    @Test func invalidDelimiterIsRefused() {
        // given a quote and a non-ASCII character as delimiters
        for delimiter: Character in ["\"", "é"] {
            let error = tableError { _ = try scanRows("a\n1\n", columns: ["a"], delimiter: delimiter) }
            // then reading fails before any record
            #expect(error?.line == 0, "\(delimiter)")
        }
    }

    @Test func raggedRowNamesItsLine() {
        // given a row with too few fields after a record spanning two lines
        let text = "a,b,c\n1,\"x\ny\",3\n4,5\n"
        // when scanning
        let error = tableError { _ = try scanRows(text, columns: ["a"]) }
        // then the error names line 4 (header 1, record 2–3, bad record 4)
        #expect(error?.line == 4)
        #expect(error?.description == "t.csv:4: expected 3 fields, found 2")
    }

    @Test func unknownColumnIsReportedOnTheHeaderLine() {
        // given a header without the requested column
        let error = tableError { _ = try scanRows("a,b\n1,2\n", columns: ["a", "scroe"]) }
        // then it names line 1 and the column
        #expect(error?.line == 1)
        #expect(error?.column == "scroe")
        #expect(error?.description == "t.csv:1: column \"scroe\": unknown column (the header has \"a\", \"b\")")
    }

    @Test func emptyFileAndHeaderOnlyFile() throws {
        // given an empty file, a BOM-only file and a header-only file
        let spec = handSpec()
        // when analysing them
        let empty = tableError { _ = try analyse("", spec) }
        let bomOnly = tableError { _ = try scanRows([0xEF, 0xBB, 0xBF], columns: ["a"]) }
        let headerOnly = tableError { _ = try analyse("sex,race,y,yhat\n", spec) }
        // then each is a located error
        #expect(empty?.description == "data.csv:1: the file is empty")
        #expect(bomOnly?.message == "the file is empty")
        #expect(headerOnly?.description == "data.csv: the table has no data rows")
    }

    @Test func strayQuoteAndUnclosedQuoteAreErrors() {
        // given a quote inside an unquoted field, and a quote never closed
        let stray = tableError { _ = try scanRows("a,b\n1,x\"y\n", columns: ["a"]) }
        let unclosed = tableError { _ = try scanRows("a,b\n1,2\n3,\"oops\n", columns: ["a"]) }
        // then both name their record's line
        #expect(stray?.line == 2)
        #expect(unclosed?.line == 3)
        #expect(unclosed?.message == "quoted field is not closed before the end of the input")
    }

    @Test func longUnquotedFieldsSplitAtEveryOffset() throws {
        // given fields of every length 0…20 (the scanner reads 8 bytes at a time)
        let values = (0...20).map { String(repeating: "x", count: $0) }
        let text = "a,b\n" + values.map { "\($0),\($0)y" }.joined(separator: "\n") + "\n"
        // when scanning
        let rows = try scanRows(text, columns: ["a", "b"])
        // then each field ends exactly at its delimiter or line feed
        #expect(rows == values.map { [$0, $0 + "y"] })
        // and a quote 12 bytes into an unquoted field is still caught
        let error = tableError { _ = try scanRows("a\nabcdefghijkl\"m\n", columns: ["a"]) }
        #expect(error?.line == 2)
    }

    @Test func quotedAndPlainRecordsInterleaved() throws {
        // given plain records (the word-at-a-time path) between records with quotes (the general
        // parser), a CR before a delimiter, blank lines and a last record ending in a bare CR
        let text = "a,b,c\r\n1,x\r,y\r\n\"q\",2,3\n\r\n4,\"5\"\"\",6\n\n7,8,9\r"
        let expected = [["1", "x\r", "y"], ["q", "2", "3"], ["4", "5\"", "6"], ["7", "8", "9"]]
        // when scanning in one chunk and in small chunks
        for size in [4 << 20, 1, 5, 9] {
            // then every path gives the same fields
            #expect(try scanRows(text, columns: ["a", "b", "c"], chunkSize: size) == expected, "chunk size \(size)")
        }
        // and a plain record with a missing field after a quoted one names its line
        let error = tableError { _ = try scanRows("a,b\n\"1\",2\n3\n", columns: ["a"]) }
        #expect(error?.line == 3)
        #expect(error?.message == "expected 2 fields, found 1")
    }

    @Test func blankLinesAreSkipped() throws {
        // given blank lines between records
        let rows = try scanRows("a\n1\n\n2\r\n\n", columns: ["a"])
        // then they yield no records
        #expect(rows == [["1"], ["2"]])
    }

    @Test func badNumberNamesLineAndColumn() {
        // given a non-numeric score on line 3
        let text = "sex,race,y,yhat,score\nF,a,1,1,0.5\nM,a,0,0,abc\n"
        // when analysing with the score column
        let error = tableError { _ = try analyse(text, handSpec(score: true)) }
        // then the error is in the compiler style of the issue
        #expect(error?.description == "data.csv:3: column \"score\": \"abc\" is not a number")
    }

    @Test func scoreOutsideUnitIntervalIsAnError() {
        let error = tableError { _ = try analyse("sex,race,y,yhat,score\nF,a,1,1,1.5\n", handSpec(score: true)) }
        #expect(error?.description == "data.csv:2: column \"score\": score \"1.5\" is outside [0, 1]")
    }

    @Test func unexpectedLabelValueNamesLineAndColumn() {
        // given a label that is neither 1 nor 0
        let text = "sex,race,y,yhat\nF,a,1,1\nF,a,maybe,0\n"
        // when analysing
        let error = tableError { _ = try analyse(text, handSpec()) }
        // then it names the column and both declared values
        #expect(error?.description == "data.csv:3: column \"y\": label \"maybe\" is neither the positive value \"1\" nor the negative value \"0\"")
    }

    @Test func labelSpellingsAcceptedOnTheSlowPath() throws {
        // given labels spelled 1.0, true, " 0" and FALSE with positive "1"
        let text = "sex,race,y,yhat\nF,a,1.0,true\nF,a, 0,FALSE\n"
        // when analysing
        let report = try analyse(text, handSpec())
        // then they count as 1, 1, 0, 0: one TP and one TN
        #expect(report.overall.population.confusion == ConfusionCounts(truePositives: 1, trueNegatives: 1))
    }

    @Test func numberParsingFastPathAgreesWithFoundation() {
        // given decimals on the fast path and forms on the fallback
        let samples = ["0.1", "-12.5", "3", "0.30000000000000004", "1e-3", "  7.25 ", "123456789012345678901", "+.5"]
        for sample in samples {
            let parsed = Array(sample.utf8).withUnsafeBufferPointer { NumberParsing.double($0) }
            // then each equals Double(String) of the trimmed text
            #expect(parsed == Double(sample.trimmingCharacters(in: .whitespaces)), "\(sample)")
        }
        // and non-numbers and non-finite values are rejected
        for bad in ["abc", "", "nan", "inf", "1.2.3", "--1"] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { NumberParsing.double($0) } == nil, "\(bad)")
        }
    }

    @Test func missingFileIsAnErrorWithTheFileName() {
        let error = tableError { _ = try FairnessAnalysis.run(source: .file("/nonexistent/x.csv"), spec: handSpec()) }
        #expect(error?.file == "/nonexistent/x.csv")
        #expect(error?.line == 0)
    }
}

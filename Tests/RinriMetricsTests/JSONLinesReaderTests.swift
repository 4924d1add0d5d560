import Foundation
import Testing
@testable import RinriMetrics

@Suite("JSON Lines reader")
struct JSONLinesReaderTests {
    @Test func readsScalarsEscapesAndNull() throws {
        // given objects with escapes, numbers, booleans, null, nested values and a blank line
        let text = """
        {"a": "x\\"y\\u00e9\\n", "b": 1.5e2, "skip": {"n": [1, {"m": "}"}]}}

        {"b": true, "a": null}
        """
        // when scanning a and b
        let rows = try scanRows(text, columns: ["a", "b"], format: .jsonl)
        // then values are decoded, literals passed as text, null as empty
        #expect(rows == [["x\"yé\n", "1.5e2"], ["", "true"]])
    }

    @Test func missingKeyNamesLineAndColumn() {
        // given a third line without "b"
        let text = "{\"a\": 1, \"b\": 2}\n{\"a\": 1, \"b\": 2}\n{\"a\": 3}\n"
        // when scanning
        let error = tableError { _ = try scanRows(text, columns: ["a", "b"], format: .jsonl) }
        // then line 3, column b
        #expect(error?.description == "t.csv:3: column \"b\": missing from this record")
    }

    @Test func malformedLineIsAnError() {
        let error = tableError { _ = try scanRows("{\"a\": 1}\n[1, 2]\n", columns: ["a"], format: .jsonl) }
        #expect(error?.line == 2)
        #expect(error?.message == "expected a JSON object")
    }

    @Test func nestedValueForRequestedKeyIsAnError() {
        let error = tableError { _ = try scanRows("{\"a\": [1]}\n", columns: ["a"], format: .jsonl) }
        #expect(error?.column == "a")
        #expect(error?.line == 1)
    }
}

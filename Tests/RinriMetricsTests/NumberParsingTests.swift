import Foundation
import Testing
@testable import RinriMetrics

@Suite("Number parsing")
struct NumberParsingTests {
    @Test func shortFieldsAgreeWithFoundation() {
        // given every field of 1…9 characters drawn from digits, '.', signs and a few others
        let alphabet = Array("0123456789.-+e x/:".utf8)
        var random = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let length = 1 + Int(random.next() % 9)
            let bytes = (0..<length).map { _ in
                random.nextUnit() < 0.8 ? UInt8(48 + random.next() % 10) : alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            // when parsed from bytes
            let parsed = bytes.withUnsafeBufferPointer { NumberParsing.double($0) }
            // then the value is Double(String)'s of the space-trimmed text (finite values only)
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " "))
            let expected = Double(trimmed).flatMap { $0.isFinite ? $0 : nil }
            #expect(parsed == expected, "\(text)")
        }
    }
}

/// Parses decimal numbers straight from bytes.
///
/// The fast path handles plain decimals (`-12.5`, `0.73`, `3`) with at most 19 digits: the
/// digits form an integer mantissa *m* and, when *m* ≤ 2^53 and there are at most 22
/// fraction digits, *m* / 10^k is one correctly rounded IEEE division of two exact values,
/// so the result equals `Double(String)`. Everything else (exponents, long mantissas) goes
/// through `Double(String)`. Surrounding ASCII spaces are ignored; NaN and infinities are
/// rejected.
enum NumberParsing {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The finite number spelled by `bytes`, or nil.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0
        var end = bytes.count
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return nil }
        if let value = fastDouble(bytes, start, end) { return value }
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)), value.isFinite else {
            return nil
        }
        return value
    }

    @inline(__always)
    private static func fastDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var index = start
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                guard digits < 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, mantissa <= (1 << 53), fractionDigits <= 22 else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }
}

/// Parses decimal numbers straight from bytes.
///
/// The fast path handles plain decimals (`-12.5`, `0.73`, `3`) with at most 19 digits: the
/// digits form an integer mantissa *m* and, when *m* ≤ 2^53 and there are at most 22
/// fraction digits, *m* / 10^k is one correctly rounded IEEE division of two exact values,
/// so the result equals `Double(String)`. Everything else (exponents, long mantissas) goes
/// through `Double(String)`. Surrounding ASCII spaces are ignored; NaN and infinities are
/// rejected.
enum NumberParsing {
    /// 10^k for k in 0…22, all exact doubles (a switch compiles to a constant table, without
    /// the lazy-initialisation check of a static array).
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
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
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative || bytes[index] == UInt8(ascii: "+") { index &+= 1 }
        var mantissa: UInt64 = 0
        let integerStart = index
        while index < end {
            let digit = bytes[index] &- 0x30
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index &+= 1
        }
        var digits = index &- integerStart
        var fractionDigits = 0
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index &+= 1
            let fractionStart = index
            while index < end {
                let digit = bytes[index] &- 0x30
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index &+= 1
            }
            fractionDigits = index &- fractionStart
            digits &+= fractionDigits
        }
        // More than 19 digits may have wrapped the mantissa: those take the slow path.
        guard index == end, digits > 0, digits <= 19, mantissa <= (1 << 53), fractionDigits <= 22 else { return nil }
        let magnitude = Double(mantissa) / powerOfTen(fractionDigits)
        return negative ? -magnitude : magnitude
    }
}

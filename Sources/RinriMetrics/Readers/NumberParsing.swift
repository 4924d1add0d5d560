/// Parses decimal numbers straight from bytes.
///
/// Short plain decimals (`0.073125`, `-1.5`: at most 8 bytes after an optional `-`) are read
/// as one 64-bit word (``shortDecimal(_:)``). The next path handles plain decimals (`-12.5`,
/// `0.73`, `3`) with at most 19 digits. On both, the digits form an integer mantissa *m* and,
/// when *m* ≤ 2^53 and there are at most 22 fraction digits, *m* / 10^k is one correctly
/// rounded IEEE division of two exact values, so the result equals `Double(String)`. Everything else (exponents, long mantissas) goes
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

    /// The finite number spelled by `bytes`, or nil. Inlined for the common short unsigned
    /// decimal; everything else takes ``generalDouble(_:)``.
    @inline(__always)
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count > 0 && bytes.count <= 8, let value = shortDecimal(bytes) { return value }
        return generalDouble(bytes)
    }

    @inline(never)
    private static func generalDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count > 1 && bytes.count <= 9 && bytes[0] == UInt8(ascii: "-"),
           let value = shortDecimal(UnsafeBufferPointer(rebasing: bytes[1...])) {
            return -value
        }
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

    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let zeros: UInt64 = 0x3030_3030_3030_3030 // "00000000"

    /// 1…8 bytes of digits with at most one `.` and at least one digit, read as one word:
    /// the `.` is found with the zero-byte test of ``StopBits``, every other byte is checked to
    /// be a digit (`b & 0xF0 == 0x30` and `(b + 6) & 0xF0 == 0x30`), the `.` is squeezed out,
    /// and the digits (at most 8, so the mantissa is exact) are combined pairwise by three
    /// multiply-and-add steps. nil for anything else (the general path then decides).
    @inline(__always)
    private static func shortDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        let word = packedWord(bytes)
        let used = ~UInt64(0) &>> UInt64(64 &- 8 &* count)
        let y = word ^ 0x2E2E_2E2E_2E2E_2E2E // zero bytes where '.' is
        let dots = ~(((y & lows) &+ lows) | y) & ~lows & used
        guard dots & (dots &- 1) == 0 else { return nil }
        let dotBytes = (dots &>> 7) &* 0xFF
        let padded = (word & ~dotBytes) | (zeros & (~used | dotBytes)) // '.' and padding as '0'
        guard padded & 0xF0F0_F0F0_F0F0_F0F0 == zeros,
              (padded &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == zeros else { return nil }
        var values = padded &- zeros
        var fractionDigits = 0
        var digitCount = count
        if dots != 0 {
            let dotIndex = dots.trailingZeroBitCount &>> 3
            let below = (UInt64(1) &<< UInt64(8 &* dotIndex)) &- 1
            values = (values & below) | ((values &>> 8) & ~below)
            fractionDigits = count &- 1 &- dotIndex
            digitCount &-= 1
            guard digitCount > 0 else { return nil }
        }
        // Byte 0 is the most significant digit; leading zeros fill the low bytes.
        values &<<= UInt64(8 &* (8 &- digitCount))
        values = (values &* 10 &+ (values &>> 8)) & 0x00FF_00FF_00FF_00FF
        values = (values &* 100 &+ (values &>> 16)) & 0x0000_FFFF_0000_FFFF
        values = (values &* 10000 &+ (values &>> 32)) & 0xFFFF_FFFF
        return Double(Int64(bitPattern: values)) / powerOfTen(fractionDigits) // below 10⁸: one signed conversion
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

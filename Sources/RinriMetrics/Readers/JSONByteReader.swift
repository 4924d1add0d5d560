/// A minimal JSON tokenizer over raw bytes, enough to read flat objects and skip the rest.
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { position += 1 }
    }

    mutating func expect(_ byte: UInt8, _ message: String) throws(RecordError) {
        guard peek == byte else { throw RecordError(slot: nil, message: message) }
        position += 1
    }

    /// Reads a string token; `raw` is the content between the quotes, still escaped.
    mutating func string() throws(RecordError) -> (raw: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        try expect(UInt8(ascii: "\""), "expected a string")
        let start = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position += 1
            }
            position += 1
        }
        throw RecordError(slot: nil, message: "unterminated JSON string")
    }

    /// Reads a number or literal (`true`, `false`, `null`) as its text.
    mutating func literal() throws(RecordError) -> UnsafeBufferPointer<UInt8> {
        let start = position
        while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
              byte != 0x20, byte != 0x09, byte != 0x0D, byte != 0x0A {
            position += 1
        }
        guard position > start else { throw RecordError(slot: nil, message: "expected a JSON value") }
        return UnsafeBufferPointer(rebasing: bytes[start..<position])
    }

    /// Skips any JSON value, including nested objects and arrays.
    mutating func skipValue() throws(RecordError) {
        var depth = 0
        repeat {
            skipWhitespace()
            guard let byte = peek else { throw RecordError(slot: nil, message: "unexpected end of line in a JSON value") }
            switch byte {
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { throw RecordError(slot: nil, message: "unexpected '\(Character(UnicodeScalar(byte)))'") }
                depth -= 1; position += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { throw RecordError(slot: nil, message: "expected a JSON value") }
                position += 1
            default: _ = try literal()
            }
        } while depth > 0
    }

    /// The keys of the JSON object on `line`, in order (values are skipped).
    static func objectKeys(_ line: UnsafeBufferPointer<UInt8>) throws(RecordError) -> [String] {
        var reader = JSONByteReader(bytes: line)
        var keys: [String] = []
        reader.skipWhitespace()
        try reader.expect(UInt8(ascii: "{"), "expected a JSON object")
        reader.skipWhitespace()
        if reader.peek == UInt8(ascii: "}") { return [] }
        while true {
            reader.skipWhitespace()
            let key = try reader.string()
            let bytes = key.escaped ? unescaped(key.raw) : Array(key.raw)
            let name = String(decoding: bytes, as: UTF8.self)
            if !keys.contains(name) { keys.append(name) }
            reader.skipWhitespace()
            try reader.expect(UInt8(ascii: ":"), "expected ':' after a key")
            try reader.skipValue()
            reader.skipWhitespace()
            if reader.peek == UInt8(ascii: ",") {
                reader.position += 1
                continue
            }
            try reader.expect(UInt8(ascii: "}"), "expected ',' or '}'")
            return keys
        }
    }

    /// Decodes JSON escapes (`\n`, `\"`, `\uXXXX` with surrogate pairs, …) into UTF-8.
    static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        var pendingHigh: UInt32?
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                output.append(byte)
                index += 1
                continue
            }
            let code = raw[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "u"):
                let hex = raw[index..<min(index + 4, raw.count)]
                index += hex.count
                let unit = UInt32(String(decoding: hex, as: UTF8.self), radix: 16) ?? 0xFFFD
                appendCodeUnit(unit, pendingHigh: &pendingHigh, to: &output)
                continue
            default: output.append(code)
            }
        }
        return output
    }

    private static func appendCodeUnit(_ unit: UInt32, pendingHigh: inout UInt32?, to output: inout [UInt8]) {
        var scalarValue = unit
        if (0xD800...0xDBFF).contains(unit) {
            pendingHigh = unit
            return
        }
        if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
        }
        pendingHigh = nil
        let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}

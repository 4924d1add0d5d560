import Foundation

/// The API's one convention for absent values: every optional property of a type declared in
/// RinriWire is encoded as an explicit `null`.
///
/// Swift's synthesised `Encodable` calls `encodeIfPresent(_:forKey:)` for an optional property, which
/// leaves the key out when the value is nil. These overloads, internal to this module, are the ones
/// the synthesised code of RinriWire's types resolves to, and write `null` instead; types declared in
/// other modules are not affected. `WireTests.everyOptionalIsWrittenAsNullNeverLeftOut` checks every overload.
enum JSONNulls {}

extension KeyedEncodingContainer {
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

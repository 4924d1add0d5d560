import Foundation

/// Decides whether a label or prediction value is positive, negative, or neither.
///
/// A value matches a declared value when its bytes are equal, or — on a slower path — when,
/// after trimming spaces, it is equal ignoring ASCII case, or when both are numbers of equal
/// value (so `1.0` matches `1`); in that numeric comparison `true` counts as 1 and `false` as 0.
///
/// When no negative value is declared it is derived from the positive one for these common
/// pairs (case-insensitive): `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`,
/// `positive`/`negative`, `pos`/`neg`. For any other positive value the negative value must be
/// given. Any value matching neither is an error naming the line and column.
struct LabelValues: Sendable {
    let positive: [UInt8]
    let negative: [UInt8]
    private let positivePacked: PackedBytes?
    private let negativePacked: PackedBytes?
    /// The byte of a one-byte positive (negative) value, else -1: the common `1`/`0` case.
    private let positiveByte: Int
    private let negativeByte: Int
    private let positiveNumber: Double?
    private let negativeNumber: Double?

    private static let pairs: [(String, String)] = [
        ("1", "0"), ("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"),
        ("positive", "negative"), ("pos", "neg"),
    ]

    init(positive: String, negative: String?) throws(FairnessSpecError) {
        let trimmed = positive.trimmingCharacters(in: .whitespaces)
        let derived = negative ?? Self.pairs.first { $0.0 == trimmed.lowercased() }.map { pair in
            trimmed == trimmed.uppercased() && trimmed != trimmed.lowercased() ? pair.1.uppercased() : pair.1
        }
        guard let derived else {
            throw FairnessSpecError("no negative label given and none can be derived from \"\(positive)\"")
        }
        self.positive = Array(positive.utf8)
        self.negative = Array(derived.utf8)
        positivePacked = PackedBytes(self.positive)
        negativePacked = PackedBytes(self.negative)
        positiveByte = self.positive.count == 1 ? Int(self.positive[0]) : -1
        negativeByte = self.negative.count == 1 ? Int(self.negative[0]) : -1
        positiveNumber = Self.number(positive)
        negativeNumber = Self.number(derived)
        guard self.positive != self.negative, positiveNumber == nil || positiveNumber != negativeNumber else {
            throw FairnessSpecError("the positive and negative labels must differ")
        }
    }

    /// The negative value as text.
    var negativeText: String { String(decoding: negative, as: UTF8.self) }

    /// true for positive, false for negative, nil for neither.
    @inline(__always)
    func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.count == 1 {
            // Both comparisons, then one branch that is nearly always taken: with labels in
            // random order a branch per comparison would be mispredicted half the time.
            let byte = Int(bytes[0])
            let isPositive = byte == positiveByte, isNegative = byte == negativeByte
            if isPositive != isNegative { return isPositive }
        }
        return classifyBytes(bytes)
    }

    private func classifyBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if let positivePacked, let negativePacked {
            if positivePacked.matches(bytes) { return true }
            if negativePacked.matches(bytes) { return false }
            return slowClassify(String(decoding: bytes, as: UTF8.self))
        }
        if positive.withUnsafeBufferPointer({ bytesEqual($0, bytes) }) { return true }
        if negative.withUnsafeBufferPointer({ bytesEqual($0, bytes) }) { return false }
        return slowClassify(String(decoding: bytes, as: UTF8.self))
    }

    private func slowClassify(_ text: String) -> Bool? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == String(decoding: positive, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() { return true }
        if value == negativeText.trimmingCharacters(in: .whitespaces).lowercased() { return false }
        guard let number = Self.number(value) else { return nil }
        if number == positiveNumber { return true }
        if number == negativeNumber { return false }
        return nil
    }

    private static func number(_ text: String) -> Double? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "true" { return 1 }
        if value == "false" { return 0 }
        return Double(value).flatMap { $0.isFinite ? $0 : nil }
    }
}

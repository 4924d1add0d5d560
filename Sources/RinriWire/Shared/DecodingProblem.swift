import Foundation

/// A JSON decoding error in a person's words, with the wire path of the field it concerns: the one
/// reading of `DecodingError` for request bodies (400 `malformed`) and evidence reports (422 `invalid_report`).
public struct DecodingProblem: Sendable, Equatable {
    public var message: String
    /// The snake_case path (`features.2.name`), when the error names one.
    public var field: String?

    /// - Parameter subject: what was being read, for errors at its root (`the body`, `the report`).
    public init(_ error: DecodingError, subject: String) {
        func path(_ context: DecodingError.Context) -> String? {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? Self.snakeCase($0.stringValue) }
            return keys.isEmpty ? nil : keys.joined(separator: ".")
        }
        switch error {
        case let .typeMismatch(type, context):
            field = path(context)
            message = "\(field ?? subject) must be \(Self.typeName(type))"
        case let .valueNotFound(type, context):
            field = path(context)
            message = "\(field ?? subject) must be \(Self.typeName(type)), not null"
        case let .keyNotFound(key, _):
            field = Self.snakeCase(key.stringValue)
            message = "\(Self.snakeCase(key.stringValue)) is missing"
        case let .dataCorrupted(context):
            field = path(context)
            message = "\(subject) is not valid JSON: \(context.debugDescription)"
        @unknown default:
            field = nil
            message = "\(subject) could not be read"
        }
    }

    /// The wire name of a property (`usesBiometricData` → `uses_biometric_data`).
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                if !out.isEmpty { out += "_" }
                out += character.lowercased()
            } else { out.append(character) }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of strings"
        default: return "of type \(type)"
        }
    }
}

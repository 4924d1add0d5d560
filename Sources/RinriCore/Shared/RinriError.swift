/// A failure a person can act on: a stable code, a message and the field concerned.
///
/// Every layer throws this for expected failures. The web layer maps ``Kind``
/// to an HTTP status (400, 401, 403, 404, 409, 413, 422, 429, 502, 503) and renders
/// `{"error": {"code", "message", "field"}}`; the CLI prints the message on one
/// line and exits with a non-zero code.
public struct RinriError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, which decides the HTTP status.
    public enum Kind: String, Sendable, Equatable {
        case malformed      // 400
        case unauthenticated // 401
        case forbidden      // 403
        case notFound       // 404
        case conflict       // 409
        case invalid        // 422
        case tooLarge       // 413
        case rateLimited    // 429
        /// A service Rinri relies on (the identity provider) failed or could not be reached.
        case badGateway     // 502
        /// Rinri is overloaded for a moment (every database connection busy).
        case unavailable    // 503
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var field: String?
    /// Every problem when several fields are invalid at once (the first is repeated in `code`/`field`).
    public var issues: [FieldIssue]
    /// Values for the `{name}` placeholders of the translated message `error.<code>` (see ``Localizer/message(for:)``).
    public var arguments: [String: String]
    /// For ``Kind/rateLimited``: how many seconds to wait before trying again (`Retry-After`).
    public var retryAfter: Int?

    public init(kind: Kind, code: String, message: String, field: String? = nil, issues: [FieldIssue] = [],
                arguments: [String: String] = [:]) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
        self.issues = issues
        self.arguments = arguments
    }

    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }

    public static func malformed(_ message: String, field: String? = nil) -> RinriError {
        RinriError(kind: .malformed, code: "malformed", message: message, field: field)
    }

    public static func unauthenticated(_ message: String = "log in first") -> RinriError {
        RinriError(kind: .unauthenticated, code: "unauthenticated", message: message)
    }

    public static func forbidden(_ message: String = "your role does not allow this") -> RinriError {
        RinriError(kind: .forbidden, code: "forbidden", message: message)
    }

    /// A refusal with its own code, for controls that name why this person may not act (separation of duties).
    public static func forbidden(code: String, _ message: String, arguments: [String: String] = [:]) -> RinriError {
        RinriError(kind: .forbidden, code: code, message: message, arguments: arguments)
    }

    public static func notFound(_ what: String) -> RinriError {
        RinriError(kind: .notFound, code: "not_found", message: "\(what) was not found")
    }

    public static func conflict(code: String = "conflict", _ message: String, field: String? = nil,
                                arguments: [String: String] = [:]) -> RinriError {
        RinriError(kind: .conflict, code: code, message: message, field: field, arguments: arguments)
    }

    public static func invalid(field: String, code: String, message: String) -> RinriError {
        RinriError(kind: .invalid, code: code, message: message, field: field,
                   issues: [FieldIssue(field: field, code: code, message: message)])
    }

    /// A value outside a closed vocabulary.
    public static func invalidChoice(field: String, allowed: [String], got: String, kind: Kind = .invalid) -> RinriError {
        let message = "\(field) must be one of \(allowed.joined(separator: ", ")), not \"\(got)\""
        return RinriError(kind: kind, code: "invalid_choice", message: message, field: field,
                          issues: [FieldIssue(field: field, code: "invalid_choice", message: message)])
    }

    /// The error for a stale version: someone else saved the record in between.
    public static func staleVersion(expected: Int, current: Int) -> RinriError {
        RinriError(kind: .conflict, code: "stale_version",
                   message: "this record was changed by someone else (you edited version \(expected), it is now at version \(current)); reload and apply your change again",
                   field: "version")
    }
}

/// One invalid field, with a stable code and an English message.
public struct FieldIssue: Sendable, Equatable, Codable {
    public var field: String
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// Collects field problems and throws them together.
public struct Validator: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public mutating func add(_ field: String, _ code: String, _ message: String) {
        issues.append(FieldIssue(field: field, code: code, message: message))
    }

    /// Trims the text and records `required` or `too_long` when it breaks the rule.
    public mutating func text(_ value: String?, field: String, required: Bool = true, max: Int = 200) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty {
            add(field, "required", "\(field) is required")
        } else if trimmed.count > max {
            add(field, "too_long", "\(field) is longer than \(max) characters")
        }
        return trimmed
    }

    /// Throws one ``RinriError`` of kind ``RinriError/Kind/invalid`` listing every issue, if any.
    public func check() throws {
        guard let first = issues.first else { return }
        let message = issues.count == 1 ? first.message : issues.map(\.message).joined(separator: "; ")
        throw RinriError(kind: .invalid, code: first.code, message: message, field: first.field, issues: issues)
    }
}

import Foundation

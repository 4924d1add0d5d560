import Foundation
import RinriCore
import RinriWire
import Vapor

/// Turns every error into `{"error": {…}}` on the API and an error page elsewhere.
///
/// Nothing internal (stack traces, SQL) reaches the caller: unexpected errors
/// are logged with the request id and answered with a generic 500.
struct ErrorRenderingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error, request: request)
            if problem.status == .internalServerError {
                request.logger.error("unexpected error: \(String(reflecting: error))")
            }
            if request.isAPI || request.isSessionless {
                return try Self.json(problem, status: problem.status)
            }
            if problem.status == .unauthorized {
                let next = request.method == .GET ? request.url.string : "/"
                return request.redirect(to: AccountRoute.login(next: next).path)
            }
            return ErrorPage.response(for: problem, request: request)
        }
    }

    struct Problem: Sendable {
        var status: HTTPResponseStatus
        var error: RinriError
    }

    static func status(of kind: RinriError.Kind) -> HTTPResponseStatus {
        switch kind {
        case .malformed: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .invalid: return .unprocessableEntity
        case .rateLimited: return .tooManyRequests
        }
    }

    static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let error as RinriError:
            return Problem(status: status(of: error.kind), error: error)
        case let error as DecodingError:
            return Problem(status: .badRequest, error: decodingProblem(error))
        case let error as any AbortError:
            let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let message = error.status == .notFound ? "there is nothing at \(request.url.path)" : error.reason
            return Problem(status: error.status, error: RinriError(kind: .malformed, code: code, message: message))
        default:
            return Problem(status: .internalServerError,
                           error: RinriError(kind: .malformed, code: "internal_error",
                                             message: "something went wrong on the server; quote request id \(request.state.requestID) when you report it"))
        }
    }

    static func decodingProblem(_ error: DecodingError) -> RinriError {
        func path(_ context: DecodingError.Context) -> String? {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }
            return keys.isEmpty ? nil : keys.joined(separator: ".")
        }
        switch error {
        case let .typeMismatch(type, context):
            let field = path(context)
            return .malformed("\(field ?? "the body") must be \(typeName(type))", field: field)
        case let .valueNotFound(type, context):
            let field = path(context)
            return .malformed("\(field ?? "the body") must be \(typeName(type)), not null", field: field)
        case let .keyNotFound(key, _):
            return .malformed("\(snakeCase(key.stringValue)) is missing", field: snakeCase(key.stringValue))
        case let .dataCorrupted(context):
            return .malformed("the body is not valid JSON: \(context.debugDescription)", field: path(context))
        @unknown default:
            return .malformed("the body could not be read")
        }
    }

    /// The wire name of a property (`usesBiometricData` → `uses_biometric_data`).
    static func snakeCase(_ name: String) -> String {
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

    static func json(_ problem: Problem, status: HTTPResponseStatus) throws -> Response {
        let body = API.ErrorDTO(error: .init(code: problem.error.code, message: problem.error.message,
                                             field: problem.error.field,
                                             issues: problem.error.issues.count > 1 ? problem.error.issues.map {
                                                 .init(field: $0.field, code: $0.code, message: $0.message)
                                             } : nil))
        let response = Response(status: status)
        try response.content.encode(body, using: API.encoder)
        return response
    }
}

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
            let response: Response
            if request.isAPI || request.isSessionless {
                response = try Self.json(problem, status: problem.status)
            } else if problem.status == .unauthorized {
                let next = request.method == .GET ? request.url.string : "/"
                response = request.redirect(to: AccountRoute.login(next: next).path)
            } else {
                response = ErrorPage.response(for: problem, request: request)
            }
            if let seconds = problem.error.retryAfter { response.headers.replaceOrAdd(name: "Retry-After", value: String(max(1, seconds))) }
            return response
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
        case .tooLarge: return .payloadTooLarge
        case .rateLimited: return .tooManyRequests
        case .badGateway: return .badGateway
        case .unavailable: return .serviceUnavailable
        }
    }

    static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let error as RinriError:
            return Problem(status: status(of: error.kind), error: error)
        case is ConnectionPoolTimeoutError:
            var busy = RinriError(kind: .unavailable, code: "busy", message: "the server is too busy to answer now; try again in a moment")
            busy.retryAfter = 5
            return Problem(status: .serviceUnavailable, error: busy)
        case let error as DecodingError:
            return Problem(status: .badRequest, error: decodingProblem(error))
        case let error as any AbortError where error.status == .payloadTooLarge:
            return Problem(status: .payloadTooLarge, error: BodyLimit.tooLarge(request.route.map(BodyLimit.of) ?? BodyLimit.defaultBytes, request))
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
        let problem = DecodingProblem(error, subject: "the body")
        return .malformed(problem.message, field: problem.field)
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

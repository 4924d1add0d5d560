import Foundation
import RinriCore
import Vapor

/// How much a route accepts: bytes of body and fields of a form. Registered with the route
/// (``RoutesBuilder/on(_:_:access:body:fields:use:)-(_,[PathComponent],_,_,_,_)``) and read back here.
enum BodyLimit {
    /// The body size of a route that names none.
    static let defaultBytes = 256 * 1024
    /// The fields of a form on a route that names none.
    static let defaultFields = 1_000

    static let bytesKey = "rinri.bodyBytes"
    static let fieldsKey = "rinri.formFields"

    /// The largest body `route` accepts.
    static func of(_ route: Route) -> Int { route.userInfo[bytesKey] as? Int ?? defaultBytes }

    /// The most fields a form posted to `route` may have.
    static func fields(of route: Route?) -> Int { route?.userInfo[fieldsKey] as? Int ?? defaultFields }

    /// 413 `body_too_large`, naming the limit.
    static func tooLarge(_ limit: Int, _ request: Request) -> RinriError {
        RinriError(kind: .tooLarge, code: "body_too_large",
                   message: "the request body is larger than \(limit) bytes, the most \(request.method) \(request.url.path) accepts",
                   arguments: ["max": String(limit)])
    }
}

/// Refuses a body over the route's limit before anything reads it: by its declared length, and by its
/// size when the server received it whole (a small body arrives collected, without Vapor's own check).
struct BodyLimitMiddleware: AsyncMiddleware {
    let limit: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw BodyLimit.tooLarge(limit, request)
        }
        if let data = request.body.data, data.readableBytes > limit { throw BodyLimit.tooLarge(limit, request) }
        return try await next.respond(to: request)
    }
}

/// Reads an `application/x-www-form-urlencoded` body in one pass over its bytes.
///
/// Every field is split and decoded once, so the time grows with the body's length, and reading stops
/// with 422 `too_many_fields` as soon as the form has more fields than the route accepts.
enum FormBody {
    static func parse(_ body: String, maxFields: Int) throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < maxFields else {
                throw RinriError(kind: .invalid, code: "too_many_fields",
                                 message: "the form has more than \(maxFields) fields, the most this page accepts; send fewer",
                                 arguments: ["max": String(maxFields)])
            }
            let equals = pair.firstIndex(of: "=")
            let name = equals.map { pair[..<$0] } ?? pair
            let value = equals.map { pair[pair.index(after: $0)...] } ?? ""
            pairs.append((decode(name), decode(value)))
        }
        return pairs
    }

    /// Refuses a multipart body with more parts than the route accepts fields, counted in one pass over
    /// its bytes before any part is decoded (422 `too_many_fields`).
    static func checkMultipartParts(_ request: Request) throws {
        guard let boundary = request.headers.contentType?.parameters["boundary"], !boundary.isEmpty,
              let body = request.body.data else { return }
        let limit = BodyLimit.fields(of: request.route)
        let marker = Array(("--" + boundary).utf8)
        var parts = 0
        body.withUnsafeReadableBytes { bytes in
            var index = 0
            while index + marker.count <= bytes.count {
                if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                    parts += 1
                    if parts > limit + 1 { return }
                    index += marker.count
                } else {
                    index += 1
                }
            }
        }
        if parts > limit + 1 {
            throw RinriError(kind: .invalid, code: "too_many_fields",
                             message: "the form has more than \(limit) fields, the most this page accepts; send fewer",
                             arguments: ["max": String(limit)])
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.contains("+") ? String(text).replacingOccurrences(of: "+", with: " ") : String(text)
        return spaced.removingPercentEncoding ?? spaced
    }
}

private struct ParsedFormKey: StorageKey { typealias Value = [(String, String)] }

extension Request {
    /// The fields of a URL-encoded form body, parsed once per request within the route's field limit.
    func formPairs() throws -> [(String, String)] {
        if let parsed = storage[ParsedFormKey.self] { return parsed }
        let parsed = try FormBody.parse(body.string ?? "", maxFields: BodyLimit.fields(of: route))
        storage[ParsedFormKey.self] = parsed
        return parsed
    }

    /// Whether the body is a URL-encoded form (or has no type, as old clients send it).
    var isURLEncodedForm: Bool { headers.contentType == .urlEncodedForm || headers.contentType == nil }
}

import Foundation
import RinriCore
import Vapor

/// Refuses a form post whose `_csrf` field does not match the session's token (for an anonymous visitor,
/// the token in their signed CSRF cookie).
///
/// It runs on each route (see `on(_:_:access:body:fields:use:)`), not globally: it first collects the body up
/// to the route's own size limit, because a browser may send the body after the headers, and middleware
/// runs before Vapor collects it. Reading an uncollected body found no token and refused genuine forms.
///
/// A streamed route (an upload) is not collected here: its handler reads the token from the stream and
/// calls ``check(_:on:)`` before it acts.
struct CSRFMiddleware: AsyncMiddleware {
    /// The route's body limit in bytes; nil for a streamed route.
    let maxBodySize: Int?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Bearer tokens are never sent by a browser on its own, so only cookie sessions need the check.
        if request.method == .POST, !request.isAPI, !request.state.viaToken, let maxBodySize {
            // Without a token to compare with (no session, no signed cookie) the body need not even be read.
            if request.expectedCSRF == nil { try Self.check("", on: request) }
            if request.body.data == nil {
                _ = try await request.body.collect(max: maxBodySize).get()
            }
            let sent: String
            if request.isURLEncodedForm {
                sent = try request.formPairs().first { $0.0 == "_csrf" }?.1 ?? ""
            } else {
                try FormBody.checkMultipartParts(request)
                sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
            }
            try Self.check(sent, on: request)
        }
        return try await next.respond(to: request)
    }

    /// Refuses a token that is not this session's (or this anonymous visitor's); nothing to check for a bearer token.
    static func check(_ sent: String, on request: Request) throws {
        guard !request.state.viaToken else { return }
        guard let expected = request.expectedCSRF, ConstantTime.equal(sent, expected) else {
            throw RinriError(kind: .forbidden, code: "csrf",
                             message: "the form expired or did not come from Rinri; reload the page and try again")
        }
    }
}

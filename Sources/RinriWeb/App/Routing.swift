import Foundation
import RinriCore
import Vapor

/// The addresses of one feature. The same value registers a route — built with ``TypedID/parameter``
/// placeholders, so `.system(.parameter)` is `/systems/:systemID` — and builds a link, built with
/// real ids. Pages and handlers never type a path.
///
/// Every feature lists its routes in ``all``; a test walks them against the routes the application
/// registered, and every route the application registers comes from one of them.
protocol SiteRoute: Sendable {
    /// The path, with ids (or `:name` placeholders) and any query filled in.
    var path: String { get }
    /// Every route of the feature, with placeholders.
    static var all: [Self] { get }
}

extension SiteRoute {
    /// The components Vapor registers: `:name` segments are parameters; the query is dropped.
    var pathComponents: [PathComponent] {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return bare.split(separator: "/").map { segment in
            segment.hasPrefix(":") ? .parameter(String(segment.dropFirst())) : .constant(String(segment))
        }
    }
}

/// Paths built in one place: percent-encoding and query strings.
enum RoutePath {
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// `?a=1&b=2` for the non-empty values, keys sorted; empty when there are none.
    static func query(_ query: [String: String]) -> String {
        let pairs = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
    }

    /// Whether a redirect target stays on this site: a path starting with one `/`, with no scheme or
    /// host, and no backslash, control or space character anywhere — neither as sent nor once
    /// percent-decoded, since browsers drop tabs and newlines and read `\\` as `/` (so `/\t/evil.example`
    /// and `/\\evil.example` would both leave the site).
    static func isLocal(_ target: String) -> Bool {
        guard target.count <= 2048 else { return false }
        for form in [target, target.removingPercentEncoding ?? target] {
            guard form.hasPrefix("/"), !form.hasPrefix("//") else { return false }
            let forbidden = form.unicodeScalars.contains { scalar in
                scalar == "\\" || scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || scalar.properties.generalCategory == .format
            }
            if forbidden { return false }
        }
        guard let parts = URLComponents(string: target) else { return false }
        return parts.scheme == nil && parts.host == nil && parts.user == nil
    }
}

extension RoutesBuilder {
    /// Registers `route` for `method`, stating who may use it (see ``on(_:_:access:body:fields:use:)-(_,[PathComponent],_,_,_,_)``).
    @discardableResult
    func on(_ method: HTTPMethod, _ route: some SiteRoute, access: Access, body: HTTPBodyStreamStrategy = .collect,
            fields: Int? = nil,
            use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        on(method, route.pathComponents, access: access, body: body, fields: fields, use: closure)
    }
}

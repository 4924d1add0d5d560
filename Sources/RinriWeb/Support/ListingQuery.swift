import Foundation
import RinriCore
import Vapor

extension Request {
    /// The page, order and search of a list from `?page=…&per_page=…&sort=…&q=…` (``Listing/parse(_:sort:descending:)``).
    func listing<S: SortColumn>(sort: S, descending: Bool = false, perPage: Int = Listing<S>.defaultPerPage) throws -> Listing<S> {
        var values: [String: String] = [:]
        for name in ["page", "per_page", "sort", "q"] {
            if let value = query[String.self, at: name] { values[name] = value }
        }
        return try Listing.parse(values, sort: sort, descending: descending, perPage: perPage)
    }
}

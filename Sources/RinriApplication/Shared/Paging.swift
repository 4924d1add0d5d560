import FluentKit
import Foundation
import RinriCore
import SQLKit

extension QueryBuilder {
    /// One page of the rows this query matches: the total is counted first, then the page is read in the
    /// order `order` sets, ties broken by id so that pages never overlap or skip a row.
    func page<S>(_ listing: Listing<S>, order: (QueryBuilder<Model>) -> QueryBuilder<Model>) async throws -> ResultPage<Model> {
        let total = try await copy().count()
        let items = try await order(copy()).sort(.sort(.path([.id], schema: Model.schemaOrAlias), .ascending))
            .offset(listing.offset).limit(listing.perPage).all()
        return ResultPage(items: items, page: listing.page, perPage: listing.perPage, total: total)
    }

    /// Keeps rows where any of `columns` (of this model's table) contains `text`, ignoring case; every
    /// row when `text` is nil. `%`, `_` and `\` in the text match themselves.
    @discardableResult
    func matching(_ text: String?, in columns: [String]) -> Self {
        guard let text, !text.isEmpty, !columns.isEmpty else { return self }
        let pattern = "%" + Self.likeEscaped(text.lowercased()) + "%"
        return group(.or) { or in
            for column in columns {
                or.filter(.custom(SQLQueryString("lower(\(ident: Model.schemaOrAlias).\(ident: column)) LIKE \(bind: pattern) ESCAPE '\\'")))
            }
        }
    }

    /// `text` with the LIKE wildcards and the escape character escaped.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

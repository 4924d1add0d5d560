import Foundation

/// The bounds of every list, whatever it is sorted by.
public enum ListLimits {
    public static let defaultPerPage = 50
    public static let maxPerPage = 200
    /// Pages past this are refused: an offset this deep is never what a person wants.
    public static let maxPage = 100_000
}

/// The columns a list may be sorted by: its query value is the raw value (`sort=name`, `sort=-name`).
public protocol SortColumn: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

/// Which page of a list to read, in which order, and what to search for — the same for the API, the
/// pages and the command line.
///
/// From a query string: `page` (from 1), `per_page` (1 … ``maxPerPage``, default ``defaultPerPage``),
/// `sort` (a column, `-column` for descending) and `q` (a search, trimmed, at most 200 characters, no
/// control characters).
public struct Listing<Sort: SortColumn>: Sendable, Equatable {
    public static var defaultPerPage: Int { ListLimits.defaultPerPage }
    public static var maxPerPage: Int { ListLimits.maxPerPage }
    public static var maxPage: Int { ListLimits.maxPage }

    public var page: Int
    public var perPage: Int
    public var sort: Sort
    public var descending: Bool
    public var search: String?

    public init(page: Int = 1, perPage: Int = Self.defaultPerPage, sort: Sort, descending: Bool = false, search: String? = nil) {
        self.page = page
        self.perPage = perPage
        self.sort = sort
        self.descending = descending
        self.search = search
    }

    /// Rows skipped before this page.
    public var offset: Int { (page - 1) * perPage }

    /// The `sort` value that reads this listing back (`name` or `-name`).
    public var sortValue: String { (descending ? "-" : "") + sort.rawValue }

    /// Reads `page`, `per_page`, `sort` and `q` from `query`, refusing values out of range with the
    /// field named. Absent or empty values take the defaults.
    public static func parse(_ query: [String: String], sort defaultSort: Sort, descending defaultDescending: Bool = false,
                             perPage defaultSize: Int = defaultPerPage) throws -> Self {
        func number(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
            guard let raw = query[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return fallback }
            guard let value = Int(raw), range.contains(value) else {
                throw RinriError.malformed("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
            }
            return value
        }
        var listing = Listing(page: try number("page", default: 1, range: 1...maxPage),
                              perPage: try number("per_page", default: defaultSize, range: 1...maxPerPage),
                              sort: defaultSort, descending: defaultDescending)
        if let raw = query["sort"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            let descending = raw.hasPrefix("-")
            guard let column = Sort(rawValue: descending ? String(raw.dropFirst()) : raw) else {
                let names = Sort.allCases.map(\.rawValue).joined(separator: ", ")
                throw RinriError.malformed("sort must be one of \(names), with a leading - for descending order", field: "sort")
            }
            (listing.sort, listing.descending) = (column, descending)
        }
        if let raw = query["q"]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty {
            guard raw.count <= 200 else { throw RinriError.malformed("q must be at most 200 characters", field: "q") }
            guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw RinriError.malformed("q must not contain control characters", field: "q")
            }
            listing.search = raw
        }
        return listing
    }

    /// The query values that read this listing back, without the defaults (for links).
    public func queryItems(defaultSort: Sort, defaultDescending: Bool = false) -> [String: String] {
        var items: [String: String] = [:]
        if page != 1 { items["page"] = String(page) }
        if perPage != Self.defaultPerPage { items["per_page"] = String(perPage) }
        if sort != defaultSort || descending != defaultDescending { items["sort"] = sortValue }
        if let search { items["q"] = search }
        return items
    }
}

extension ResultPage {
    /// The number of pages (at least 1, so an empty list is "page 1 of 1").
    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    /// The same page with its items transformed.
    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> ResultPage<T> {
        ResultPage<T>(items: try items.map(transform), page: page, perPage: perPage, total: total)
    }
}

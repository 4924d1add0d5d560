import Foundation
import RinriCore

/// The parts every paginated list page shares: sortable column headers, the pager, the search form,
/// and the box that lets a wide table scroll on a phone. Links keep the list's filters.
struct ListLinks<Sort: SortColumn> {
    /// The list's path without a query (`/systems`).
    let path: String
    /// The filters in force (`phase`, `org_unit_id`, …), kept by every link.
    let filters: [String: String]
    let listing: Listing<Sort>
    let defaultSort: Sort
    let defaultDescending: Bool

    init(path: String, filters: [String: String] = [:], listing: Listing<Sort>, defaultSort: Sort, defaultDescending: Bool = false) {
        (self.path, self.filters, self.listing, self.defaultSort, self.defaultDescending) = (path, filters, listing, defaultSort, defaultDescending)
    }

    /// The query of the current list with `changes` applied (an empty value removes a key).
    func link(_ changes: [String: String]) -> String {
        let current = filters.merging(listing.queryItems(defaultSort: defaultSort, defaultDescending: defaultDescending)) { $1 }
        return path + RoutePath.query(current.merging(changes) { $1 })
    }

    /// A header cell that sorts by `column`: ascending first, reversed when already sorted by it, with
    /// `aria-sort` on the column the list is sorted by.
    func header(_ label: String, _ column: Sort, numeric: Bool = false) -> Node {
        let active = listing.sort == column
        let next = active ? !listing.descending : (column == defaultSort ? defaultDescending : false)
        let target = (next ? "-" : "") + column.rawValue
        let sortValue = column == defaultSort && next == defaultDescending ? "" : target
        return el("th", ["scope": "col", "class": numeric ? "num" : nil,
                         "aria-sort": active ? (listing.descending ? "descending" : "ascending") : nil]) {
            el("a", ["href": link(["sort": sortValue, "page": ""])]) {
                label
                if active { el("span", ["class": "sort-mark", "aria-hidden": "true"], text: listing.descending ? " ▼" : " ▲") }
            }
        }
    }

    /// Previous and next links with "page 2 of 40 · 1,985 items".
    func pager(_ t: Localizer, total: Int) -> Node {
        let pages = max(1, (total + listing.perPage - 1) / listing.perPage)
        return el("nav", ["class": "pager", "aria-label": t("list.pages")]) {
            if listing.page > 1 {
                el("a", ["rel": "prev", "href": link(["page": listing.page - 1 == 1 ? "" : String(listing.page - 1)])], text: t("list.previous"))
            }
            el("span", ["class": "pager-status"],
               text: t("list.page_of", ["page": String(listing.page), "pages": String(pages), "total": String(total)]))
            if listing.page < pages {
                el("a", ["rel": "next", "href": link(["page": String(listing.page + 1)])], text: t("list.next"))
            }
        }
    }

    /// A search form for `q` that keeps the filters and the order.
    func searchForm(_ t: Localizer, label: String) -> Node {
        el("form", ["method": "get", "action": path, "class": "filters", "role": "search"]) {
            for (name, value) in filters.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
                el("input", ["type": "hidden", "name": name, "value": value])
            }
            if listing.sort != defaultSort || listing.descending != defaultDescending {
                el("input", ["type": "hidden", "name": "sort", "value": listing.sortValue])
            }
            el("label", ["for": "list-q"], text: label)
            el("input", ["type": "search", "id": "list-q", "name": "q", "value": listing.search ?? ""])
            el("button", ["type": "submit"], text: t("list.search"))
        }
    }
}

/// A table in a box that scrolls sideways on a narrow screen (focusable, so the keyboard can scroll it).
func scrollingTable(label: String, @NodeBuilder _ children: () -> [Node]) -> Node {
    el("div", ["class": "table-scroll", "role": "region", "aria-label": label, "tabindex": "0"]) {
        el("table") { children() }
    }
}

import Foundation
import RinriCore
import Testing

@Suite("Pages, order and search of a list")
struct ListingTests {
    @Test func nothingAskedGivesTheFirstPageInTheDefaultOrder() throws {
        let listing = try Listing.parse([:], sort: SystemSort.name)
        #expect(listing == Listing(page: 1, perPage: 50, sort: .name, descending: false, search: nil))
        #expect(listing.offset == 0 && listing.queryItems(defaultSort: .name).isEmpty)
    }

    @Test func everyPartIsReadAndReadBackForLinks() throws {
        let listing = try Listing.parse(["page": "3", "per_page": "200", "sort": "-updated", "q": "  face  "], sort: SystemSort.name)
        #expect(listing == Listing(page: 3, perPage: 200, sort: .updated, descending: true, search: "face"))
        #expect(listing.offset == 400)
        #expect(try Listing.parse(listing.queryItems(defaultSort: .name), sort: SystemSort.name) == listing)
        // a descending default is written only when it changes
        let risks = try Listing.parse(["sort": "-inherent"], sort: RiskSort.inherent, descending: true)
        #expect(risks.queryItems(defaultSort: .inherent, defaultDescending: true).isEmpty)
        #expect(try Listing.parse(["sort": "inherent"], sort: RiskSort.inherent, descending: true).descending == false)
    }

    @Test(arguments: [
        ("page", "0"), ("page", "-1"), ("page", "two"), ("page", "100001"),
        ("per_page", "0"), ("per_page", "201"), ("per_page", "1e2"),
        ("sort", "colour"), ("sort", "--name"), ("sort", "-"),
    ])
    func valuesOutOfRangeAreRefusedNamingTheField(name: String, value: String) {
        let refused = #expect(throws: RinriError.self) { _ = try Listing.parse([name: value], sort: SystemSort.name) }
        #expect(refused?.kind == .malformed && refused?.field == name)
    }

    @Test func aSearchLongerThan200CharactersIsRefused() {
        let refused = #expect(throws: RinriError.self) {
            _ = try Listing.parse(["q": String(repeating: "x", count: 201)], sort: SystemSort.name)
        }
        #expect(refused?.field == "q")
        let control = #expect(throws: RinriError.self) { _ = try Listing.parse(["q": "a\u{0}b"], sort: SystemSort.name) }
        #expect(control?.field == "q")
        #expect(throws: Never.self) { _ = try Listing.parse(["q": String(repeating: "倫", count: 200)], sort: SystemSort.name) }
    }

    @Test func aPageCountsItsPagesAndMapsItsItems() {
        let page = ResultPage(items: [1, 2], page: 2, perPage: 2, total: 5)
        #expect(page.pageCount == 3)
        #expect(page.map { $0 * 10 }.items == [10, 20])
        #expect(ResultPage<Int>(items: [], page: 1, perPage: 50, total: 0).pageCount == 1)
    }
}

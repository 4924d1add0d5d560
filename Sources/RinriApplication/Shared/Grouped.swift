import FluentKit
import RinriCore
import SQLKit

/// Counts rows by the database with `GROUP BY`, for aggregates that must not load every record.
enum Grouped {
    /// The column holding each group's count.
    static let countColumn = "n"

    /// `SELECT columns…, count(*) AS n FROM table [WHERE …] GROUP BY columns…`; `filter` adds the conditions.
    static func count(_ table: String, by columns: [String], on db: Database,
                      filter: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }) async throws -> [any SQLRow] {
        guard let sql = db as? any SQLDatabase else { throw RinriError.malformed("the database does not speak SQL") }
        var select = sql.select().from(table)
        for column in columns { select = select.column(SQLIdentifier(column)) }
        select = select.column(SQLAlias(SQLFunction("count", args: SQLLiteral.all), as: SQLIdentifier(countColumn)))
        select = filter(select)
        for column in columns { select = select.groupBy(SQLIdentifier(column)) }
        return try await select.all()
    }

    /// A group's count (PostgreSQL answers a bigint, SQLite an integer).
    static func number(_ row: any SQLRow) throws -> Int {
        if let value = try? row.decode(column: countColumn, as: Int64.self) { return Int(value) }
        return try row.decode(column: countColumn, as: Int.self)
    }
}

/// `counts` as "planning 3, release 1" in the order of the cases (cases without a count left out): the
/// summary lines of `rinri demo` and of the page benchmark.
func countsByCase<K: RawRepresentable & CaseIterable & Hashable>(_ counts: [K: Int]) -> String where K.RawValue == String {
    K.allCases.compactMap { key in counts[key].map { "\(key.rawValue) \($0)" } }.joined(separator: ", ")
}

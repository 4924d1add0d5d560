import Foundation
import RinriCore

/// The JSON API's request and response types, shared by the server and the `rinri` command line.
///
/// Keys are snake_case on the wire (``encoder``, ``decoder``). An optional value is written as `null`,
/// never left out: every type in this module gets that from ``JSONNulls`` without code of its own.
public enum API {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public struct ErrorDTO: Codable, Sendable {
        public struct Body: Codable, Sendable {
            public var code: String
            public var message: String
            public var field: String?
            public var issues: [Issue]?

            public init(code: String, message: String, field: String? = nil, issues: [Issue]? = nil) {
                self.code = code
                self.message = message
                self.field = field
                self.issues = issues
            }
        }
        public struct Issue: Codable, Sendable { public var field: String; public var code: String; public var message: String
            public init(field: String, code: String, message: String) { self.field = field; self.code = code; self.message = message }
        }
        public var error: Body
        public init(error: Body) {
            self.error = error
        }
    }

    public struct HealthDTO: Codable, Sendable {
        public var status: String
        public var database: String
        public var version: String
        public init(status: String, database: String, version: String) {
            self.status = status
            self.database = database
            self.version = version
        }
    }

    public struct PageDTO<Item: Codable & Sendable>: Codable, Sendable {
        public var items: [Item]
        public var page: Int
        public var perPage: Int
        public var total: Int
        public init(items: [Item], page: Int, perPage: Int, total: Int) {
            self.items = items
            self.page = page
            self.perPage = perPage
            self.total = total
        }

        /// A page of results as it goes on the wire.
        public init(_ page: ResultPage<Item>) {
            self.init(items: page.items, page: page.page, perPage: page.perPage, total: page.total)
        }
    }
}

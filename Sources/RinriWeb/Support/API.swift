import Foundation
import RinriCore
import Vapor

/// The JSON API's types. Keys are snake_case on the wire; optional values are written as `null`, never left out.
enum API {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    struct ErrorDTO: Content {
        struct Body: Codable {
            var code: String
            var message: String
            var field: String?
            var issues: [Issue]?

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(code, forKey: .code)
                try c.encode(message, forKey: .message)
                try c.encode(field, forKey: .field)
                try c.encodeIfPresent(issues, forKey: .issues)
            }
        }
        struct Issue: Codable { var field: String; var code: String; var message: String }
        var error: Body
    }

    struct HealthDTO: Content {
        var status: String
        var database: String
        var version: String
    }

    struct PageDTO<Item: Content>: Content {
        var items: [Item]
        var page: Int
        var perPage: Int
        var total: Int
    }
}

/// Writes every optional of a DTO explicitly, `null` when absent.
protocol ExplicitNulls: Encodable {
    associatedtype Keys: CodingKey
    func encodeFields(into container: inout KeyedEncodingContainer<Keys>) throws
}

extension ExplicitNulls {
    func encodeExplicitly(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try encodeFields(into: &container)
    }
}

import Foundation
import RinriCore

/// One feature's part of the OpenAPI description: its operations and the schemas of its bodies.
protocol OpenAPIPart {
    static var operations: [OpenAPIDocument.Operation] { get }
    static var schemas: [String: Any] { get }
}

/// Building blocks of JSON schemas, shared by every feature's part.
enum OpenAPISchemas {
    static func object(_ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }
    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let nullableString: [String: Any] = ["type": ["string", "null"]]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]
    nonisolated(unsafe) static let boolean: [String: Any] = ["type": "boolean"]
    nonisolated(unsafe) static let dateTime: [String: Any] = ["type": "string", "format": "date-time"]
    nonisolated(unsafe) static let strings: [String: Any] = ["type": "array", "items": string]
    static func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [String: Any] where E.RawValue == String {
        ["type": "string", "enum": E.allCases.map(\.rawValue)]
    }
    static func list(_ name: String) -> [String: Any] { ["type": "array", "items": ["$ref": "#/components/schemas/\(name)"]] }
    /// One page of a list (``API/PageDTO``): the items and where they are in the whole.
    static func page(_ name: String) -> [String: Any] {
        object(["items": list(name), "page": integer, "per_page": integer, "total": integer], required: ["items", "page", "per_page", "total"])
    }
    nonisolated(unsafe) static let stamps: [String: [String: Any]] = ["id": string, "version": integer, "created_at": dateTime, "updated_at": dateTime]

    static func input(_ fields: [String: [String: Any]], required: [String]) -> [String: Any] {
        object(fields.merging(["version": ["type": "integer", "description": "required on PUT: the version you read"]]) { a, _ in a },
               required: required)
    }
    static func output(_ fields: [String: [String: Any]], extra: [String: [String: Any]] = [:]) -> [String: Any] {
        let all = fields.merging(stamps) { a, _ in a }.merging(extra) { a, _ in a }
        return object(all, required: all.keys.sorted())
    }

    /// The error body every failure answers with (`issues` lists every field when several are wrong, null otherwise).
    static var error: [String: Any] {
        object(["error": object(["code": string, "message": string, "field": nullableString,
                                 "issues": ["type": ["array", "null"], "items": object(["field": string, "code": string, "message": string])]],
                                required: ["code", "message", "field", "issues"])], required: ["error"])
    }

    /// The same schema, accepting null too.
    static func nullable(_ schema: [String: Any]) -> [String: Any] {
        var result = schema
        if let type = schema["type"] as? String {
            result["type"] = [type, "null"]
        } else if let types = schema["type"] as? [String] {
            if !types.contains("null") { result["type"] = types + ["null"] }
        } else {
            return ["anyOf": [schema, ["type": "null"]]]
        }
        if let values = schema["enum"] as? [Any] { result["enum"] = values + [NSNull()] }
        return result
    }
}

/// The building blocks without a prefix, inside a part's `schemas`.
extension OpenAPIPart {
    static var string: [String: Any] { OpenAPISchemas.string }
    static var nullableString: [String: Any] { OpenAPISchemas.nullableString }
    static var integer: [String: Any] { OpenAPISchemas.integer }
    static var boolean: [String: Any] { OpenAPISchemas.boolean }
    static var dateTime: [String: Any] { OpenAPISchemas.dateTime }
    static var strings: [String: Any] { OpenAPISchemas.strings }
    static var stamps: [String: [String: Any]] { OpenAPISchemas.stamps }
    static func object(_ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
        OpenAPISchemas.object(properties, required: required)
    }
    static func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [String: Any] where E.RawValue == String {
        OpenAPISchemas.enumeration(type)
    }
    static func list(_ name: String) -> [String: Any] { OpenAPISchemas.list(name) }
    static func page(_ name: String) -> [String: Any] { OpenAPISchemas.page(name) }
    static func input(_ fields: [String: [String: Any]], required: [String]) -> [String: Any] { OpenAPISchemas.input(fields, required: required) }
    static func output(_ fields: [String: [String: Any]], extra: [String: [String: Any]] = [:]) -> [String: Any] {
        OpenAPISchemas.output(fields, extra: extra)
    }
}

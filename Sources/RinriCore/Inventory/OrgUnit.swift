import Foundation

/// The editable fields of an organisation unit (business unit, subsidiary…).
public struct OrgUnitInput: Sendable, Equatable {
    public var name: String
    public var kind: OrgUnitKind
    /// ISO 3166-1 alpha-2 country code, upper case.
    public var country: String
    public var parentID: String?

    public init(name: String, kind: OrgUnitKind, country: String, parentID: String? = nil) {
        self.name = name
        self.kind = kind
        self.country = country
        self.parentID = parentID
    }

    /// Validates raw input and returns the normalised unit.
    ///
    /// - Throws: ``RinriError`` (`invalid`) listing every bad field.
    public static func validate(name: String?, kind: String?, country: String?, parentID: String?) throws -> OrgUnitInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: 120)
        let kind = v.choice(kind, field: "kind", as: OrgUnitKind.self)
        let code = (country ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty {
            v.add("country", "required", "country is required (an ISO 3166-1 code such as JP)")
        } else if !Jurisdictions.isValid(code, allowUnion: false) {
            v.add("country", "invalid_country", "country \"\(code)\" is not an ISO 3166-1 alpha-2 code such as JP, US or DE")
        }
        let parent = parentID.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        try v.check()
        return OrgUnitInput(name: name, kind: kind!, country: code, parentID: parent)
    }
}

import Foundation

/// A phase of an AI system's life, in the order a system passes through them.
public enum LifecyclePhase: String, Codable, Sendable, CaseIterable {
    case planning, development, release, operation, retired
}

/// Whether an AI system is in use.
public enum SystemStatus: String, Codable, Sendable, CaseIterable {
    case registered, active, suspended, withdrawn
}

/// What kind of organisation unit this is.
public enum OrgUnitKind: String, Codable, Sendable, CaseIterable {
    case corporate
    case businessUnit = "business_unit"
    case subsidiary
    case function
}

/// What a model does.
public enum ModelType: String, Codable, Sendable, CaseIterable {
    case classification, regression, ranking, recommendation, detection, clustering, generative, other
}

/// How a dataset was obtained (the Data Card's acquisition method).
public enum AcquisitionMethod: String, Codable, Sendable, CaseIterable {
    case collectedFromUsers = "collected_from_users"
    case internalRecords = "internal_records"
    case purchased
    case partner
    case publicSource = "public"
    case webScraped = "web_scraped"
    case synthetic
    case other
}

/// How far an AI agent acts without a person approving each step.
public enum AutonomyLevel: String, Codable, Sendable, CaseIterable {
    case suggestOnly = "suggest_only"
    case approvesEachAction = "human_approves_each_action"
    case humanOnTheLoop = "human_on_the_loop"
    case autonomous
}

/// The codes accepted as jurisdictions: ISO 3166-1 alpha-2 countries and `EU`.
public enum Jurisdictions {
    /// ISO 3166-1 alpha-2 region codes known to Foundation.
    public static let countries: Set<String> = Set(Locale.Region.isoRegions.map(\.identifier).filter {
        $0.count == 2 && $0.allSatisfy { $0.isLetter } && !notCountries.contains($0)
    })

    /// Codes Foundation lists as regions that are not countries (the EU, the euro zone, the UN, "unknown").
    static let notCountries: Set<String> = ["EU", "EZ", "UN", "QO", "ZZ"]

    /// Whether `code` is a country code (``countries``) or, when `allowUnion`, `EU`.
    public static func isValid(_ code: String, allowUnion: Bool = true) -> Bool {
        (allowUnion && code == "EU") || countries.contains(code)
    }
}

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// The one parser of a closed vocabulary given as text — a JSON string, a form field, a query
    /// parameter or a command-line option — so every entry point accepts and refuses the same values.
    ///
    /// - Parameters:
    ///   - raw: the text; nil or blank reads as "not given".
    ///   - field: the field or parameter named in the refusal.
    ///   - kind: `.invalid` (422) for a value in a body, `.malformed` (400) for a query parameter.
    /// - Returns: the value, or nil when none was given.
    /// - Throws: `invalid_choice` listing the allowed values.
    public static func parse(_ raw: String?, field: String, kind: RinriError.Kind = .invalid) throws -> Self? {
        let trimmed = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard let value = Self(rawValue: trimmed) else {
            throw RinriError.invalidChoice(field: field, allowed: allCases.map(\.rawValue), got: trimmed, kind: kind)
        }
        return value
    }
}

extension Validator {
    /// Parses a raw enum value, recording `invalid_choice` when it names no case.
    public mutating func choice<E: RawRepresentable & CaseIterable>(
        _ value: String?, field: String, as type: E.Type, default fallback: E? = nil
    ) -> E? where E.RawValue == String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if fallback == nil { add(field, "required", "\(field) is required") }
            return fallback
        }
        do {
            return try E.parse(trimmed, field: field)
        } catch let error as RinriError {
            add(field, error.code, error.message)
            return nil
        } catch {
            return nil
        }
    }

    /// Normalises a list of free-text items: trimmed, empty ones dropped, duplicates removed.
    public mutating func list(_ values: [String]?, field: String, maxItems: Int = 50, maxLength: Int = 120) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for raw in values ?? [] {
            let item = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !item.isEmpty, seen.insert(item).inserted else { continue }
            if item.count > maxLength {
                add(field, "too_long", "an item of \(field) is longer than \(maxLength) characters")
            }
            out.append(item)
        }
        if out.count > maxItems { add(field, "too_many", "\(field) has more than \(maxItems) items") }
        return out
    }
}

import Foundation

/// A language Rinri speaks.
public enum Language: String, Codable, Sendable, CaseIterable {
    case en, ja

    /// The language's own name, for the switch on every page.
    public var nativeName: String {
        switch self {
        case .en: return "English"
        case .ja: return "日本語"
        }
    }

    /// Picks the best language from an `Accept-Language` header, English when nothing matches.
    ///
    /// Honours quality values (`ja;q=0.9, en;q=0.8`) and region subtags (`ja-JP`).
    public static func negotiate(acceptLanguage header: String?) -> Language {
        guard let header, !header.isEmpty else { return .en }
        var best: (Language, Double)?
        for (index, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary), quality > 0 else { continue }
            // Earlier entries win ties, as the header lists preferences in order.
            let score = quality - Double(index) * 1e-6
            if best == nil || score > best!.1 { best = (language, score) }
        }
        return best?.0 ?? .en
    }
}

/// The English and Japanese message catalogues, loaded from the bundled JSON resources.
public struct MessageCatalogue: Sendable {
    public let messages: [Language: [String: String]]

    /// The catalogues shipped with Rinri (`Resources/Locales/en.json`, `ja.json`).
    public static let bundled: MessageCatalogue = {
        var messages: [Language: [String: String]] = [:]
        for language in Language.allCases {
            messages[language] = load(language)
        }
        return MessageCatalogue(messages: messages)
    }()

    public init(messages: [Language: [String: String]]) {
        self.messages = messages
    }

    private static func load(_ language: Language) -> [String: String] {
        guard let url = RinriResources.url("Locales/\(language.rawValue).json"),
              let data = try? Data(contentsOf: url),
              let decoded = try? JSONDecoder().decode([String: String].self, from: data) else {
            return [:]
        }
        return decoded
    }

    /// Keys present in one language's catalogue and missing from another's.
    public func keyDifferences() -> [String] {
        let en = Set(messages[.en]?.keys ?? [:].keys), ja = Set(messages[.ja]?.keys ?? [:].keys)
        return en.symmetricDifference(ja).sorted()
    }
}

/// Translates message keys into one language.
///
/// A key missing from the catalogue renders as `⟦key⟧`, which tests look for
/// in every rendered page.
public struct Localizer: Sendable {
    public let language: Language
    private let table: [String: String]

    /// The marker around a key that has no message.
    public static let missingMarker = "⟦"

    public init(_ language: Language, catalogue: MessageCatalogue = .bundled) {
        self.language = language
        self.table = catalogue.messages[language] ?? [:]
    }

    /// The message for `key`, with `{name}` placeholders replaced from `arguments`.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard var text = table[key] else { return "⟦\(key)⟧" }
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// Whether the catalogue has `key`.
    public func has(_ key: String) -> Bool { table[key] != nil }

    /// A refusal or failure in this language: the catalogue's `error.<code>` with the error's
    /// arguments, else the English message (every code Rinri throws has a catalogue entry; a test checks it).
    ///
    /// Arguments that name a state, phase, transition, review domain or risk tier are shown by their labels.
    public func message(for error: RinriError) -> String {
        let key = "error.\(error.code)"
        guard has(key) else { return error.message }
        return self(key, Dictionary(uniqueKeysWithValues: error.arguments.map { ($0.key, argumentLabel($0.key, $0.value)) }))
    }

    /// The labels of enum values named in an error's arguments (`domains` may list several, comma-separated).
    private func argumentLabel(_ name: String, _ value: String) -> String {
        let prefixes = ["state": "state", "phase": "phase", "transition": "transition", "domain": "domain", "domains": "domain", "tier": "tier"]
        guard let prefix = prefixes[name] else { return value }
        return value.components(separatedBy: ", ")
            .map { has("\(prefix).\($0)") ? self("\(prefix).\($0)") : $0 }
            .joined(separator: language == .ja ? "、" : ", ")
    }

    /// The label of an enum value: key `prefix.rawValue`.
    public func label<E: RawRepresentable>(_ prefix: String, _ value: E) -> String where E.RawValue == String {
        self("\(prefix).\(value.rawValue)")
    }
}

/// Files shipped in RinriCore's resource bundle.
public enum RinriResources {
    /// The URL of a bundled file, by its path under `Resources/`.
    public static func url(_ path: String) -> URL? {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources").appendingPathComponent(path)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}

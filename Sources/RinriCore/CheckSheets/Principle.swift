import Foundation

/// A text in English and Japanese, as every user-facing string of a template is.
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    /// The English text.
    public var en: String
    /// The Japanese text.
    public var ja: String

    public init(en: String, ja: String) {
        self.en = en
        self.ja = ja
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .ja: return ja
        }
    }

    /// Whether `text` contains hiragana, katakana or kanji (§2: `ja` must contain Japanese script).
    public static func containsJapanese(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x3005:
                return true
            default:
                return false
            }
        }
    }
}

/// The organisation whose policy a principle paraphrases.
public enum PrincipleSource: String, Codable, Sendable, CaseIterable {
    case sony, nec
}

/// One principle of the catalogue that questions refer to (§8).
public struct Principle: Sendable, Equatable, Codable {
    /// E.g. `SONY.3` or `NEC.HR.privacy`.
    public var id: String
    /// Bumped when the meaning of the principle changes.
    public var version: String
    /// Whose policy the principle paraphrases.
    public var source: PrincipleSource
    /// The principle's short name.
    public var title: LocalizedText
    /// Rinri's own paraphrase.
    public var summary: LocalizedText
    /// Framework references (§9) where the principle is reflected.
    public var frameworks: [String]

    public init(id: String, version: String, source: PrincipleSource, title: LocalizedText, summary: LocalizedText,
                frameworks: [String] = []) {
        self.id = id
        self.version = version
        self.source = source
        self.title = title
        self.summary = summary
        self.frameworks = frameworks
    }
}

/// The principle catalogue (`Principles/principles.yaml`).
public struct PrincipleCatalogue: Sendable, Equatable, Codable {
    /// The catalogue name, `rinri-principles`.
    public var catalogue: String
    /// The catalogue version as a whole.
    public var version: String
    /// The principles in file order.
    public var principles: [Principle]

    public init(catalogue: String = "rinri-principles", version: String, principles: [Principle]) {
        self.catalogue = catalogue
        self.version = version
        self.principles = principles
    }

    /// The principle with this id, if any.
    public func principle(id: String) -> Principle? {
        principles.first { $0.id == id }
    }

    /// Every principle id.
    public var ids: Set<String> { Set(principles.map(\.id)) }
}

/// The framework reference ids of docs/check-sheets.md §9.
public enum FrameworkReference {
    /// The anchored, case-sensitive patterns a reference must match one of.
    public static let patterns: [String] = [
        #"EUAIA\.Art[0-9]+(\([0-9]+\))?(\([a-z]+\))*"#,
        #"EUAIA\.Annex(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII)(\.[0-9]+)?(\([a-z]\))?"#,
        #"NIST\.(GV|MP|MS|MG)-[0-9]+(\.[0-9]+)?"#,
        #"ISO42001\.A\.[0-9]+\.[0-9]+(\.[0-9]+)?"#,
        #"ISO42001\.([4-9]|10)(\.[0-9]+){0,2}"#,
        #"JP-AIGL\.C([1-9]|10)"#,
        #"JP-GG\.[1-6]"#,
        #"OECD\.1\.[1-5]"#,
        #"UNGP\.([1-9]|[12][0-9]|3[01])(\([a-h]\))?"#,
        #"DOC\.(ModelCard|DataCard|Datasheet|TransparencyNote|CycloneDX|SPDX)"#,
        #"GDPR\.Art[0-9]+(\([0-9]+\))?(\([a-z]+\))*"#,
        #"APPI\.Art[0-9]+(\([0-9]+\))?"#,
    ]

    private static let regexes: [NSRegularExpression] = patterns.map {
        // The patterns are constants checked by the tests.
        try! NSRegularExpression(pattern: "^(?:\($0))$")
    }

    /// Whether `reference` matches one of ``patterns`` exactly.
    public static func isWellFormed(_ reference: String) -> Bool {
        let range = NSRange(reference.startIndex..., in: reference)
        return regexes.contains { $0.firstMatch(in: reference, range: range) != nil }
    }
}

/// The identifier patterns of §2 and §8.
enum IdentifierPattern {
    static func isTemplateID(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { isLowerDigit($0) || $0 == "-" }
    }

    static func isLocalID(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { isLowerDigit($0) || $0 == "_" }
    }

    static func isSemVer(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && (part == "0" || !part.hasPrefix("0"))
        }
    }

    static func isPrincipleID(_ text: String) -> Bool {
        text.range(of: #"^[A-Z][A-Z0-9-]*(\.[A-Za-z0-9_]+)+$"#, options: .regularExpression) != nil
    }

    /// YAML 1.1 boolean words that an option id must not be (§5).
    static let booleanWords: Set<String> = ["yes", "no", "on", "off", "y", "n", "true", "false"]

    private static func isLowerDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

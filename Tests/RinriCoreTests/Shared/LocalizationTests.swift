import Foundation
import RinriCore
import Testing

@Suite("Bilingual messages")
struct LocalizationTests {
    let catalogue = MessageCatalogue.bundled

    @Test func bothCataloguesAreLoadedAndHaveTheSameKeys() {
        #expect((catalogue.messages[.en]?.count ?? 0) > 100)
        #expect(catalogue.keyDifferences() == [], "keys only in one catalogue: \(catalogue.keyDifferences())")
    }

    @Test func noMessageIsEmptyAndPlaceholdersMatch() throws {
        let en = try #require(catalogue.messages[.en]), ja = try #require(catalogue.messages[.ja])
        func placeholders(_ text: String) -> Set<String> {
            Set(text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
        }
        for (key, english) in en {
            let japanese = ja[key] ?? ""
            #expect(!english.isEmpty && !japanese.isEmpty, "\(key) is empty")
            #expect(placeholders(english) == placeholders(japanese), "\(key) placeholders differ")
        }
    }

    @Test func japaneseIsJapanese() throws {
        let ja = try #require(catalogue.messages[.ja])
        let withKana = ja.values.filter { $0.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) } }
        #expect(Double(withKana.count) / Double(ja.count) > 0.9)
    }

    @Test func everyEnumValueShownOnPagesHasALabel() {
        let t = Localizer(.ja)
        for phase in LifecyclePhase.allCases { #expect(t.has("phase.\(phase.rawValue)")) }
        for role in Role.allCases { #expect(t.has("role.\(role.rawValue)")) }
        for domain in ReviewDomain.allCases { #expect(t.has("domain.\(domain.rawValue)")) }
        for status in SystemStatus.allCases { #expect(t.has("status.\(status.rawValue)")) }
        for kind in OrgUnitKind.allCases { #expect(t.has("unit_kind.\(kind.rawValue)")) }
        for type in ModelType.allCases { #expect(t.has("model_type.\(type.rawValue)")) }
        for method in AcquisitionMethod.allCases { #expect(t.has("acquisition.\(method.rawValue)")) }
        for level in AutonomyLevel.allCases { #expect(t.has("autonomy.\(level.rawValue)")) }
        for action in AuditAction.allCases { #expect(t.has("audit_action.\(action.rawValue)")) }
    }

    @Test func missingKeysAreMarkedAndPlaceholdersFilled() {
        let t = Localizer(.en)
        #expect(t("no.such.key") == "⟦no.such.key⟧")
        #expect(t("systems.count", ["count": "3"]) == "3 system(s)")
    }

    @Test(arguments: [
        (nil, Language.en), ("ja", .ja), ("ja-JP,ja;q=0.9,en;q=0.8", .ja), ("en-US,en;q=0.9,ja;q=0.8", .en),
        ("fr-FR, ja;q=0.5", .ja), ("de, fr", .en), ("en;q=0.2, ja;q=0.7", .ja), ("ja;q=0", .en),
    ] as [(String?, Language)])
    func acceptLanguageIsNegotiated(header: String?, expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }
}

@Suite("Secrets")
struct SecretTests {
    @Test func tokensAreRandomAndStoredAsHashes() {
        let a = TokenSecret.generate(), b = TokenSecret.generate()
        #expect(a.value != b.value)
        #expect(a.value.hasPrefix("rinri_") && a.value.count == 49)
        #expect(a.hash == TokenSecret.hash(of: a.value) && a.hash.count == 64 && !a.hash.contains(a.value))
    }

    @Test func generatedPasswordsMeetTheRule() {
        let password = PasswordGenerator.generate()
        #expect(PasswordGenerator.problem(with: password) == nil)
        #expect(PasswordGenerator.problem(with: "short") != nil)
    }
}

@Suite("Error messages in both languages")
struct ErrorCatalogueTests {
    /// The repository's `Sources` folder: the nearest folder above this file that holds `Package.swift`.
    static let sources: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("Sources")
    }()

    /// Every error code written in the code: `code: "x"` and the second argument of `Validator.add(field, "x", …)`
    /// (audit-batch `batch.add(…)` calls name entity types, not codes, and are left out).
    static func thrownCodes() throws -> [String: String] {
        let code = try NSRegularExpression(pattern: #"code:\s*"([a-z_]+)""#)
        let add = try NSRegularExpression(pattern: #"(?<!batch)\.add\((?:[^()"]|"(?:[^"\\]|\\.)*"|\((?:[^()]|\([^()]*\))*\))*?,\s*"([a-z_]+)"\s*,"#)
        var found: [String: String] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for regex in [code, add] {
                for match in regex.matches(in: text, range: range) {
                    found[String(text[Range(match.range(at: 1), in: text)!])] = url.lastPathComponent
                }
            }
        }
        return found
    }

    @Test func everyThrownErrorCodeHasAMessageInBothLanguages() throws {
        let codes = try Self.thrownCodes()
        // the scan sees the codes it must see (so an empty scan cannot pass)
        for known in ["own_decision", "own_vote", "own_review", "reviews_not_approved", "evidence_in_use", "second_line_only",
                      "office_only", "quorum_not_met", "gate_closed", "required", "too_long", "stale_version", "not_found"] {
            #expect(codes[known] != nil, "the scan missed \(known)")
        }
        #expect(codes.count > 80)
        for language in Language.allCases {
            let t = Localizer(language)
            for (code, file) in codes.sorted(by: { $0.key < $1.key }) {
                #expect(t.has("error.\(code)"), "error.\(code) (thrown in \(file)) has no \(language.rawValue) message")
            }
        }
    }

    @Test func refusalsReadInTheReadersLanguageWithTheirFacts() {
        let quorum = RinriError.conflict(code: "quorum_not_met", "the committee needs 3 votes", arguments: ["quorum": "3", "cast": "2"])
        #expect(Localizer(.en).message(for: quorum) == "The committee needs 3 votes to decide; 2 counted so far.")
        #expect(Localizer(.ja).message(for: quorum).contains("3票") && Localizer(.ja).message(for: quorum).contains("2票"))
        let pending = RinriError.conflict(code: "reviews_pending", "waiting", arguments: ["domains": "privacy, human_rights"])
        #expect(Localizer(.ja).message(for: pending).contains("プライバシー、人権"))
        // a code without a catalogue entry falls back to the English message
        #expect(Localizer(.ja).message(for: RinriError.conflict(code: "no_such_code", "plain English")) == "plain English")
    }
}

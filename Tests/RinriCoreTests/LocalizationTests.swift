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

import RinriMarkup
import Testing

@Suite("Markup escaping")
struct MarkupTests {
    @Test func theFiveSpecialCharactersBecomeReferencesInBothContexts() {
        for context in [Markup.Context.text, .attribute] {
            #expect(Markup.escape(#"<a href="x">'&'</a>"#, in: context) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
            #expect(Markup.escape("&amp;", in: context) == "&amp;amp;", "escaped text is escaped again")
            #expect(Markup.escape("日本語 plain", in: context) == "日本語 plain")
        }
    }

    @Test func whitespaceIsKeptInTextAndReferencedInAttributes() {
        #expect(Markup.escape("a\tb\nc", in: .text) == "a\tb\nc")
        #expect(Markup.escape("a\tb\nc", in: .attribute) == "a&#9;b&#10;c")
        #expect(Markup.escape("x\r\ny", in: .text) == "x&#13;\ny")
        #expect(Markup.escape("x\r\ny", in: .attribute) == "x&#13;&#10;y")
    }

    @Test func charactersXMLCannotCarryAreReplaced() {
        for context in [Markup.Context.text, .attribute] {
            #expect(Markup.escape("重大\u{1}リスク\u{1F}\u{FFFE}", in: context) == "重大\u{FFFD}リスク\u{FFFD}\u{FFFD}")
            #expect(Markup.escape("\u{0}", in: context) == "\u{FFFD}")
        }
    }

    /// Every string of a small alphabet round-trips through a minimal reference decoder, and the
    /// output never holds a raw `<`, `&` that starts no reference, or a quote.
    @Test func escapedTextDecodesBackAndHoldsNoActiveCharacter() {
        let alphabet: [String] = ["a", "<", ">", "&", "\"", "'", "\n", "\t", "é", "&amp;"]
        var inputs = [""]
        for _ in 0..<3 { inputs = inputs.flatMap { prefix in alphabet.map { prefix + $0 } } }
        for input in inputs {
            for context in [Markup.Context.text, .attribute] {
                let escaped = Markup.escape(input, in: context)
                #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\"") && !escaped.contains("'"))
                #expect(Self.decode(escaped) == input, "\(input.debugDescription) in \(context)")
            }
        }
    }

    static func decode(_ text: String) -> String {
        let references = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#9;": "\t", "&#10;": "\n", "&#13;": "\r"]
        var out = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[amp...]
            guard let (reference, value) = references.first(where: { tail.hasPrefix($0.key) }) else { return "<bad reference>" }
            out += value
            rest = tail.dropFirst(reference.count)
        }
        return out + rest
    }
}

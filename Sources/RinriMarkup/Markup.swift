/// The one escaper of Rinri's markup: web pages, HTML and JUnit reports, SVG charts.
///
/// Text becomes safe in HTML and in XML 1.0 (SVG, JUnit): `& < > " '` become character
/// references, and characters XML cannot carry (C0 controls other than tab, LF and CR; U+FFFE,
/// U+FFFF) become U+FFFD. CR is always a reference, so a parser keeps it; in an attribute value,
/// tab and LF are references too, since attribute-value normalisation would turn them into spaces.
///
/// ```swift
/// Markup.escape("a < b", in: .text)           // "a &lt; b"
/// Markup.escape("line 1\nline 2", in: .attribute) // "line 1&#10;line 2"
/// ```
public enum Markup {
    /// Where the escaped text goes.
    public enum Context: Sendable {
        /// Element content (HTML text, `<pre>`, `<textarea>`, SVG `<text>`, XML character data).
        case text
        /// A quoted attribute value.
        case attribute
    }

    /// `text` escaped for `context`.
    public static func escape(_ text: String, in context: Context) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: result += "&amp;"
            case 0x3C: result += "&lt;"
            case 0x3E: result += "&gt;"
            case 0x22: result += "&quot;"
            case 0x27: result += "&#39;"
            case 0xD: result += "&#13;"
            case 0x9 where context == .attribute: result += "&#9;"
            case 0xA where context == .attribute: result += "&#10;"
            case 0x9, 0xA: result.unicodeScalars.append(scalar)
            case 0..<0x20, 0xFFFE, 0xFFFF: result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    /// The text escaped for element content (``Markup/escape(_:in:)`` with `.text`).
    public var markupEscaped: String { Markup.escape(self, in: .text) }

    /// The text escaped for a quoted attribute value (``Markup/escape(_:in:)`` with `.attribute`).
    public var attributeEscaped: String { Markup.escape(self, in: .attribute) }
}

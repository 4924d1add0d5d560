import Foundation
import RinriCore

/// A refusal or an invalid input shown on a page, always in the reader's language: the catalogue's
/// `error.<code>` with the error's arguments, and one line per field when several are wrong.
enum ErrorNote {
    static func render(_ t: Localizer, _ error: RinriError) -> Node {
        let several = error.issues.count > 1 && error.kind == .invalid
        return el("div", ["class": "form-error", "role": "alert"]) {
            el("p", text: several ? t("error.several") : t.message(for: error))
            if several {
                el("ul") { for issue in error.issues { el("li", text: "\(issue.field): \(text(t, issue))") } }
            }
        }
    }

    /// One field's problem in the reader's language: the whole error's message when it has one
    /// problem, else the catalogue's text for the problem's code (the English message when the
    /// catalogue has none). A problem placed on a line of a YAML document keeps its `line N: …` detail.
    static func text(_ t: Localizer, _ issue: FieldIssue, of error: RinriError? = nil) -> String {
        if let error, error.issues.count <= 1 { return t.message(for: error) }
        let key = "error.\(issue.code)"
        guard t.has(key) else { return issue.message }
        return issue.message.hasPrefix("line ") ? "\(t(key)) (\(issue.message))" : t(key)
    }
}

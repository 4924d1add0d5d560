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

    /// One field's problem in the reader's language (the catalogue's generic text for its code, else the English message).
    static func text(_ t: Localizer, _ issue: FieldIssue) -> String {
        t.has("error.\(issue.code)") ? t("error.\(issue.code)") : issue.message
    }
}

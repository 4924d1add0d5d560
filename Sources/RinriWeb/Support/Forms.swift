import Foundation
import RinriCore
import Vapor

/// A form: the fields posted (in order, repeated names kept) or the values a page starts with, read
/// through typed accessors, and the messages shown next to its fields after an error.
///
/// The one form type of the web layer: a handler reads a posted form with ``posted(_:)``, passes
/// typed values to a service, and on a refusal calls ``show(_:_:)`` and renders the same form again.
struct FormState {
    private(set) var pairs: [(String, String)]
    var errors: [String: String] = [:]
    /// A message about the whole form (a conflict, say).
    var formError: String?

    init(values: [String: String] = [:]) { pairs = values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    init(pairs: [(String, String)]) { self.pairs = pairs }

    /// The fields of a posted form: URL-encoded bodies are read pair by pair (``FormBody``, linear and
    /// capped per route), so a repeated name (a multiple choice) keeps every value; other bodies
    /// (multipart) through Vapor's decoder.
    static func posted(_ req: Request) throws -> FormState {
        guard req.isURLEncodedForm else {
            let values = (try? req.content.decode([String: String].self)) ?? [:]
            return FormState(values: values)
        }
        return FormState(pairs: try req.formPairs())
    }

    /// The first value of a field, or "" when it was not sent.
    subscript(_ name: String) -> String { value(name) ?? "" }

    /// The first value of a field, or nil when it was not sent.
    func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// Sets a field's value (replacing every value it had).
    mutating func set(_ name: String, _ value: String) {
        pairs.removeAll { $0.0 == name }
        pairs.append((name, value))
    }

    /// Every value sent under a name (checkboxes and multiple selects).
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The names that start with `prefix`, without it, in first-seen order.
    func names(prefixed prefix: String) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for (name, _) in pairs where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if seen.insert(rest).inserted { names.append(rest) }
        }
        return names
    }

    /// Whether a checkbox was ticked.
    func checked(_ name: String) -> Bool { ["on", "true", "1", "yes"].contains(value(name) ?? "") }

    /// A field left empty reads as nil.
    func optional(_ name: String) -> String? {
        let value = self[name].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// A comma-separated list.
    func list(_ name: String) -> [String] {
        self[name].split(whereSeparator: { $0 == "," || $0 == "、" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A whole number, nil when left empty. - Throws: 400 `malformed` naming the field otherwise.
    func int(_ name: String) throws -> Int? {
        guard let raw = optional(name) else { return nil }
        guard let number = Int(raw) else { throw RinriError.malformed("\(name) must be a whole number", field: name) }
        return number
    }

    /// The version the form was rendered with, which every edit of a versioned record sends back.
    /// - Throws: 422 `required` when it is missing, 400 when it is not a number.
    func version() throws -> Int { try requireVersion(int("version")) }

    /// One of an enumeration's values, nil when left empty.
    /// - Throws: 422 `invalid_choice` naming the allowed values.
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type) throws -> E? where E.RawValue == String {
        try E.parse(value(name), field: name)
    }

    /// Puts an error's messages next to its fields, in the page's language.
    mutating func show(_ error: RinriError, _ t: Localizer) {
        let issues = error.issues.isEmpty ? [FieldIssue(field: error.field ?? "", code: error.code, message: error.message)] : error.issues
        for issue in issues {
            let text = ErrorNote.text(t, issue, of: error)
            if issue.field.isEmpty || error.kind == .conflict { formError = text } else {
                errors[issue.field] = errors[issue.field].map { "\($0) \(text)" } ?? text
            }
        }
    }
}

/// Form controls with a label, the kept value and the field's error.
struct FormBuilder {
    let state: FormState
    let t: Localizer

    private func wrap(_ name: String, label: String, hint: String? = nil, _ control: Node) -> Node {
        let error = state.errors[name]
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": "f-\(name)"], text: label)
            control
            if let hint { el("small", ["class": "hint"], text: hint) }
            if let error { el("p", ["class": "field-error", "id": "e-\(name)", "role": "alert"], text: error) }
        }
    }

    func text(_ name: String, label: String, required: Bool = false, type: String = "text", hint: String? = nil) -> Node {
        wrap(name, label: label, hint: hint,
             el("input", Attributes(dictionaryLiteral: ("type", type), ("id", "f-\(name)"), ("name", name),
                                    ("value", type == "password" ? "" : state[name]),
                                    ("aria-describedby", state.errors[name] == nil ? nil : "e-\(name)"))
                .flag("required", required)))
    }

    func textarea(_ name: String, label: String, required: Bool = false, hint: String? = nil) -> Node {
        wrap(name, label: label, hint: hint,
             .element("textarea", Attributes(dictionaryLiteral: ("id", "f-\(name)"), ("name", name), ("rows", "4"),
                                             ("aria-describedby", state.errors[name] == nil ? nil : "e-\(name)"))
                .flag("required", required).pairs, [.text(state[name])]))
    }

    /// A drop-down of (value, label) pairs; `blank` adds an empty first choice.
    func select(_ name: String, label: String, options: [(String, String)], blank: String? = nil) -> Node {
        let current = state[name]
        return wrap(name, label: label, hint: nil, el("select", ["id": "f-\(name)", "name": name,
                                                                "aria-describedby": state.errors[name] == nil ? nil : "e-\(name)"]) {
            if let blank { el("option", ["value": ""], text: blank) }
            for (value, text) in options {
                .element("option", Attributes(dictionaryLiteral: ("value", value)).flag("selected", value == current).pairs, [.text(text)])
            }
        })
    }

    func checkbox(_ name: String, label: String) -> Node {
        el("div", ["class": "field check"]) {
            .element("input", Attributes(dictionaryLiteral: ("type", "checkbox"), ("id", "f-\(name)"), ("name", name))
                .flag("checked", state.checked(name)).pairs, [])
            el("label", ["for": "f-\(name)"], text: label)
        }
    }

    /// The message about the whole form, if any.
    var formError: Node {
        guard let message = state.formError else { return .fragment([]) }
        return el("p", ["class": "form-error", "role": "alert"], text: message)
    }
}

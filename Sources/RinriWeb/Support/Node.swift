import RinriMarkup
/// A piece of HTML built in Swift and rendered with everything escaped.
///
/// Text and attribute values are always escaped when rendered; only
/// ``Node/raw(_:)`` (used for trusted, constant markup such as server-drawn
/// SVG) is written as is. Views build nodes from model structs and never
/// query the database.
public indirect enum Node: Sendable {
    case element(String, [(String, String?)], [Node])
    case text(String)
    case raw(String)
    case fragment([Node])

    /// Elements HTML closes by itself.
    static let voidElements: Set<String> = ["br", "hr", "img", "input", "link", "meta"]

    /// The HTML text.
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch self {
        case .text(let text): out += Markup.escape(text, in: .text)
        case .raw(let html): out += html
        case .fragment(let nodes): for node in nodes { node.render(into: &out) }
        case let .element(tag, attributes, children):
            out += "<" + tag
            for (name, value) in attributes {
                out += " " + name
                if let value { out += "=\"" + Markup.escape(value, in: .attribute) + "\"" }
            }
            out += ">"
            guard !Self.voidElements.contains(tag) else { return }
            for child in children { child.render(into: &out) }
            out += "</" + tag + ">"
        }
    }
}

/// Builds lists of nodes with `if`, `for` and optional values.
@resultBuilder
public enum NodeBuilder {
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildExpression(_ text: String) -> [Node] { [.text(text)] }
    public static func buildOptional(_ nodes: [Node]?) -> [Node] { nodes ?? [] }
    public static func buildEither(first nodes: [Node]) -> [Node] { nodes }
    public static func buildEither(second nodes: [Node]) -> [Node] { nodes }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}

/// An attribute list that drops absent values and renders boolean attributes bare.
public struct Attributes: Sendable, ExpressibleByDictionaryLiteral {
    var pairs: [(String, String?)] = []

    public init(dictionaryLiteral elements: (String, String?)...) {
        for (name, value) in elements where value != nil { pairs.append((name, value)) }
    }

    /// Adds a boolean attribute (`required`, `checked`, `selected`) when `on`.
    public func flag(_ name: String, _ on: Bool) -> Attributes {
        var copy = self
        if on { copy.pairs.append((name, nil)) }
        return copy
    }
}

/// Shorthands for the elements Rinri's pages use.
public func el(_ tag: String, _ attributes: Attributes = [:], @NodeBuilder _ children: () -> [Node] = { [] }) -> Node {
    .element(tag, attributes.pairs, children())
}

/// An element with only text inside.
public func el(_ tag: String, _ attributes: Attributes = [:], text: String) -> Node {
    .element(tag, attributes.pairs, [.text(text)])
}

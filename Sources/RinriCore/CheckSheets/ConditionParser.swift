import Foundation

/// A condition that does not parse, with the 1-based column (in characters) where the problem starts.
public struct ConditionSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based character position in the condition text.
    public var column: Int
    /// What is wrong.
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

/// A token of the condition language.
struct ConditionToken: Equatable {
    enum Kind: Equatable {
        case string(String)
        case number(Double)
        case word(String)      // keywords and paths
        case symbol(String)    // ( ) [ ] , == != < <= > >=
        case end
    }

    var kind: Kind
    /// 1-based column of the first character.
    var column: Int

    var text: String {
        switch kind {
        case .string(let value): return ConditionValue.string(value).literalText
        case .number(let value): return ConditionValue.number(value).literalText
        case .word(let word): return word
        case .symbol(let symbol): return symbol
        case .end: return "end of condition"
        }
    }
}

/// Splits a condition into tokens (§10.1, lexical part).
struct ConditionTokenizer {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    static func tokenize(_ source: String) throws -> [ConditionToken] {
        var tokenizer = ConditionTokenizer(source)
        var tokens: [ConditionToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        tokens.append(ConditionToken(kind: .end, column: source.count + 1))
        return tokens
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func next() throws -> ConditionToken? {
        while let char = current, char == " " || char == "\t" { index += 1 }
        guard let char = current else { return nil }
        let column = index + 1
        if char == "'" { return ConditionToken(kind: .string(try readString()), column: column) }
        if char.isASCII && char.isNumber || (char == "-" && (peek(1).map { $0.isASCII && $0.isNumber } ?? false)) {
            return ConditionToken(kind: .number(try readNumber()), column: column)
        }
        if Self.isWordCharacter(char) { return ConditionToken(kind: .word(readWord()), column: column) }
        return ConditionToken(kind: .symbol(try readSymbol(char, column: column)), column: column)
    }

    private mutating func readString() throws -> String {
        let start = index + 1
        index += 1
        var value = ""
        while let char = current {
            index += 1
            switch char {
            case "'": return value
            case "\\":
                guard let escaped = current, escaped == "\\" || escaped == "'" else {
                    throw ConditionSyntaxError(column: index, message: "unsupported escape in a string: only \\\\ and \\' are allowed")
                }
                value.append(escaped)
                index += 1
            default: value.append(char)
            }
        }
        throw ConditionSyntaxError(column: start, message: "string is not closed with '")
    }

    private mutating func readNumber() throws -> Double {
        let start = index
        if current == "-" { index += 1 }
        while let char = current, char.isASCII, char.isNumber { index += 1 }
        if current == "." {
            index += 1
            guard let char = current, char.isASCII, char.isNumber else {
                throw ConditionSyntaxError(column: index + 1, message: "expected a digit after the decimal point")
            }
            while let char = current, char.isASCII, char.isNumber { index += 1 }
        }
        let text = String(characters[start..<index])
        guard let value = Double(text), value.isFinite else {
            throw ConditionSyntaxError(column: start + 1, message: "number \(text) is out of range")
        }
        return value
    }

    private mutating func readWord() -> String {
        let start = index
        while let char = current, Self.isWordCharacter(char) || char == "." { index += 1 }
        return String(characters[start..<index])
    }

    private mutating func readSymbol(_ char: Character, column: Int) throws -> String {
        switch char {
        case "(", ")", "[", "]", ",":
            index += 1
            return String(char)
        case "=", "!", "<", ">":
            if peek(1) == "=" {
                index += 2
                return String(char) + "="
            }
            guard char == "<" || char == ">" else {
                let hint = char == "=" ? "; use == to compare" : "; use 'not' to negate"
                throw ConditionSyntaxError(column: column, message: "unexpected '\(char)'\(hint)")
            }
            index += 1
            return String(char)
        case "\"":
            throw ConditionSyntaxError(column: column, message: "strings are written in single quotes")
        default:
            throw ConditionSyntaxError(column: column, message: "unexpected character '\(char)'")
        }
    }

    private static func isWordCharacter(_ char: Character) -> Bool {
        char.isASCII && (char.isLetter || char.isNumber || char == "_")
    }
}

/// A recursive-descent parser for the grammar of §10.1.
public enum ConditionParser {
    /// Parses a condition into its syntax tree.
    ///
    /// - Throws: ``ConditionSyntaxError`` with the column of the offending token.
    public static func parse(_ source: String) throws -> ConditionExpression {
        var parser = Parser(tokens: try ConditionTokenizer.tokenize(source))
        guard parser.current.kind != .end else {
            throw ConditionSyntaxError(column: 1, message: "empty condition")
        }
        let expression = try parser.parseOr()
        guard parser.current.kind == .end else {
            throw parser.unexpected("an operator or the end of the condition")
        }
        return expression
    }

    static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false", "null", "answer"]

    private struct Parser {
        let tokens: [ConditionToken]
        var position = 0

        var current: ConditionToken { tokens[position] }

        mutating func advance() { if position < tokens.count - 1 { position += 1 } }

        func isWord(_ word: String) -> Bool { current.kind == .word(word) }

        func unexpected(_ expected: String) -> ConditionSyntaxError {
            let found = current.kind == .end ? "the end of the condition" : "'\(current.text)'"
            return ConditionSyntaxError(column: current.column, message: "expected \(expected), found \(found)")
        }

        mutating func parseOr() throws -> ConditionExpression {
            var expression = try parseAnd()
            while isWord("or") {
                advance()
                expression = .or(expression, try parseAnd())
            }
            return expression
        }

        mutating func parseAnd() throws -> ConditionExpression {
            var expression = try parseNot()
            while isWord("and") {
                advance()
                expression = .and(expression, try parseNot())
            }
            return expression
        }

        mutating func parseNot() throws -> ConditionExpression {
            if isWord("not") {
                advance()
                return .not(try parseNot())
            }
            return try parseComparison()
        }

        mutating func parseComparison() throws -> ConditionExpression {
            let lhs = try parseOperand()
            if isWord("not"), tokens[position + 1].kind == .word("in") {
                throw ConditionSyntaxError(column: current.column,
                                           message: "there is no 'not in' operator; write not ('x' in answers.q)")
            }
            guard let op = comparisonOperator() else { return lhs }
            advance()
            let rhs = try parseOperand()
            if comparisonOperator() != nil {
                throw ConditionSyntaxError(column: current.column,
                                           message: "comparisons cannot be chained; add parentheses and 'and'")
            }
            return .comparison(op, lhs, rhs)
        }

        func comparisonOperator() -> ComparisonOperator? {
            switch current.kind {
            case .symbol(let symbol): return ComparisonOperator(rawValue: symbol)
            case .word("in"): return .isIn
            default: return nil
            }
        }

        mutating func parseOperand() throws -> ConditionExpression {
            if current.kind == .symbol("(") {
                advance()
                let inner = try parseOr()
                guard current.kind == .symbol(")") else { throw unexpected("')'") }
                advance()
                return inner
            }
            if current.kind == .symbol("[") { return .literal(try parseList()) }
            if let literal = try literal() {
                advance()
                return .literal(literal)
            }
            if case .word(let word) = current.kind {
                let path = try Self.path(word, column: current.column)
                advance()
                return .path(path)
            }
            throw unexpected("a value, a path or '('")
        }

        mutating func parseList() throws -> ConditionValue {
            advance()
            var items: [ConditionValue] = []
            if current.kind == .symbol("]") {
                advance()
                return .list(items)
            }
            while true {
                guard let item = try literal() else { throw unexpected("a literal (lists hold only literals)") }
                items.append(item)
                advance()
                if current.kind == .symbol("]") { break }
                guard current.kind == .symbol(",") else { throw unexpected("',' or ']'") }
                advance()
            }
            advance()
            return .list(items)
        }

        /// The scalar literal at the current token, if it is one; does not advance.
        func literal() throws -> ConditionValue? {
            switch current.kind {
            case .string(let value): return .string(value)
            case .number(let value): return .number(value)
            case .word("true"): return .bool(true)
            case .word("false"): return .bool(false)
            case .word("null"): return .null
            default: return nil
            }
        }

        static func path(_ word: String, column: Int) throws -> ConditionPath {
            if word == "answer" { return .answer }
            if keywords.contains(word) {
                throw ConditionSyntaxError(column: column, message: "expected a value, a path or '(', found '\(word)'")
            }
            if word.hasPrefix("system.") {
                let name = String(word.dropFirst("system.".count))
                guard let attribute = SystemAttribute(rawValue: name) else {
                    let known = SystemAttribute.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ConditionSyntaxError(column: column, message: "unknown path '\(word)'; system has \(known)")
                }
                return .system(attribute)
            }
            if word.hasPrefix("answers.") {
                let id = String(word.dropFirst("answers.".count))
                guard IdentifierPattern.isLocalID(id) else {
                    throw ConditionSyntaxError(column: column, message: "unknown path '\(word)'; question ids are [a-z0-9_]+")
                }
                return .answers(id)
            }
            if keywords.contains(word.lowercased()) {
                throw ConditionSyntaxError(column: column, message: "unknown word '\(word)'; keywords are lower-case")
            }
            throw ConditionSyntaxError(column: column,
                                       message: "unknown path '\(word)'; use system.<name>, answers.<question_id> or answer")
        }
    }
}

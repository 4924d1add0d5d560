import Foundation

/// A stored answer to one question (§5, "Answer values").
///
/// Encodes as `{"type": "yes_no_na", "value": "yes"}` with the question's answer type.
public enum AnswerValue: Sendable, Equatable, Hashable, Codable {
    /// `yes`, `no` or `na`.
    case yesNoNA(String)
    /// One option id.
    case choice(String)
    /// Option ids, in option order once validated; empty when nothing is ticked.
    case choices([String])
    case text(String)
    case number(Double)
    /// `YYYY-MM-DD`.
    case date(String)

    /// The longest text answer accepted, in characters.
    public static let maximumTextLength = 10_000

    /// The answer type this value belongs to.
    public var answerType: Question.AnswerType {
        switch self {
        case .yesNoNA: return .yesNoNA
        case .choice: return .singleChoice
        case .choices: return .multipleChoice
        case .text: return .text
        case .number: return .number
        case .date: return .date
        }
    }

    /// The value conditions see; an empty text is unanswered (`null`).
    public var conditionValue: ConditionValue {
        switch self {
        case .yesNoNA(let value), .choice(let value), .date(let value): return .string(value)
        case .choices(let ids): return .list(ids.map(ConditionValue.string))
        case .text(let value): return value.isEmpty ? .null : .string(value)
        case .number(let value): return .number(value)
        }
    }

    /// Whether the answer is `na`.
    public var isNotApplicable: Bool { self == .yesNoNA("na") }

    /// Parses form input for `question`: one string, or for multiple choice the ticked option ids.
    ///
    /// - Throws: ``RinriError`` (`invalid`, field = the question id) when the input does not fit the answer type.
    public static func parse(_ inputs: [String], for question: Question) throws -> AnswerValue {
        let trimmed = inputs.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let single = trimmed.first ?? ""
        let raw: AnswerValue
        switch question.answer {
        case .yesNoNA: raw = .yesNoNA(single)
        case .singleChoice: raw = .choice(single)
        case .multipleChoice: raw = .choices(trimmed.filter { !$0.isEmpty })
        case .text: raw = .text(single)
        case .date: raw = .date(single)
        case .number:
            guard let number = Double(single), number.isFinite else {
                throw invalid(question, "not_a_number", "the answer to \(question.id) must be a finite number")
            }
            raw = .number(number)
        }
        return try raw.validated(for: question)
    }

    /// Parses a single form value for `question` (a comma-separated list for multiple choice).
    public static func parse(_ input: String, for question: Question) throws -> AnswerValue {
        let inputs = question.answer == .multipleChoice ? input.split(separator: ",").map(String.init) : [input]
        return try parse(inputs, for: question)
    }

    /// Checks the value against `question` and returns it normalised (choices deduplicated, in option order).
    ///
    /// - Throws: ``RinriError`` (`invalid`, field = the question id).
    public func validated(for question: Question) throws -> AnswerValue {
        guard answerType == question.answer else {
            throw Self.invalid(question, "wrong_answer_type",
                               "\(question.id) takes a \(question.answer.rawValue) answer, not \(answerType.rawValue)")
        }
        switch self {
        case .yesNoNA(let value):
            guard ["yes", "no", "na"].contains(value) else {
                throw Self.invalid(question, "invalid_choice", "the answer to \(question.id) must be yes, no or na")
            }
        case .choice(let id):
            try Self.checkOptions([id], question)
        case .choices(let ids):
            try Self.checkOptions(ids, question)
            return .choices(question.options.map(\.id).filter(ids.contains))
        case .text(let value):
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw Self.invalid(question, "required", "the answer to \(question.id) is empty")
            }
            if value.count > Self.maximumTextLength {
                throw Self.invalid(question, "too_long",
                                   "the answer to \(question.id) is longer than \(Self.maximumTextLength) characters")
            }
        case .number(let value):
            guard value.isFinite else {
                throw Self.invalid(question, "not_a_number", "the answer to \(question.id) must be a finite number")
            }
        case .date(let value):
            guard Self.isCalendarDate(value) else {
                throw Self.invalid(question, "invalid_date", "the answer to \(question.id) must be a date YYYY-MM-DD")
            }
        }
        return self
    }

    /// Whether `text` is `YYYY-MM-DD` naming a real day of the Gregorian calendar.
    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func checkOptions(_ ids: [String], _ question: Question) throws {
        let known = Set(question.options.map(\.id))
        for id in ids where !known.contains(id) {
            throw invalid(question, "invalid_choice", "\(question.id) has no option \"\(id)\"")
        }
    }

    private static func invalid(_ question: Question, _ code: String, _ message: String) -> RinriError {
        RinriError.invalid(field: question.id, code: code, message: message)
    }

    private enum CodingKeys: String, CodingKey { case type, value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(Question.AnswerType.self, forKey: .type)
        switch type {
        case .yesNoNA: self = .yesNoNA(try container.decode(String.self, forKey: .value))
        case .singleChoice: self = .choice(try container.decode(String.self, forKey: .value))
        case .multipleChoice: self = .choices(try container.decode([String].self, forKey: .value))
        case .text: self = .text(try container.decode(String.self, forKey: .value))
        case .number: self = .number(try container.decode(Double.self, forKey: .value))
        case .date: self = .date(try container.decode(String.self, forKey: .value))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answerType, forKey: .type)
        switch self {
        case .yesNoNA(let value), .choice(let value), .text(let value), .date(let value):
            try container.encode(value, forKey: .value)
        case .choices(let ids): try container.encode(ids, forKey: .value)
        case .number(let value): try container.encode(value, forKey: .value)
        }
    }
}

extension CheckSheetTemplate {
    /// Parses raw answer inputs — the strings given for each question (one, or the ticked option ids);
    /// nil, or one empty string for a non-text question, clears the answer — into answers of this template.
    ///
    /// - Throws: ``RinriError`` (`invalid`) naming every unknown question and every input that does not fit its answer type.
    public func parseAnswers(_ raw: [String: [String]?]) throws -> [String: AnswerValue?] {
        var v = Validator()
        var answers: [String: AnswerValue?] = [:]
        for (questionID, inputs) in raw {
            guard let question = question(id: questionID) else {
                v.add(questionID, "unknown_question", "\(id) \(version) has no question \(questionID)")
                continue
            }
            guard let inputs, !(inputs.count == 1 && inputs[0].isEmpty && question.answer != .text) else {
                answers[questionID] = .some(nil)
                continue
            }
            do { answers[questionID] = try AnswerValue.parse(inputs, for: question) } catch let error as RinriError {
                v.add(questionID, error.code, "\(questionID): \(error.message)")
            }
        }
        try v.check()
        return answers
    }
}

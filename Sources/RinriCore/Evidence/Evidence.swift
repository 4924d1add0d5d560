import Foundation

/// What kind of technical evidence a record holds.
public enum EvidenceKind: String, Codable, Sendable, CaseIterable {
    case fairnessReport = "fairness_report"
    case dataProfile = "data_profile"
    /// A document, link or note attached to a check-sheet answer.
    case document
}

/// The content of a `document` evidence record: a summary, and a link or a small file.
public struct DocumentEvidence: Sendable, Equatable, Codable {
    /// The largest file kept inside an evidence record.
    public static let maximumFileBytes = 5_000_000

    public var summary: String
    public var url: String?
    public var fileName: String?
    public var fileSHA256: String?
    public var fileBytes: Int?
    /// The file's content, base64.
    public var content: String?

    enum CodingKeys: String, CodingKey {
        case summary, url, content
        case fileName = "file_name"
        case fileSHA256 = "file_sha256"
        case fileBytes = "file_bytes"
    }

    public init(summary: String, url: String? = nil, file: (name: String, data: Data)? = nil) {
        self.summary = summary
        self.url = url
        if let file {
            fileName = file.name
            fileSHA256 = SHA256Hex.of(file.data)
            fileBytes = file.data.count
            content = file.data.base64EncodedString()
        }
    }

    /// The document with the file's name, hash and size as Rinri computes them from `content`:
    /// what a client claims about a file it sent is never stored as fact. Without content no
    /// file facts are kept.
    /// - Throws: ``RinriError`` (`invalid_content`) when `content` is not base64.
    public func withComputedFile() throws -> DocumentEvidence {
        var copy = self
        guard let content, !content.isEmpty else {
            (copy.fileName, copy.fileSHA256, copy.fileBytes, copy.content) = (nil, nil, nil, nil)
            return copy
        }
        guard let data = Data(base64Encoded: content.filter { !$0.isWhitespace }) else {
            throw RinriError.invalid(field: "report.content", code: "invalid_content", message: "report.content must be the file in base64")
        }
        copy.fileName = fileName ?? "file"
        copy.fileSHA256 = SHA256Hex.of(data)
        copy.fileBytes = data.count
        return copy
    }

    /// Checks the summary, the link and the file size. - Throws: ``RinriError`` (`invalid`).
    public func validated() throws -> DocumentEvidence {
        var v = Validator()
        var copy = self
        copy.summary = v.text(summary, field: "summary", max: 10_000)
        let link = v.text(url, field: "url", required: false, max: 2_000)
        if !link.isEmpty, URLComponents(string: link).map({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil }) != true {
            v.add("url", "invalid_url", "url must be an http or https address")
        }
        copy.url = link.isEmpty ? nil : link
        if (fileBytes ?? 0) > Self.maximumFileBytes { v.add("file", "too_large", "the file is larger than 5 MB; link to it instead") }
        if let fileName, fileName.count > 255 { v.add("file", "too_long", "the file name is longer than 255 characters") }
        try v.check()
        return copy
    }
}

/// How an evidence record reached Rinri, which says who vouches for its content.
public enum EvidenceSource: String, Codable, Sendable, CaseIterable {
    /// Sent through the API (for example `rinri assess --submit`): reported by its submitter.
    case api
    /// Attached on a page by a signed-in user: reported by that user.
    case page
    /// Computed by Rinri itself from a file uploaded on the system page.
    case job
}

/// Whether evidence may still be deleted or replaced.
///
/// Evidence is part of the record of a decision: once a decision cites it, or once the assessment
/// it is attached to has left the draft state (it was submitted, reviewed or decided on), or a
/// follow-up action or a countermeasure cites it, it stays as it was.
public enum EvidencePolicy {
    public struct Use: Sendable, Equatable {
        public var citedByDecision: Bool
        public var attachedToSubmittedAssessment: Bool
        public var citedByAction: Bool
        public var citedByCountermeasure: Bool

        public init(citedByDecision: Bool = false, attachedToSubmittedAssessment: Bool = false, citedByAction: Bool = false,
                    citedByCountermeasure: Bool = false) {
            self.citedByDecision = citedByDecision
            self.attachedToSubmittedAssessment = attachedToSubmittedAssessment
            self.citedByAction = citedByAction
            self.citedByCountermeasure = citedByCountermeasure
        }
    }

    /// Evidence is attached to an assessment while it is a draft: once submitted, a case is
    /// reviewed and decided on what it had, as its removal is refused from then on (``checkRemovable(_:)``).
    /// - Throws: ``RinriError`` `assessment_not_draft` (409).
    public static func checkAttach(to state: AssessmentState) throws {
        guard state.isEditable else {
            throw RinriError.conflict(code: "assessment_not_draft", "evidence is attached to an assessment while it is a draft; this one is \(state.rawValue)",
                                      field: "assessment_id", arguments: ["state": state.rawValue])
        }
    }

    /// - Throws: ``RinriError`` `evidence_in_use` (409) naming why.
    public static func checkRemovable(_ use: Use) throws {
        var reasons: [String] = []
        if use.citedByDecision { reasons.append("a decision cites it") }
        if use.attachedToSubmittedAssessment { reasons.append("its assessment is no longer a draft") }
        if use.citedByAction { reasons.append("a follow-up action cites it") }
        if use.citedByCountermeasure { reasons.append("a countermeasure cites it") }
        guard reasons.isEmpty else {
            throw RinriError.conflict(code: "evidence_in_use", "this evidence stays as it was: " + reasons.joined(separator: ", "),
                                      arguments: ["reasons": reasons.joined(separator: ", ")])
        }
    }
}

/// A technical assessment result stored as evidence, with what is needed to re-run it.
///
/// The Sony seed asks for "logs and information that make re-testing possible": the exact
/// command, the Rinri version, the input file's SHA-256 and its row count travel with
/// every result.
public struct EvidenceInput: Sendable, Equatable {
    public var kind: EvidenceKind
    public var title: String
    /// The JSON result exactly as the engine wrote it.
    public var resultJSON: String
    /// Whether every check passed (nil when the result has no notion of passing).
    public var passed: Bool?
    public var command: String
    public var rinriVersion: String
    /// Lowercase hex SHA-256 of the input file; nil when the input came from a stream.
    public var inputSHA256: String?
    public var inputRows: Int
    /// The assessment and check-sheet question the evidence answers, when given.
    public var assessmentID: String?
    public var questionID: String?
    /// How it reached Rinri; nil for records made before Rinri kept this.
    public var source: EvidenceSource?
    /// Who submitted it (user id), set by the store; a submitted result is shown as reported by them.
    public var submittedBy: String?

    public init(kind: EvidenceKind, title: String, resultJSON: String, passed: Bool?, command: String,
                rinriVersion: String, inputSHA256: String?, inputRows: Int, assessmentID: String? = nil,
                questionID: String? = nil, source: EvidenceSource? = .api, submittedBy: String? = nil) {
        self.kind = kind
        self.title = title
        self.resultJSON = resultJSON
        self.passed = passed
        self.command = command
        self.rinriVersion = rinriVersion
        self.inputSHA256 = inputSHA256
        self.inputRows = inputRows
        self.assessmentID = assessmentID
        self.questionID = questionID
        self.source = source
        self.submittedBy = submittedBy
    }

    /// Checks lengths and formats (the result's content is checked by whoever parses it).
    ///
    /// - Throws: ``RinriError`` (`invalid`) listing every bad field.
    public func validated() throws -> EvidenceInput {
        var v = Validator()
        var copy = self
        copy.title = v.text(title, field: "title", max: 200)
        copy.command = v.text(command, field: "command", required: kind != .document, max: 8_000)
        copy.rinriVersion = v.text(rinriVersion, field: "rinri_version", max: 40)
        if resultJSON.utf8.count > 8_000_000 { v.add("report", "too_long", "the report is larger than 8 MB") }
        if let hash = inputSHA256 {
            let lower = hash.lowercased()
            if lower.count != 64 || !lower.allSatisfy({ $0.isHexDigit }) {
                v.add("input_sha256", "invalid_hash", "input_sha256 must be 64 hexadecimal characters")
            }
            copy.inputSHA256 = lower
        }
        if inputRows < 0 { v.add("input_rows", "out_of_range", "input_rows must not be negative") }
        if let id = assessmentID, id.isEmpty || id.count > 64 { v.add("assessment_id", "invalid", "assessment_id must be 1 to 64 characters") }
        if let id = questionID, id.isEmpty || id.count > 100 { v.add("question_id", "invalid", "question_id must be 1 to 100 characters") }
        if questionID != nil && assessmentID == nil {
            v.add("question_id", "requires_assessment", "question_id needs assessment_id")
        }
        try v.check()
        return copy
    }
}

/// How a system's evidence can be ordered (newest first by default).
public enum EvidenceSort: String, SortColumn {
    case created, kind, title
}

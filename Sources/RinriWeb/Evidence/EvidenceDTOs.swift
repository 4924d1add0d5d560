import Foundation
import RinriCore
import RinriMetrics
import Vapor

extension API {
    /// An evidence record; `report` is present on the single-record endpoint only.
    struct EvidenceDTO: Content, ExplicitNulls {
        var id: String
        var systemId: String
        var kind: String
        var title: String
        var passed: Bool?
        var command: String
        var rinriVersion: String
        var inputSha256: String?
        var inputRows: Int
        var assessmentId: String?
        var questionId: String?
        /// `api` (reported by its submitter), `page` (attached by a signed-in user), `job` (computed by Rinri); null for older records.
        var source: String?
        var submittedBy: String?
        var createdAt: Date
        var report: EvidenceReport?

        init(_ s: Stored<EvidenceInput>, systemID: String, includeReport: Bool) {
            id = s.id; systemId = systemID; kind = s.value.kind.rawValue; title = s.value.title; passed = s.value.passed
            command = s.value.command; rinriVersion = s.value.rinriVersion; inputSha256 = s.value.inputSHA256
            inputRows = s.value.inputRows; assessmentId = s.value.assessmentID; questionId = s.value.questionID
            source = s.value.source?.rawValue; submittedBy = s.value.submittedBy
            createdAt = s.createdAt
            report = includeReport ? try? EvidenceReport(kind: s.value.kind, json: Data(s.value.resultJSON.utf8)) : nil
        }

        init(from decoder: any Decoder) throws { throw RinriError.malformed("EvidenceDTO is output only") }

        enum Keys: String, CodingKey {
            case id, systemId, kind, title, passed, command, rinriVersion, inputSha256, inputRows, assessmentId, questionId, source, submittedBy
            case createdAt, report
        }
        func encode(to encoder: any Encoder) throws { try encodeExplicitly(to: encoder) }
        func encodeFields(into c: inout KeyedEncodingContainer<Keys>) throws {
            try c.encode(id, forKey: .id); try c.encode(systemId, forKey: .systemId); try c.encode(kind, forKey: .kind)
            try c.encode(title, forKey: .title); try c.encode(passed, forKey: .passed); try c.encode(command, forKey: .command)
            try c.encode(rinriVersion, forKey: .rinriVersion); try c.encode(inputSha256, forKey: .inputSha256)
            try c.encode(inputRows, forKey: .inputRows); try c.encode(assessmentId, forKey: .assessmentId)
            try c.encode(questionId, forKey: .questionId); try c.encode(source, forKey: .source)
            try c.encode(submittedBy, forKey: .submittedBy); try c.encode(createdAt, forKey: .createdAt)
            try c.encodeIfPresent(report, forKey: .report)
        }
    }

    /// The fields of a submitted evidence record besides the report itself.
    struct EvidenceSubmissionDTO: Content {
        var kind: String?
        var title: String?
        var command: String?
        var rinriVersion: String?
        var inputSha256: String?
        var inputRows: Int?
        var assessmentId: String?
        var questionId: String?
    }
}

/// The engine's result inside an evidence record, parsed with the engine's own (snake_case) keys.
enum EvidenceReport: Encodable, Sendable {
    case fairness(FairnessReport)
    case profile(DataProfileReport)
    case document(DocumentEvidence)

    /// Parses a result of the given kind. - Throws: ``RinriError`` `invalid` naming `report` when it does not parse.
    init(kind: EvidenceKind, json: Data) throws {
        do {
            switch kind {
            case .fairnessReport: self = .fairness(try JSONDecoder().decode(FairnessReport.self, from: json))
            case .dataProfile: self = .profile(try JSONDecoder().decode(DataProfileReport.self, from: json))
            case .document: self = .document(try JSONDecoder().decode(DocumentEvidence.self, from: json).validated())
            }
        } catch let error as RinriError {
            throw error
        } catch {
            throw RinriError.invalid(field: "report", code: "invalid_report",
                                     message: "report is not a \(kind.rawValue) as rinri writes it: \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default:
            return "not valid JSON"
        }
    }

    /// Whether every check passed (profiles have no checks).
    var passed: Bool? {
        if case .fairness(let report) = self { return report.passed }
        return nil
    }

    var rows: Int {
        switch self {
        case .fairness(let report): return report.rows
        case .profile(let report): return report.rows
        case .document: return 0
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .fairness(let report): try report.encode(to: encoder)
        case .profile(let report): try report.encode(to: encoder)
        case .document(let document): try document.encode(to: encoder)
        }
    }
}

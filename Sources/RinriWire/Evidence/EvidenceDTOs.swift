import Foundation
import RinriCore

extension API {
    /// An evidence record; `report` is present on the single-record endpoint only.
    public struct EvidenceDTO: Codable, Sendable {
        public var id: String
        public var systemId: String
        public var kind: String
        public var title: String
        public var passed: Bool?
        public var command: String
        public var rinriVersion: String
        public var inputSha256: String?
        public var inputRows: Int
        public var assessmentId: String?
        public var questionId: String?
        /// `api` (reported by its submitter), `page` (attached by a signed-in user), `job` (computed by Rinri); null for older records.
        public var source: String?
        public var submittedBy: String?
        public var createdAt: Date
        /// The report with the engine's own keys (see ``EvidenceKinds``).
        public var report: JSONValue?

        public init(_ s: Stored<EvidenceInput>, systemID: String, includeReport: Bool) {
            id = s.id; systemId = systemID; kind = s.value.kind.rawValue; title = s.value.title; passed = s.value.passed
            command = s.value.command; rinriVersion = s.value.rinriVersion; inputSha256 = s.value.inputSHA256
            inputRows = s.value.inputRows; assessmentId = s.value.assessmentID; questionId = s.value.questionID
            source = s.value.source?.rawValue; submittedBy = s.value.submittedBy
            createdAt = s.createdAt
            report = includeReport ? try? JSONValue(json: Data(s.value.resultJSON.utf8)) : nil
        }
    }

    /// An evidence record as a client submits it (`rinri … --submit` sends exactly this).
    public struct EvidenceSubmissionDTO: Codable, Sendable {
        /// `fairness_report` (the default), `data_profile` or `document`.
        public var kind: String?
        public var title: String?
        public var command: String?
        public var rinriVersion: String?
        public var inputSha256: String?
        public var inputRows: Int?
        public var assessmentId: String?
        public var questionId: String?
        /// The report as rinri wrote it.
        public var report: JSONValue?

        public init(kind: String? = nil, title: String? = nil, command: String? = nil, rinriVersion: String? = nil,
                    inputSha256: String? = nil, inputRows: Int? = nil, assessmentId: String? = nil, questionId: String? = nil,
                    report: JSONValue? = nil) {
            self.kind = kind
            self.title = title
            self.command = command
            self.rinriVersion = rinriVersion
            self.inputSha256 = inputSha256
            self.inputRows = inputRows
            self.assessmentId = assessmentId
            self.questionId = questionId
            self.report = report
        }

        /// The record to store: the kind parsed, the report accepted by its kind's definition, the title
        /// and the row count defaulted from it.
        /// - Throws: ``RinriError`` `invalid` naming `kind` or `report`.
        public func validated(source: EvidenceSource, defaultVersion: String) throws -> EvidenceInput {
            let kind = try EvidenceKind.parse(kind, field: "kind") ?? .fairnessReport
            guard let report, report != .null else {
                throw RinriError.invalid(field: "report", code: "required", message: "report is required: the JSON that rinri wrote")
            }
            let payload = try EvidenceKinds.accept(kind, json: try report.jsonData())
            let definition = EvidenceKinds.definition(kind)
            return EvidenceInput(kind: kind, title: title ?? definition.defaultTitle, resultJSON: String(decoding: payload.json, as: UTF8.self),
                                 passed: payload.passed, command: command ?? "",
                                 rinriVersion: rinriVersion ?? (payload.stampedByServer ? defaultVersion : ""),
                                 inputSHA256: payload.inputSHA256(inputSha256), inputRows: inputRows ?? payload.rows,
                                 assessmentID: assessmentId, questionID: questionId, source: source)
        }
    }
}

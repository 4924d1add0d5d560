import Foundation
import RinriCore
import RinriMarkup

/// Documents: minutes, a signed-off review, a file or a link attached to a check-sheet question.
public enum DocumentEvidenceKind: EvidenceKindDefinition {
    public static let kind = EvidenceKind.document
    public static let defaultTitle = "Document"

    /// A file's name, hash and size are computed from its content here, never taken from the client.
    public static func accept(_ report: DocumentEvidence) throws -> DocumentEvidence {
        try report.withComputedFile().validated()
    }

    public static func passed(_ report: DocumentEvidence) -> Bool? { nil }
    /// The file's hash as Rinri computed it (none without a file), never the client's claim.
    public static func inputSHA256(_ report: DocumentEvidence, claimed: String?) -> String? { report.fileSHA256 }
    public static let stampedByServer = true
    public static func rows(_ report: DocumentEvidence) -> Int { 0 }

    public static func html(_ report: DocumentEvidence, title: String, command: String, language: String) -> String {
        var html = "<!doctype html><html lang=\"\(language.attributeEscaped)\"><meta charset=utf-8><title>\(title.markupEscaped)</title>"
            + "<p style=\"white-space:pre-wrap\">\(report.summary.markupEscaped)</p>"
        if let url = report.url { html += "<p>\(url.markupEscaped)</p>" }
        if let name = report.fileName {
            html += "<p>\(name.markupEscaped) (\(report.fileBytes ?? 0) bytes, SHA-256 \((report.fileSHA256 ?? "").markupEscaped))</p>"
        }
        return html + "</html>"
    }
}

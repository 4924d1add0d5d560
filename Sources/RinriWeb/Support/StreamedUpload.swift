import Crypto
import Foundation
import RinriCore
import RinriApplication
import Vapor

/// A multipart form whose file is streamed to a private file as it arrives, never held in memory:
/// its text fields (small, capped), and the file's place, name, size and SHA-256.
struct StreamedUpload {
    struct StoredFile {
        var url: URL
        var fileName: String
        var bytes: Int
        var sha256: String
    }

    var fields: [(String, String)] = []
    var file: StoredFile?

    /// The text fields as a form.
    var form: FormState { FormState(pairs: fields) }

    /// Removes what an unfinished upload left in the folder (a connection dropped mid-file), after `age` seconds.
    static func sweep(_ folder: DataDirectory, olderThan age: TimeInterval = 3600, now: Date = Date()) {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder.url, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for file in files where file.pathExtension == "part" {
            let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? now
            if now.timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: file) }
        }
    }

    /// Deletes the stored file (after a refusal, or once a job has taken it).
    func discard() { if let file { try? FileManager.default.removeItem(at: file.url) } }

    /// Reads a `multipart/form-data` body chunk by chunk: the part named `fileField` goes to a new 0600
    /// file in the data folder's `uploads` (created exclusively), every other part is a text field of at
    /// most `maxFieldBytes`. At most `maxBytes` of body and `maxFields` fields are read.
    /// - Throws: 413 `body_too_large` past `maxBytes`, 422 `too_many_fields`, 400 when the body is not multipart.
    static func read(_ req: Request, fileField: String, maxBytes: Int, maxFields: Int = 50,
                     maxFieldBytes: Int = 64 * 1024) async throws -> StreamedUpload {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], !boundary.isEmpty else {
            throw RinriError.malformed("send the form as multipart/form-data")
        }
        if let declared = req.headers.first(name: .contentLength).flatMap(Int.init), declared > maxBytes {
            throw BodyLimit.tooLarge(maxBytes, req)
        }
        let reader = PartReader(fileField: fileField, maxFields: maxFields, maxFieldBytes: maxFieldBytes,
                                folder: try req.application.dataDirectory.folder("uploads"))
        do {
            let parser = MultipartParser(boundary: boundary)
            parser.onHeader = { name, value in reader.header(name, value) }
            parser.onBody = { buffer in reader.body(&buffer) }
            parser.onPartComplete = { reader.complete() }
            var total = 0
            for try await chunk in req.body {
                total += chunk.readableBytes
                if total > maxBytes { throw BodyLimit.tooLarge(maxBytes, req) }
                try parser.execute(chunk)
                if let problem = reader.problem { throw problem }
            }
            if let problem = reader.problem { throw problem }
            return reader.result
        } catch {
            reader.result.discard()
            reader.closeOpenFile(deleting: true)
            if error is RinriError { throw error }
            throw RinriError.malformed("the upload could not be read as a multipart form")
        }
    }
}

/// The parser's callbacks: one part at a time, into a field or the file.
private final class PartReader {
    let fileField: String, maxFields: Int, maxFieldBytes: Int
    let folder: DataDirectory
    var result = StreamedUpload()
    var problem: RinriError?

    private var name: String?
    private var fileName: String?
    private var text = Data()
    private var handle: FileHandle?
    private var url: URL?
    private var hasher = SHA256()
    private var bytes = 0
    /// File parts seen to their end (one is allowed).
    private var completedFiles = 0

    init(fileField: String, maxFields: Int, maxFieldBytes: Int, folder: DataDirectory) {
        (self.fileField, self.maxFields, self.maxFieldBytes, self.folder) = (fileField, maxFields, maxFieldBytes, folder)
    }

    func header(_ field: String, _ value: String) {
        guard field.lowercased() == "content-disposition" else { return }
        for parameter in value.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let unquoted = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            if pair[0] == "name" { name = unquoted }
            if pair[0] == "filename" { fileName = unquoted }
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        guard problem == nil else { return }
        if name == fileField {
            guard completedFiles == 0 else {
                problem = RinriError.invalid(field: fileField, code: "one_file", message: "send one file per upload")
                return
            }
            do {
                if handle == nil {
                    let created = try folder.newFile(in: ".", suffix: ".part")
                    (url, handle) = (created.url, created.handle)
                }
                let data = Data(buffer.readableBytesView)
                hasher.update(data: data)
                bytes += data.count
                try handle?.write(contentsOf: data)
            } catch let error as RinriError {
                problem = error
            } catch {
                problem = RinriError.malformed("the upload could not be stored: \(error.localizedDescription)")
            }
        } else {
            text.append(contentsOf: buffer.readableBytesView)
            if text.count > maxFieldBytes {
                problem = RinriError.invalid(field: name ?? "", code: "too_long", message: "\(name ?? "a field") is longer than \(maxFieldBytes) bytes")
            }
        }
    }

    func complete() {
        defer { (name, fileName, text) = (nil, nil, Data()) }
        guard problem == nil else { return }
        if name == fileField {
            completedFiles += 1
            closeOpenFile(deleting: false)
            if let url, bytes > 0 {
                let shown = String((fileName ?? "").split(separator: "/").last ?? "").suffix(200)
                result.file = .init(url: url, fileName: shown.isEmpty ? "upload.csv" : String(shown), bytes: bytes,
                                    sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
            } else if let url {
                try? FileManager.default.removeItem(at: url)
            }
            url = nil
        } else if let name {
            guard result.fields.count < maxFields else {
                problem = RinriError(kind: .invalid, code: "too_many_fields", message: "the form has more than \(maxFields) fields",
                                     arguments: ["max": String(maxFields)])
                return
            }
            result.fields.append((name, String(decoding: text, as: UTF8.self)))
        }
    }

    func closeOpenFile(deleting: Bool) {
        try? handle?.close()
        handle = nil
        if deleting, let url { try? FileManager.default.removeItem(at: url) }
    }
}

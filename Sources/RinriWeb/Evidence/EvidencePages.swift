import Foundation
import RinriCore
import RinriWire
import RinriMetrics
import RinriApplication
import Vapor

/// Evidence pages: upload a table for a server-side fairness run, follow the job, read the result.
struct EvidencePages: RouteHandlers {
    /// The largest table accepted through the browser; larger ones go through `rinri assess fairness --submit`.
    static let maxUpload = 50 * 1024 * 1024

    func register(_ web: any RoutesBuilder) {
        web.on(.POST, EvidenceRoute.upload(system: .parameter), access: .permission(.writeInventory), body: .stream, use: upload)
        web.on(.GET, EvidenceRoute.job(system: .parameter, id: .parameter), access: .permission(.readInventory), use: job)
        web.on(.GET, EvidenceRoute.evidence(system: .parameter, id: .parameter), access: .permission(.readInventory), use: evidence)
        web.on(.GET, EvidenceRoute.report(system: .parameter, id: .parameter), access: .permission(.readInventory), use: report)
        web.on(.GET, EvidenceRoute.file(system: .parameter, id: .parameter), access: .permission(.readInventory), use: file)
        web.on(.POST, EvidenceRoute.delete(system: .parameter, id: .parameter), access: .permission(.writeInventory), use: delete)
    }

    /// The table is streamed to a private file as it arrives (``StreamedUpload``), checked, and handed
    /// to the job queue; it is never held in memory whole.
    func upload(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let upload = try await StreamedUpload.read(req, fileField: "file", maxBytes: Self.maxUpload + 1_048_576)
        var state = upload.form
        do {
            try CSRFMiddleware.check(state["_csrf"], on: req)
            guard let file = upload.file else {
                throw RinriError.invalid(field: "file", code: "required", message: "choose a CSV or JSON Lines file")
            }
            guard file.bytes <= Self.maxUpload else {
                throw RinriError.invalid(field: "file", code: "too_large", message: "the file is larger than 50 MB")
            }
            let job = AnalysisJob(fileName: file.fileName, inputSHA256: file.sha256, invocation: try FairnessUploadForm.invocation(state))
            let info = try await AnalysisJobs.start(upload: file, job: job, systemID: system.id, on: req)
            return req.redirect(to: EvidenceRoute.job(system: .init(system.id), id: .init(info.id)).path)
        } catch let error as RinriError where error.kind == .invalid || error.kind == .rateLimited {
            upload.discard()
            state.show(error, req.t)
            let page = try await SystemPages().detailPage(req, system: system, upload: state,
                                                          status: ErrorRenderingMiddleware.status(of: error.kind))
            if let seconds = error.retryAfter { page.headers.replaceOrAdd(name: "Retry-After", value: String(seconds)) }
            return page
        } catch {
            upload.discard()
            throw error
        }
    }

    func job(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        // Checked on the viewed job only: the page reloads itself every two seconds while it waits.
        let job = try await req.writes.evidence.currentJob(req.id("jobID"), of: system.id)
        return EvidenceViews.job(PageContext(req), system: system, job: job)
    }

    func evidence(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let store = req.reads.evidence
        let id = try req.id("evidenceID")
        let item = try await store.evidence(id, of: system.id)
        let submitter = try await store.submitter(id, of: system.id)
        let users = try await req.reads.users.list()
        let canWrite = req.user.map { AccessPolicy.canWriteInventory($0.grants, inUnit: system.value.orgUnitID) } ?? false
        let removable = canWrite ? try await store.isRemovable(id, of: system.id) : false
        return EvidenceViews.evidence(PageContext(req), system: system, evidence: item,
                                      submitter: UserNames(users)[submitter], canDelete: removable)
    }

    /// The self-contained report page, framed by the evidence page.
    func report(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let item = try await req.reads.evidence.evidence(req.id("evidenceID"), of: system.id)
        let payload = try EvidenceKinds.stored(item.value.kind, json: Data(item.value.resultJSON.utf8))
        let html = payload.html(title: item.value.title, command: item.value.command, language: req.state.language.rawValue)
        let response = Response(status: .ok, body: .init(string: html))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "SAMEORIGIN")
        return response
    }

    /// The file kept in a document evidence record, as an attachment (never rendered inline).
    func file(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let item = try await req.reads.evidence.evidence(req.id("evidenceID"), of: system.id)
        guard let document = try EvidenceKinds.stored(item.value.kind, json: Data(item.value.resultJSON.utf8)).report as? DocumentEvidence,
              let content = document.content, let data = Data(base64Encoded: content) else {
            throw RinriError.notFound("a file in evidence \(item.id)")
        }
        let name = (document.fileName ?? "evidence").filter { $0.isLetter || $0.isNumber || ".-_ ".contains($0) }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        response.headers.replaceOrAdd(name: "Content-Disposition", value: "attachment; filename=\"\(name.isEmpty ? "evidence" : name)\"")
        return response
    }

    func delete(_ req: Request) async throws -> Response {
        let system = try await req.reads.inventory.system(req.id("systemID"))
        let id = try req.id("evidenceID")
        do {
            try await req.writes.evidence.delete(id, of: system.id, context: req.actor)
        } catch let error as RinriError where error.code == "evidence_in_use" {
            try await req.flash(req.t.message(for: error))
            return req.redirect(to: EvidenceRoute.evidence(system: .init(system.id), id: .init(id)).path)
        }
        try await req.flash(req.t("flash.deleted"))
        return req.redirect(to: InventoryRoute.system(.init(system.id)).path + "#evidence")
    }
}

import FluentKit
import Foundation
import RinriCore

/// Evidence records and jobs as pages and the API show them. Reads only; ``EvidenceService`` changes them.
public struct EvidenceQueries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func list(of systemID: String) async throws -> [Stored<EvidenceInput>] {
        let system = try await AISystemModel.require(systemID, on: db)
        return try await EvidenceModel.query(on: db).filter(\.$systemID == system.id!)
            .sort(\.$createdAt, .descending).all().map(\.stored)
    }

    /// One page of a system's evidence, searched in titles.
    public func page(of systemID: String, _ listing: Listing<EvidenceSort>) async throws -> ResultPage<Stored<EvidenceInput>> {
        let system = try await AISystemModel.require(systemID, on: db)
        let direction: DatabaseQuery.Sort.Direction = listing.descending ? .descending : .ascending
        return try await EvidenceModel.query(on: db).filter(\.$systemID == system.id!).matching(listing.search, in: ["title"])
            .page(listing) { query in
                switch listing.sort {
                case .created: query.sort(\.$createdAt, direction)
                case .kind: query.sort(\.$kind, direction).sort(\.$createdAt, .descending)
                case .title: query.sort(\.$title, direction)
                }
            }.map(\.stored)
    }

    public func evidence(_ id: String, of systemID: String) async throws -> Stored<EvidenceInput> {
        try await EvidenceModel.require(id, of: systemID, on: db).stored
    }

    /// Who submitted an evidence record (user id), if known.
    public func submitter(_ id: String, of systemID: String) async throws -> String? {
        try await EvidenceModel.require(id, of: systemID, on: db).createdBy
    }

    /// Whether the record may still be deleted, for pages that offer the button only then.
    public func isRemovable(_ id: String, of systemID: String) async throws -> Bool {
        let evidence = try await EvidenceModel.require(id, of: systemID, on: db)
        return (try? EvidencePolicy.checkRemovable(try await EvidenceService.use(of: evidence, on: db))) != nil
    }

    public func job(_ id: String, of systemID: String) async throws -> JobInfo {
        guard let uuid = UUID(uuidString: id), let job = try await JobModel.find(uuid, on: db),
              job.systemID.uuidString == systemID.uppercased() else {
            throw RinriError.notFound("job \(id) of AI system \(systemID)")
        }
        return EvidenceService.info(job)
    }
}

import Foundation
import RinriCore
import RinriApplication
import Vapor

/// "My work" (reviews, decisions and confirmations waiting for the user) and the committee agenda.
struct QueuePages: RouteHandlers {
    func register(_ web: any RoutesBuilder) {
        web.on(.GET, AssessmentRoute.queue, access: .permission(.workAssessments), use: queue)
        web.on(.GET, AssessmentRoute.agenda, access: .permission(.workAssessments), use: agenda)
    }

    func queue(_ req: Request) async throws -> Response {
        let user = req.actor
        let model = QueueViews.Queue(
            queue: try await req.reads.assessments.queue(for: user),
            actions: try await req.reads.assessments.openActions(ownedBy: user.key),
            users: try await req.reads.users.list())
        return QueueViews.queue(PageContext(req), model)
    }

    /// Committee cases awaiting decision, with the evidence attached to each.
    func agenda(_ req: Request) async throws -> Response {
        let listing = try req.listing(sort: AssessmentSort.created, descending: true, perPage: 10)
        return QueueViews.agenda(PageContext(req), cases: try await req.reads.assessments.agenda(listing),
                                 links: ListLinks(path: AssessmentRoute.agenda.path, listing: listing, defaultSort: .created, defaultDescending: true))
    }
}

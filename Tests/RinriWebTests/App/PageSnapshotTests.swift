import Foundation
import RinriCore
@testable import RinriWeb
import SnapshotTesting
import Testing
import Vapor

/// Key pages rendered from fixed models and compared with the HTML recorded next to this file
/// (`__Snapshots__/PageSnapshotTests`). A change to a page shows up as a diff of its markup; after
/// checking it, record the new version with `SNAPSHOT_TESTING_RECORD=all swift test --filter PageSnapshotTests`.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let day = Date(timeIntervalSince1970: 1_780_000_000)
    static let owner = UserAccount(id: "0B5E6B1C-0000-4000-8000-000000000001", email: "owner@example.com", name: "Aiko Owner",
                                   language: .ja, isActive: true, grants: [RoleGrant(role: .projectOwner)], createdAt: day)
    static let systemID = "5A1D0000-0000-4000-8000-0000000000AA"

    static func context(_ language: Language, path: String) -> PageContext {
        PageContext(t: Localizer(language), user: owner, csrf: "csrf-token", path: path)
    }

    static func stored<V: Sendable>(_ id: String, _ value: V) -> Stored<V> {
        Stored(id: id, version: 2, createdAt: day, updatedAt: day, value: value)
    }

    static func html(_ response: Response) -> String {
        response.body.string ?? ""
    }

    @Test(arguments: [Language.en, .ja])
    func theSystemPage(language: Language) {
        let system = Self.stored(Self.systemID, AISystemInput(
            name: "Résumé <screener>", purpose: "Rank applications for a first interview", orgUnitID: "0D000000-0000-4000-8000-000000000001",
            ownerID: Self.owner.id, lifecyclePhase: .development, intendedUsers: "Recruiters", affectedPeople: "Applicants",
            jurisdictions: ["JP", "EU"], usesGenerativeAI: true))
        let model = SystemViews.Detail(
            system: system,
            unit: Self.stored("0D000000-0000-4000-8000-000000000001", OrgUnitInput(name: "People & Culture", kind: .function, country: "JP")),
            users: [Self.owner],
            models: [Self.stored("0E000000-0000-4000-8000-000000000001", AIModelInput(name: "ranker", modelVersion: "3.1", type: .ranking))],
            datasets: [Self.stored("0F000000-0000-4000-8000-000000000001",
                                   DatasetInput(name: "applications-2025", source: "ATS export", acquisitionMethod: .internalRecords,
                                                containsPersonalData: true))],
            agents: [],
            evidence: [Self.stored("0A000000-0000-4000-8000-000000000001",
                                   EvidenceInput(kind: .fairnessReport, title: "Fairness of ranker 3.1", resultJSON: "{}", passed: false,
                                                 command: "rinri assess fairness --data cv.csv", rinriVersion: "0.2.0", inputSHA256: nil,
                                                 inputRows: 1200, source: .api))],
            upload: FormState(), canWrite: true)
        let page = SystemViews.detail(Self.context(language, path: "/systems/\(Self.systemID)"), model)
        assertSnapshot(of: Self.html(page), as: .html, named: language.rawValue)
    }

    @Test(arguments: [Language.en, .ja])
    func theWorkQueue(language: Language) {
        let record = AssessmentRecord(id: "AA000000-0000-4000-8000-000000000001", version: 4, systemID: Self.systemID, phase: .development,
                                      state: .inReview, route: .committee, bodyKey: "ai-ethics-committee", quorum: 3, caseLevel: .high,
                                      createdAt: Self.day, updatedAt: Self.day)
        var queue = WorkQueue()
        queue.reviews = [AssessmentListItem(record: record, systemName: "Résumé screener", pendingReviews: [.privacy, .legal])]
        queue.decisions = [AssessmentListItem(record: record, systemName: "Résumé screener", pendingReviews: [])]
        let page = QueueViews.queue(Self.context(language, path: "/work"), QueueViews.Queue(queue: queue, actions: [], users: [Self.owner]))
        assertSnapshot(of: Self.html(page), as: .html, named: language.rawValue)
    }

    @Test func theLoginPage() {
        let page = LoginView.render(PageContext(t: Localizer(.en), user: nil, csrf: "csrf-token", path: "/login"), form: FormState(),
                                    methods: .init(RinriConfig()), status: .ok)
        assertSnapshot(of: Self.html(page), as: .html)
    }

    @Test func theLoginPageWithOnlyTheIdentityProvider() {
        var config = RinriConfig()
        config.oidc = OIDCSettings(issuer: URL(string: "https://id.example.com")!, clientID: "rinri", clientSecret: "s", displayName: "Example SSO")
        config.passwordLogin = false
        let page = LoginView.render(PageContext(t: Localizer(.ja), user: nil, csrf: "csrf-token", path: "/login"),
                                    form: FormState(values: ["next": "/risks"]), methods: .init(config), status: .ok)
        assertSnapshot(of: Self.html(page), as: .html)
    }
}

extension Snapshotting where Value == String, Format == String {
    /// A page's HTML with each block-level element on a line of its own, so a change reads as a short diff.
    static var html: Snapshotting<String, String> {
        Snapshotting<String, String>.lines.pullback { html in
            html.replacingOccurrences(of: #"<(html|head|body|header|nav|main|footer|section|article|div|table|thead|tbody|tr|form|ul|ol|li|p|h1|h2|h3|dl|details|summary|fieldset|label|select|textarea|input|button|a|meta|link|script|title)\b"#,
                                      with: "\n<$1", options: .regularExpression)
                .replacingOccurrences(of: #"</(html|head|body|header|nav|main|footer|section|article|div|table|thead|tbody|form|ul|ol|dl|details|fieldset)>"#,
                                      with: "\n</$1>", options: .regularExpression)
        }
    }
}

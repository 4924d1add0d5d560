import FluentKit
import Foundation
import RinriCore

/// Writes the demo organisation through the services (``DemoOrganisation``); one file per part of the story.
struct DemoLoader: Sendable {
    let db: Database
    let now: Date
    let passwordHash: String?
    let rinriVersion: String

    /// Rinri itself, creating the demo's users (nobody else may: the database has at most an administrator).
    static var rinri: Actor {
        var actor = Actor.system("rinri demo")
        actor.requestID = DemoOrganisation.requestID
        return actor
    }

    /// `YYYY-MM-DD`, `days` after `now`.
    func day(_ days: Int) -> String { CalendarDate.today(now.addingTimeInterval(Double(days) * 86_400)) }

    func run() async throws {
        let people = try await createPeople()
        try await appoint(people)
        try await loadFaceGate(people)
        try await loadForecaster(people)
        try await loadVisualInspection(people)
        try await loadTalentMatch(people)
        try await loadChatbot(people)
        try await loadProcureBot(people)
    }
}

/// One demo user and the actor they act as.
struct DemoPerson: Sendable {
    let account: UserAccount

    var id: String { account.id }
    var actor: Actor { Actor(id: account.id, label: account.email, grants: account.grants, requestID: DemoOrganisation.requestID) }
}

/// The demo's organisation units (ids).
struct DemoUnits: Sendable {
    let headOffice: String
    let imaging: String
    let procurement: String
    let europe: String
    let benelux: String
}

/// The demo's people, by what they do.
struct DemoPeople: Sendable {
    let units: DemoUnits
    /// Head of the AI governance office: registers units and legacy systems, appoints the committee, verifies countermeasures.
    let officeLead: DemoPerson
    /// Office member who takes the cases the policy routes to the office.
    let officer: DemoPerson
    /// Project owner in Osaka (imaging): FaceGate, the visual inspection, the retired forecaster.
    let imagingOwner: DemoPerson
    /// Project owner in Tokyo (procurement): ProcureBot.
    let procurementOwner: DemoPerson
    /// Project owner in Munich: TalentMatch.
    let europeOwner: DemoPerson
    /// Project owner in Amsterdam: the customer chatbot.
    let beneluxOwner: DemoPerson
    let chair: DemoPerson
    let members: [DemoPerson]
    let reviewers: [DemoPerson]
    let auditor: DemoPerson

    /// The reviewer of `domain`.
    func reviewer(_ domain: ReviewDomain) throws -> DemoPerson {
        guard let reviewer = reviewers.first(where: { person in person.account.grants.contains { $0.reviewDomain == domain } }) else {
            throw RinriError.notFound("the demo's \(domain.rawValue) reviewer")
        }
        return reviewer
    }

    /// A member of the committee by position (0: Thomas Schneider, 1: Emi Suzuki, 2: Pieter Bakker).
    func member(_ index: Int) -> DemoPerson { members[index % members.count] }
}

extension DemoLoader {
    /// Creates a demo user as Rinri (with the given password hash, or none that can match), in their language.
    func person(_ local: String, _ name: String, _ grants: [RoleGrant], language: Language) async throws -> DemoPerson {
        let users = UserService(db)
        let account = try await users.create(email: "\(local)@\(DemoOrganisation.emailDomain)", name: name,
                                             passwordHash: passwordHash ?? DemoOrganisation.noPassword, grants: grants,
                                             mustChangePassword: false, context: Self.rinri)
        let person = DemoPerson(account: account)
        // Each person chooses their own language, as on their account page.
        try await users.setLanguage(userID: account.id, language, context: person.actor)
        return person
    }

    /// The office lead first (who creates the units), then everyone else with roles scoped to their units.
    func createPeople() async throws -> DemoPeople {
        let lead = try await person("aiko.tanaka", "Aiko Tanaka 田中 愛子", [RoleGrant(role: .governanceOffice)], language: .ja)
        let units = try await createUnits(by: lead.actor)
        func owner(_ unit: String) -> [RoleGrant] { [RoleGrant(role: .projectOwner, orgUnitID: unit)] }
        func reviewer(_ domain: ReviewDomain) -> [RoleGrant] { [RoleGrant(role: .reviewer, reviewDomain: domain)] }
        let officer = try await person("kenji.watanabe", "Kenji Watanabe 渡辺 健二", [RoleGrant(role: .governanceOffice)], language: .ja)
        let imaging = try await person("hiroshi.sato", "Hiroshi Sato 佐藤 浩", owner(units.imaging), language: .ja)
        let procurement = try await person("yuki.nakamura", "Yuki Nakamura 中村 由紀", owner(units.procurement), language: .ja)
        let europe = try await person("anna.mueller", "Anna Müller", owner(units.europe), language: .en)
        let benelux = try await person("daan.devries", "Daan de Vries", owner(units.benelux), language: .en)
        var reviewers: [DemoPerson] = []
        reviewers.append(try await person("sophie.laurent", "Sophie Laurent", reviewer(.legal), language: .en))
        reviewers.append(try await person("jonas.becker", "Jonas Becker", reviewer(.privacy), language: .en))
        reviewers.append(try await person("takeshi.kobayashi", "Takeshi Kobayashi 小林 剛", reviewer(.security), language: .ja))
        reviewers.append(try await person("mariko.ito", "Mariko Ito 伊藤 真理子", reviewer(.humanRights), language: .ja))
        reviewers.append(try await person("lars.jansen", "Lars Jansen", reviewer(.quality), language: .en))
        let chair = try await person("keiko.yamamoto", "Keiko Yamamoto 山本 恵子", [RoleGrant(role: .committeeChair)], language: .ja)
        var members: [DemoPerson] = []
        members.append(try await person("thomas.schneider", "Thomas Schneider", [RoleGrant(role: .committeeMember)], language: .en))
        members.append(try await person("emi.suzuki", "Emi Suzuki 鈴木 恵美", [RoleGrant(role: .committeeMember)], language: .ja))
        members.append(try await person("pieter.bakker", "Pieter Bakker", [RoleGrant(role: .committeeMember)], language: .en))
        let auditor = try await person("naoki.hayashi", "Naoki Hayashi 林 直樹", [RoleGrant(role: .auditor)], language: .ja)
        return DemoPeople(units: units, officeLead: lead, officer: officer, imagingOwner: imaging, procurementOwner: procurement,
                          europeOwner: europe, beneluxOwner: benelux, chair: chair, members: members, reviewers: reviewers,
                          auditor: auditor)
    }

    /// The units, created by the governance office as on the organisation-unit page. The unit's name is
    /// free text (there is no Japanese field), so it carries both languages.
    func createUnits(by office: Actor) async throws -> DemoUnits {
        let inventory = InventoryService(db)
        func unit(_ name: String, _ kind: OrgUnitKind, _ country: String, parent: String?) async throws -> String {
            let input = try OrgUnitInput.validate(name: name, kind: kind.rawValue, country: country, parentID: parent)
            return try await inventory.createOrgUnit(input, context: office).id
        }
        let head = try await unit("[Demo] Tokyo Head Office, AI Ethics Office 東京本社 AI倫理推進室", .corporate, "JP", parent: nil)
        let imaging = try await unit("[Demo] Imaging Solutions (Osaka) 映像ソリューション事業部（大阪）", .businessUnit, "JP", parent: head)
        let procurement = try await unit("[Demo] Corporate Procurement (Tokyo) 調達本部（東京）", .function, "JP", parent: head)
        let europe = try await unit("[Demo] Rinri Demo Europe GmbH (Munich) 欧州子会社（ミュンヘン）", .subsidiary, "DE", parent: head)
        let benelux = try await unit("[Demo] Customer Care Benelux B.V. (Amsterdam) カスタマーケア・ベネルクス（アムステルダム）",
                                     .subsidiary, "NL", parent: europe)
        return DemoUnits(headOffice: head, imaging: imaging, procurement: procurement, europe: europe, benelux: benelux)
    }

    /// The office appoints the AI ethics committee (chair and three members, so the shipped quorum of three
    /// can be met) and its own members to the governance-office body, as on the governance page.
    func appoint(_ people: DemoPeople) async throws {
        let governance = GovernanceService(db)
        let office = people.officeLead.actor
        _ = try await governance.appoint(userID: people.chair.id, to: "ai-ethics-committee", role: .chair, context: office)
        for member in people.members {
            _ = try await governance.appoint(userID: member.id, to: "ai-ethics-committee", role: .member, context: office)
        }
        _ = try await governance.appoint(userID: people.officeLead.id, to: "governance-office", role: .chair, context: office)
        _ = try await governance.appoint(userID: people.officer.id, to: "governance-office", role: .member, context: office)
    }
}

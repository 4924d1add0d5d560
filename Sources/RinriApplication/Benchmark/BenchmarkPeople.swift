import FluentKit
import Foundation
import RinriCore

/// The benchmark's organisation units and people: who owns, reviews, decides and audits.
struct BenchPeople: Sendable {
    struct Unit: Sendable {
        let id: UUID
        let name: String
        let country: String
    }

    struct Person: Sendable {
        let id: UUID
        let email: String

        var actor: BenchActor { BenchActor(id: id.uuidString, label: email) }
        /// The id as panels, authors and `submitted_by` store it (upper case).
        var key: String { id.uuidString }
    }

    let units: [Unit]
    /// The units AI systems are registered in (every unit but the head office and the governance office).
    let systemUnits: [Unit]
    let ownersByUnit: [UUID: [Person]]
    let office: [Person]
    let chair: Person
    let members: [Person]
    let reviewers: [ReviewDomain: [Person]]
    let userCount: Int

    /// The units: a Japanese head office with its divisions and functions, and regional subsidiaries
    /// (Europe, the Americas, Asia Pacific) with theirs. `parent` is an index into this list.
    static let unitPlan: [(name: String, kind: OrgUnitKind, country: String, parent: Int?)] = [
        ("Rinri Holdings Head Office (Tokyo) 本社", .corporate, "JP", nil),
        ("AI Governance Office (Tokyo) AIガバナンス推進室", .function, "JP", 0),
        ("Imaging Solutions (Osaka) 映像ソリューション事業部", .businessUnit, "JP", 0),
        ("Semiconductor Division (Kumamoto) 半導体事業部", .businessUnit, "JP", 0),
        ("Mobility Systems (Nagoya) モビリティ事業部", .businessUnit, "JP", 0),
        ("Financial Services (Tokyo) 金融サービス事業部", .businessUnit, "JP", 0),
        ("Corporate HR (Tokyo) 人事本部", .function, "JP", 0),
        ("Corporate Procurement (Tokyo) 調達本部", .function, "JP", 0),
        ("Customer Care Japan (Sapporo) カスタマーケア", .function, "JP", 0),
        ("R&D Center (Yokohama) 研究開発センター", .function, "JP", 0),
        ("Legal & Compliance (Tokyo) 法務・コンプライアンス", .function, "JP", 0),
        ("Logistics Japan (Fukuoka) 物流事業部", .businessUnit, "JP", 0),
        ("Rinri Europe GmbH (Munich)", .subsidiary, "DE", 0),
        ("Automotive Sensing (Stuttgart)", .businessUnit, "DE", 12),
        ("Smart Factory Berlin", .businessUnit, "DE", 12),
        ("HR Services Europe (Berlin)", .function, "DE", 12),
        ("Customer Care Benelux B.V. (Amsterdam)", .subsidiary, "NL", 12),
        ("Logistics Europe (Rotterdam)", .businessUnit, "NL", 12),
        ("Rinri France SAS (Paris)", .subsidiary, "FR", 12),
        ("Healthcare Imaging (Lyon)", .businessUnit, "FR", 18),
        ("Rinri UK Ltd (London)", .subsidiary, "GB", 12),
        ("Financial Services UK (Edinburgh)", .businessUnit, "GB", 20),
        ("European Shared Services (Dublin)", .function, "IE", 12),
        ("Rinri Americas Inc. (San Jose)", .subsidiary, "US", 0),
        ("Cloud Services (Seattle)", .businessUnit, "US", 23),
        ("Retail Analytics (New York)", .businessUnit, "US", 23),
        ("Digital Health (Boston)", .businessUnit, "US", 23),
        ("Customer Care US (Austin)", .function, "US", 23),
        ("Rinri Canada (Toronto)", .subsidiary, "CA", 23),
        ("Rinri Brasil Ltda (Sao Paulo)", .subsidiary, "BR", 23),
        ("Manufacturing Mexico (Monterrey)", .businessUnit, "MX", 23),
        ("Rinri Asia Pacific (Singapore)", .subsidiary, "SG", 0),
        ("India Development Center (Bengaluru)", .function, "IN", 31),
        ("Shared Services India (Pune)", .function, "IN", 31),
        ("Rinri China (Shanghai)", .subsidiary, "CN", 31),
        ("Manufacturing Shenzhen", .businessUnit, "CN", 34),
        ("Rinri Korea (Seoul)", .subsidiary, "KR", 31),
        ("Rinri Australia (Sydney)", .subsidiary, "AU", 31),
        ("Manufacturing Thailand (Bangkok)", .businessUnit, "TH", 31),
        ("Rinri Vietnam (Ho Chi Minh City)", .subsidiary, "VN", 31),
    ]

    /// Given and family names by region, ASCII so that e-mail addresses need no folding.
    static let names: [String: (given: [String], family: [String])] = [
        "JP": (["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Yuto", "Mei", "Kaito", "Sakura", "Riku", "Yuna", "Takumi", "Mio", "Daiki", "Akari"],
               ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada",
                "Sasaki", "Matsumoto", "Inoue", "Kimura"]),
        "EU": (["Lukas", "Emma", "Finn", "Mia", "Jan", "Sophie", "Lars", "Anna", "Pierre", "Camille", "Oliver", "Amelia", "Sean", "Aoife",
                "Matteo", "Elena"],
               ["Mueller", "Schmidt", "Schneider", "Fischer", "de Jong", "Jansen", "Visser", "Martin", "Bernard", "Dubois", "Smith", "Jones",
                "Murphy", "Kelly", "Weber", "Wagner"]),
        "AM": (["James", "Olivia", "Liam", "Ava", "Noah", "Emily", "Lucas", "Isabella", "Ethan", "Sofia", "Mateo", "Camila", "Benjamin", "Harper"],
               ["Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Silva", "Santos", "Lopez", "Wilson",
                "Anderson", "Taylor"]),
        "AP": (["Wei", "Minjun", "Priya", "Arjun", "Lina", "Jiwoo", "Ananya", "Rahul", "Meiling", "Thanh", "Siti", "Chloe"],
               ["Wang", "Li", "Zhang", "Kim", "Lee", "Park", "Sharma", "Patel", "Singh", "Nguyen", "Tan", "Lim"]),
    ]

    static func region(_ country: String) -> String {
        switch country {
        case "JP": return "JP"
        case "DE", "NL", "FR", "GB", "IE": return "EU"
        case "US", "CA", "BR", "MX": return "AM"
        default: return "AP"
        }
    }

    /// Creates the units, about 200 users with their roles, and the committee's and office's appointments,
    /// in one transaction with their audit events.
    static func create(on db: Database, key: AuditKey?, random: inout BenchRandom) async throws -> BenchPeople {
        var unitModels: [OrgUnitModel] = []
        for plan in unitPlan {
            let unit = OrgUnitModel()
            unit.id = random.uuid()
            unit.apply(OrgUnitInput(name: plan.name, kind: plan.kind, country: plan.country,
                                    parentID: plan.parent.map { unitModels[$0].id!.uuidString }))
            unit.version = 1
            unitModels.append(unit)
        }
        let units = unitModels.map { Unit(id: $0.id!, name: $0.name, country: $0.country) }
        var users: [UserModel] = []
        var grants: [RoleGrantModel] = []
        var userEvents: [BenchEvent] = []
        func person(_ grant: RoleGrant, in unit: Unit) -> Person {
            let pool = names[region(unit.country)]!
            let given = random.pick(pool.given), family = random.pick(pool.family)
            let local = "\(given).\(family)".lowercased().replacingOccurrences(of: " ", with: "") + "\(users.count + 1)"
            let user = UserModel(email: "\(local)@\(BenchmarkOrganisation.emailDomain)", name: "\(given) \(family)",
                                 passwordHash: BenchmarkOrganisation.noPassword)
            user.id = random.uuid()
            user.mustChangePassword = false
            user.language = unit.country == "JP" ? Language.ja.rawValue : Language.en.rawValue
            users.append(user)
            grants.append(RoleGrantModel(userID: user.id!, grant: grant))
            var fields = user.auditFields
            fields["roles"] = .strings([grant.description])
            userEvents.append(BenchEvent(actorID: nil, actorLabel: BenchActor.rinri.label, action: .create, entityType: "user",
                                         entityID: user.id!.uuidString, changes: AuditChanges.created(fields).json))
            return Person(id: user.id!, email: user.email)
        }
        let office = (0..<8).map { _ in person(RoleGrant(role: .governanceOffice), in: units[1]) }
        _ = person(RoleGrant(role: .admin), in: units[0])
        let chair = person(RoleGrant(role: .committeeChair), in: units[0])
        let members = (0..<6).map { index in person(RoleGrant(role: .committeeMember), in: units[[0, 12, 23, 31, 2, 16][index]]) }
        var reviewers: [ReviewDomain: [Person]] = [:]
        for domain in ReviewDomain.allCases {
            reviewers[domain] = (0..<5).map { index in person(RoleGrant(role: .reviewer, reviewDomain: domain), in: units[[10, 12, 23, 31, 22][index]]) }
        }
        for index in 0..<6 { _ = person(RoleGrant(role: .auditor), in: units[[0, 12, 23, 31, 10, 22][index]]) }
        for index in 0..<4 { _ = person(RoleGrant(role: .councilMember), in: units[[0, 12, 23, 31][index]]) }
        var owners: [UUID: [Person]] = [:]
        for unit in units {
            owners[unit.id] = (0..<3).map { _ in person(RoleGrant(role: .projectOwner, orgUnitID: unit.id.uuidString), in: unit) }
        }
        for index in 0..<30 { _ = person(RoleGrant(role: .employee), in: units[2 + index % (units.count - 2)]) }

        let lead = office[0]
        var unitEvents = unitModels.map { BenchEvent.created($0, by: lead.actor) }
        var appointments: [BodyMemberModel] = []
        let bodies = try await BodyModel.query(on: db).all()
        func appoint(_ person: Person, to key: String, _ role: MemberRole) {
            guard let body = bodies.first(where: { $0.key == key }) else { return }
            let member = BodyMemberModel()
            member.id = random.uuid()
            (member.bodyID, member.userID, member.role) = (body.id!, person.id, role.rawValue)
            (member.appointedBy, member.appointedOn, member.version) = (lead.id, "2025-04-01", 1)
            appointments.append(member)
            unitEvents.append(.created(member, by: lead.actor))
        }
        appoint(chair, to: "ai-ethics-committee", .chair)
        for member in members { appoint(member, to: "ai-ethics-committee", .member) }
        appoint(lead, to: "governance-office", .chair)
        for member in office.dropFirst() { appoint(member, to: "governance-office", .member) }

        let (unitRows, userRows, grantRows, memberRows) = (unitModels, users, grants, appointments)
        let events = userEvents + unitEvents
        try await BenchChain.transaction(on: db, key: key) { tx in
            try await BenchChain.insert(unitRows, on: tx)
            try await BenchChain.insert(userRows, on: tx)
            try await BenchChain.insert(grantRows, on: tx)
            try await BenchChain.insert(memberRows, on: tx)
            return events
        }
        let committeeKeys = Set(bodies.filter { $0.key == "ai-ethics-committee" }.map(\.key))
        return BenchPeople(units: units, systemUnits: Array(units.dropFirst(2)), ownersByUnit: owners, office: office, chair: chair,
                           members: committeeKeys.isEmpty ? [] : members, reviewers: reviewers, userCount: users.count)
    }

    /// Whether the AI ethics committee exists (so committee routes can be frozen with a panel).
    var hasCommittee: Bool { !members.isEmpty }
}

import Foundation

/// Where a risk stands in the register.
public enum RiskStatus: String, Codable, Sendable, CaseIterable {
    /// Being treated.
    case open
    /// Accepted at its residual level by the decider.
    case accepted
    /// No longer relevant (the system changed, or the risk was merged with another).
    case closed
}

/// Where a countermeasure stands.
public enum CountermeasureStatus: String, Codable, Sendable, CaseIterable {
    case planned
    case inProgress = "in_progress"
    case done
}

/// A risk to people, as entered or raised by an answer.
public struct RiskInput: Sendable, Equatable {
    public var title: String
    public var description: String
    public var rights: [HumanRight]
    public var affectedPeople: String
    public var severity: HarmSeverity
    /// 1 rare, 2 possible, 3 likely, 4 almost certain.
    public var likelihood: Int
    public var ownerID: String?
    public var status: RiskStatus

    public init(title: String, description: String = "", rights: [HumanRight], affectedPeople: String = "",
                severity: HarmSeverity, likelihood: Int, ownerID: String? = nil, status: RiskStatus = .open) {
        self.title = title
        self.description = description
        self.rights = rights
        self.affectedPeople = affectedPeople
        self.severity = severity
        self.likelihood = likelihood
        self.ownerID = ownerID
        self.status = status
    }

    /// Raw form or JSON fields.
    public struct Raw: Sendable {
        public var title, description, affectedPeople, ownerID, status: String?
        public var rights: [String]?
        public var scale, scope, irremediability, likelihood: Int?

        public init(title: String? = nil, description: String? = nil, affectedPeople: String? = nil, ownerID: String? = nil,
                    status: String? = nil, rights: [String]? = nil, scale: Int? = nil, scope: Int? = nil,
                    irremediability: Int? = nil, likelihood: Int? = nil) {
            (self.title, self.description, self.affectedPeople, self.ownerID, self.status) = (title, description, affectedPeople, ownerID, status)
            (self.rights, self.scale, self.scope, self.irremediability, self.likelihood) = (rights, scale, scope, irremediability, likelihood)
        }
    }

    /// Validates raw input. - Throws: ``RinriError`` (`invalid`) naming every problem.
    public static func validate(_ raw: Raw) throws -> RiskInput {
        var v = Validator()
        let title = v.text(raw.title, field: "title", max: 300)
        let description = v.text(raw.description, field: "description", required: false, max: 10_000)
        let affected = v.text(raw.affectedPeople, field: "affected_people", required: false, max: 2_000)
        var rights: [HumanRight] = []
        for name in raw.rights ?? [] {
            if let right = HumanRight(rawValue: name) { if !rights.contains(right) { rights.append(right) } } else {
                v.add("rights", "invalid_choice", "rights: \(name) is not one of \(HumanRight.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if rights.isEmpty && raw.rights != nil && (raw.rights ?? []).isEmpty { v.add("rights", "required", "name at least one affected right") }
        let scale = v.int(raw.scale, field: "scale", in: 1...4)
        let scope = v.int(raw.scope, field: "scope", in: 1...4)
        let irremediability = v.int(raw.irremediability, field: "irremediability", in: 1...4)
        let likelihood = v.int(raw.likelihood, field: "likelihood", in: 1...4)
        let owner = v.text(raw.ownerID, field: "owner_id", required: false, max: 64)
        if !owner.isEmpty && UUID(uuidString: owner) == nil { v.add("owner_id", "invalid_id", "owner_id must be a user id") }
        let status = v.choice(raw.status, field: "status", as: RiskStatus.self, default: .open)
        try v.check()
        return RiskInput(title: title, description: description, rights: rights.isEmpty ? [.other] : rights,
                         affectedPeople: affected,
                         severity: try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability),
                         likelihood: likelihood, ownerID: owner.isEmpty ? nil : owner, status: status!)
    }
}

/// A treatment of a risk.
public struct CountermeasureInput: Sendable, Equatable {
    public var title: String
    public var ownerID: String?
    public var dueDate: String?
    public var status: CountermeasureStatus
    /// What the countermeasure lowers once done.
    public var effect: RiskScoring.Effect

    public init(title: String, ownerID: String? = nil, dueDate: String? = nil, status: CountermeasureStatus = .planned,
                effect: RiskScoring.Effect = .likelihood) {
        self.title = title
        self.ownerID = ownerID
        self.dueDate = dueDate
        self.status = status
        self.effect = effect
    }

    /// Validates raw input. - Throws: ``RinriError`` (`invalid`).
    public static func validate(title: String?, ownerID: String?, dueDate: String?, status: String?, effect: String?) throws -> CountermeasureInput {
        var v = Validator()
        let title = v.text(title, field: "title", max: 1_000)
        let owner = v.text(ownerID, field: "owner_id", required: false, max: 64)
        if !owner.isEmpty && UUID(uuidString: owner) == nil { v.add("owner_id", "invalid_id", "owner_id must be a user id") }
        let due = v.date(dueDate, field: "due_date")
        let status = v.choice(status, field: "status", as: CountermeasureStatus.self, default: .planned)
        let effect = v.choice(effect, field: "effect", as: RiskScoring.Effect.self, default: .likelihood)
        try v.check()
        return CountermeasureInput(title: title, ownerID: owner.isEmpty ? nil : owner, dueDate: due, status: status!, effect: effect!)
    }
}

/// Where a risk came from.
public struct RiskOrigin: Sendable, Equatable {
    public var assessmentID: String
    public var templateID: String
    public var questionID: String
    public var riskIndex: Int

    public init(assessmentID: String, templateID: String, questionID: String, riskIndex: Int) {
        self.assessmentID = assessmentID
        self.templateID = templateID
        self.questionID = questionID
        self.riskIndex = riskIndex
    }
}

/// A risk in the register with its countermeasures and computed levels.
public struct RiskRecord: Sendable {
    public var id: String
    public var version: Int
    public var systemID: String
    public var risk: RiskInput
    /// Set for risks raised by an answer; nil for risks entered by hand.
    public var origin: RiskOrigin?
    /// Set when the answer that raised the risk no longer raises it: someone should look again.
    public var flaggedForReview: Bool
    public var countermeasures: [Stored<CountermeasureInput>]

    public init(id: String, version: Int, systemID: String, risk: RiskInput, origin: RiskOrigin?,
                flaggedForReview: Bool, countermeasures: [Stored<CountermeasureInput>]) {
        self.id = id
        self.version = version
        self.systemID = systemID
        self.risk = risk
        self.origin = origin
        self.flaggedForReview = flaggedForReview
        self.countermeasures = countermeasures
    }

    /// Whether the risk counts for routing and heat maps: not closed, and not flagged as no longer
    /// raised by the answers (saving a flagged risk clears the flag and makes it count again).
    public var counts: Bool { risk.status != .closed && !flaggedForReview }

    /// The level before countermeasures.
    public var inherentLevel: RiskLevel { RiskScoring.level(risk.severity, likelihood: risk.likelihood) }

    /// The level after the countermeasures that are done; computed, never typed in.
    public var residualLevel: RiskLevel {
        RiskScoring.residualLevel(risk.severity, likelihood: risk.likelihood, doneEffects: doneEffects)
    }

    /// Residual severity and likelihood.
    public var residual: (severity: HarmSeverity, likelihood: Int) {
        RiskScoring.residual(risk.severity, likelihood: risk.likelihood, doneEffects: doneEffects)
    }

    private var doneEffects: [RiskScoring.Effect] {
        countermeasures.filter { $0.value.status == .done }.map(\.value.effect)
    }
}

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
    /// Evidence of the system that shows it was done (ids).
    public var evidenceIDs: [String]

    public init(title: String, ownerID: String? = nil, dueDate: String? = nil, status: CountermeasureStatus = .planned,
                effect: RiskScoring.Effect = .likelihood, evidenceIDs: [String] = []) {
        self.title = title
        self.ownerID = ownerID
        self.dueDate = dueDate
        self.status = status
        self.effect = effect
        self.evidenceIDs = evidenceIDs
    }

    /// Validates raw input. - Throws: ``RinriError`` (`invalid`).
    public static func validate(title: String?, ownerID: String?, dueDate: String?, status: String?, effect: String?,
                                evidenceIDs: [String]? = nil) throws -> CountermeasureInput {
        var v = Validator()
        var evidence: [String] = []
        for id in (evidenceIDs ?? []).map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty && !evidence.contains(id) {
            if UUID(uuidString: id) == nil { v.add("evidence_ids", "invalid_id", "evidence_ids must list evidence ids") } else { evidence.append(id) }
        }
        let title = v.text(title, field: "title", max: 1_000)
        let owner = v.text(ownerID, field: "owner_id", required: false, max: 64)
        if !owner.isEmpty && UUID(uuidString: owner) == nil { v.add("owner_id", "invalid_id", "owner_id must be a user id") }
        let due = v.date(dueDate, field: "due_date")
        let status = v.choice(status, field: "status", as: CountermeasureStatus.self, default: .planned)
        let effect = v.choice(effect, field: "effect", as: RiskScoring.Effect.self, default: .likelihood)
        try v.check()
        return CountermeasureInput(title: title, ownerID: owner.isEmpty ? nil : owner, dueDate: due, status: status!, effect: effect!,
                                   evidenceIDs: evidence)
    }
}

/// A countermeasure as stored, with the second line's verification.
public struct CountermeasureRecord: Sendable {
    public var id: String
    public var version: Int
    public var value: CountermeasureInput
    /// Who verified it was done, and when; cleared when what was verified changes.
    public var verifiedBy: String?
    public var verifiedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, version: Int, value: CountermeasureInput, verifiedBy: String? = nil, verifiedAt: Date? = nil,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.version = version
        self.value = value
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isVerified: Bool { verifiedBy != nil }
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
    public var countermeasures: [CountermeasureRecord]

    public init(id: String, version: Int, systemID: String, risk: RiskInput, origin: RiskOrigin?,
                flaggedForReview: Bool, countermeasures: [CountermeasureRecord]) {
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

    /// The level after the countermeasures that count (``RiskPolicy/counts(_:inherent:)``); computed, never typed in.
    public var residualLevel: RiskLevel {
        RiskScoring.residualLevel(risk.severity, likelihood: risk.likelihood, doneEffects: countingEffects)
    }

    /// Residual severity and likelihood.
    public var residual: (severity: HarmSeverity, likelihood: Int) {
        RiskScoring.residual(risk.severity, likelihood: risk.likelihood, doneEffects: countingEffects)
    }

    /// Countermeasures reported done that do not count yet: they wait for the second line's verification.
    public var unverified: [CountermeasureRecord] {
        countermeasures.filter { $0.value.status == .done && !RiskPolicy.counts($0, inherent: inherentLevel) }
    }

    /// Countermeasures that count as done.
    public var counting: [CountermeasureRecord] {
        countermeasures.filter { RiskPolicy.counts($0, inherent: inherentLevel) }
    }

    private var countingEffects: [RiskScoring.Effect] { counting.map(\.value.effect) }
}

/// Who may change what in the risk register.
///
/// The owner proposes; the second line — the governance office, or the chair of the body deciding
/// the system's case — disposes. An owner may record a countermeasure as done and attach its
/// evidence, but at high and critical inherent levels it counts (for the residual level, routing
/// and the gate) only once the second line verifies it. Closing or accepting a high or critical
/// risk, and lowering the severity or likelihood of a high or critical risk or of any risk the
/// answers raised, are second-line acts with a reason.
public enum RiskPolicy {
    /// Inherent levels at which a done countermeasure counts only once verified.
    public static let verificationLevels: Set<RiskLevel> = [.high, .critical]

    /// Whether a countermeasure counts as done for a risk of this inherent level.
    public static func counts(_ measure: CountermeasureRecord, inherent: RiskLevel) -> Bool {
        measure.value.status == .done && (measure.isVerified || !verificationLevels.contains(inherent))
    }

    /// A change to the register that only the second line makes.
    public enum SecondLineAct: String, Sendable, CaseIterable {
        case close, accept
        case lowerSeverity = "lower_severity"
    }

    /// The second-line acts a change from `before` (nil for a new risk) to `after` contains.
    public static func secondLineActs(before: RiskRecord?, after: RiskInput) -> [SecondLineAct] {
        let levelBefore = before?.inherentLevel ?? .low
        let levelAfter = RiskScoring.level(after.severity, likelihood: after.likelihood)
        let serious = verificationLevels.contains(levelBefore) || verificationLevels.contains(levelAfter)
        var acts: [SecondLineAct] = []
        if after.status == .closed && before?.risk.status != .closed && serious { acts.append(.close) }
        if after.status == .accepted && before?.risk.status != .accepted && serious { acts.append(.accept) }
        if let before, verificationLevels.contains(levelBefore) || before.origin != nil {
            let old = before.risk, new = after
            if new.severity.scale < old.severity.scale || new.severity.scope < old.severity.scope
                || new.severity.irremediability < old.severity.irremediability || new.likelihood < old.likelihood {
                acts.append(.lowerSeverity)
            }
        }
        return acts
    }

    /// Checks a change of the register by `actor`.
    ///
    /// - Parameter isSecondLine: the governance office or the deciding body's chair, and not governed by the system.
    /// - Returns: the reason to record, when the change contains a second-line act.
    /// - Throws: ``RinriError`` `second_line_only` (403) or `reason_required` (422).
    public static func check(before: RiskRecord?, after: RiskInput, isSecondLine: Bool, reason: String?) throws -> String? {
        let acts = secondLineActs(before: before, after: after)
        guard !acts.isEmpty else { return nil }
        let list = acts.map(\.rawValue).joined(separator: ", ")
        guard isSecondLine else {
            throw RinriError.forbidden(code: "second_line_only",
                                       "only the governance office or the deciding committee may \(list.replacingOccurrences(of: "_", with: " ")) a risk like this one, with a reason",
                                       arguments: ["acts": list])
        }
        return try SecondLine.reason(reason)
    }

    /// Checks a verification of a countermeasure.
    /// - Throws: ``RinriError`` `second_line_only` (403), `not_done`, `already_verified` (409).
    public static func checkVerify(_ measure: CountermeasureRecord, isSecondLine: Bool) throws {
        guard isSecondLine else {
            throw RinriError.forbidden(code: "second_line_only", "only the governance office or the deciding committee's chair verifies a countermeasure",
                                       arguments: ["acts": "verify"])
        }
        guard measure.value.status == .done else {
            throw RinriError.conflict(code: "not_done", "only a countermeasure recorded as done is verified")
        }
        guard !measure.isVerified else { throw RinriError.conflict(code: "already_verified", "this countermeasure is already verified") }
    }

    /// Whether an edit keeps a verification: the title, status, effect and evidence stay as they were verified.
    public static func keepsVerification(_ before: CountermeasureInput, _ after: CountermeasureInput) -> Bool {
        before.title == after.title && before.status == after.status && before.effect == after.effect && before.evidenceIDs == after.evidenceIDs
    }
}

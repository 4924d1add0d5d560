import Foundation
import RinriCore

extension API {
    public struct RiskDTO: Codable, Sendable {
        public struct Measure: Codable, Sendable { public var id: String; public var version: Int; public var title: String; public var ownerId: String?; public var dueDate: String?
            public var status: String; public var effect: String; public var evidenceIds: [String]; public var verifiedBy: String?; public var verifiedAt: Date?
            /// Whether it counts for the residual level and the gate (done, and verified where the level asks for it).
            public var counts: Bool
            public init(_ s: CountermeasureRecord, inherent: RiskLevel) {
                (id, version, title, ownerId, dueDate) = (s.id, s.version, s.value.title, (s.value.ownerID), (s.value.dueDate))
                (status, effect, evidenceIds) = (s.value.status.rawValue, s.value.effect.rawValue, s.value.evidenceIDs)
                (verifiedBy, verifiedAt, counts) = ((s.verifiedBy), (s.verifiedAt), RiskPolicy.counts(s, inherent: inherent))
            }
        }
        public var id: String; public var version: Int; public var systemId: String; public var title: String; public var description: String; public var rights: [String]
        public var affectedPeople: String; public var scale: Int; public var scope: Int; public var irremediability: Int; public var likelihood: Int
        public var ownerId: String?; public var status: String; public var inherentLevel: String; public var residualLevel: String
        public var residualLikelihood: Int; public var residualScale: Int; public var residualScope: Int
        public var assessmentId: String?; public var templateId: String?; public var questionId: String?
        public var flaggedForReview: Bool; public var countermeasures: [Measure]
        public init(_ r: RiskRecord) {
            (id, version, systemId, title, description) = (r.id, r.version, r.systemID, r.risk.title, r.risk.description)
            (rights, affectedPeople, likelihood) = (r.risk.rights.map(\.rawValue), r.risk.affectedPeople, r.risk.likelihood)
            (scale, scope, irremediability) = (r.risk.severity.scale, r.risk.severity.scope, r.risk.severity.irremediability)
            (ownerId, status, inherentLevel, residualLevel) = ((r.risk.ownerID), r.risk.status.rawValue, r.inherentLevel.rawValue, r.residualLevel.rawValue)
            (residualLikelihood, residualScale, residualScope) = (r.residual.likelihood, r.residual.severity.scale, r.residual.severity.scope)
            (assessmentId, templateId, questionId) = ((r.origin?.assessmentID), (r.origin?.templateID), (r.origin?.questionID))
            (flaggedForReview, countermeasures) = (r.flaggedForReview, r.countermeasures.map { Measure($0, inherent: r.inherentLevel) })
        }
        public init(id: String, version: Int, systemId: String, title: String, description: String, rights: [String], affectedPeople: String, scale: Int, scope: Int, irremediability: Int, likelihood: Int, ownerId: String? = nil, status: String, inherentLevel: String, residualLevel: String, residualLikelihood: Int, residualScale: Int, residualScope: Int, assessmentId: String? = nil, templateId: String? = nil, questionId: String? = nil, flaggedForReview: Bool, countermeasures: [Measure]) {
            self.id = id
            self.version = version
            self.systemId = systemId
            self.title = title
            self.description = description
            self.rights = rights
            self.affectedPeople = affectedPeople
            self.scale = scale
            self.scope = scope
            self.irremediability = irremediability
            self.likelihood = likelihood
            self.ownerId = ownerId
            self.status = status
            self.inherentLevel = inherentLevel
            self.residualLevel = residualLevel
            self.residualLikelihood = residualLikelihood
            self.residualScale = residualScale
            self.residualScope = residualScope
            self.assessmentId = assessmentId
            self.templateId = templateId
            self.questionId = questionId
            self.flaggedForReview = flaggedForReview
            self.countermeasures = countermeasures
        }
    }

    public struct RiskInputDTO: Codable, Sendable {
        public var title: String?; public var description: String?; public var rights: [String]?; public var affectedPeople: String?
        public var scale: Int?; public var scope: Int?; public var irremediability: Int?; public var likelihood: Int?; public var ownerId: String?; public var status: String?
        public var version: Int?
        /// Why, when the change is a second-line act (closing or accepting a high risk, lowering a severity).
        public var reason: String?
        public func validated() throws -> RiskInput {
            try RiskInput.validate(.init(title: title, description: description, affectedPeople: affectedPeople, ownerID: ownerId, status: status,
                                         rights: rights, scale: scale, scope: scope, irremediability: irremediability, likelihood: likelihood))
        }
        public init(title: String? = nil, description: String? = nil, rights: [String]? = nil, affectedPeople: String? = nil, scale: Int? = nil, scope: Int? = nil, irremediability: Int? = nil, likelihood: Int? = nil, ownerId: String? = nil, status: String? = nil, version: Int? = nil, reason: String? = nil) {
            self.title = title
            self.description = description
            self.rights = rights
            self.affectedPeople = affectedPeople
            self.scale = scale
            self.scope = scope
            self.irremediability = irremediability
            self.likelihood = likelihood
            self.ownerId = ownerId
            self.status = status
            self.version = version
            self.reason = reason
        }
    }

    public struct CountermeasureInputDTO: Codable, Sendable {
        public var title: String?; public var ownerId: String?; public var dueDate: String?; public var status: String?; public var effect: String?; public var version: Int?
        public var evidenceIds: [String]?
        public func validated() throws -> CountermeasureInput {
            try CountermeasureInput.validate(title: title, ownerID: ownerId, dueDate: dueDate, status: status, effect: effect, evidenceIDs: evidenceIds)
        }
        public init(title: String? = nil, ownerId: String? = nil, dueDate: String? = nil, status: String? = nil, effect: String? = nil, version: Int? = nil, evidenceIds: [String]? = nil) {
            self.title = title
            self.ownerId = ownerId
            self.dueDate = dueDate
            self.status = status
            self.effect = effect
            self.version = version
            self.evidenceIds = evidenceIds
        }
    }

    public struct VerifyDTO: Codable, Sendable { public var version: Int?; public var note: String?
        public init(version: Int? = nil, note: String? = nil) { self.version = version; self.note = note }
    }
}

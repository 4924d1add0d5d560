import Foundation

/// The deciding body's explicit, reasoned decision to approve despite a review concluded `not_approved`.
public struct ReviewOverride: Sendable, Equatable, Codable {
    public var domain: ReviewDomain
    public var reason: String

    public init(domain: ReviewDomain, reason: String) {
        self.domain = domain
        self.reason = reason
    }

    /// Validates raw overrides: known domains, a reason each, no domain twice.
    /// - Throws: ``RinriError`` (`invalid`) naming every problem.
    public static func validate(_ raw: [(domain: String?, reason: String?)]) throws -> [ReviewOverride] {
        var v = Validator()
        var result: [ReviewOverride] = []
        for (index, item) in raw.enumerated() {
            let field = "override_reviews[\(index)]"
            let domain = v.choice(item.domain, field: "\(field).domain", as: ReviewDomain.self)
            let reason = v.text(item.reason, field: "\(field).reason", required: false, max: 4_000)
            if reason.isEmpty { v.add("\(field).reason", "reason_required", "an override of a review needs its reason") }
            guard let domain else { continue }
            if result.contains(where: { $0.domain == domain }) {
                v.add("\(field).domain", "duplicate", "the \(domain.rawValue) review is overridden twice")
            } else if !reason.isEmpty {
                result.append(ReviewOverride(domain: domain, reason: reason))
            }
        }
        try v.check()
        return result
    }
}

/// What the linked reviews mean for a decision.
public enum DecisionRules {
    /// The conclusion a reviewer gives when the case should not be approved.
    public static let notApproved = "not_approved"
    /// The conclusion a reviewer gives when the case may be approved with conditions.
    public static let approvedWithConditions = "approved_with_conditions"

    /// Checks the reviews before a decision.
    ///
    /// No decision while a review has no conclusion. An approval (with or without conditions)
    /// over a review concluded `not_approved` needs the deciding body's explicit override of that
    /// review, with a reason; a self-check case has no second line to override a review, so there
    /// it is refused. An override that names a review which is not `not_approved` is refused too:
    /// overrides say exactly what was overruled.
    /// - Parameter conclusions: each review domain with its conclusion (nil while pending).
    /// - Throws: ``RinriError`` `reviews_pending`, `reviews_not_approved` (409), `override_not_allowed`,
    ///   `override_not_needed` (422).
    public static func checkReviews(outcome: AssessmentTransition, route: ApprovalRoute?, conclusions: [(ReviewDomain, String?)],
                                    overrides: [ReviewOverride]) throws {
        let pending = conclusions.filter { $0.1 == nil }.map(\.0)
        if !pending.isEmpty {
            let list = pending.map(\.rawValue).joined(separator: ", ")
            throw RinriError.conflict(code: "reviews_pending", "waiting for the \(list) review(s) to conclude", arguments: ["domains": list])
        }
        let refused = conclusions.filter { $0.1 == notApproved }.map(\.0)
        let approving = outcome == .approve || outcome == .approveWithConditions
        for item in overrides where !(approving && refused.contains(item.domain)) {
            throw RinriError.invalid(field: "override_reviews", code: "override_not_needed",
                                     message: "the \(item.domain.rawValue) review is not one this approval overrules: only a review concluded not_approved is overridden, and only by an approval")
        }
        guard approving, !refused.isEmpty else { return }
        if route == .selfCheck {
            if !overrides.isEmpty {
                throw RinriError.invalid(field: "override_reviews", code: "override_not_allowed",
                                         message: "a self-check has no second line to overrule a review: reject the case or have it routed again")
            }
        }
        let missing = refused.filter { domain in !overrides.contains { $0.domain == domain } }
        if !missing.isEmpty {
            let list = missing.map(\.rawValue).joined(separator: ", ")
            throw RinriError.conflict(code: "reviews_not_approved",
                                      "the \(list) review(s) concluded not approved: the deciding body approves only with an explicit override of each, with its reason",
                                      arguments: ["domains": list])
        }
    }

    /// The follow-up actions a review's conditions become when the case is approved: one per
    /// non-empty line of the review's `review_conditions` answer, for reviews concluded
    /// `approved_with_conditions`, owned by the system's owner and blocking like decision conditions.
    public static func reviewConditions(_ reviews: [(domain: ReviewDomain, conclusion: String?, conditions: String?)],
                                        ownerID: String?) -> [(domain: ReviewDomain, action: ActionInput)] {
        var actions: [(ReviewDomain, ActionInput)] = []
        for review in reviews where review.conclusion == approvedWithConditions {
            for line in (review.conditions ?? "").split(whereSeparator: \.isNewline) {
                let title = conditionTitle(String(line))
                guard !title.isEmpty else { continue }
                actions.append((review.domain, ActionInput(title: String(title.prefix(500)), ownerID: ownerID, dueDate: nil, blocking: true)))
            }
        }
        return actions
    }

    /// A condition line without its list marker (`-`, `*`, `•`, `・`, `1.`, `1)`).
    static func conditionTitle(_ line: String) -> String {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        if let first = text.first, "-*•・".contains(first) { text = text.dropFirst() }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = text.dropFirst(digits.count).first, next == "." || next == ")" {
            text = text.dropFirst(digits.count + 1)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

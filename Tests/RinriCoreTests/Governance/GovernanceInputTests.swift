import Foundation
import RinriCore
import Testing

private let userID = "7C9E6679-7425-40DE-944B-E07FC1F90AE7"
private let evidenceID = "F47AC10B-58CC-4372-A567-0E02B2C3D479"

/// The error `body` throws, with an issue recorded when it throws none; checks it is `invalid` on `field`.
@discardableResult
private func invalid(_ field: String, _ code: String? = nil, _ body: () throws -> Void,
                     sourceLocation: SourceLocation = #_sourceLocation) -> RinriError? {
    let error = #expect(throws: RinriError.self, "expected \(field) to be refused", sourceLocation: sourceLocation) { try body() }
    #expect(error?.kind == .invalid, sourceLocation: sourceLocation)
    #expect(error?.issues.contains { $0.field == field && (code == nil || $0.code == code) } == true,
            "issues: \(error?.issues.map { "\($0.field)/\($0.code)" } ?? [])", sourceLocation: sourceLocation)
    return error
}

private func risk(title: String? = "Biased scoring", rights: [String]? = ["non_discrimination"], scale: Int? = 3, scope: Int? = 3,
                  irremediability: Int? = 3, likelihood: Int? = 3, ownerID: String? = nil, status: String? = nil) -> RiskInput.Raw {
    RiskInput.Raw(title: title, description: "Scores differ by group", affectedPeople: "Applicants", ownerID: ownerID,
                  status: status, rights: rights, scale: scale, scope: scope, irremediability: irremediability, likelihood: likelihood)
}

private func condition(_ title: String = "Bias audit") -> ActionInput {
    ActionInput(title: title, ownerID: nil, dueDate: "2026-03-31", blocking: true)
}

@Suite("Decision input")
struct DecisionInputTests {
    @Test func aValidDecisionIsNormalised() throws {
        let decision = try DecisionInput.validate(outcome: " approve ", rationale: "  Risks are treated.\n",
                                                  evidenceSeen: [" \(evidenceID) ", "", "  "], conditions: [])
        #expect(decision.outcome == .approve)
        #expect(decision.rationale == "Risks are treated.")
        #expect(decision.evidenceSeen == [evidenceID])
        #expect(decision.conditions.isEmpty)

        let rejected = try DecisionInput.validate(outcome: "reject", rationale: "Untreated critical risk", evidenceSeen: nil, conditions: [])
        #expect(rejected.outcome == .reject && rejected.evidenceSeen.isEmpty)

        let conditional = try DecisionInput.validate(outcome: "approve_with_conditions", rationale: "Audit first",
                                                     evidenceSeen: [], conditions: [condition(), condition("Notice")])
        #expect(conditional.outcome == .approveWithConditions)
        #expect(conditional.conditions.map(\.title) == ["Bias audit", "Notice"])
    }

    @Test func anApprovalWithConditionsNeedsConditions() {
        invalid("conditions", "required") {
            _ = try DecisionInput.validate(outcome: "approve_with_conditions", rationale: "ok", evidenceSeen: [], conditions: [])
        }
    }

    @Test func onlyAnApprovalWithConditionsTakesConditions() {
        for outcome in ["approve", "reject"] {
            invalid("conditions", "not_allowed") {
                _ = try DecisionInput.validate(outcome: outcome, rationale: "ok", evidenceSeen: [], conditions: [condition()])
            }
        }
    }

    @Test func theOutcomeMustBeADecision() {
        invalid("outcome", "required") { _ = try DecisionInput.validate(outcome: nil, rationale: "ok", evidenceSeen: [], conditions: []) }
        invalid("outcome", "required") { _ = try DecisionInput.validate(outcome: "  ", rationale: "ok", evidenceSeen: [], conditions: []) }
        invalid("outcome", "invalid_choice") { _ = try DecisionInput.validate(outcome: "approved", rationale: "ok", evidenceSeen: [], conditions: []) }
        for transition in ["submit", "withdraw", "start_review", "reopen"] {
            invalid("outcome", "invalid_choice") { _ = try DecisionInput.validate(outcome: transition, rationale: "ok", evidenceSeen: [], conditions: []) }
        }
    }

    @Test func aRationaleIsRequired() {
        invalid("rationale", "required") { _ = try DecisionInput.validate(outcome: "approve", rationale: " \n ", evidenceSeen: [], conditions: []) }
        invalid("rationale", "too_long") {
            _ = try DecisionInput.validate(outcome: "approve", rationale: String(repeating: "x", count: 20_001), evidenceSeen: [], conditions: [])
        }
    }

    @Test func evidenceMustBeIDs() {
        invalid("evidence_seen", "invalid_id") {
            _ = try DecisionInput.validate(outcome: "approve", rationale: "ok", evidenceSeen: [evidenceID, "report.pdf"], conditions: [])
        }
    }

    @Test func everyProblemIsReported() {
        let error = invalid("outcome") { _ = try DecisionInput.validate(outcome: nil, rationale: nil, evidenceSeen: ["x"], conditions: []) }
        #expect(Set(error?.issues.map(\.field) ?? []) == ["outcome", "rationale", "evidence_seen"])
        #expect(error?.field == "outcome")
    }
}

@Suite("Action input")
struct ActionInputTests {
    @Test func aValidConditionIsNormalised() throws {
        let action = try ActionInput.validate(title: "  Bias audit ", ownerID: userID, dueDate: " 2026-03-31 ", blocking: nil)
        #expect(action == ActionInput(title: "Bias audit", ownerID: userID, dueDate: "2026-03-31", blocking: true, status: .open, note: ""))
        let optional = try ActionInput.validate(title: "Notice", ownerID: " ", dueDate: nil, blocking: false)
        #expect(optional.ownerID == nil && optional.dueDate == nil && optional.blocking == false)
    }

    @Test func badFieldsAreNamedUnderTheirPrefix() {
        invalid("conditions.title", "required") { _ = try ActionInput.validate(title: "", ownerID: nil, dueDate: nil, blocking: nil) }
        invalid("conditions.title", "too_long") {
            _ = try ActionInput.validate(title: String(repeating: "a", count: 501), ownerID: nil, dueDate: nil, blocking: nil)
        }
        invalid("conditions.owner_id", "invalid_id") { _ = try ActionInput.validate(title: "T", ownerID: "alice", dueDate: nil, blocking: nil) }
        invalid("actions.due_date", "invalid_date") {
            _ = try ActionInput.validate(title: "T", ownerID: nil, dueDate: "next week", blocking: nil, field: "actions")
        }
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-3-1", "31/03/2026", "2026-03-31T00:00:00Z"])
    func datesThatAreNotOnTheCalendarAreRefused(date: String) {
        #expect(!CalendarDate.isValid(date))
        invalid("conditions.due_date", "invalid_date") { _ = try ActionInput.validate(title: "T", ownerID: nil, dueDate: date, blocking: nil) }
    }

    @Test(arguments: ["2024-02-29", "2026-12-31", "2026-01-01", "2000-02-29"])
    func calendarDatesAreAccepted(date: String) throws {
        #expect(CalendarDate.isValid(date))
        #expect(try ActionInput.validate(title: "T", ownerID: nil, dueDate: date, blocking: nil).dueDate == date)
    }

    @Test func validatorHelpers() {
        var v = Validator()
        #expect(v.date("  ", field: "d") == nil)
        #expect(v.issues.isEmpty)
        #expect(v.date(nil, field: "d", required: true) == nil)
        #expect(v.int(nil, field: "n", in: 2...4) == 2)
        #expect(v.int(7, field: "m", in: 1...4) == 7)
        #expect(v.int(3, field: "ok", in: 1...4) == 3)
        #expect(v.issues.map { "\($0.field)/\($0.code)" } == ["d/required", "n/required", "m/out_of_range"])
        #expect(CalendarDate.today(Date(timeIntervalSince1970: 0)) == "1970-01-01")
    }

    @Test func aReviewSheetsConclusionIsItsChoiceAnswer() {
        var sheet = AssessmentSheet(templateID: "privacy-review", templateVersion: "1.0.0", reviewDomain: .privacy,
                                    answers: ["review_conclusion": .choice("concerns")])
        #expect(sheet.reviewConclusion == "concerns")
        sheet.answers["review_conclusion"] = .text("concerns")
        #expect(sheet.reviewConclusion == nil)
        sheet.answers = [:]
        #expect(sheet.reviewConclusion == nil)
    }
}

@Suite("Risk and countermeasure input")
struct RiskInputTests {
    @Test func aValidRiskIsNormalised() throws {
        let input = try RiskInput.validate(risk(title: "  Biased scoring ", rights: ["privacy", "non_discrimination", "privacy"],
                                                ownerID: userID, status: "accepted"))
        #expect(input.title == "Biased scoring")
        #expect(input.rights == [.privacy, .nonDiscrimination])
        let expected = try HarmSeverity(scale: 3, scope: 3, irremediability: 3)
        #expect(input.severity == expected)
        #expect(input.likelihood == 3)
        #expect(input.ownerID == userID)
        #expect(input.status == .accepted)
        #expect(input.affectedPeople == "Applicants")
        #expect(try RiskInput.validate(risk()).status == .open)
    }

    @Test func aRiskWithoutRightsListedAffectsOther() throws {
        #expect(try RiskInput.validate(risk(rights: nil)).rights == [.other])
        invalid("rights", "required") { _ = try RiskInput.validate(risk(rights: [])) }
        invalid("rights", "invalid_choice") { _ = try RiskInput.validate(risk(rights: ["privacy", "telepathy"])) }
    }

    @Test(arguments: [0, 5, -1])
    func likelihoodOutsideOneToFourIsRefused(likelihood: Int) {
        let error = invalid("likelihood", "out_of_range") { _ = try RiskInput.validate(risk(likelihood: likelihood)) }
        #expect(error?.issues.count == 1)
    }

    @Test func severityComponentsAreChecked() {
        invalid("scale", "out_of_range") { _ = try RiskInput.validate(risk(scale: 0)) }
        invalid("scope", "out_of_range") { _ = try RiskInput.validate(risk(scope: 5)) }
        invalid("irremediability", "required") { _ = try RiskInput.validate(risk(irremediability: nil)) }
        invalid("likelihood", "required") { _ = try RiskInput.validate(risk(likelihood: nil)) }
    }

    @Test func otherRiskFieldsAreChecked() {
        invalid("title", "required") { _ = try RiskInput.validate(risk(title: "  ")) }
        invalid("title", "too_long") { _ = try RiskInput.validate(risk(title: String(repeating: "t", count: 301))) }
        invalid("owner_id", "invalid_id") { _ = try RiskInput.validate(risk(ownerID: "bob")) }
        invalid("status", "invalid_choice") { _ = try RiskInput.validate(risk(status: "pending")) }
    }

    @Test func aValidCountermeasureTakesDefaults() throws {
        let measure = try CountermeasureInput.validate(title: " Re-weight the training data ", ownerID: nil, dueDate: "2026-06-30",
                                                       status: nil, effect: nil)
        #expect(measure == CountermeasureInput(title: "Re-weight the training data", ownerID: nil, dueDate: "2026-06-30",
                                               status: .planned, effect: .likelihood))
        let done = try CountermeasureInput.validate(title: "Limit use", ownerID: userID, dueDate: "", status: "done", effect: "scope")
        #expect(done.status == .done && done.effect == .scope && done.ownerID == userID && done.dueDate == nil)
        #expect(try CountermeasureInput.validate(title: "X", ownerID: nil, dueDate: nil, status: "in_progress", effect: "scale").status == .inProgress)
    }

    @Test func badCountermeasureFieldsAreNamed() {
        invalid("title", "required") { _ = try CountermeasureInput.validate(title: nil, ownerID: nil, dueDate: nil, status: nil, effect: nil) }
        invalid("owner_id", "invalid_id") { _ = try CountermeasureInput.validate(title: "X", ownerID: "carol", dueDate: nil, status: nil, effect: nil) }
        invalid("due_date", "invalid_date") { _ = try CountermeasureInput.validate(title: "X", ownerID: nil, dueDate: "2026-02-30", status: nil, effect: nil) }
        invalid("status", "invalid_choice") { _ = try CountermeasureInput.validate(title: "X", ownerID: nil, dueDate: nil, status: "finished", effect: nil) }
        // a countermeasure can never lower irremediability
        invalid("effect", "invalid_choice") {
            _ = try CountermeasureInput.validate(title: "X", ownerID: nil, dueDate: nil, status: nil, effect: "irremediability")
        }
    }
}

@Suite("Risk record levels")
struct RiskRecordLevelTests {
    /// A risk with countermeasures, verified by the second line unless `verified` is false.
    private func record(_ severity: (Int, Int, Int), likelihood: Int, _ measures: [(CountermeasureStatus, RiskScoring.Effect)],
                        verified: Bool = true) throws -> RiskRecord {
        let input = RiskInput(title: "R", rights: [.privacy],
                              severity: try HarmSeverity(scale: severity.0, scope: severity.1, irremediability: severity.2),
                              likelihood: likelihood)
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let stored = measures.enumerated().map { index, measure in
            CountermeasureRecord(id: "cm-\(index)", version: 1,
                                 value: CountermeasureInput(title: "Measure \(index)", status: measure.0, effect: measure.1),
                                 verifiedBy: verified && measure.0 == .done ? "OFFICE" : nil, verifiedAt: verified ? now : nil,
                                 createdAt: now, updatedAt: now)
        }
        return RiskRecord(id: "risk-1", version: 1, systemID: "sys-1", risk: input, origin: nil, flaggedForReview: false, countermeasures: stored)
    }

    @Test func atHighAndCriticalLevelsOnlyVerifiedCountermeasuresCount() throws {
        // given: a critical risk whose owner marked two countermeasures done, not yet verified
        let proposed = try record((3, 3, 3), likelihood: 4, [(.done, .likelihood), (.done, .likelihood)], verified: false)
        // then: nothing counts yet; both wait for verification
        #expect(proposed.inherentLevel == .critical && proposed.residualLevel == .critical)
        #expect(proposed.unverified.count == 2 && proposed.counting.isEmpty)
        // and once verified they count
        let verified = try record((3, 3, 3), likelihood: 4, [(.done, .likelihood), (.done, .likelihood)])
        #expect(verified.residualLevel == .high && verified.unverified.isEmpty)
        // below high, the owner's done counts at once
        let medium = try record((2, 2, 2), likelihood: 3, [(.done, .likelihood)], verified: false)
        #expect(medium.inherentLevel == .medium && medium.residualLevel == .medium && medium.residual.likelihood == 2)
        #expect(medium.unverified.isEmpty && medium.counting.count == 1)
        let low = try record((2, 2, 2), likelihood: 2, [(.done, .likelihood)], verified: false)
        #expect(low.residualLevel == .low)
    }

    @Test func aDoneLikelihoodCountermeasureLowersTheResidualLevel() throws {
        // severity (3,3,3) is high; almost certain (4) → critical
        let untreated = try record((3, 3, 3), likelihood: 4, [])
        #expect(untreated.inherentLevel == .critical)
        #expect(untreated.residualLevel == .critical)

        let treated = try record((3, 3, 3), likelihood: 4, [(.done, .likelihood)])
        #expect(treated.inherentLevel == .critical)
        #expect(treated.residualLevel == .high)
        #expect(treated.residual.likelihood == 3)

        // a high severity stays high however unlikely the harm becomes: likelihood never brings it below high
        let twice = try record((3, 3, 3), likelihood: 4, [(.done, .likelihood), (.done, .likelihood), (.done, .likelihood)])
        #expect(twice.residualLevel == .high)
        #expect(twice.residual.likelihood == 1)
        // lowering the severity itself does lower the level
        let scaled = try record((3, 3, 3), likelihood: 4, [(.done, .likelihood), (.done, .likelihood), (.done, .likelihood), (.done, .scale)])
        #expect(scaled.residualLevel == .low)
    }

    @Test func countermeasuresThatAreNotDoneDoNotCount() throws {
        let planned = try record((3, 3, 3), likelihood: 4, [(.planned, .likelihood), (.inProgress, .likelihood), (.inProgress, .scale)])
        #expect(planned.residualLevel == .critical)
        #expect(planned.residual.likelihood == 4)
        let unchanged = try HarmSeverity(scale: 3, scope: 3, irremediability: 3)
        #expect(planned.residual.severity == unchanged)
    }

    @Test func irremediabilityIsNeverLowered() throws {
        // a grave (scale 3) irremediable (4) harm is critical whatever its score
        var measures: [(CountermeasureStatus, RiskScoring.Effect)] = []
        for _ in 1...3 { measures += [(.done, .scale), (.done, .scope)] }
        measures.append((.done, .likelihood))
        let grave = try record((3, 1, 4), likelihood: 2, measures)
        #expect(grave.inherentLevel == .critical)
        #expect(grave.residual.severity.irremediability == 4)
        #expect(grave.residual.severity.scale == 1)
        #expect(grave.residual.severity.scope == 1)
        // (1,1,4): a harm that cannot be remedied is at least high whatever the sum, and likelihood 1 does not bring it below high
        #expect(grave.residualLevel == .high)
        // the stored risk itself is not changed
        #expect(grave.risk.severity.scale == 3 && grave.risk.likelihood == 2)
    }

    @Test func theResidualLevelNeverExceedsTheInherentLevel() throws {
        for effect in RiskScoring.Effect.allCases {
            for likelihood in 1...4 {
                let r = try record((4, 4, 4), likelihood: likelihood, [(.done, effect), (.done, effect)])
                #expect(r.residualLevel <= r.inherentLevel)
            }
        }
    }
}

@Suite("Governance bodies")
struct GovernanceBodyTests {
    private func body(key: String? = "privacy-board", kind: String? = "working_group", nameEN: String? = "Privacy board",
                      nameJA: String? = "プライバシー委員会", reportsTo: String? = "ai-ethics-committee") throws -> GovernanceBodyInput {
        try GovernanceBodyInput.validate(key: key, kind: kind, nameEN: nameEN, nameJA: nameJA,
                                         mandateEN: " Reviews privacy cases. ", mandateJA: nil, reportsTo: reportsTo)
    }

    @Test func aValidBodyIsNormalised() throws {
        let input = try body()
        #expect(input == GovernanceBodyInput(key: "privacy-board", kind: .workingGroup,
                                             name: LocalizedText(en: "Privacy board", ja: "プライバシー委員会"),
                                             mandate: LocalizedText(en: "Reviews privacy cases.", ja: ""),
                                             reportsTo: "ai-ethics-committee"))
        #expect(try body(key: "board2", kind: "board", reportsTo: "  ").reportsTo == nil)
    }

    @Test func badBodyFieldsAreNamed() {
        for key in ["Privacy Board", "-privacy", "privacy_board", "プライバシー"] {
            invalid("key", "invalid_format") { _ = try body(key: key) }
        }
        invalid("key", "required") { _ = try body(key: nil) }
        invalid("key", "too_long") { _ = try body(key: String(repeating: "k", count: 65), reportsTo: nil) }
        invalid("kind", "invalid_choice") { _ = try body(kind: "council") }
        invalid("kind", "required") { _ = try body(kind: "") }
        invalid("name_en", "required") { _ = try body(nameEN: " ") }
        invalid("name_ja", "required") { _ = try body(nameJA: nil) }
        invalid("reports_to", "cycle") { _ = try body(key: "privacy-board", reportsTo: "privacy-board") }
    }

    @Test func theBundledBodiesFormATreeRootedAtTheBoard() throws {
        let bodies = try GovernanceBodyInput.bundled()
        let keys = ["board", "risk-compliance-committee", "ai-ethics-committee", "ai-ethics-steering-committee",
                    "ai-ethics-working-groups", "governance-office"]
        #expect(bodies.count == 6)
        #expect(Set(bodies.map(\.key)) == Set(keys))
        let byKey = Dictionary(bodies.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(bodies.filter { $0.reportsTo == nil }.map(\.key) == ["board"])
        for body in bodies {
            // walking up the reporting lines reaches the board without a loop
            var current = body
            var steps = 0
            while let parent = current.reportsTo, steps <= bodies.count {
                guard let next = byKey[parent] else {
                    Issue.record("\(current.key) reports to unknown body \(parent)")
                    break
                }
                current = next
                steps += 1
            }
            #expect(current.key == "board", "\(body.key) does not lead up to the board")
            #expect(steps <= bodies.count - 1)
        }
        #expect(byKey["ai-ethics-committee"]?.kind == .ethicsCommittee)
        #expect(byKey["governance-office"]?.kind == .office)
        #expect(byKey["board"]?.kind == .board)
    }

    @Test func theBundledBodiesAreBilingualAndValid() throws {
        for body in try GovernanceBodyInput.bundled() {
            #expect(LocalizedText.containsJapanese(body.name.ja), "\(body.key) name_ja")
            #expect(LocalizedText.containsJapanese(body.mandate.ja), "\(body.key) mandate_ja")
            #expect(!body.name.en.isEmpty && !LocalizedText.containsJapanese(body.name.en))
            // each bundled body passes the same validation an edit in the app does
            let again = try GovernanceBodyInput.validate(key: body.key, kind: body.kind.rawValue, nameEN: body.name.en, nameJA: body.name.ja,
                                                         mandateEN: body.mandate.en, mandateJA: body.mandate.ja, reportsTo: body.reportsTo)
            #expect(again == body)
        }
        #expect(!LocalizedText.containsJapanese("AI ethics committee"))
        #expect(LocalizedText.containsJapanese("AI倫理委員会"))
    }
}

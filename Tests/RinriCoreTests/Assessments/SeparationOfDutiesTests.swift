import Foundation
import RinriCore
import Testing

private let decisions: [AssessmentTransition] = [.approve, .approveWithConditions, .reject]

/// Every combination of what a person can be for a case, so that a role held on the side never opens a control.
private func actors() -> [AssessmentActor] {
    var all: [AssessmentActor] = []
    for ownsSystem in [false, true] {
        for governed in [false, true] {
            for office in [false, true] {
                for panel: MemberRole? in [nil, .chair, .member] {
                    for current: MemberRole? in [nil, .chair, .member] {
                        all.append(AssessmentActor(ownsSystem: ownsSystem, isGovernanceOffice: office, isGoverned: governed,
                                                   panelRole: panel, currentBodyRole: current, reviewDomains: [.privacy]))
                    }
                }
            }
        }
    }
    return all
}

@Suite("Separation of duties")
struct SeparationOfDutiesTests {
    @Test(arguments: [ApprovalRoute.governanceOffice, .committee])
    func theGovernedNeverStartOrDecideACaseOfTheSecondLine(route: ApprovalRoute) {
        for actor in actors() where actor.isGoverned {
            for transition in [AssessmentTransition.startReview] + decisions {
                let error = AssessmentWorkflow.refusal(transition, route: route, actor: actor)
                #expect(error?.kind == .forbidden, "\(transition) on \(route) by \(actor)")
            }
            #expect(throws: RinriError.self) { try AssessmentWorkflow.checkVote(actor: actor, bodyKey: "ai-ethics-committee") }
            #expect(throws: RinriError.self) { try ReviewPolicy.checkMayAnswer(.privacy, state: .inReview, actor: actor) }
        }
    }

    @Test func eachRefusalNamesItsReason() {
        let governedChair = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, isGoverned: true, panelRole: .chair)
        #expect(AssessmentWorkflow.refusal(.approve, route: .committee, actor: governedChair)?.code == "own_decision")
        let governedOffice = AssessmentActor(ownsSystem: true, isGovernanceOffice: true, isGoverned: true)
        #expect(AssessmentWorkflow.refusal(.startReview, route: .governanceOffice, actor: governedOffice)?.code == "own_decision")
        #expect(AssessmentWorkflow.refusal(.startReview, route: .committee, actor: governedOffice)?.code == "own_decision")
        let lateChair = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, panelRole: nil, currentBodyRole: .chair)
        #expect(AssessmentWorkflow.refusal(.approve, route: .committee, actor: lateChair)?.code == "not_on_panel")
        #expect(AssessmentWorkflow.refusal(.startReview, route: .committee, actor: lateChair)?.code == "not_on_panel")
        let lateMember = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, panelRole: nil, currentBodyRole: .member)
        #expect(codeOf { try AssessmentWorkflow.checkVote(actor: lateMember, bodyKey: "c") } == "not_on_panel")
        let stranger = AssessmentActor(ownsSystem: false, isGovernanceOffice: false)
        #expect(codeOf { try AssessmentWorkflow.checkVote(actor: stranger, bodyKey: "c") } == "forbidden")
        let recused = AssessmentActor(ownsSystem: true, isGovernanceOffice: false, isGoverned: true, panelRole: .member)
        #expect(codeOf { try AssessmentWorkflow.checkVote(actor: recused, bodyKey: "c") } == "own_vote")
        let reviewer = AssessmentActor(ownsSystem: true, isGovernanceOffice: false, isGoverned: true, reviewDomains: [.privacy])
        #expect(codeOf { try ReviewPolicy.checkMayAnswer(.privacy, state: .inReview, actor: reviewer) } == "own_review")
        #expect(codeOf { try ReviewPolicy.checkMayAnswer(.legal, state: .inReview, actor: reviewer) } == "forbidden")
    }

    @Test func theSelfCheckStaysTheOwnersOwn() {
        // a self-check is chosen only at the level the answers raised, and the owner takes every step of it
        let owner = AssessmentActor(ownsSystem: true, isGovernanceOffice: false, isGoverned: true)
        for transition in [AssessmentTransition.startReview] + decisions {
            #expect(AssessmentWorkflow.mayMake(transition, route: .selfCheck, actor: owner))
        }
    }

    @Test func theFrozenPanelDecidesNotTheBodyAsItIsNow() {
        // the chair when routed, since made a member, still decides; the chair appointed since does not
        let formerChair = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, panelRole: .chair, currentBodyRole: .member)
        for decision in decisions { #expect(AssessmentWorkflow.mayMake(decision, route: .committee, actor: formerChair)) }
        let newChair = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, panelRole: nil, currentBodyRole: .chair)
        for decision in decisions { #expect(!AssessmentWorkflow.mayMake(decision, route: .committee, actor: newChair)) }
    }

    @Test func recusedVotesDoNotMakeTheQuorum() {
        do {
            try CommitteeRules.check(decision: .approve, votes: [.approve, .approve], quorum: 3, recused: 1)
            Issue.record("two counted votes made a quorum of three")
        } catch let error as RinriError {
            #expect(error.code == "quorum_not_met" && error.message.contains("recused"))
            #expect(error.arguments["cast"] == "2")
        } catch { Issue.record("\(error)") }
    }
}

@Suite("Reviews at the decision")
struct DecisionRulesTests {
    let refused: [(ReviewDomain, String?)] = [(.legal, "approved"), (.privacy, "not_approved"), (.humanRights, "approved_with_conditions")]

    @Test func aNotApprovedReviewBlocksAnApprovalWithoutAnOverride() {
        for outcome in [AssessmentTransition.approve, .approveWithConditions] {
            #expect(codeOf { try DecisionRules.checkReviews(outcome: outcome, route: .committee, conclusions: refused, overrides: []) } == "reviews_not_approved")
            #expect(codeOf {
                try DecisionRules.checkReviews(outcome: outcome, route: .committee, conclusions: refused,
                                               overrides: [ReviewOverride(domain: .privacy, reason: "Consent collected")])
            } == nil)
        }
        // rejecting needs no override, and may not carry one
        #expect(codeOf { try DecisionRules.checkReviews(outcome: .reject, route: .committee, conclusions: refused, overrides: []) } == nil)
        #expect(codeOf {
            try DecisionRules.checkReviews(outcome: .reject, route: .committee, conclusions: refused, overrides: [ReviewOverride(domain: .privacy, reason: "x")])
        } == "override_not_needed")
    }

    @Test func overridesSayExactlyWhatWasOverruled() {
        #expect(codeOf {
            try DecisionRules.checkReviews(outcome: .approve, route: .committee, conclusions: refused,
                                           overrides: [ReviewOverride(domain: .privacy, reason: "x"), ReviewOverride(domain: .legal, reason: "y")])
        } == "override_not_needed")
        // a self-check has no second line to overrule a review
        #expect(codeOf { try DecisionRules.checkReviews(outcome: .approve, route: .selfCheck, conclusions: refused, overrides: []) } == "reviews_not_approved")
        #expect(codeOf {
            try DecisionRules.checkReviews(outcome: .approve, route: .selfCheck, conclusions: refused, overrides: [ReviewOverride(domain: .privacy, reason: "x")])
        } == "override_not_allowed")
        // pending reviews come first
        #expect(codeOf { try DecisionRules.checkReviews(outcome: .approve, route: .committee, conclusions: [(.legal, nil)], overrides: []) } == "reviews_pending")
    }

    @Test func overrideInputIsValidated() throws {
        #expect(codeOf { _ = try ReviewOverride.validate([("privacy", "  ")]) } == "reason_required")
        #expect(codeOf { _ = try ReviewOverride.validate([("finance", "x")]) } == "invalid_choice")
        #expect(codeOf { _ = try ReviewOverride.validate([("privacy", "x"), ("privacy", "y")]) } == "duplicate")
        #expect(try ReviewOverride.validate([("privacy", " Consent ")]) == [ReviewOverride(domain: .privacy, reason: "Consent")])
    }

    @Test func reviewConditionsBecomeOneActionPerLine() {
        let actions = DecisionRules.reviewConditions([
            (.legal, "approved_with_conditions", "- Publish the notice\n  2) Keep logs 30 days\n\n• Train the staff"),
            (.privacy, "not_approved", "No lawful basis"),
            (.humanRights, "approved", "ignored"),
        ], ownerID: "OWNER")
        #expect(actions.map(\.action.title) == ["Publish the notice", "Keep logs 30 days", "Train the staff"])
        #expect(actions.allSatisfy { $0.domain == .legal && $0.action.blocking && $0.action.ownerID == "OWNER" })
    }
}

@Suite("Risks: who proposes, who disposes")
struct RiskPolicyTests {
    static func record(scale: Int, scope: Int, irremediability: Int, likelihood: Int, raised: Bool = false,
                       status: RiskStatus = .open) throws -> RiskRecord {
        RiskRecord(id: "r", version: 1, systemID: "s",
                   risk: RiskInput(title: "R", rights: [.privacy], severity: try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability),
                                   likelihood: likelihood, status: status),
                   origin: raised ? RiskOrigin(assessmentID: "a", templateID: "t", questionID: "q", riskIndex: 0) : nil,
                   flaggedForReview: false, countermeasures: [])
    }

    static func edit(_ r: RiskRecord, _ change: (inout RiskInput) throws -> Void) rethrows -> RiskInput {
        var input = r.risk
        try change(&input)
        return input
    }

    @Test func closingAcceptingAndLoweringSeriousRisksAreSecondLineActs() throws {
        let high = try Self.record(scale: 3, scope: 3, irremediability: 3, likelihood: 3)
        #expect(high.inherentLevel == .high)
        #expect(RiskPolicy.secondLineActs(before: high, after: Self.edit(high) { $0.status = .closed }) == [.close])
        #expect(RiskPolicy.secondLineActs(before: high, after: Self.edit(high) { $0.status = .accepted }) == [.accept])
        #expect(RiskPolicy.secondLineActs(before: high, after: try Self.edit(high) { $0.severity = try HarmSeverity(scale: 2, scope: 3, irremediability: 3) })
                == [.lowerSeverity])
        #expect(RiskPolicy.secondLineActs(before: high, after: Self.edit(high) { $0.likelihood = 1 }) == [.lowerSeverity])
        // raising or editing the words is the owner's to do
        #expect(RiskPolicy.secondLineActs(before: high, after: Self.edit(high) { $0.likelihood = 4; $0.title = "Renamed" }).isEmpty)
        // a medium risk entered by hand is the owner's; one the answers raised is not lowered by them
        let medium = try Self.record(scale: 2, scope: 2, irremediability: 2, likelihood: 2)
        #expect(RiskPolicy.secondLineActs(before: medium, after: Self.edit(medium) { $0.status = .closed; $0.likelihood = 1 }).isEmpty)
        let raised = try Self.record(scale: 2, scope: 2, irremediability: 2, likelihood: 2, raised: true)
        #expect(RiskPolicy.secondLineActs(before: raised, after: Self.edit(raised) { $0.likelihood = 1 }) == [.lowerSeverity])
        // entering a serious risk already closed is closing it
        #expect(RiskPolicy.secondLineActs(before: nil, after: Self.edit(high) { $0.status = .closed }) == [.close])
    }

    @Test func theSecondLineGivesAReason() throws {
        let critical = try Self.record(scale: 4, scope: 4, irremediability: 4, likelihood: 2)
        let closing = Self.edit(critical) { $0.status = .closed }
        #expect(codeOf { _ = try RiskPolicy.check(before: critical, after: closing, isSecondLine: false, reason: "because") } == "second_line_only")
        #expect(codeOf { _ = try RiskPolicy.check(before: critical, after: closing, isSecondLine: true, reason: " ") } == "reason_required")
        #expect(try RiskPolicy.check(before: critical, after: closing, isSecondLine: true, reason: " Duplicate of R-12 ") == "Duplicate of R-12")
        #expect(try RiskPolicy.check(before: critical, after: Self.edit(critical) { $0.title = "x" }, isSecondLine: false, reason: nil) == nil)
    }

    @Test func verificationIsTheSecondLinesAndAChangeUndoesIt() {
        let done = CountermeasureRecord(id: "c", version: 1, value: CountermeasureInput(title: "Human check", status: .done))
        #expect(codeOf { try RiskPolicy.checkVerify(done, isSecondLine: false) } == "second_line_only")
        #expect(codeOf { try RiskPolicy.checkVerify(done, isSecondLine: true) } == nil)
        let planned = CountermeasureRecord(id: "c", version: 1, value: CountermeasureInput(title: "Human check"))
        #expect(codeOf { try RiskPolicy.checkVerify(planned, isSecondLine: true) } == "not_done")
        let verified = CountermeasureRecord(id: "c", version: 1, value: done.value, verifiedBy: "OFFICE", verifiedAt: Date())
        #expect(codeOf { try RiskPolicy.checkVerify(verified, isSecondLine: true) } == "already_verified")
        var moved = done.value
        moved.dueDate = "2027-01-01"
        #expect(RiskPolicy.keepsVerification(done.value, moved), "a new due date does not change what was verified")
        for change in [{ (c: inout CountermeasureInput) in c.status = .inProgress }, { $0.effect = .scale }, { $0.title = "Other" },
                       { $0.evidenceIDs = ["E"] }] {
            var edited = done.value
            change(&edited)
            #expect(!RiskPolicy.keepsVerification(done.value, edited))
        }
    }

    @Test func theCaseLevelIsWhatTheAnswersRaisedAtLeast() throws {
        let template = RiskTemplate(when: try Condition("answer == 'no'"), title: LocalizedText(en: "Raised", ja: "提起"), rights: [.privacy],
                                    severity: .init(scale: 3, scope: 3, irremediability: 3), likelihood: 3, countermeasures: [])
        let raised = RaisedRisk(questionID: "q", riskIndex: 0, risk: template)
        #expect(raised.inherentLevel == .high)
        // the register entry was talked down to low, and closed: the case is still high
        let register = [try Self.record(scale: 1, scope: 1, irremediability: 1, likelihood: 1, raised: true, status: .closed)]
        #expect(ApprovalPolicy.caseLevel(raised: [raised], register: register) == .high)
        // a register risk can raise the level above what the answers raised
        let worse = [try Self.record(scale: 4, scope: 4, irremediability: 4, likelihood: 4)]
        #expect(ApprovalPolicy.caseLevel(raised: [raised], register: worse) == .critical)
        #expect(ApprovalPolicy.caseLevel(raised: [], register: []) == .low)
    }
}

@Suite("Follow-up actions: reported, then confirmed")
struct ActionPolicyTests {
    func action(_ status: ActionStatus, owner: String? = "OWNER", reportedBy: String? = nil) -> ActionRecord {
        ActionRecord(id: "a", version: 1, assessmentID: "x", systemID: "s",
                     action: ActionInput(title: "Human check", ownerID: owner, dueDate: nil, blocking: true, status: status), reportedBy: reportedBy)
    }

    @Test func theOwnerReportsAndTheDeciderConfirms() {
        #expect(codeOf { try ActionPolicy.checkReport(action(.open), userID: "owner", ownsSystem: false) } == nil)
        #expect(codeOf { try ActionPolicy.checkReport(action(.open), userID: "someone", ownsSystem: false) } == "forbidden")
        #expect(codeOf { try ActionPolicy.checkReport(action(.reported), userID: "OWNER", ownsSystem: true) } == "already_reported")
        #expect(codeOf { try ActionPolicy.checkReport(action(.done), userID: "OWNER", ownsSystem: true) } == "already_done")
        let chair = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, panelRole: .chair)
        let office = AssessmentActor(ownsSystem: false, isGovernanceOffice: true)
        let owner = AssessmentActor(ownsSystem: true, isGovernanceOffice: false, isGoverned: true)
        let reported = action(.reported, reportedBy: "OWNER")
        #expect(codeOf { try ActionPolicy.checkConfirm(reported, route: .committee, actor: chair, userID: "CHAIR") } == nil)
        #expect(codeOf { try ActionPolicy.checkConfirm(reported, route: .committee, actor: office, userID: "OFFICE") } == nil)
        #expect(codeOf { try ActionPolicy.checkConfirm(reported, route: .committee, actor: owner, userID: "OWNER") } == "forbidden")
        // the office member who reported it, or who is governed by the case, does not confirm it
        #expect(codeOf { try ActionPolicy.checkConfirm(action(.reported, reportedBy: "OFFICE"), route: .governanceOffice, actor: office, userID: "office") }
                == "own_confirmation")
        let governedOffice = AssessmentActor(ownsSystem: true, isGovernanceOffice: true, isGoverned: true)
        #expect(codeOf { try ActionPolicy.checkConfirm(reported, route: .committee, actor: governedOffice, userID: "X") } == "own_confirmation")
        // a self-check's conditions are confirmed by its owner
        #expect(codeOf { try ActionPolicy.checkConfirm(reported, route: .selfCheck, actor: owner, userID: "OWNER") } == nil)
        #expect(codeOf { try ActionPolicy.checkConfirm(action(.open), route: .committee, actor: chair, userID: "CHAIR") } == "not_reported")
        #expect(codeOf { try ActionPolicy.checkConfirm(action(.done), route: .committee, actor: chair, userID: "CHAIR") } == "already_done")
    }

    @Test func aReportSaysWhatWasDoneAndAReturnWhatIsMissing() {
        #expect(codeOf { _ = try ActionReport.validate(note: " ", evidenceIDs: nil) } == "required")
        #expect(codeOf { _ = try ActionReport.validate(note: "Done", evidenceIDs: ["not-an-id"]) } == "invalid_id")
        #expect(codeOf { _ = try ActionReport.validateConfirmation(note: nil, confirmed: false) } == "required")
        #expect(codeOf { _ = try ActionReport.validateConfirmation(note: nil, confirmed: true) } == nil)
    }
}

@Suite("Evidence that a decision relied on")
struct EvidencePolicyTests {
    @Test func evidenceInUseStays() {
        #expect(codeOf { try EvidencePolicy.checkRemovable(.init()) } == nil)
        for use in [EvidencePolicy.Use(citedByDecision: true), .init(attachedToSubmittedAssessment: true), .init(citedByAction: true),
                    .init(citedByCountermeasure: true)] {
            #expect(codeOf { try EvidencePolicy.checkRemovable(use) } == "evidence_in_use")
        }
    }

    @Test func aFilesFactsAreComputedNotTaken() throws {
        var claimed = DocumentEvidence(summary: "Notice")
        claimed.fileName = "n.txt"
        claimed.fileSHA256 = String(repeating: "0", count: 64)
        claimed.fileBytes = 1
        claimed.content = Data("twelve bytes".utf8).base64EncodedString()
        let computed = try claimed.withComputedFile()
        #expect(computed.fileSHA256 == SHA256Hex.of(Data("twelve bytes".utf8)) && computed.fileBytes == 12)
        claimed.content = nil
        let withoutFile = try claimed.withComputedFile()
        #expect(withoutFile.fileSHA256 == nil && withoutFile.fileBytes == nil && withoutFile.fileName == nil)
        claimed.content = "%%%"
        #expect(codeOf { _ = try claimed.withComputedFile() } == "invalid_content")
    }
}

/// The code of the ``RinriError`` `body` throws; nil when it throws nothing.
func codeOf(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let error as RinriError { return error.code } catch { return "unexpected: \(error)" }
}

import RinriCore
import Testing

private let requiredAt: [RiskLevel] = [.high, .critical]

private func approved(openConditions: [GateFacts.Condition] = [], risks: [GateFacts.Risk] = []) -> GateFacts {
    GateFacts(assessment: GateFacts.Assessment(state: .approved), openConditions: openConditions, risks: risks)
}

@Suite("Phase gate")
struct PhaseGateTests {
    @Test func thePhasesFollowEachOther() {
        #expect(PhaseGate.next(after: .planning) == .development)
        #expect(PhaseGate.next(after: .development) == .release)
        #expect(PhaseGate.next(after: .release) == .operation)
        #expect(PhaseGate.next(after: .operation) == .retired)
        #expect(PhaseGate.next(after: .retired) == nil)
    }

    @Test func forwardMovesAndLeavingRetirementAreGated() {
        // forward, one step or more
        #expect(PhaseGate.isGated(from: .planning, to: .development))
        #expect(PhaseGate.isGated(from: .release, to: .operation))
        #expect(PhaseGate.isGated(from: .planning, to: .operation))
        // backward
        #expect(!PhaseGate.isGated(from: .release, to: .development))
        #expect(!PhaseGate.isGated(from: .operation, to: .planning))
        // retiring, from any phase
        for phase in LifecyclePhase.allCases { #expect(!PhaseGate.isGated(from: phase, to: .retired)) }
        // staying
        for phase in LifecyclePhase.allCases { #expect(!PhaseGate.isGated(from: phase, to: phase)) }
        // leaving retirement, to any phase: the detour planning → retired → operation is closed
        for phase in LifecyclePhase.allCases where phase != .retired { #expect(PhaseGate.isGated(from: .retired, to: phase)) }
    }

    /// Every (from, to) pair: what kind of move it is, and that no pair passes unchecked except
    /// staying, going back and retiring, even with a fully approved and treated phase behind it.
    @Test(arguments: LifecyclePhase.allCases)
    func everyPairOfPhases(from: LifecyclePhase) {
        let order = LifecyclePhase.allCases
        for to in order {
            let move = PhaseGate.move(from: from, to: to)
            let blockers = PhaseGate.blockers(from: from, to: to, facts: approved(), countermeasuresRequiredAt: requiredAt)
            let nothing = PhaseGate.blockers(from: from, to: to, facts: GateFacts(assessment: nil), countermeasuresRequiredAt: requiredAt)
            switch move {
            case .stay:
                #expect(from == to)
                #expect(blockers.isEmpty && nothing.isEmpty)
            case .retire:
                #expect(to == .retired && from != .retired)
                #expect(blockers.isEmpty && nothing.isEmpty)
            case .back:
                #expect(order.firstIndex(of: to)! < order.firstIndex(of: from)! && from != .retired)
                #expect(blockers.isEmpty && nothing.isEmpty)
            case .leaveRetirement:
                #expect(from == .retired && to != .retired)
                #expect(blockers == [.leavesRetirement(to: to)] && nothing == [.leavesRetirement(to: to)], "\(from) → \(to)")
            case .forward:
                #expect(order.firstIndex(of: to)! > order.firstIndex(of: from)! && to != .retired)
                if PhaseGate.next(after: from) == to {
                    #expect(blockers.isEmpty, "\(from) → \(to) with an approved, treated phase")
                    #expect(nothing == [.noAssessment(phase: from)], "\(from) → \(to) without an assessment")
                } else {
                    #expect(blockers == [.skipsPhase(from: from, to: to)] && nothing == [.skipsPhase(from: from, to: to)])
                }
            }
            #expect(PhaseGate.isGated(from: from, to: to) == (move == .forward || move == .leaveRetirement))
        }
    }

    @Test func leavingRetirementIsAnExceptionOfTheOffice() throws {
        // given a project owner: refused with 403, whatever the reason
        do {
            _ = try PhaseChangePolicy.checkChange(from: .retired, to: .operation, isGovernanceOffice: false, isGoverned: false, reason: "x")
            Issue.record("a project owner brought a system back from retirement")
        } catch let error as RinriError { #expect(error.code == "office_only" && error.kind == .forbidden) }
        // an office member who owns the system is governed by it
        do {
            _ = try PhaseChangePolicy.checkChange(from: .retired, to: .planning, isGovernanceOffice: true, isGoverned: true, reason: "x")
            Issue.record("an owner made an exception for their own system")
        } catch let error as RinriError { #expect(error.code == "own_exception") }
        // the office without a reason
        do {
            _ = try PhaseChangePolicy.checkChange(from: .retired, to: .planning, isGovernanceOffice: true, isGoverned: false, reason: "  ")
            Issue.record("an exception without a reason")
        } catch let error as RinriError { #expect(error.code == "reason_required" && error.kind == .invalid) }
        // the office with a reason: an exception to record
        let exception = try PhaseChangePolicy.checkChange(from: .retired, to: .operation, isGovernanceOffice: true, isGoverned: false,
                                                          reason: " Returned to service after a recall review ")
        #expect(exception == PhaseChangePolicy.Exception(kind: "leave_retirement", from: .retired, to: .operation,
                                                         reason: "Returned to service after a recall review"))
        // an ordinary move is no exception, whoever makes it
        #expect(try PhaseChangePolicy.checkChange(from: .planning, to: .development, isGovernanceOffice: false, isGoverned: true, reason: nil) == nil)
    }

    @Test func registeringPastPlanningIsForTheOffice() throws {
        #expect(try PhaseChangePolicy.checkRegistration(phase: .planning, isGovernanceOffice: false, isGoverned: true, reason: nil) == nil)
        for phase in LifecyclePhase.allCases where phase != .planning {
            do {
                _ = try PhaseChangePolicy.checkRegistration(phase: phase, isGovernanceOffice: false, isGoverned: false, reason: "legacy")
                Issue.record("a project owner registered a system in \(phase)")
            } catch let error as RinriError { #expect(error.code == "office_only") }
            #expect(try PhaseChangePolicy.checkRegistration(phase: phase, isGovernanceOffice: true, isGoverned: false,
                                                            reason: "In use since 2019")?.kind == "legacy_registration")
            // an office member who would own the system leaves its registration to another member
            let own = #expect(throws: RinriError.self) {
                _ = try PhaseChangePolicy.checkRegistration(phase: phase, isGovernanceOffice: true, isGoverned: true, reason: "Mine")
            }
            #expect(own?.code == "own_exception")
        }
    }

    @Test func anUngatedMoveHasNoBlockers() {
        let nothing = GateFacts(assessment: nil, openConditions: [GateFacts.Condition(title: "Fix it")],
                                risks: [GateFacts.Risk(title: "R", inherentLevel: .critical, countermeasures: 0, countermeasuresDone: 0)])
        #expect(PhaseGate.blockers(from: .release, to: .development, facts: nothing, countermeasuresRequiredAt: requiredAt).isEmpty)
        #expect(PhaseGate.blockers(from: .development, to: .retired, facts: nothing, countermeasuresRequiredAt: requiredAt).isEmpty)
        #expect(PhaseGate.blockers(from: .release, to: .release, facts: nothing, countermeasuresRequiredAt: requiredAt).isEmpty)
    }

    @Test func skippingAPhaseIsTheOnlyBlockerReported() {
        // even a fully approved phase cannot be skipped, and nothing else is listed
        let blockers = PhaseGate.blockers(from: .planning, to: .release, facts: approved(), countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [.skipsPhase(from: .planning, to: .release)])
        let worse = PhaseGate.blockers(from: .development, to: .operation, facts: GateFacts(assessment: nil), countermeasuresRequiredAt: requiredAt)
        #expect(worse == [.skipsPhase(from: .development, to: .operation)])
    }

    @Test func aPhaseWithoutAssessmentIsBlocked() {
        let blockers = PhaseGate.blockers(from: .planning, to: .development, facts: GateFacts(assessment: nil), countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [.noAssessment(phase: .planning)])
    }

    @Test(arguments: [AssessmentState.draft, .submitted, .inReview, .rejected])
    func anAssessmentThatIsNotApprovedBlocks(state: AssessmentState) {
        let facts = GateFacts(assessment: GateFacts.Assessment(state: state))
        let blockers = PhaseGate.blockers(from: .development, to: .release, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [.notApproved(phase: .development, state: state)])
    }

    @Test func bothKindsOfApprovalOpenTheGate() {
        for state in [AssessmentState.approved, .approvedWithConditions] {
            let facts = GateFacts(assessment: GateFacts.Assessment(state: state))
            #expect(PhaseGate.blockers(from: .release, to: .operation, facts: facts, countermeasuresRequiredAt: requiredAt).isEmpty)
        }
    }

    @Test func aStaleApprovalBlocks() {
        let facts = GateFacts(assessment: GateFacts.Assessment(state: .approvedWithConditions, staleReason: "new model version"))
        let blockers = PhaseGate.blockers(from: .release, to: .operation, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [.staleApproval(phase: .release, reason: "new model version")])
        #expect(blockers.first?.message.contains("new model version") == true)
        // an assessment that is not approved is reported as such, not as stale
        let draft = GateFacts(assessment: GateFacts.Assessment(state: .draft, staleReason: "new model version"))
        #expect(PhaseGate.blockers(from: .release, to: .operation, facts: draft, countermeasuresRequiredAt: requiredAt)
                == [.notApproved(phase: .release, state: .draft)])
    }

    @Test func openConditionsBlockInOrder() throws {
        let facts = approved(openConditions: [GateFacts.Condition(title: "Bias audit", due: "2026-03-31"), GateFacts.Condition(title: "User notice"),
                                              GateFacts.Condition(title: "Staff check", due: "2026-02-01", reported: true)])
        let blockers = PhaseGate.blockers(from: .planning, to: .development, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [.openCondition(title: "Bias audit", due: "2026-03-31"), .openCondition(title: "User notice", due: nil),
                             .conditionUnconfirmed(title: "Staff check")])
        try #require(blockers.count == 3)
        #expect(blockers[0].message.contains("Bias audit") && blockers[0].message.contains("2026-03-31"))
        #expect(blockers[1].message.contains("User notice") && !blockers[1].message.contains("due"))
        // a condition its owner reported done still holds the gate until the decider or the office confirms it
        #expect(blockers[2].message.contains("confirm"))
    }

    @Test func countermeasuresAreRequiredOnlyAtTheConfiguredLevels() throws {
        let risks = [
            GateFacts.Risk(title: "Biased scoring", inherentLevel: .high, countermeasures: 3, countermeasuresDone: 1),
            GateFacts.Risk(title: "Re-identification", inherentLevel: .critical, countermeasures: 0, countermeasuresDone: 0),
            GateFacts.Risk(title: "Treated", inherentLevel: .critical, countermeasures: 2, countermeasuresDone: 2),
            GateFacts.Risk(title: "Minor drift", inherentLevel: .medium, countermeasures: 0, countermeasuresDone: 0),
            GateFacts.Risk(title: "Typos", inherentLevel: .low, countermeasures: 1, countermeasuresDone: 0),
        ]
        let blockers = PhaseGate.blockers(from: .development, to: .release, facts: approved(risks: risks), countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [
            .countermeasuresOutstanding(risk: "Biased scoring", level: .high, outstanding: 2),
            .countermeasuresOutstanding(risk: "Re-identification", level: .critical, outstanding: 0),
        ])
        try #require(blockers.count == 2)
        // a risk with no countermeasure at all says so
        #expect(blockers[1].message.contains("no countermeasure"))
        #expect(blockers[0].message.contains("2 countermeasure"))

        // done but not verified: the gate waits for the second line
        let unverified = [GateFacts.Risk(title: "Proposed", inherentLevel: .high, countermeasures: 2, countermeasuresDone: 1, countermeasuresUnverified: 1),
                          GateFacts.Risk(title: "Half", inherentLevel: .critical, countermeasures: 3, countermeasuresDone: 1, countermeasuresUnverified: 1)]
        #expect(PhaseGate.blockers(from: .development, to: .release, facts: approved(risks: unverified), countermeasuresRequiredAt: requiredAt) == [
            .countermeasuresUnverified(risk: "Proposed", level: .high, unverified: 1),
            .countermeasuresOutstanding(risk: "Half", level: .critical, outstanding: 1),
        ])

        // with nothing configured no risk blocks; configuring medium makes the untreated medium risk block
        #expect(PhaseGate.blockers(from: .development, to: .release, facts: approved(risks: risks), countermeasuresRequiredAt: []).isEmpty)
        #expect(PhaseGate.blockers(from: .development, to: .release, facts: approved(risks: risks), countermeasuresRequiredAt: [.medium])
                == [.countermeasuresOutstanding(risk: "Minor drift", level: .medium, outstanding: 0)])
    }

    @Test func everyProblemIsListedTogether() {
        let facts = GateFacts(assessment: GateFacts.Assessment(state: .inReview), openConditions: [GateFacts.Condition(title: "Audit")],
                              risks: [GateFacts.Risk(title: "R", inherentLevel: .high, countermeasures: 1, countermeasuresDone: 0)])
        let blockers = PhaseGate.blockers(from: .operation, to: .retired, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(blockers.isEmpty, "retiring is never gated")
        let forward = PhaseGate.blockers(from: .release, to: .operation, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(forward.map(\.code) == ["not_approved", "open_condition", "countermeasures_outstanding"])
    }

    @Test func aProhibitedClassificationKeepsTheGateClosedWhateverIsApproved() {
        var facts = approved()
        facts.prohibitedIn = [.planning]
        #expect(PhaseGate.blockers(from: .development, to: .release, facts: facts, countermeasuresRequiredAt: requiredAt) == [.prohibited(phase: .planning)])
        #expect(GateBlocker.prohibited(phase: .planning).message.contains("re-classification"))
    }

    @Test func anApprovedPhaseWithEverythingDoneHasNoBlockers() {
        let facts = GateFacts(assessment: GateFacts.Assessment(state: .approved), openConditions: [],
                              risks: [GateFacts.Risk(title: "Biased scoring", inherentLevel: .high, countermeasures: 2, countermeasuresDone: 2),
                                      GateFacts.Risk(title: "Minor", inherentLevel: .low, countermeasures: 0, countermeasuresDone: 0)])
        for from in [LifecyclePhase.planning, .development, .release] {
            #expect(PhaseGate.blockers(from: from, to: PhaseGate.next(after: from)!, facts: facts, countermeasuresRequiredAt: requiredAt).isEmpty)
        }
    }

    @Test func blockerCodesAndMessages() {
        let all: [(GateBlocker, String)] = [
            (.skipsPhase(from: .planning, to: .release), "skips_phase"),
            (.noAssessment(phase: .planning), "no_assessment"),
            (.notApproved(phase: .development, state: .inReview), "not_approved"),
            (.staleApproval(phase: .release, reason: "incident linked"), "stale_approval"),
            (.openCondition(title: "Audit", due: "2026-01-31"), "open_condition"),
            (.countermeasuresOutstanding(risk: "R", level: .high, outstanding: 1), "countermeasures_outstanding"),
            (.countermeasuresOutstanding(risk: "R", level: .critical, outstanding: 0), "countermeasures_outstanding"),
            (.leavesRetirement(to: .operation), "leaves_retirement"),
            (.prohibited(phase: .planning), "prohibited"),
            (.conditionUnconfirmed(title: "Audit"), "condition_unconfirmed"),
            (.countermeasuresUnverified(risk: "R", level: .high, unverified: 1), "countermeasures_unverified"),
        ]
        for (blocker, code) in all {
            #expect(blocker.code == code)
            #expect(!blocker.message.isEmpty)
        }
        #expect(Set(all.map(\.0.code)).count == 10)
        // messages carry the facts a person needs to act
        #expect(GateBlocker.notApproved(phase: .development, state: .inReview).message.contains("in review"))
        #expect(GateBlocker.skipsPhase(from: .planning, to: .release).message.contains("release"))
        #expect(GateBlocker.noAssessment(phase: .operation).message.contains("operation"))
    }
}

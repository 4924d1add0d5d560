import RinriCore
import Testing

private let requiredAt: [RiskLevel] = [.high, .critical]

private func approved(openConditions: [(title: String, due: String?)] = [], risks: [GateFacts.Risk] = []) -> GateFacts {
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

    @Test func onlyForwardMovesAreGated() {
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
    }

    @Test func anUngatedMoveHasNoBlockers() {
        let nothing = GateFacts(assessment: nil, openConditions: [(title: "Fix it", due: nil)],
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
        let facts = approved(openConditions: [(title: "Bias audit", due: "2026-03-31"), (title: "User notice", due: nil)])
        let blockers = PhaseGate.blockers(from: .planning, to: .development, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(blockers == [.openCondition(title: "Bias audit", due: "2026-03-31"), .openCondition(title: "User notice", due: nil)])
        try #require(blockers.count == 2)
        #expect(blockers[0].message.contains("Bias audit") && blockers[0].message.contains("2026-03-31"))
        #expect(blockers[1].message.contains("User notice") && !blockers[1].message.contains("due"))
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

        // with nothing configured no risk blocks; configuring medium makes the untreated medium risk block
        #expect(PhaseGate.blockers(from: .development, to: .release, facts: approved(risks: risks), countermeasuresRequiredAt: []).isEmpty)
        #expect(PhaseGate.blockers(from: .development, to: .release, facts: approved(risks: risks), countermeasuresRequiredAt: [.medium])
                == [.countermeasuresOutstanding(risk: "Minor drift", level: .medium, outstanding: 0)])
    }

    @Test func everyProblemIsListedTogether() {
        let facts = GateFacts(assessment: GateFacts.Assessment(state: .inReview), openConditions: [(title: "Audit", due: nil)],
                              risks: [GateFacts.Risk(title: "R", inherentLevel: .high, countermeasures: 1, countermeasuresDone: 0)])
        let blockers = PhaseGate.blockers(from: .operation, to: .retired, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(blockers.isEmpty, "retiring is never gated")
        let forward = PhaseGate.blockers(from: .release, to: .operation, facts: facts, countermeasuresRequiredAt: requiredAt)
        #expect(forward.map(\.code) == ["not_approved", "open_condition", "countermeasures_outstanding"])
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
        ]
        for (blocker, code) in all {
            #expect(blocker.code == code)
            #expect(!blocker.message.isEmpty)
        }
        #expect(Set(all.map(\.0.code)).count == 6)
        // messages carry the facts a person needs to act
        #expect(GateBlocker.notApproved(phase: .development, state: .inReview).message.contains("in review"))
        #expect(GateBlocker.skipsPhase(from: .planning, to: .release).message.contains("release"))
        #expect(GateBlocker.noAssessment(phase: .operation).message.contains("operation"))
    }
}

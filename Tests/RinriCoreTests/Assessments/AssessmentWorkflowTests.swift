import RinriCore
import Testing

private let owner = AssessmentActor(ownsSystem: true, isGovernanceOffice: false, chairsDecidingBody: false)
private let office = AssessmentActor(ownsSystem: false, isGovernanceOffice: true, chairsDecidingBody: false)
private let chair = AssessmentActor(ownsSystem: false, isGovernanceOffice: false, chairsDecidingBody: true)
private let everything = AssessmentActor(ownsSystem: true, isGovernanceOffice: true, chairsDecidingBody: true)
private let decisions: [AssessmentTransition] = [.approve, .approveWithConditions, .reject]

/// Runs `check` and returns the error it threw, recording an issue when it did not throw one.
private func refusal(_ transition: AssessmentTransition, route: ApprovalRoute?, actor: AssessmentActor,
                     from state: AssessmentState? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> RinriError? {
    #expect(throws: RinriError.self, "\(transition.rawValue) by \(actor) on route \(route?.rawValue ?? "nil")",
            sourceLocation: sourceLocation) {
        try AssessmentWorkflow.check(transition, from: state ?? transition.from, route: route, actor: actor)
    }
}

private func allowed(_ transition: AssessmentTransition, route: ApprovalRoute?, actor: AssessmentActor,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: Never.self, "\(transition.rawValue) by \(actor) on route \(route?.rawValue ?? "nil")", sourceLocation: sourceLocation) {
        try AssessmentWorkflow.check(transition, from: transition.from, route: route, actor: actor)
    }
    #expect(AssessmentWorkflow.mayMake(transition, route: route, actor: actor), sourceLocation: sourceLocation)
}

private func forbidden(_ transition: AssessmentTransition, route: ApprovalRoute?, actor: AssessmentActor,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    let error = refusal(transition, route: route, actor: actor, sourceLocation: sourceLocation)
    #expect(error?.kind == .forbidden, sourceLocation: sourceLocation)
    #expect(error?.code == "forbidden", sourceLocation: sourceLocation)
    #expect(!AssessmentWorkflow.mayMake(transition, route: route, actor: actor), sourceLocation: sourceLocation)
}

@Suite("Assessment workflow")
struct AssessmentWorkflowTests {
    @Test(arguments: [
        (AssessmentTransition.submit, AssessmentState.draft, AssessmentState.submitted),
        (.withdraw, .submitted, .draft),
        (.startReview, .submitted, .inReview),
        (.approve, .inReview, .approved),
        (.approveWithConditions, .inReview, .approvedWithConditions),
        (.reject, .inReview, .rejected),
        (.reopen, .rejected, .draft),
    ])
    func transitionsMoveBetweenTheDocumentedStates(transition: AssessmentTransition, from: AssessmentState, to: AssessmentState) {
        #expect(transition.from == from)
        #expect(transition.to == to)
    }

    @Test func theTransitionsAndStatesArePinned() {
        #expect(AssessmentTransition.allCases.map(\.rawValue)
                == ["submit", "withdraw", "start_review", "approve", "approve_with_conditions", "reject", "reopen"])
        #expect(AssessmentState.allCases.map(\.rawValue)
                == ["draft", "submitted", "in_review", "approved", "approved_with_conditions", "rejected"])
        #expect(AssessmentTransition.allCases.filter(\.isDecision) == decisions)
    }

    @Test func stateFlags() {
        #expect(AssessmentState.allCases.filter(\.isApproved) == [.approved, .approvedWithConditions])
        #expect(AssessmentState.allCases.filter(\.isDecided) == [.approved, .approvedWithConditions, .rejected])
        #expect(AssessmentState.allCases.filter(\.isEditable) == [.draft])
    }

    @Test func theDecisionForADecidedState() {
        #expect(AssessmentTransition.decision(for: .approved) == .approve)
        #expect(AssessmentTransition.decision(for: .approvedWithConditions) == .approveWithConditions)
        #expect(AssessmentTransition.decision(for: .rejected) == .reject)
        for state in [AssessmentState.draft, .submitted, .inReview] {
            #expect(AssessmentTransition.decision(for: state) == nil)
        }
    }

    @Test(arguments: AssessmentTransition.allCases)
    func aTransitionFromAnyOtherStateIsAConflict(transition: AssessmentTransition) {
        // the actor may do everything, so only the state can stand in the way
        for state in AssessmentState.allCases where state != transition.from {
            let error = refusal(transition, route: .selfCheck, actor: everything, from: state)
            #expect(error?.kind == .conflict)
            #expect(error?.code == "invalid_transition")
            #expect(error?.message.contains(state.rawValue) == true)
        }
        allowed(transition, route: .selfCheck, actor: everything)
    }

    @Test(arguments: [AssessmentTransition.submit, .withdraw, .reopen])
    func onlyTheOwnerSubmitsWithdrawsAndReopens(transition: AssessmentTransition) {
        for route: ApprovalRoute? in [.selfCheck, .governanceOffice, .committee, nil] {
            allowed(transition, route: route, actor: owner)
            forbidden(transition, route: route, actor: office)
            forbidden(transition, route: route, actor: chair)
        }
    }

    @Test func aSelfCheckIsReviewedAndDecidedByTheOwner() {
        allowed(.startReview, route: .selfCheck, actor: owner)
        forbidden(.startReview, route: .selfCheck, actor: office)
        forbidden(.startReview, route: .selfCheck, actor: chair)
        for decision in decisions {
            allowed(decision, route: .selfCheck, actor: owner)
            forbidden(decision, route: .selfCheck, actor: office)
            forbidden(decision, route: .selfCheck, actor: chair)
        }
    }

    @Test func anOfficeCaseIsReviewedAndDecidedByTheOffice() {
        allowed(.startReview, route: .governanceOffice, actor: office)
        forbidden(.startReview, route: .governanceOffice, actor: owner)
        forbidden(.startReview, route: .governanceOffice, actor: chair)
        for decision in decisions {
            allowed(decision, route: .governanceOffice, actor: office)
            forbidden(decision, route: .governanceOffice, actor: owner)
            forbidden(decision, route: .governanceOffice, actor: chair)
        }
    }

    @Test func aCommitteeCaseIsDecidedByTheChairOnly() {
        allowed(.startReview, route: .committee, actor: chair)
        allowed(.startReview, route: .committee, actor: office)
        forbidden(.startReview, route: .committee, actor: owner)
        for decision in decisions {
            allowed(decision, route: .committee, actor: chair)
            forbidden(decision, route: .committee, actor: office)
            forbidden(decision, route: .committee, actor: owner)
        }
        // owning the system and holding the office role does not make one the chair
        let ownerInOffice = AssessmentActor(ownsSystem: true, isGovernanceOffice: true, chairsDecidingBody: false)
        for decision in decisions { forbidden(decision, route: .committee, actor: ownerInOffice) }
    }

    @Test func theForbiddenMessageNamesTheRoute() {
        let error = refusal(.approve, route: .committee, actor: office)
        #expect(error?.message.contains("committee") == true)
    }

    @Test func anUnroutedCaseIsDecidedByNobody() {
        for actor in [owner, office, chair, everything] {
            forbidden(.startReview, route: nil, actor: actor)
            for decision in decisions { forbidden(decision, route: nil, actor: actor) }
        }
    }
}

@Suite("Committee rules")
struct CommitteeRulesTests {
    private func conflict(_ decision: AssessmentTransition, _ votes: [Vote], quorum: Int = 3) -> RinriError? {
        #expect(throws: RinriError.self, "\(decision.rawValue) with \(votes.map(\.rawValue))") {
            try CommitteeRules.check(decision: decision, votes: votes, quorum: quorum)
        }
    }

    private func accepted(_ decision: AssessmentTransition, _ votes: [Vote], quorum: Int = 3) {
        #expect(throws: Never.self, "\(decision.rawValue) with \(votes.map(\.rawValue))") {
            try CommitteeRules.check(decision: decision, votes: votes, quorum: quorum)
        }
    }

    @Test func aDecisionNeedsTheQuorum() {
        for votes in [[Vote](), [.approve], [.approve, .approve], [.abstain, .abstain]] {
            let error = conflict(.approve, votes)
            #expect(error?.kind == .conflict)
            #expect(error?.code == "quorum_not_met")
        }
        #expect(conflict(.reject, [.reject, .reject])?.code == "quorum_not_met")
        accepted(.approve, [.approve, .approve, .approve])
        accepted(.approve, [.approve, .approve], quorum: 2)
    }

    @Test func abstentionsCountTowardsTheQuorum() {
        accepted(.approve, [.approve, .abstain, .abstain])
        accepted(.reject, [.reject, .abstain, .abstain])
        accepted(.approveWithConditions, [.approveWithConditions, .abstain, .abstain, .abstain], quorum: 4)
    }

    @Test func aRejectMajorityCannotBeApproved() {
        let votes: [Vote] = [.reject, .reject, .approve]
        for decision in [AssessmentTransition.approve, .approveWithConditions] {
            let error = conflict(decision, votes)
            #expect(error?.kind == .conflict)
            #expect(error?.code == "against_votes")
        }
        accepted(.reject, votes)
        // abstentions do not help the minority
        #expect(conflict(.approve, [.reject, .abstain, .abstain, .abstain])?.code == "against_votes")
    }

    @Test func anApproveMajorityCannotBeRejected() {
        // approvals with and without conditions count together
        let votes: [Vote] = [.approve, .approveWithConditions, .reject]
        let error = conflict(.reject, votes)
        #expect(error?.kind == .conflict)
        #expect(error?.code == "against_votes")
        accepted(.approve, votes)
        accepted(.approveWithConditions, votes)
        #expect(conflict(.reject, [.approveWithConditions, .abstain, .abstain])?.code == "against_votes")
    }

    @Test func aTieMayGoEitherWay() {
        for votes in [[Vote.approve, .reject, .abstain], [.approveWithConditions, .reject, .approve, .reject], [.abstain, .abstain, .abstain]] {
            for decision in [AssessmentTransition.approve, .approveWithConditions, .reject] {
                accepted(decision, votes)
            }
        }
    }
}

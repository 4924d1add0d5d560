import RinriCore
import Testing

@Suite("Risk scoring")
struct RiskScoringTests {
    @Test(arguments: [
        (1, 1, 1, RiskLevel.low), (2, 2, 1, .low), (2, 2, 2, .medium), (3, 2, 2, .medium), (3, 3, 3, .high),
        (4, 4, 1, .high), (4, 4, 3, .critical), (3, 1, 4, .critical), (2, 4, 4, .high), (4, 4, 4, .critical),
    ])
    func severityLevelsArePinned(scale: Int, scope: Int, irremediability: Int, expected: RiskLevel) throws {
        #expect(try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability).level == expected)
    }

    @Test func theMatrixIsPinned() throws {
        let medium = try HarmSeverity(scale: 2, scope: 2, irremediability: 2)
        #expect((1...4).map { RiskScoring.level(medium, likelihood: $0) } == [.low, .medium, .medium, .high])
        let high = try HarmSeverity(scale: 3, scope: 3, irremediability: 3)
        #expect((1...4).map { RiskScoring.level(high, likelihood: $0) } == [.high, .high, .high, .critical])
        let critical = try HarmSeverity(scale: 4, scope: 4, irremediability: 4)
        #expect((1...4).map { RiskScoring.level(critical, likelihood: $0) } == [.high, .critical, .critical, .critical])
    }

    /// A possible death for a few people (scale 4, scope 1, irremediability 3), rare: the sum (8) alone would say medium
    /// and the likelihood would lower it to low; one extreme dimension makes it high, and a rare likelihood keeps it high.
    @Test func anExtremeDimensionIsNotHiddenBySumOrLikelihood() throws {
        let death = try HarmSeverity(scale: 4, scope: 1, irremediability: 3)
        #expect(death.score == 8 && death.level == .high)
        #expect(RiskScoring.level(death, likelihood: 1) == .high)
        for (scale, scope, irremediability) in [(4, 1, 1), (1, 4, 1), (1, 1, 4)] {
            #expect(try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability).level == .high)
        }
        #expect(try HarmSeverity(scale: 3, scope: 1, irremediability: 4).level == .critical)
    }

    /// Walks all 256 ratings: severity sets priority, likelihood only ever raises it.
    @Test func everyRatingFollowsTheRule() throws {
        for scale in 1...4 {
            for scope in 1...4 {
                for irremediability in 1...4 {
                    let severity = try HarmSeverity(scale: scale, scope: scope, irremediability: irremediability)
                    if max(scale, scope, irremediability) == 4 { #expect(severity.level >= .high, "\(scale)/\(scope)/\(irremediability)") }
                    if scale >= 3 && irremediability == 4 { #expect(severity.level == .critical) }
                    var previous = RiskLevel.low
                    for likelihood in 1...4 {
                        let level = RiskScoring.level(severity, likelihood: likelihood)
                        if severity.level >= .high { #expect(level >= .high, "\(scale)/\(scope)/\(irremediability) at \(likelihood)") }
                        #expect(level >= previous, "a higher likelihood never lowers the level")
                        previous = level
                    }
                }
            }
        }
    }

    @Test func residualLevelFollowsTheCountermeasuresThatAreDone() throws {
        // given: a high-severity (3,3,3) risk that is likely (3): inherent high
        let severity = try HarmSeverity(scale: 3, scope: 3, irremediability: 3)
        #expect(RiskScoring.level(severity, likelihood: 3) == .high)
        // when: two countermeasures lower the likelihood and one the scope
        let residual = RiskScoring.residualLevel(severity, likelihood: 3, doneEffects: [.likelihood, .likelihood, .scope])
        // then: severity (3,2,3) = 8 → medium, likelihood 1 → low
        #expect(residual == .low)
        // and nothing goes below 1
        let (floor, likelihood) = RiskScoring.residual(severity, likelihood: 1, doneEffects: Array(repeating: .scale, count: 5) + [.likelihood])
        #expect(floor.scale == 1 && likelihood == 1)
    }

    @Test func irremediabilityIsNeverReduced() throws {
        let grave = try HarmSeverity(scale: 3, scope: 1, irremediability: 4)
        let (reduced, _) = RiskScoring.residual(grave, likelihood: 2, doneEffects: RiskScoring.Effect.allCases)
        #expect(reduced.irremediability == 4)
        #expect(reduced.scale == 2)
    }

    @Test func componentsOutsideOneToFourAreRefused() {
        #expect(throws: RinriError.self) { try HarmSeverity(scale: 0, scope: 2, irremediability: 2) }
        #expect(throws: RinriError.self) { try HarmSeverity(scale: 2, scope: 5, irremediability: 2) }
    }
}

@Suite("Approval policy")
struct ApprovalPolicyTests {
    @Test func theBundledPolicyRoutesBySeverity() throws {
        let policy = try ApprovalPolicy.bundled()
        #expect(try policy.route(level: .low, phase: .planning).route == .selfCheck)
        #expect(try policy.route(level: .medium, phase: .release).route == .governanceOffice)
        let committee = try policy.route(level: .high, phase: .development)
        #expect(committee.route == .committee && committee.body == "ai-ethics-committee" && committee.quorum == 3)
        #expect(ApprovalPolicy.caseLevel([.low, .high, .medium]) == .high)
        #expect(ApprovalPolicy.caseLevel([]) == .low)
    }

    @Test func phaseSpecificRulesComeFirst() throws {
        let policy = try ApprovalPolicy.load(yaml: """
        version: 2
        rules:
          - levels: [medium]
            phases: [release]
            route: committee
            body: steering-committee
            quorum: 2
          - levels: [low, medium]
            route: governance_office
          - levels: [high, critical]
            route: committee
            body: ai-ethics-committee
            quorum: 3
        """)
        #expect(try policy.route(level: .medium, phase: .release).body == "steering-committee")
        #expect(try policy.route(level: .medium, phase: .planning).route == .governanceOffice)
    }

    @Test func incompleteOrInconsistentPoliciesAreRefused() {
        do {
            _ = try ApprovalPolicy.load(yaml: "version: 1\nrules:\n  - levels: [low]\n    route: self_check\n  - levels: [high]\n    route: committee\n")
            Issue.record("an incomplete policy must not load")
        } catch let error as RinriError {
            #expect(error.issues.contains { $0.field == "rules[1].body" })
            #expect(error.issues.contains { $0.code == "incomplete" && $0.message.contains("medium") })
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: RinriError.self) { try ApprovalPolicy.load(yaml: "version: 1\nrules: [{levels: [low], route: boss}]") }
    }
}

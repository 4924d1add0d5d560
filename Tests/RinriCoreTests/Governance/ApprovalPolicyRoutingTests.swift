import RinriCore
import Testing

private func loadError(_ yaml: String) -> RinriError? {
    #expect(throws: RinriError.self) { try ApprovalPolicy.load(yaml: yaml) }
}

@Suite("Approval policy routing")
struct ApprovalPolicyRoutingTests {
    @Test(arguments: LifecyclePhase.allCases)
    func theBundledPolicyRoutesEveryLevelInEveryPhase(phase: LifecyclePhase) throws {
        let policy = try ApprovalPolicy.bundled()
        let low = try policy.route(level: .low, phase: phase)
        #expect(low.route == .selfCheck && low.body == nil && low.quorum == nil)
        let medium = try policy.route(level: .medium, phase: phase)
        #expect(medium.route == .governanceOffice && medium.body == nil)
        for level in [RiskLevel.high, .critical] {
            let rule = try policy.route(level: level, phase: phase)
            #expect(rule.route == .committee)
            #expect(rule.body == "ai-ethics-committee")
            #expect(rule.quorum == 3)
        }
    }

    @Test func theBundledPolicyRequiresCountermeasuresAtHighAndCritical() throws {
        let policy = try ApprovalPolicy.bundled()
        #expect(policy.countermeasuresRequiredAt == [.high, .critical])
        #expect(throws: Never.self) { try policy.validate() }
    }

    @Test func theBundledCommitteeIsABundledBody() throws {
        let keys = Set(try GovernanceBodyInput.bundled().map(\.key))
        let policy = try ApprovalPolicy.bundled()
        for rule in policy.rules where rule.route == .committee {
            #expect(keys.contains(rule.body ?? ""))
        }
    }

    @Test func aPolicyWithoutARuleForCriticalIsRefused() {
        let error = loadError("""
        version: 1
        rules:
          - levels: [low]
            route: self_check
          - levels: [medium]
            route: governance_office
          - levels: [high]
            route: committee
            body: ai-ethics-committee
            quorum: 3
        """)
        #expect(error?.kind == .invalid)
        #expect(error?.code == "incomplete")
        #expect(error?.field == "rules")
        // one problem per phase, each naming the missing level and the phase
        #expect(error?.issues.count == LifecyclePhase.allCases.count)
        for phase in LifecyclePhase.allCases {
            #expect(error?.issues.contains { $0.code == "incomplete" && $0.message.contains("critical") && $0.message.contains(phase.rawValue) } == true)
        }
        #expect(error?.issues.allSatisfy { !$0.message.contains("high") && !$0.message.contains("medium") } == true)
        #expect(error?.message.contains("critical") == true)
    }

    @Test func aLevelRoutedInSomePhasesOnlyIsRefused() {
        let error = loadError("""
        version: 1
        rules:
          - levels: [low, medium]
            route: governance_office
          - levels: [high, critical]
            phases: [planning, development]
            route: committee
            body: ai-ethics-committee
            quorum: 3
        """)
        #expect(error?.code == "incomplete")
        let missing = error?.issues.map(\.message) ?? []
        #expect(missing.count == 6) // high and critical in release, operation and retired
        #expect(missing.allSatisfy { !$0.contains("planning") && !$0.contains("development") })
    }

    @Test func routeRefusesACaseNoRuleCovers() throws {
        // a policy decoded without load() is not validated; route() still refuses the gap
        let policy = try ApprovalPolicy.bundled()
        let partial = ApprovalPolicy(version: 9, rules: policy.rules.filter { !$0.levels.contains(.medium) })
        let error = #expect(throws: RinriError.self) { try partial.route(level: .medium, phase: .release) }
        #expect(error?.kind == .conflict)
        #expect(error?.code == "no_route")
        #expect(error?.message.contains("medium") == true)
        #expect(throws: RinriError.self) { try partial.validate() }
    }

    @Test func aCommitteeRuleNeedsABodyAndAQuorum() {
        let noBody = loadError("""
        version: 1
        rules:
          - levels: [low, medium, high, critical]
            route: committee
            quorum: 3
        """)
        #expect(noBody?.kind == .invalid)
        #expect(noBody?.issues.map(\.field) == ["rules[0].body"])
        #expect(noBody?.code == "required")

        let noQuorum = loadError("""
        version: 1
        rules:
          - levels: [low, medium, high, critical]
            route: committee
            body: ai-ethics-committee
        """)
        #expect(noQuorum?.issues.map(\.field) == ["rules[0].quorum"])
        #expect(noQuorum?.code == "out_of_range")

        let zeroQuorum = loadError("""
        version: 1
        rules:
          - levels: [low, medium]
            route: self_check
          - levels: [high, critical]
            route: committee
            body: ""
            quorum: 0
        """)
        #expect(zeroQuorum?.issues.map(\.field) == ["rules[1].body", "rules[1].quorum"])
    }

    @Test func aRuleWithoutLevelsIsRefused() {
        let error = loadError("""
        version: 1
        rules:
          - levels: []
            route: self_check
          - levels: [low, medium, high, critical]
            route: governance_office
        """)
        #expect(error?.issues.map(\.field) == ["rules[0].levels"])
    }

    @Test func theFirstMatchingRuleWins() throws {
        let policy = try ApprovalPolicy.load(yaml: """
        version: 3
        rules:
          - levels: [medium]
            phases: [release, operation]
            route: committee
            body: ai-ethics-steering-committee
            quorum: 2
          - levels: [low, medium]
            route: governance_office
          - levels: [high, critical]
            route: committee
            body: ai-ethics-committee
            quorum: 3
          - levels: [high]
            phases: [release]
            route: governance_office
        """)
        #expect(policy.version == 3)
        #expect(policy.countermeasuresRequiredAt.isEmpty)
        // the phase-specific rule comes first, so it wins in its phases only
        let release = try policy.route(level: .medium, phase: .release)
        #expect(release.route == .committee && release.body == "ai-ethics-steering-committee" && release.quorum == 2)
        #expect(try policy.route(level: .medium, phase: .operation).body == "ai-ethics-steering-committee")
        #expect(try policy.route(level: .medium, phase: .development).route == .governanceOffice)
        #expect(try policy.route(level: .low, phase: .release).route == .governanceOffice)
        // the phase-specific rule after a general one is never reached
        #expect(try policy.route(level: .high, phase: .release).route == .committee)
    }

    @Test func anEmptyPhaseListCoversEveryPhase() throws {
        let policy = try ApprovalPolicy.load(yaml: """
        version: 1
        rules:
          - levels: [low, medium, high, critical]
            phases: []
            route: governance_office
        countermeasures_required_at: [critical]
        """)
        for phase in LifecyclePhase.allCases {
            #expect(try policy.route(level: .critical, phase: phase).route == .governanceOffice)
        }
        #expect(policy.countermeasuresRequiredAt == [.critical])
    }

    @Test func yamlThatDoesNotDecodeIsRefused() {
        for yaml in ["version: 1\nrules: [{levels: [low], route: boss}]", "rules: []", "version: 1\nrules:\n  - levels: [extreme]\n    route: self_check", ": : :"] {
            let error = loadError(yaml)
            #expect(error?.kind == .invalid)
            #expect(error?.code == "invalid_yaml")
            #expect(error?.field == "yaml")
            let problems = error?.arguments["problems"] ?? ""
            #expect(problems.hasPrefix("line "), "\(yaml)")
        }
    }

    @Test func theCaseLevelIsTheHighestResidualLevel() {
        #expect(ApprovalPolicy.caseLevel([.medium, .critical, .low]) == .critical)
        #expect(ApprovalPolicy.caseLevel([.medium]) == .medium)
        #expect(ApprovalPolicy.caseLevel([]) == .low)
    }
}

@Suite("Approval policy YAML")
struct ApprovalPolicyYAMLTests {
    @Test func everyProblemNamesItsLine() {
        // given: a wrong route on line 4, an unknown key on line 5 and a quorum that is not a number on line 8
        let error = loadError("""
        version: 1
        rules:
          - levels: [low, medium]
            route: self_service
            approver: me
          - levels: [high, critical]
            route: committee
            quorum: three
        """)
        #expect(error?.code == "invalid_yaml")
        #expect(error?.field == "yaml")
        let problems = error?.arguments["problems"] ?? ""
        #expect(problems.contains("line 4: rules[0].route: 'self_service' is not one of"))
        #expect(problems.contains("line 5: rules[0].approver: unknown key"))
        #expect(problems.contains("line 8: rules[1].quorum: must be an integer"))
    }

    @Test func yamlThatDoesNotParseNamesTheLine() {
        let error = loadError("version: 1\nrules:\n  - levels: [low\n    route: self_check\n")
        #expect(error?.code == "invalid_yaml")
        let problems = error?.arguments["problems"] ?? ""
        #expect(problems.hasPrefix("line "), "\(problems)")
    }

    @Test func anIncompletePolicyPlacesEachProblemOnItsRule() {
        let error = loadError("""
        version: 1
        rules:
          - levels: [low, medium, high, critical]
            route: committee
            body: ai-ethics-committee
            quorum: 0
        """)
        #expect(error?.code == "out_of_range")
        #expect(error?.issues.first?.message.hasPrefix("line 6: ") == true || error?.issues.first?.message.hasPrefix("line 3: ") == true)
    }
}

import Foundation
import Yams

/// Who decides a case at a phase gate.
public enum ApprovalRoute: String, Codable, Sendable, CaseIterable {
    /// The project owner's own check.
    case selfCheck = "self_check"
    /// The AI governance office.
    case governanceOffice = "governance_office"
    /// A committee decision (the AI Ethics Committee), with a quorum.
    case committee
}

/// Which body decides which case: rules by residual risk level and lifecycle phase, tried in order.
///
/// The policy is data (`Resources/Governance/approval-policy.yaml` by default), edited by
/// administrators and the governance office; no routing rule is a code constant.
public struct ApprovalPolicy: Codable, Sendable, Equatable {
    public struct Rule: Codable, Sendable, Equatable {
        /// The residual levels this rule covers.
        public var levels: [RiskLevel]
        /// The phases it covers; nil or empty means every phase.
        public var phases: [LifecyclePhase]?
        public var route: ApprovalRoute
        /// The deciding body's id, for committee routes.
        public var body: String?
        /// Votes needed for a committee decision.
        public var quorum: Int?
    }

    public var version: Int
    public var rules: [Rule]
    /// Inherent risk levels whose risks need every countermeasure done (and at least one) before a gate opens.
    public var countermeasuresRequiredAt: [RiskLevel]

    enum CodingKeys: String, CodingKey {
        case version, rules
        case countermeasuresRequiredAt = "countermeasures_required_at"
    }

    public init(version: Int, rules: [Rule], countermeasuresRequiredAt: [RiskLevel] = []) {
        self.version = version
        self.rules = rules
        self.countermeasuresRequiredAt = countermeasuresRequiredAt
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        rules = try container.decode([Rule].self, forKey: .rules)
        countermeasuresRequiredAt = try container.decodeIfPresent([RiskLevel].self, forKey: .countermeasuresRequiredAt) ?? []
    }

    /// The first rule covering the case's level and phase.
    ///
    /// - Throws: ``RinriError`` (`conflict`, `no_route`) when no rule covers it: a policy must be complete.
    public func route(level: RiskLevel, phase: LifecyclePhase) throws -> Rule {
        guard let rule = rules.first(where: { $0.levels.contains(level) && ($0.phases?.isEmpty != false || $0.phases!.contains(phase)) }) else {
            throw RinriError.conflict(code: "no_route", "the approval policy has no rule for a \(level.rawValue) case in \(phase.rawValue)")
        }
        return rule
    }

    /// The level a case is decided at: the highest residual level of its risks, low when it has none.
    public static func caseLevel(_ residualLevels: [RiskLevel]) -> RiskLevel {
        residualLevels.max() ?? .low
    }

    /// The level a case is routed at when it is submitted: the highest of the inherent level of
    /// every risk its answers raise, as the template raises it (whatever the register entry was
    /// edited to since), and the residual level of the system's register risks that count
    /// (``RiskRecord/counts``), where countermeasures at high and critical levels count only once
    /// verified. What the owner edited can raise the level, never lower it below what the answers raised.
    public static func caseLevel(raised: [RaisedRisk], register: [RiskRecord]) -> RiskLevel {
        caseLevel(raised.compactMap(\.inherentLevel) + register.filter(\.counts).map(\.residualLevel))
    }

    /// Checks that every level is routed in every phase and committee rules name a body and a quorum ≥ 1.
    ///
    /// - Throws: ``RinriError`` (`invalid`) listing every problem.
    public func validate() throws {
        var v = Validator()
        for (index, rule) in rules.enumerated() {
            if rule.levels.isEmpty { v.add("rules[\(index)].levels", "required", "rule \(index + 1) covers no level") }
            if rule.route == .committee {
                if (rule.body ?? "").isEmpty { v.add("rules[\(index)].body", "required", "rule \(index + 1) routes to a committee but names no body") }
                if (rule.quorum ?? 0) < 1 { v.add("rules[\(index)].quorum", "out_of_range", "rule \(index + 1) needs a quorum of at least 1") }
            }
        }
        for phase in LifecyclePhase.allCases {
            for level in RiskLevel.allCases where (try? route(level: level, phase: phase)) == nil {
                v.add("rules", "incomplete", "no rule routes a \(level.rawValue) case in \(phase.rawValue)")
            }
        }
        try v.check()
    }

    /// Reads a policy from YAML and validates it.
    ///
    /// - Throws: ``RinriError`` `invalid_yaml` naming the line of every problem when the YAML does not
    ///   parse or a key or value is wrong; the problems of ``validate()`` (an incomplete policy), each
    ///   with the line of the rule it concerns.
    public static func load(yaml: String) throws -> ApprovalPolicy {
        let (policy, lint) = try YAMLDocument.read(yaml, field: "yaml", read)
        do {
            try policy.validate()
        } catch var error as RinriError {
            // the same problems, each placed on the line of the rule it concerns
            error.issues = error.issues.map { FieldIssue(field: $0.field, code: $0.code, message: "line \(lint.line(of: $0.field)): \($0.message)") }
            error.message = error.issues.map(\.message).joined(separator: "; ")
            throw error
        }
        return policy
    }

    private static func read(_ reader: YAMLNodeReader, _ root: Node) -> ApprovalPolicy? {
        guard let entries = reader.mapping(root, "", allowed: ["version", "rules", "countermeasures_required_at"],
                                           required: ["version", "rules"]) else { return nil }
        let version = entries["version"].flatMap { reader.int($0, "version") }
        let rules = entries["rules"].flatMap { reader.sequence($0, "rules") }?.map { readRule(reader, $0.node, $0.path) }
        let required = entries["countermeasures_required_at"].flatMap { reader.sequence($0, "countermeasures_required_at") }?
            .map { reader.enumeration($0.node, $0.path, RiskLevel.self) } ?? []
        guard let version, let rules, !reader.lint.hasErrors else { return nil }
        return ApprovalPolicy(version: version, rules: rules.compactMap { $0 }, countermeasuresRequiredAt: required.compactMap { $0 })
    }

    private static func readRule(_ reader: YAMLNodeReader, _ node: Node, _ path: String) -> Rule? {
        guard let entries = reader.mapping(node, path, allowed: ["levels", "phases", "route", "body", "quorum"],
                                           required: ["levels", "route"]) else { return nil }
        let levels = entries["levels"].flatMap { reader.sequence($0, "\(path).levels") }?.map { reader.enumeration($0.node, $0.path, RiskLevel.self) }
        let phases = entries["phases"].flatMap { reader.sequence($0, "\(path).phases") }?.map { reader.enumeration($0.node, $0.path, LifecyclePhase.self) }
        let route = entries["route"].flatMap { reader.enumeration($0, "\(path).route", ApprovalRoute.self) }
        let body = entries["body"].flatMap { reader.string($0, "\(path).body") }
        let quorum = entries["quorum"].flatMap { reader.int($0, "\(path).quorum") }
        guard let levels, let route else { return nil }
        return Rule(levels: levels.compactMap { $0 }, phases: phases?.compactMap { $0 }, route: route, body: body, quorum: quorum)
    }

    /// The policy shipped with Rinri.
    public static func bundled() throws -> ApprovalPolicy {
        guard let url = RinriResources.url("Governance/approval-policy.yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RinriError.notFound("the bundled approval policy")
        }
        return try load(yaml: text)
    }
}

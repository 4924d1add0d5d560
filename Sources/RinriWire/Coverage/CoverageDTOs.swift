import Foundation
import RinriCore

extension API {
    public struct CoverageDTO: Codable, Sendable {
        public struct Ref: Codable, Sendable { public var ref: String; public var questions: [String]
            public init(ref: String, questions: [String]) { self.ref = ref; self.questions = questions }
        }
        public var framework: String; public var covered: [Ref]; public var open: [Ref]; public var percentage: Double?
        public init(_ c: FrameworkCoverage) {
            framework = c.framework.rawValue
            covered = c.covered.map { Ref(ref: $0.ref, questions: $0.questions.map { "\($0.templateID)/\($0.questionID)" }) }
            open = c.open.map { Ref(ref: $0.ref, questions: $0.questions.map { "\($0.templateID)/\($0.questionID)" }) }
            percentage = c.percentage
        }
        public init(framework: String, covered: [Ref], open: [Ref], percentage: Double? = nil) {
            self.framework = framework
            self.covered = covered
            self.open = open
            self.percentage = percentage
        }
    }

    public struct OrganisationCoverageDTO: Codable, Sendable {
        public struct Ref: Codable, Sendable { public var ref: String; public var coveredSystems: [String]; public var openSystems: [String]
            public init(ref: String, coveredSystems: [String], openSystems: [String]) { self.ref = ref; self.coveredSystems = coveredSystems; self.openSystems = openSystems }
        }
        public var framework: String; public var refs: [Ref]; public var percentage: Double?
        public init(_ c: OrganisationFrameworkCoverage) {
            framework = c.framework.rawValue
            refs = c.refs.map { Ref(ref: $0.ref, coveredSystems: $0.coveredSystems, openSystems: $0.openSystems) }
            percentage = c.percentage
        }
        public init(framework: String, refs: [Ref], percentage: Double? = nil) {
            self.framework = framework
            self.refs = refs
            self.percentage = percentage
        }
    }
}

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
        /// A reference with the number of systems that cover it and that have it in scope but open.
        public struct Ref: Codable, Sendable { public var ref: String; public var coveredCount: Int; public var openCount: Int
            public init(ref: String, coveredCount: Int, openCount: Int) { self.ref = ref; self.coveredCount = coveredCount; self.openCount = openCount }
        }
        public var framework: String; public var refs: [Ref]; public var percentage: Double?
        public init(_ c: OrganisationFrameworkCoverage) {
            framework = c.framework.rawValue
            refs = c.refs.map { Ref(ref: $0.ref, coveredCount: $0.coveredCount, openCount: $0.openCount) }
            percentage = c.percentage
        }
        public init(framework: String, refs: [Ref], percentage: Double? = nil) {
            self.framework = framework
            self.refs = refs
            self.percentage = percentage
        }
    }
}

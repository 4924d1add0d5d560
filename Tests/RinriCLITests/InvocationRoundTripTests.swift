import Foundation
import RinriMetrics
import RinriWire
@testable import rinri
import Testing

/// The options an invocation writes into a recorded command (and a server job's command) are the
/// options the command line parses back into the same invocation.
@Suite("Invocations and the command line")
struct InvocationRoundTripTests {
    /// A table to name with `--data` (the parser checks that the file exists).
    static func data() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rinri-roundtrip-\(UUID().uuidString).csv")
        try Data("y,p,sex\n1,1,a\n".utf8).write(to: url)
        return url.path
    }

    static func invocations() -> [FairnessInvocation] {
        [
            FairnessInvocation(label: "y", prediction: "p", sensitive: ["sex"]),
            FairnessInvocation(task: .regression, label: "income", prediction: "predicted income", score: "s", sensitive: ["sex", "race"],
                               intersections: [["sex", "race"], ["race", "age band"]], positiveLabel: ">50K", negativeLabel: "<=50K",
                               reference: "sex=Male", method: .toOverall, bootstrap: 200, seed: 7, alpha: 3.5, minGroupSize: 12,
                               checks: ["demographic_parity_ratio>=0.8", "sex:equalized_odds_difference<0.1"]),
        ]
    }

    @Test(arguments: invocations())
    func fairnessOptionsParseBackIntoTheSameInvocation(_ invocation: FairnessInvocation) throws {
        // when the recorded options are parsed by `rinri assess fairness`
        let command = try Fairness.parse(["--data", try Self.data()] + invocation.options)
        // then the command asks exactly what was recorded
        #expect(try command.invocation() == invocation)
    }

    @Test func everyFairnessOptionNameIsOneTheCommandDeclares() {
        let help = Fairness.helpMessage()
        for option in FairnessInvocation.Option.allCases {
            #expect(help.contains(option.flag), "\(option.flag) is not an option of rinri assess fairness")
        }
    }

    @Test func profileOptionsParseBackIntoTheSameInvocation() throws {
        let invocation = ProfileInvocation(sensitive: ["sex", "race"], label: "y", positiveLabel: "yes", epsilon: 0.5)
        #expect(try ProfileData.parse(["--data", try Self.data()] + invocation.options).invocation == invocation)
    }
}

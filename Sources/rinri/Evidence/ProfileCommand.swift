import ArgumentParser
import Foundation
import RinriCore
import RinriMetrics
import RinriWire

struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Profile data for a data card.", subcommands: [ProfileData.self])
}

struct ProfileData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Per-column types, missing and distinct counts, numeric summaries, top categories and group representation.",
        discussion: "With --epsilon the counts are released with differential privacy; the output states the budget split.")

    @OptionGroup var table: TableOptions
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.sensitive.rawValue), help: "A sensitive attribute column; repeatable.")
    var sensitive: [String] = []
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.label.rawValue), help: "A label column, for label balance within each group.")
    var label: String?
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.positiveLabel.rawValue), help: "The label value that counts as positive (default 1).")
    var positiveLabel: String?
    @ArgumentParser.Option(name: .customLong(ProfileInvocation.Option.epsilon.rawValue), help: "Privacy budget for differentially private counts.")
    var epsilon: Double?
    @ArgumentParser.Option(help: "Write the profile to this file instead of standard output.") var output: String?

    func validate() throws {
        do { try invocation.validate() } catch let error as RinriError { throw ValidationError(error.message) }
    }

    /// What this command line asks, as a server job would store it.
    var invocation: ProfileInvocation {
        ProfileInvocation(sensitive: sensitive, label: label, positiveLabel: positiveLabel, epsilon: epsilon)
    }

    func run() throws {
        let report = try invocation.run(source: table.source)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try ReportOutput.write(try encoder.encode(report) + Data("\n".utf8), to: output)
    }
}

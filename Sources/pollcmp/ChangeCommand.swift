import ArgumentParser
import PollCompare

struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "One candidate's change between two independent polls, P2 − P1, with interval and test.",
        discussion: """
            P1 is the share in the earlier poll, P2 in the later one (percentage points). Methods: \
            \(ChangeIntervalMethod.allCases.map(\.rawValue).joined(separator: ", ")), or all.

            Example, Trump in the Teamsters polls (36.3 in the straw polls, 58 by phone), as if both \
            were random samples of 800 and 1000:
              pollcmp change 36.3 58 --n1 800 --n2 1000 --method score
            """
    )

    @Argument(help: "Share in the earlier poll (points).")
    var p1: Double
    @Argument(help: "Share in the later poll (points).")
    var p2: Double

    @Option(name: .long, help: "Sample size of the earlier poll.")
    var n1: Double?
    @Option(name: .long, help: "Sample size of the later poll.")
    var n2: Double?

    @Option(name: .long, help: "Interval method, or all.")
    var method: String = "newcombe"

    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try methods()
        if (n1 == nil) != (n2 == nil) { throw ValidationError("give both --n1 and --n2, or neither") }
    }

    func methods() throws -> [ChangeIntervalMethod] {
        try MethodChoice.parse(method, as: ChangeIntervalMethod.self)
    }

    func run() throws {
        let level = try confidence.level()
        let methods = try methods()
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            try ChangeReport.table(shareBefore: p1 / 100, sizeBefore: n1, shareAfter: p2 / 100, sizeAfter: n2,
                                   methods: methods, confidence: level)
        }
        let change = NumberText.fixed(p2 - p1, digits: output.digits, signed: true)
        var summary = "The share moved from \(NumberText.fixed(p1, digits: output.digits)) to \(NumberText.fixed(p2, digits: output.digits)): a change of \(change) points."
        if n1 == nil {
            summary += "\nWithout both sample sizes the change has no margin of error."
        }
        output.emit(table, summary: summary + "\n")
    }
}

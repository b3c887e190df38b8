import ArgumentParser
import PollCompare

struct SwingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swing",
        abstract: "The swing between two polls: the change in the lead, its margin of error and break-even n.",
        discussion: """
            A1 B1 are the two candidates' shares in the earlier poll, A2 B2 in the later one, in \
            percentage points. The lead is A − B; the swing is lead(after) − lead(before); the \
            Butler swing is half of it. The swing's standard error treats the polls as independent, \
            each lead with the multinomial variance (pA + pB − lead²)/n.

            Without --n1 and --n2 there is no margin of error: the interval columns are empty and \
            break_even_n gives the smallest equal sample size per poll at which the swing would be \
            significant.

            Example, the 2024 Teamsters member polls (Biden 44.3, Trump 36.3; then Harris 31, Trump 58):
              pollcmp swing 44.3 36.3 31 58
              pollcmp swing 44.3 36.3 31 58 --n1 800 --n2 1000 --format csv
            """
    )

    @Argument(help: "Share of the first candidate in the earlier poll (points).")
    var a1: Double
    @Argument(help: "Share of the second candidate in the earlier poll (points).")
    var b1: Double
    @Argument(help: "Share of the first candidate in the later poll (points).")
    var a2: Double
    @Argument(help: "Share of the second candidate in the later poll (points).")
    var b2: Double

    @Option(name: .long, help: "Sample size of the earlier poll.")
    var n1: Double?
    @Option(name: .long, help: "Sample size of the later poll.")
    var n2: Double?

    @Option(name: .customLong("assume-n"), help: "A sample size to assume for each poll whose size is not given (the output says so).")
    var assumeN: Double?

    @Option(name: .long, help: "Correlation between the two leads, for a panel that asked the same people twice (default 0: independent polls).")
    var correlation: Double = 0

    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let level = try confidence.level()
        let swing = try DataErrors.guarded { () throws(PollCompareError) -> SwingEstimate in
            let before = try LeadEstimate(shareA: a1 / 100, shareB: b1 / 100, sampleSize: n1 ?? assumeN)
            let after = try LeadEstimate(shareA: a2 / 100, shareB: b2 / 100, sampleSize: n2 ?? assumeN)
            return try SwingEstimate(before: before, after: after, correlation: correlation, confidence: level)
        }
        let assumed = assumeN != nil && (n1 == nil || n2 == nil)
            ? "A sample size was not given: n = \(NumberText.roundTrip(assumeN!)) is assumed for \(n1 == nil && n2 == nil ? "both polls" : (n1 == nil ? "the earlier poll" : "the later poll")) (--assume-n).\n"
            : ""
        output.emit(SwingReport.table([swing]), summary: assumed + SwingReport.summary(swing, digits: output.digits))
    }
}

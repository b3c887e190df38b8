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
            each lead with the multinomial variance (pA + pB − lead²)/n_eff, n_eff = n/(deff·f) \
            with f = (N − n)/(N − 1) for a population N.

            Without --n1 and --n2 there is no margin of error: the interval columns are empty and \
            break_even_n gives the smallest equal number of respondents per poll at which the swing \
            would be significant (each poll's --deff and --population included).

            Example, the 2024 Teamsters member polls (Biden 44.3, Trump 36.3; then Harris 31, Trump 58):
              pollcmp swing 44.3 36.3 31 58
              pollcmp swing 44.3 36.3 31 58 --n1 800 --n2 1000 --format csv
              pollcmp swing 44.3 36.3 31 58 --n1 800 --n2 1000 --population 1300000 --alternative less
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

    @OptionGroup var polls: TwoPollOptions

    @Option(
        name: .long,
        help:
            "Correlation between the two leads, for a panel that asked the same people twice (default 0: independent polls)."
    )
    var correlation: Double = 0

    @OptionGroup var totalError: TotalErrorOptions
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var alternative: AlternativeOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let level = try confidence.level()
        let tse = try totalError.totalError()
        let swing = try DataErrors.guarded { () throws(PollCompareError) -> SwingEstimate in
            let before = try polls.lead(1, shareA: a1 / 100, shareB: b1 / 100).adding(tse)
            let after = try polls.lead(2, shareA: a2 / 100, shareB: b2 / 100).adding(tse)
            return try SwingEstimate(
                before: before, after: after, correlation: correlation, confidence: level,
                alternative: alternative.alternative.value)
        }
        output.emit(
            SwingReport.table([swing]),
            summary: polls.assumptionNote + totalError.note(tse) + SwingReport.summary(swing, digits: output.digits))
    }
}

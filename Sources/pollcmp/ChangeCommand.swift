import ArgumentParser
import PollCompare

struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "One candidate's change between two independent polls, P2 − P1, with interval and test.",
        discussion: """
            P1 is the share in the earlier poll, P2 in the later one (percentage points, or counts \
            out of --n1 and --n2 with --counts). They come from two polls, so any pair from 0 to 100 \
            is valid. Methods: \(ChangeIntervalMethod.allCases.map(\.rawValue).joined(separator: ", ")), or all. \
            Each poll's effective n (--deff, --n-eff1/--n-eff2, --population) is used; break_even_n \
            is the smallest equal number of respondents per poll at which the change would be \
            significant (Wald test, designs included).

            Example, Trump in the Teamsters polls (36.3 in the straw polls, 58 by phone), as if both \
            were random samples of 800 and 1000:
              pollcmp change 36.3 58 --n1 800 --n2 1000 --method score
              pollcmp change 290 580 --n1 800 --n2 1000 --counts --alternative greater
            """
    )

    @Argument(help: "Share in the earlier poll (points; a count with --counts).")
    var p1: Double
    @Argument(help: "Share in the later poll (points; a count with --counts).")
    var p2: Double

    @Flag(name: .long, help: "P1 and P2 are counts out of --n1 and --n2, not percentages.")
    var counts = false

    @OptionGroup var polls: TwoPollOptions

    @Option(name: .long, help: "Interval method, or all.")
    var method: String = "newcombe"

    @OptionGroup var totalError: TotalErrorOptions
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var alternative: AlternativeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try methods()
        if totalError.isSet, let other = try methods().first(where: { $0 != .wald }) {
            throw ValidationError(
                "--tse adds a variance to the Wald interval; --method \(other.rawValue) cannot take it (use --method wald)"
            )
        }
        if counts && (polls.sampleSize(1) == nil || polls.sampleSize(2) == nil) {
            throw ValidationError("--counts needs --n1 and --n2 (the counts are out of them)")
        }
    }

    func methods() throws -> [ChangeIntervalMethod] {
        try MethodChoice.parse(method, as: ChangeIntervalMethod.self)
    }

    func run() throws {
        let level = try confidence.level()
        let methods = try methods()
        let tse = try totalError.totalError()
        let before = try ShareArguments.proportions([p1], counts: counts, n: polls.sampleSize(1))[0]
        let after = try ShareArguments.proportions([p2], counts: counts, n: polls.sampleSize(2))[0]
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            try ChangeReport.table(
                shareBefore: before, designBefore: polls.design(1), shareAfter: after,
                designAfter: polls.design(2), methods: methods, confidence: level,
                alternative: alternative.alternative.value,
                unsized: (try polls.designWithoutSize(1), try polls.designWithoutSize(2)),
                totalError: tse)
        }
        let d = output.digits
        var summary =
            "The share moved from \(NumberText.fixed(before * 100, digits: d)) to \(NumberText.fixed(after * 100, digits: d)):"
            + " a change of \(NumberText.fixed((after - before) * 100, digits: d, signed: true)) points."
        if polls.sampleSize(1) == nil || polls.sampleSize(2) == nil {
            summary += "\nWithout both sample sizes the change has no margin of error."
        }
        output.emit(table, summary: polls.assumptionNote + totalError.note(tse) + summary + "\n")
    }
}

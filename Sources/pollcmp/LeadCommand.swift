import ArgumentParser
import PollCompare

struct LeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead",
        abstract: "The lead of one candidate over another in one poll, with its margin of error.",
        discussion: """
            A and B are the two candidates' shares in percentage points (counts with --counts). The \
            lead is A − B. Its standard error uses the multinomial covariance of the two shares, \
            √((pA + pB − lead²)/n): the margin of error of a lead is not twice a share's margin.

            Without --n the lead is printed with empty interval columns; break_even_n is always \
            given: the smallest number of respondents at which the lead would be significant, \
            with this poll's --deff and --population included. --alternative greater or less \
            gives a one-sided bound and p-value. With --population equal to --n (a census) there \
            is no sampling error: the margin is 0.

            Example, the Teamsters phone poll (Trump 58, Harris 31), had it asked 1000 members:
              pollcmp lead 58 31 --n 1000 --names Trump,Harris
              pollcmp lead 58 31 --n 1000 --method bayes --format csv
            """
    )

    @Argument(help: "Share of the first candidate (points).")
    var a: Double
    @Argument(help: "Share of the second candidate (points).")
    var b: Double

    @Option(name: .long, help: "wald, adjusted-wald or bayes.")
    var method: LeadMethodArgument = .wald

    @Option(name: .long, help: "Monte Carlo draws for --method bayes.")
    var draws: Int = LeadInterval.defaultDraws

    @Flag(name: .long, help: "A and B are counts out of --n, not percentages.")
    var counts = false

    @Option(name: .long, help: "The two candidates' names for the text output, comma-separated (default A,B).")
    var names: String = "A,B"

    @OptionGroup var design: DesignOptions
    @OptionGroup var totalError: TotalErrorOptions
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var alternative: AlternativeOptions
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard draws >= 100 && draws <= 100_000_000 else {
            throw ValidationError("--draws must be between 100 and 100000000")
        }
        guard names.split(separator: ",", omittingEmptySubsequences: false).count == 2 else {
            throw ValidationError("--names needs two names separated by a comma")
        }
        if totalError.isSet && method != .wald {
            throw ValidationError(
                "--tse adds a variance to the Wald interval; --method \(method.rawValue) cannot take it")
        }
    }

    var candidateNames: (String, String) {
        let parts = names.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (parts[0], parts[1])
    }

    func run() throws {
        compute.apply()
        let level = try confidence.level()
        let shares = try ShareArguments.proportions([a, b], counts: counts, n: design.sampleSize?.value)
        let method = self.method.value
        let side = alternative.alternative.value
        let tse = try totalError.totalError()
        let (estimate, interval) = try DataErrors.guarded {
            () throws(PollCompareError) -> (LeadEstimate, LeadInterval?) in
            let estimate = try design.lead(shareA: shares[0], shareB: shares[1]).adding(tse)
            return (
                estimate,
                try estimate.interval(
                    method: method, confidence: level, alternative: side, draws: draws,
                    seed: compute.seed)
            )
        }
        output.emit(
            LeadReport.table(estimate, interval: interval, method: method, confidence: level, alternative: side),
            summary: design.assumptionNote + totalError.note(tse)
                + LeadReport.summary(
                    estimate, interval: interval, method: method, confidence: level,
                    digits: output.digits, names: candidateNames, alternative: side))
    }
}

enum LeadMethodArgument: String, ExpressibleByArgument, CaseIterable {
    case wald, adjustedWald = "adjusted-wald", bayes
    var value: LeadIntervalMethod { LeadIntervalMethod(rawValue: rawValue)! }
}

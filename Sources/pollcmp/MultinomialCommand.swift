import ArgumentParser
import PollCompare

struct MultinomialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multinomial",
        abstract: "Simultaneous intervals for every category of one poll.",
        discussion: """
            Shares in percentage points, one per category, or counts with --counts (out of --n, \
            or of their sum without it). Shares that sum to less than 100 leave a remainder: it is \
            printed as one more category, other, with its own interval (nothing is rescaled); \
            shares above 100 are refused. With probability at least the confidence level, every \
            interval holds its share at once. Counts are share × effective n (--deff, --n-eff, \
            --population), a whole number when within 1e-9 of one; Sison–Glaz needs whole counts \
            and rounds each to the nearest integer.

            Example, the Teamsters phone poll (Harris 31, Trump 58, undecided 6, unsure 5) as if n = 1000:
              pollcmp multinomial 31 58 6 5 --n 1000 --names Harris,Trump,Undecided,Unsure
              pollcmp multinomial 31 58 --n 1000 --names Harris,Trump      (other: 11)
            """
    )

    @Argument(help: "The shares (points; counts with --counts), at least two.")
    var shares: [Double]

    @Flag(name: .long, help: "The values are counts out of --n (or of their sum), not percentages.")
    var counts = false

    @Option(name: .long, help: "goodman or sison-glaz.")
    var method: MultinomialMethodArgument = .goodman

    @Option(name: .long, help: "Category names, comma-separated (default: 1, 2, ...).")
    var names: String?

    @OptionGroup var design: DesignOptions
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard shares.count >= 2 else { throw ValidationError("give at least two shares") }
        if let names, names.split(separator: ",", omittingEmptySubsequences: false).count != shares.count {
            throw ValidationError(
                "--names has \(names.split(separator: ",", omittingEmptySubsequences: false).count) names for \(shares.count) shares"
            )
        }
        if design.sampleType != .probability || design.assumeRandomSample {
            throw ValidationError(
                "--sample-type and --assume-random-sample apply to interval and lead, not multinomial")
        }
    }

    func run() throws {
        let level = try confidence.level()
        let labels =
            names.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            ?? (1...shares.count).map(String.init)
        let total = counts ? (design.sampleSize?.value ?? shares.reduce(0, +)) : nil
        let proportions = try ShareArguments.proportions(shares, counts: counts, n: total)
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            var poll = try design.design()
            if poll == nil, let total { poll = try SampleDesign(sampleSize: total) }
            return try MultinomialReport.table(
                shares: proportions, names: labels, design: poll,
                method: method.value, confidence: level)
        }
        let level100 = level.percentText
        let categories = table.count
        let summary =
            design.sampleSize == nil && total == nil
            ? "Without a sample size there are no intervals.\n"
            : "Simultaneous \(level100)% intervals (\(method.rawValue)): all \(categories) hold at once with at least \(level100)% confidence.\n"
        output.emit(table, summary: design.assumptionNote + summary)
    }
}

enum MultinomialMethodArgument: String, ExpressibleByArgument, CaseIterable {
    case goodman, sisonGlaz = "sison-glaz"
    var value: MultinomialIntervalMethod { MultinomialIntervalMethod(rawValue: rawValue)! }
}

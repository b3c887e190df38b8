import ArgumentParser
import PollCompare

struct MultinomialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multinomial",
        abstract: "Simultaneous intervals for every category of one poll.",
        discussion: """
            Shares in percentage points, one per category (they may leave out a remainder). With \
            probability at least the confidence level, every interval holds its share at once.

            Example, the Teamsters phone poll (Harris 31, Trump 58, undecided 6, unsure 5) as if n = 1000:
              pollcmp multinomial 31 58 6 5 --n 1000 --names Harris,Trump,Undecided,Unsure
            """
    )

    @Argument(help: "The shares (points), at least two.")
    var shares: [Double]

    @Option(name: .long, help: "Sample size.")
    var n: Double?

    @Option(name: .long, help: "goodman or sison-glaz.")
    var method: MultinomialMethodArgument = .goodman

    @Option(name: .long, help: "Category names, comma-separated (default: 1, 2, ...).")
    var names: String?

    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard shares.count >= 2 else { throw ValidationError("give at least two shares") }
        if let names, names.split(separator: ",", omittingEmptySubsequences: false).count != shares.count {
            throw ValidationError("--names has \(names.split(separator: ",", omittingEmptySubsequences: false).count) names for \(shares.count) shares")
        }
    }

    func run() throws {
        let level = try confidence.level()
        let labels = names.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            ?? (1...shares.count).map(String.init)
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            if let n { try Shares.validateSampleSize(n, name: "sample size") }
            return try MultinomialReport.table(shares: shares.map { $0 / 100 }, names: labels, sampleSize: n,
                                               method: method.value, confidence: level)
        }
        let level100 = NumberText.roundTrip(level.level * 100)
        let summary = n == nil
            ? "Without a sample size there are no intervals.\n"
            : "Simultaneous \(level100)% intervals (\(method.rawValue)): all \(shares.count) hold at once with at least \(level100)% confidence.\n"
        output.emit(table, summary: summary)
    }
}

enum MultinomialMethodArgument: String, ExpressibleByArgument, CaseIterable {
    case goodman, sisonGlaz = "sison-glaz"
    var value: MultinomialIntervalMethod { MultinomialIntervalMethod(rawValue: rawValue)! }
}

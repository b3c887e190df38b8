import ArgumentParser
import PollCompare

struct MarginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moe",
        abstract: "A poll's margin of error for a share: the headline margin at 50%, or at --share P.",
        discussion: """
            moe = z·√(p(1 − p)·deff/n), in points (with --population N, times √((N − n)/(N − 1)); \
            a census, n = N, has margin 0). p is 50% unless --share gives another. n_eff is the \
            effective sample size n/(deff·f).

            Example: pollcmp moe --n 1000          (±3.1 points)
                     pollcmp moe --n 1000 --deff 1.5
                     pollcmp moe --n 1000 --share 58
            """
    )

    @Option(name: .long, help: "Sample size.")
    var n: Double
    @Option(name: .long, help: "Design effect.")
    var deff: Double?
    @Option(name: .customLong("n-eff"), help: "Effective sample size, when published instead of deff.")
    var nEff: Double?
    @Option(name: .long, help: "Population size N for the finite population correction.")
    var population: Double?
    @Option(name: .long, help: "The share whose margin is wanted (points; default 50, the headline margin).")
    var share: Double = 50

    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if deff != nil && nEff != nil { throw ValidationError("give --deff or --n-eff, not both") }
    }

    func run() throws {
        let level = try confidence.level()
        let (table, moe) = try DataErrors.guarded { () throws(PollCompareError) -> (ReportTable, Double) in
            let designEffect =
                try nEff.map { e throws(PollCompareError) in
                    try SampleDesign(sampleSize: n, effectiveSampleSize: e).designEffect
                } ?? deff ?? 1
            let margin = try SampleSizePlanning.marginOfError(
                sampleSize: n, shareA: share / 100, designEffect: designEffect,
                populationSize: population, confidence: level)
            return (
                try PlanningReport.marginTable(
                    sampleSize: n, share: share / 100, designEffect: designEffect,
                    populationSize: population, confidence: level), margin
            )
        }
        let what = share == 50 ? "a 50% share" : "a share of \(NumberText.roundTrip(share))%"
        let lead = share == 50 ? "; a lead's margin is larger, up to twice this" : ""
        output.emit(
            table,
            summary:
                "With n = \(NumberText.roundTrip(n)) the margin of error of \(what) is ±\(NumberText.fixed(moe * 100, digits: output.digits)) points at \(level.percentText)% confidence\(lead).\n"
        )
    }
}

struct SampleSizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-size",
        abstract: "The sample size needed for a target margin of error on a share, a lead or a swing.",
        discussion: """
            --moe is in points. For a lead or a swing give the expected shares with --shares A,B \
            (a swing assumes the same shares and n in both polls). The answer is the smallest whole \
            number of respondents n whose margin, by the same formula `pollcmp moe` uses (design \
            effect and population included), is at most --moe: one fewer would miss it. n_eff is \
            the effective sample size at that n, achieved_moe the margin it gives.

            Example: pollcmp sample-size --moe 3
                     pollcmp sample-size --moe 5 --for lead --shares 58,31
                     pollcmp sample-size --moe 5 --population 1000
            """
    )

    @Option(name: .long, help: "Target margin of error (points).")
    var moe: Double
    @Option(name: .customLong("for"), help: "share, lead or swing.")
    var quantity: QuantityArgument = .share
    @Option(name: .long, help: "Expected shares A,B in points (default 50,50; a share uses A).")
    var shares: String = "50,50"
    @Option(name: .long, help: "Design effect.")
    var deff: Double = 1
    @Option(name: .long, help: "Population size N (finite population correction).")
    var population: Double?

    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func parsedShares() throws -> (Double, Double) {
        let parts = shares.split(separator: ",").map { Double($0) }
        guard parts.count == 2 || (parts.count == 1 && quantity == .share), parts.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--shares \"\(shares)\" is not two numbers A,B")
        }
        return (parts[0]!, parts.count == 2 ? parts[1]! : 50)
    }

    func validate() throws { _ = try parsedShares() }

    func run() throws {
        let level = try confidence.level()
        let (a, b) = try parsedShares()
        let n = try DataErrors.guarded { () throws(PollCompareError) -> Double in
            try SampleSizePlanning.sampleSize(
                quantity.value, margin: moe / 100, shareA: a / 100, shareB: b / 100,
                designEffect: deff, populationSize: population, confidence: level)
        }
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            try PlanningReport.sampleSizeTable(
                quantity.value, sampleSize: n, margin: moe / 100, shareA: a / 100,
                shareB: b / 100, designEffect: deff, populationSize: population,
                confidence: level)
        }
        let per = quantity == .swing ? " in each poll" : ""
        output.emit(
            table,
            summary:
                "A margin of ±\(NumberText.roundTrip(moe)) points on a \(quantity.rawValue) needs n = \(NumberText.roundTrip(n))\(per) at \(level.percentText)% confidence.\n"
        )
    }
}

enum QuantityArgument: String, ExpressibleByArgument, CaseIterable {
    case share, lead, swing
    var value: SampleSizePlanning.Quantity { SampleSizePlanning.Quantity(rawValue: rawValue)! }
}

struct MethodsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract: "Every interval method: its name, what it is for and its source."
    )

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.emit(MethodsReport.table(), summary: "")
    }
}

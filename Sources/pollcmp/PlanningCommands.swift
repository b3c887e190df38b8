import ArgumentParser
import PollCompare

struct MarginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moe",
        abstract: "A poll's headline margin of error: a share of 50% at sample size n.",
        discussion: """
            moe = z·√(0.25·deff/n), in points (with --population, times √((N − n)/(N − 1))).

            Example: pollcmp moe --n 1000          (±3.1 points)
                     pollcmp moe --n 1000 --deff 1.5
            """
    )

    @Option(name: .long, help: "Sample size.")
    var n: Double
    @Option(name: .long, help: "Design effect.")
    var deff: Double = 1
    @Option(name: .long, help: "Population size N for the finite population correction.")
    var population: Double?

    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let level = try confidence.level()
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            try PlanningReport.marginTable(sampleSize: n, designEffect: deff, populationSize: population, confidence: level)
        }
        let moe: Double
        if case .number(let v) = table.rows[0][3] { moe = v } else { moe = .nan }
        output.emit(table, summary: "With n = \(NumberText.roundTrip(n)) the margin of error of a 50% share is ±\(NumberText.fixed(moe, digits: output.digits)) points at \(NumberText.roundTrip(level.level * 100))% confidence; a lead's margin is larger, up to twice this.\n")
    }
}

struct SampleSizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-size",
        abstract: "The sample size needed for a target margin of error on a share, a lead or a swing.",
        discussion: """
            --moe is in points. For a lead or a swing give the expected shares with --shares A,B \
            (a swing assumes the same shares and n in both polls).

            Example: pollcmp sample-size --moe 3
                     pollcmp sample-size --moe 5 --for lead --shares 58,31
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
        guard (parts.count == 2 || (parts.count == 1 && quantity == .share)), parts.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--shares \"\(shares)\" is not two numbers A,B")
        }
        return (parts[0]!, parts.count == 2 ? parts[1]! : 50)
    }

    func validate() throws { _ = try parsedShares() }

    func run() throws {
        let level = try confidence.level()
        let (a, b) = try parsedShares()
        let table = try DataErrors.guarded { () throws(PollCompareError) -> ReportTable in
            try PlanningReport.sampleSizeTable(quantity.value, margin: moe / 100, shareA: a / 100, shareB: b / 100,
                                               designEffect: deff, populationSize: population, confidence: level)
        }
        var n = 0.0
        if case .number(let v) = table.rows[0][4] { n = v }
        let per = quantity == .swing ? " in each poll" : ""
        output.emit(table, summary: "A margin of ±\(NumberText.roundTrip(moe)) points on a \(quantity.rawValue) needs n = \(NumberText.roundTrip(n))\(per) at \(NumberText.roundTrip(level.level * 100))% confidence.\n")
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

import ArgumentParser
import PollCompare

struct IntervalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interval",
        abstract: "Confidence interval for one share, by one method or all of them.",
        discussion: """
            SHARE is in percentage points (or a count with --counts). Methods: \
            \(ShareIntervalMethod.allCases.map(\.rawValue).joined(separator: ", ")); see `pollcmp methods`.

            Example, Trump's 58% in the Teamsters phone poll if it had asked 1000 members:
              pollcmp interval 58 --n 1000
              pollcmp interval 58 --n 1000 --method all --format csv
            """
    )

    @Argument(help: "The share, in percentage points (a count with --counts).")
    var share: Double

    @Option(name: .long, help: "Interval method, or all.")
    var method: String = "wilson"

    @Flag(name: .long, help: "SHARE is a count out of --n, not a percentage.")
    var counts = false

    @OptionGroup var design: DesignOptions
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try methods()
    }

    func methods() throws -> [ShareIntervalMethod] {
        try MethodChoice.parse(method, as: ShareIntervalMethod.self)
    }

    func run() throws {
        let level = try confidence.level()
        let p = try ShareArguments.proportions([share], counts: counts, n: design.sampleSize?.value)[0]
        let methods = try methods()
        let (table, summary) = try DataErrors.guarded { () throws(PollCompareError) -> (ReportTable, String) in
            let d = try design.design()
            return (
                try IntervalReport.table(share: p, design: d, methods: methods, confidence: level),
                try IntervalReport.summary(
                    share: p, design: d, method: methods[0], confidence: level,
                    digits: output.digits)
            )
        }
        output.emit(table, summary: design.assumptionNote + summary)
    }
}

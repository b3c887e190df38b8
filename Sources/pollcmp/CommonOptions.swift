import ArgumentParser
import PollCompare
import PollNumerics

/// Layout options of every printing command: header and decimals.
struct LayoutOptions: ParsableArguments {
    @Flag(name: .long, help: "Leave out the header row (csv, tsv, text tables).")
    var noHeader = false

    @Option(name: .long, help: "Decimals for points in text output (0-17).")
    var digits: Int = 1

    func validate() throws {
        guard (0...17).contains(digits) else {
            throw ValidationError("--digits must be between 0 and 17, not \(digits)")
        }
    }
}

/// Options every table-printing command shares: format and layout (charts are `report`'s).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text (for people), csv, tsv, json or markdown.")
    var format: TableFormat = .text

    @OptionGroup var layout: LayoutOptions

    var digits: Int { layout.digits }

    /// Prints `table`, preceded by `summary` in the text and Markdown formats.
    func emit(_ table: ReportTable, summary: @autoclosure () -> String) {
        let header = !layout.noHeader
        switch format {
        case .text:
            StandardStreams.write(summary() + "\n" + ReportFormat.text.render(table, header: header, digits: digits))
        case .csv:
            StandardStreams.write(ReportFormat.csv.render(table, header: header))
        case .tsv:
            StandardStreams.write(ReportFormat.tsv.render(table, header: header))
        case .json:
            StandardStreams.write(ReportFormat.json.render(table))
        case .markdown:
            StandardStreams.write(summary() + "\n" + ReportFormat.markdown.render(table, digits: digits))
        }
    }
}

/// The formats of a table.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, tsv, json, markdown
}

/// The confidence level: --conf 0.95, 95 or 95%, or a fixed critical value --z.
struct ConfidenceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Confidence level: a fraction below 1 (0.95) or a percentage of 50 or more (95, 95%); from 1 to 50 write the % (1.5%). Default 0.95.",
            valueName: "level"))
    var conf: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A fixed two-sided critical value instead of --conf (e.g. 1.96, as publications round it): every method then works at the level it implies, 1 − 2Φ(−z) (0.9500042 for 1.96), and the conf column prints that level.",
            valueName: "z"))
    var z: Double?

    /// The parsed level.
    func level() throws -> ConfidenceLevel {
        do {
            if let z {
                guard conf == nil else { throw ValidationError("give --conf or --z, not both") }
                return try ConfidenceLevel(criticalValue: z)
            }
            return try ConfidenceLevel(parsing: conf ?? "0.95")
        } catch let error as PollCompareError {
            throw ValidationError("--\(z == nil ? "conf" : "z"): \(error)")
        }
    }

    func validate() throws {
        _ = try level()
    }
}

/// `--alternative`: a two-sided test and interval, or one-sided.
struct AlternativeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "two-sided (default), greater or less: a one-sided test (p-value) and bound at the confidence level; the other end of the interval is the edge of the range.",
            valueName: "alternative"))
    var alternative: AlternativeArgument = .twoSided
}

enum AlternativeArgument: String, ExpressibleByArgument, CaseIterable {
    case twoSided = "two-sided", greater, less
    var value: Alternative { Alternative(rawValue: rawValue)! }
}

/// How one poll's sample is described on the command line.
struct DesignOptions: ParsableArguments {
    @Option(name: .long, help: "Sample size (respondents). Without it there is no interval, only the break-even n.")
    var n: Double?

    @Option(name: .long, help: "Design effect (variance inflation from weighting); the effective n is n/deff.")
    var deff: Double?

    @Option(name: .customLong("n-eff"), help: "Effective sample size, when the pollster publishes it instead of deff.")
    var nEff: Double?

    @Option(name: .long, help: "Population size N for the finite population correction (N - n)/(N - 1).")
    var population: Double?

    @Option(
        name: .customLong("sample-type"),
        help: "probability, opt-in or straw. Straw and opt-in polls get no margin of sampling error.")
    var sampleType: SampleTypeArgument = .probability

    @Flag(
        name: .customLong("assume-random-sample"),
        help: "Compute intervals for a straw or opt-in poll anyway (the output says so).")
    var assumeRandomSample = false

    @Option(name: .customLong("assume-n"), help: "A sample size to assume when --n is not given (the output says so).")
    var assumeN: Double?

    func validate() throws {
        if deff != nil && nEff != nil { throw ValidationError("give --deff or --n-eff, not both") }
        if n != nil && assumeN != nil { throw ValidationError("give --n or --assume-n, not both") }
        if nEff != nil && sampleSize == nil { throw ValidationError("--n-eff needs --n (or give --deff)") }
    }

    /// The lead of these shares: with the design, or without a sample size with the design
    /// effect and population given (they enter its break-even n).
    func lead(shareA: Double, shareB: Double) throws(PollCompareError) -> LeadEstimate {
        try LeadEstimate(
            shareA: shareA, shareB: shareB, design: design(), designEffect: deff ?? 1,
            populationSize: population,
            sampleType: assumeRandomSample ? .probability : sampleType.value)
    }

    /// The sample size in use and whether it was assumed.
    var sampleSize: (value: Double, assumed: Bool)? {
        if let n { return (n, false) }
        if let assumeN { return (assumeN, true) }
        return nil
    }

    /// The design, or nil without a sample size.
    func design() throws(PollCompareError) -> SampleDesign? {
        guard let size = sampleSize?.value else { return nil }
        let type = sampleType.value
        if let nEff {
            return try SampleDesign(
                sampleSize: size, effectiveSampleSize: nEff, populationSize: population,
                sampleType: type, assumesRandomSample: assumeRandomSample)
        }
        return try SampleDesign(
            sampleSize: size, designEffect: deff ?? 1, populationSize: population,
            sampleType: type, assumesRandomSample: assumeRandomSample)
    }

    /// A sentence when the sample size was assumed, else "".
    var assumptionNote: String {
        guard let size = sampleSize, size.assumed else { return "" }
        return "The sample size was not published: n = \(NumberText.roundTrip(size.value)) is assumed (--assume-n).\n"
    }
}

enum SampleTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case probability, optIn = "opt-in", straw
    var value: SampleType { SampleType(rawValue: rawValue)! }
}

/// Reproducibility and speed: random seed and BLAS threads.
struct ComputeOptions: ParsableArguments {
    @Option(name: .long, help: "Seed for Monte Carlo methods (bayes); the default is fixed and reported.")
    var seed: UInt64 = LeadInterval.defaultSeed

    @Option(name: .long, help: "BLAS threads (default 1, for bit-reproducible results).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func apply() {
        if let threads { BLASThreads.set(threads) }
    }
}

/// Shares on the command line: percentage points, or counts with --counts.
enum ShareArguments {
    /// Converts command-line numbers to proportions: x/100, or x/n with --counts.
    static func proportions(_ values: [Double], counts: Bool, n: Double?) throws -> [Double] {
        if counts {
            guard let n else { throw ValidationError("--counts needs --n (the counts are out of n)") }
            return values.map { $0 / n }
        }
        return values.map { $0 / 100 }
    }
}

/// A `--method` value naming one method of a family, or `all`.
enum MethodChoice {
    static func parse<M: CaseIterable & RawRepresentable>(_ text: String, as _: M.Type) throws -> [M]
    where M.RawValue == String {
        if text == "all" { return Array(M.allCases) }
        guard let m = M(rawValue: text) else {
            throw ValidationError(
                "unknown method \"\(text)\" (use \(M.allCases.map(\.rawValue).joined(separator: ", ")) or all)")
        }
        return [m]
    }
}

/// `--tse TAU` or `--tse-from FILE [--tse-group G]`: historical non-sampling error added to each
/// poll's variance (`lead`, `swing`, `change`, `report`, `average`; see ``TotalError``).
struct TotalErrorOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Total survey error: add tau^2 (tau in points, historical non-sampling error such as the tau column of `pollcmp calibrate`) to each poll's variance, so intervals are ±z·sqrt(s^2 + tau^2) with basis total-error rather than margins of sampling error alone.",
            valueName: "tau"))
    var tse: Double?

    @Option(
        name: .customLong("tse-from"),
        help: ArgumentHelp(
            "Take tau from a table saved by `pollcmp calibrate --format csv` (the row of --tse-group).",
            valueName: "file"))
    var tseFrom: String?

    @Option(
        name: .customLong("tse-group"),
        help: ArgumentHelp("The group of --tse-from whose tau is used (default: all).", valueName: "group"))
    var tseGroup: String?

    /// Whether a total error was asked for.
    var isSet: Bool { tse != nil || tseFrom != nil }

    /// The total error, or nil without --tse or --tse-from (reads the --tse-from file: a missing
    /// file exits 66, a table without the group 65).
    func totalError() throws -> TotalError? {
        if let tseFrom {
            let bytes = try InputFiles.read(tseFrom)
            do {
                return try SavedCalibration.totalError(bytes, group: tseGroup ?? Calibration.allLabel)
            } catch let error as CSVError {
                StandardStreams.error("\(InputFiles.displayName(tseFrom)):\(error)")
                throw DataErrors.exitCode
            }
        }
        do {
            return try tse.map { t throws(PollCompareError) in try TotalError(tau: t) }
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        if tse != nil && tseFrom != nil { throw ValidationError("give --tse or --tse-from, not both") }
        if tseGroup != nil && tseFrom == nil { throw ValidationError("--tse-group applies to --tse-from") }
        if tseFrom == nil { _ = try totalError() }
    }

    /// The sentence the text output adds for `totalError`, or "" without one.
    func note(_ totalError: TotalError?) -> String {
        guard let totalError else { return "" }
        let from =
            tseFrom.map { " (from \(InputFiles.displayName($0)), group \(tseGroup ?? Calibration.allLabel))" } ?? ""
        return
            "Intervals include historical non-sampling error: tau = \(NumberText.roundTrip(totalError.tau)) points added to each poll's variance (--tse\(tseFrom == nil ? "" : "-from")\(from)), so they are wider than margins of sampling error alone (basis total-error).\n"
    }
}

import ArgumentParser
import PollCompare
import PollNumerics

struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract:
            "A polling average with house effects: the daily average lead, its band, and the change between two dates.",
        discussion: """
            FILE is a poll file as for `pollcmp report`, and the same options select its questions \
            (one question per poll and race; --a and --b orient every lead as A − B). The average \
            never crosses races: narrow a file of several with --where.

            Model (Jackman 2005): poll i with lead y_i (points) on day t_i (its end date; --date mid \
            for the field period's midpoint) by pollster j: y_i = mu(t_i) + h_j + g_pop + e_i, \
            e_i ~ N(0, s_i^2 + tau^2), s_i^2 = (p_A + p_B − d^2)/n_eff its lead variance (points^2); \
            mu(t) − mu(t−1) ~ N(0, omega^2) per day, flat prior on the first day. House effects h \
            have a flat prior and sum to zero over the pollsters (--house none drops them); \
            --population-effects adds g for rv, v and a relative to lv. For given tau (points) and \
            omega (points/day) the posterior is Gaussian (a banded Cholesky factor and a small Schur \
            complement, LAPACK). Without --tau or --omega they are estimated by maximum restricted \
            marginal likelihood (REML, not ML: mu's increments integrated against their prior, the \
            first day's level and the effects against flat priors, so the estimates are not biased \
            down by the effects fitted). The maximum is found over tau in 0–50 (0 included: polls \
            may vary by sampling error alone) and omega in 0.0001–20: the best point of a 6 x 6 grid \
            (tau 0, 0.5, 1, 2, 4, 8; omega 0.01 to 3), then Newton steps over |tau| and log omega \
            on finite-difference derivatives until a step is below 1e-7 or the gain it predicts \
            below 1e-12 of the likelihood (where Newton fails, a Nelder–Mead simplex first, and \
            one to 1e-9 as the last resort). The estimates are printed; an omega at \
            0.0001 means the data prefer a constant average.

            Left out, and counted in the notes: polls without a sample size (unless --assume-n) and \
            straw and opt-in polls (unless --include-non-probability).

            Tables (--table): daily (date, average, se, lower, upper, polls: every day from the \
            first poll's day to the last's), house (pollster, polls, house_effect, se) or polls \
            (poll_id, question_id, pollster, date, lead, adjusted_lead = y − h − g, residual, \
            weight = the poll's coefficient in the last day's average). --predictive puts \
            sqrt(se^2 + tau^2) in se: where a new poll would land. --change FROM:TO gives the change \
            of the average between two dates with its se from the joint posterior and a two-sided \
            normal p; --at DATE is the day before DATE to the last day. With --change or --at, \
            csv, tsv and json print only that table. Points throughout; dates YYYY-MM-DD.

            Examples:
              pollcmp average president_polls.csv --where state=national --a DEM --b REP --at 2024-07-21
              pollcmp average polls.csv --where state=national --a DEM --b REP --table house --format csv
            """
    )

    @Argument(help: "The poll file, or - for standard input.")
    var file: String

    @OptionGroup var candidates: CandidateOptions
    @OptionGroup var selection: SelectionOptions

    @Option(
        name: .long, help: "The day of a poll: end (the last day of fieldwork) or mid (the field period's midpoint).")
    var date: AverageDateArgument = .end

    @Option(name: .long, help: "tau, the non-sampling sd of a poll (points); estimated when not given.")
    var tau: Double?

    @Option(name: .long, help: "omega, the sd of the average's daily change (points/day); estimated when not given.")
    var omega: Double?

    @OptionGroup var totalError: TotalErrorOptions

    @Option(name: .long, help: "House effects: estimate (the default) or none.")
    var house: HouseArgument = .estimate

    @Flag(name: .customLong("population-effects"), help: "Estimate effects of rv, v and a relative to lv.")
    var populationEffects = false

    @Flag(
        name: .customLong("include-non-probability"),
        help: "Include straw and opt-in polls (as if they were random samples).")
    var includeNonProbability = false

    @Option(
        name: .customLong("assume-n"), help: "A sample size for polls that publish none (otherwise they are left out).")
    var assumeN: Double?

    @Option(name: .long, help: "The table: daily, house or polls.")
    var table: AverageTableArgument = .daily

    @Option(name: .long, help: ArgumentHelp("The change of the average between two dates.", valueName: "from:to"))
    var change: String?

    @Option(name: .long, help: ArgumentHelp("The change from the day before DATE to the last day.", valueName: "date"))
    var at: String?

    @Flag(name: .long, help: "Daily se and bounds for a new poll: sqrt(se^2 + tau^2).")
    var predictive = false

    @Option(name: [.customShort("o"), .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(
        name: .long,
        help:
            "Output format: text (for people), csv, tsv, json, markdown, or svg (a chart of the daily average and the polls)."
    )
    var format: ReportFormatArgument = .text

    @OptionGroup var layout: LayoutOptions
    @OptionGroup var confidence: ConfidenceOptions

    func validate() throws {
        if let n = assumeN, !(n > 0 && n.isFinite) {
            throw ValidationError("--assume-n must be a positive number, not \(NumberText.roundTrip(n))")
        }
        if let t = tau, !(t >= 0 && t.isFinite) {
            throw ValidationError("--tau must be 0 or more (points), not \(NumberText.roundTrip(t))")
        }
        if let o = omega, !(o > 0 && o.isFinite) {
            throw ValidationError("--omega must be more than 0 (points/day), not \(NumberText.roundTrip(o))")
        }
        if format == .svg && table != .daily {
            throw ValidationError("--format svg draws the daily average; --table \(table.rawValue) has no chart")
        }
        if change != nil && at != nil { throw ValidationError("--change and --at cannot be combined") }
        _ = try selection.filter()
        _ = try changeDates()
    }

    /// The dates of --change or --at (the day before --at's date; nil for the last day).
    func changeDates() throws -> (from: PollDate, to: PollDate?)? {
        do {
            if let change {
                let parts = change.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw ValidationError("--change must be FROM:TO (YYYY-MM-DD:YYYY-MM-DD), not \"\(change)\"")
                }
                let from = try PollFilter.isoDate(String(parts[0]), option: "--change")
                let to = try PollFilter.isoDate(String(parts[1]), option: "--change")
                return (from, to)
            }
            if let at {
                let date = try PollFilter.isoDate(at, option: "--at")
                return (PollDate(day: date.day - 1), nil)
            }
            return nil
        } catch let error as PollCompareError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        try BLAS.load()
        let name = InputFiles.displayName(file)
        let polls = try InputFiles.readSelectedPolls(file, selection: try selection.selection(candidates))
        let level = try confidence.level()
        let pollTable = polls.table, selected = polls.selection
        if let why = selected.emptyReason {
            StandardStreams.error("\(name): \(why)")
            throw DataErrors.exitCode
        }
        var analysisOptions = PollAnalysis.Options()
        analysisOptions.a = candidates.a
        analysisOptions.b = candidates.b
        analysisOptions.groupBy = []
        analysisOptions.pairs = .firstLast
        analysisOptions.confidence = level
        analysisOptions.assumeN = assumeN
        analysisOptions.optIn = selection.optInMethods
        var inputOptions = AverageInput.Options()
        inputOptions.date = date.value
        inputOptions.includeNonProbability = includeNonProbability
        inputOptions.populationEffects = populationEffects
        inputOptions.totalError = try totalError.totalError()
        let input: AverageInput
        do {
            let analysis = try PollAnalysis(pollTable, selection: selected, options: analysisOptions)
            input = try AverageInput(analysis, options: inputOptions)
        } catch {
            throw DataErrors.pollFileError(error, file: name)
        }
        let report: AverageReport
        do {
            report = try AverageReport(
                input, table: pollTable, houseEffects: house == .estimate, tau: tau, omega: omega,
                confidence: level, predictive: predictive)
        } catch {
            StandardStreams.error("\(name): \(error.description)")
            throw DataErrors.exitCode
        }
        var changeDays: (from: Int, to: Int)?
        if let dates = try changeDates() {
            let last = report.fit.dayCount - 1
            guard let from = report.day(of: dates.from), let to = dates.to.map({ report.day(of: $0) }) ?? last else {
                StandardStreams.error(
                    "\(name): --\(change != nil ? "change" : "at") dates must lie from \(report.date(0)) to \(report.date(last)), the days of the average"
                )
                throw DataErrors.exitCode
            }
            changeDays = (from, to)
        }
        let notes = selected.notes + input.notes
        let estimates =
            "τ = \(NumberText.roundTrip(report.estimate.tau)) points, ω = \(NumberText.roundTrip(report.estimate.omega)) points/day"
            + (tau == nil && omega == nil
                ? " (REML estimates)"
                : tau == nil ? " (τ a REML estimate)" : omega == nil ? " (ω a REML estimate)" : " (as given)")
        // The table asked for, built only where it is printed.
        func chosen() -> ReportTable {
            switch table {
            case .daily: return report.daily()
            case .house: return report.house()
            case .polls: return report.polls()
            }
        }
        let sink = try OutputFile(path: output)
        let digits = layout.digits, header = !layout.noHeader
        switch format {
        case .text, .markdown:
            let rendering = format.rendering!
            var text = report.sentences(change: changeDays, digits: digits)
            if predictive {
                text += "The daily se and bounds are predictive: sqrt(se² + τ²), where a new poll would land.\n"
            }
            text += totalError.note(inputOptions.totalError)
            for note in notes { text += "Note: \(note)\n" }
            sink.write(text + "\n")
            if let c = changeDays {
                sink.write(
                    rendering.render(report.changeTable(from: c.from, to: c.to), header: header, digits: digits) + "\n")
            }
            sink.write(rendering.render(chosen(), header: header, digits: digits))
        case .csv, .tsv, .json:
            for note in notes { StandardStreams.note("\(name): \(note)") }
            StandardStreams.note("\(name): \(estimates)")
            let rendering = format.rendering!
            let out = changeDays.map { report.changeTable(from: $0.from, to: $0.to) } ?? chosen()
            rendering.write(out, header: header, digits: digits, to: sink.write)
        case .svg:
            for note in notes { StandardStreams.note("\(name): \(note)") }
            StandardStreams.note("\(name): \(estimates)")
            var marker: AverageChart.Marker?
            if let c = changeDays {
                marker =
                    at.flatMap { try? PollFilter.isoDate($0, option: "--at") }.map { .at($0) }
                    ?? .change(from: report.date(c.from), to: report.date(c.to))
            }
            let who = candidates.a.flatMap { a in candidates.b.map { b in "Lead of \(a) over \(b)" } } ?? "Lead"
            let lead = who + (report.input.race.isEmpty ? "." : ", \(report.input.race).")
            let options = AverageChart.Options(
                title: "Polling average", source: SVGChart.fileName(of: file),
                description: lead, marker: marker)
            sink.write(AverageChart.chart(report, options: options))
        }
        try sink.finish()
    }
}

enum AverageDateArgument: String, ExpressibleByArgument, CaseIterable {
    case end, mid
    var value: AverageInput.DateChoice { AverageInput.DateChoice(rawValue: rawValue)! }
}

enum HouseArgument: String, ExpressibleByArgument, CaseIterable {
    case estimate, none
}

enum AverageTableArgument: String, ExpressibleByArgument, CaseIterable {
    case daily, house, polls
}

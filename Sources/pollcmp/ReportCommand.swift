import ArgumentParser
import PollCompare
import PollNumerics

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Leads and swings for every poll in a file: tables for programs, text and Markdown for people.",
        discussion: """
            FILE is a poll file (or - for standard input) in one of three layouts, recognised from \
            its header: PollCompare's tidy layout (poll_id, pollster, sponsor, population, mode, \
            sample_type, start_date, end_date, sample_size, deff, population_size, candidate, party, \
            pct, and optionally question_id, state, race, methodology; poll_id, candidate and pct are \
            required), FiveThirtyEight's president_polls.csv or its raw-polls.csv. Comma- or \
            tab-separated, UTF-8 with or without a byte order mark.

            Races. A poll belongs to a race (cycle, office, state, stage: "2024 President: \
            Pennsylvania"); swings never cross races. A poll may ask several questions (populations, \
            head-to-head or full ballot): by default one question per poll and race is used — the \
            first population in --population-order (lv, rv, v, a), then the head-to-head question \
            (--ballot full: the most candidates), then the lowest question_id. --questions all keeps \
            every question; a swing between two questions of one poll has basis same-respondents and \
            no interval. The notes say how many questions were set aside and why.

            Candidates. The lead is A − B: each question's leader and runner-up, or --a and --b, \
            each a party code (DEM) or a candidate's name as published, a whole word (Harris).

            Filters. --where FIELD=VALUE[,VALUE…] (repeatable, all must hold; fields: \
            \(PollFilter.fields.joined(separator: ", ")); state=national for national polls), \
            --from and --to on the end date (YYYY-MM-DD, inclusive).

            Swings compare polls within groups (the race, then --group-by), ordered by end date: \
            --pairs consecutive, first-last, all, or before-after with --at DATE (the last poll ending \
            before DATE against the first starting on or after it). Straw and opt-in polls (and \
            methodologies listed in --opt-in) get no margin of sampling error unless \
            --assume-random-sample; polls without a sample size get the break-even n instead.

            --format csv/tsv/json prints one table (--table polls or swings) with notes on stderr; \
            text and markdown print both with notes; svg draws a chart of the table. -o writes a \
            file atomically.

            Charts (--format svg). --chart rows (the default) draws one row per poll (or swing), \
            labelled by pollster and end date, most recent at the top; --chart timeline draws the \
            polls' leads over their end dates with each interval as a vertical whisker, and marks the \
            --at date of --pairs before-after. --limit N keeps the N most recent polls or swings; \
            without it a rows chart keeps the 40 most recent and a timeline every poll, and the \
            subtitle says when some were left out. The source line names the file (--source \
            overrides it).

            Examples:
              pollcmp report datasets/teamsters-2024.csv --a DEM --b REP --group-by population --pairs all
              pollcmp report president_polls.csv --where state=national --where population=lv \
                --pairs before-after --at 2024-07-21 --a DEM --b REP --table swings --format csv
            """
    )

    @Argument(help: "The poll file, or - for standard input.")
    var file: String

    @OptionGroup var candidates: CandidateOptions

    @Option(
        name: .customLong("group-by"),
        help: "Fields that group polls for swings, comma-separated: \(PollTable.groupFields.joined(separator: ", ")).")
    var groupBy: String = "pollster,population"

    @Option(
        name: .long, help: "Which pairs of polls get a swing: consecutive, first-last, all or before-after (with --at)."
    )
    var pairs: PairsArgument = .consecutive

    @Option(name: .long, help: ArgumentHelp("The date of --pairs before-after (YYYY-MM-DD).", valueName: "date"))
    var at: String?

    @OptionGroup var selection: SelectionOptions

    @Option(name: .long, help: "The table csv, tsv and json print: polls or swings.")
    var table: TableArgument = .polls

    @Flag(
        name: .customLong("assume-random-sample"),
        help: "Give intervals for straw and opt-in polls anyway (marked assumes-random-sample).")
    var assumeRandomSample = false

    @Option(
        name: .customLong("assume-n"),
        help: "A sample size for polls that publish none (the basis column says so only through n).")
    var assumeN: Double?

    @Option(name: [.customShort("o"), .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Chart title for --format svg.")
    var chartTitle: String?

    @Option(name: .customLong("source"), help: "The source line of --format svg charts (default: the file name).")
    var title: String?

    @Option(
        name: .long,
        help: "The chart of --format svg: rows (one row per poll or swing) or timeline (leads over end date).")
    var chart: ChartArgument?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "At most N polls or swings in a --format svg chart, the most recent (default: 40 rows; every poll in a timeline).",
            valueName: "n"))
    var limit: Int?

    @Option(
        name: .long, help: "Output format: text (for people), csv, tsv, json, markdown, or svg (a chart of the table).")
    var format: ReportFormatArgument = .text

    @OptionGroup var totalError: TotalErrorOptions
    @OptionGroup var layout: LayoutOptions
    @OptionGroup var confidence: ConfidenceOptions

    func validate() throws {
        if let n = assumeN, !(n > 0 && n.isFinite) {
            throw ValidationError("--assume-n must be a positive number, not \(NumberText.roundTrip(n))")
        }
        _ = try selection.filter()
        _ = try atDate()
        if pairs == .beforeAfter && at == nil { throw ValidationError("--pairs before-after needs --at DATE") }
        if at != nil && pairs != .beforeAfter { throw ValidationError("--at applies to --pairs before-after") }
        if let n = limit, n < 1 { throw ValidationError("--limit must be at least 1, not \(n)") }
        if format != .svg && (limit != nil || chart != nil) {
            throw ValidationError("--limit and --chart apply to --format svg")
        }
        if chart == .timeline && table == .swings {
            throw ValidationError("--chart timeline draws the polls' leads, not --table swings")
        }
        for field in groupFields where !PollTable.groupFields.contains(field) {
            throw ValidationError(
                "--group-by: unknown field \"\(field)\" (use \(PollTable.groupFields.joined(separator: ", ")))")
        }
    }

    func atDate() throws -> PollDate? {
        do {
            return try at.map { text throws(PollCompareError) in try PollFilter.isoDate(text, option: "--at") }
        } catch {
            throw ValidationError(error.description)
        }
    }

    var groupFields: [String] {
        groupBy.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    func run() throws {
        // The report's columns use BLAS: load it before any output file exists.
        try BLAS.load()
        var options = PollReport.Options()
        options.selection = try selection.selection(candidates)
        options.analysis.groupBy = groupFields
        options.analysis.pairs = pairs.value
        options.analysis.at = try atDate()
        options.analysis.confidence = try confidence.level()
        options.analysis.assumeRandomSample = assumeRandomSample
        options.analysis.assumeN = assumeN
        options.analysis.optIn = selection.optInMethods
        options.analysis.totalError = try totalError.totalError()

        let name = InputFiles.displayName(file)
        let polls = try InputFiles.readSelectedPolls(file, selection: options.selection)
        let report: PollReport
        do {
            report = try PollReport(polls, options: options)
        } catch {
            throw DataErrors.pollFileError(error, file: name, namesFile: false)
        }
        if let why = report.emptySelection {
            StandardStreams.error("\(name): \(why)")
            throw DataErrors.exitCode
        }
        // Text and Markdown carry these among their notes; the other formats say them on stderr.
        if format != .text && format != .markdown {
            for note in report.selectionNotes { StandardStreams.note("\(name): \(note)") }
        }
        let chosen = table == .polls ? report.polls : report.swings
        let sink = try OutputFile(path: output)
        switch format {
        case .text:
            sink.write(
                totalError.note(options.analysis.totalError) + report.document(markdown: false, digits: layout.digits))
        case .markdown:
            sink.write(
                totalError.note(options.analysis.totalError) + report.document(markdown: true, digits: layout.digits))
        case .csv: ReportFormat.csv.write(chosen, header: !layout.noHeader, to: sink.write)
        case .tsv: ReportFormat.tsv.write(chosen, header: !layout.noHeader, to: sink.write)
        case .json: ReportFormat.json.write(chosen, to: sink.write)
        case .svg:
            var chartOptions = SVGChart.Options(
                title: chartTitle ?? "", source: title ?? SVGChart.fileName(of: file),
                limit: limit, at: options.analysis.at)
            if table == .polls {
                chartOptions.title = chartTitle ?? (chart == .timeline ? "Leads over time" : "Leads by poll")
                sink.write(SVGChart.leads(report, chart: chart?.value ?? .rows, options: chartOptions))
            } else {
                chartOptions.title = chartTitle ?? "Swings between polls"
                sink.write(SVGChart.swings(report, options: chartOptions))
            }
        }
        try sink.finish()
    }
}

enum PairsArgument: String, ExpressibleByArgument, CaseIterable {
    case consecutive, firstLast = "first-last", all, beforeAfter = "before-after"
    var value: PollAnalysis.Pairs { PollAnalysis.Pairs(rawValue: rawValue)! }
}

enum QuestionsArgument: String, ExpressibleByArgument, CaseIterable {
    case one, all
    var value: PollSelection.Questions { PollSelection.Questions(rawValue: rawValue)! }
}

enum BallotArgument: String, ExpressibleByArgument, CaseIterable {
    case headToHead = "head-to-head", full
    var value: PollSelection.Ballot { PollSelection.Ballot(rawValue: rawValue)! }
}

enum ReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, csv, tsv, json, markdown, svg

    /// The table renderer of this format (nil for svg, which draws a chart).
    var rendering: ReportFormat? { ReportFormat(rawValue: rawValue) }
}

enum ChartArgument: String, ExpressibleByArgument, CaseIterable {
    case rows, timeline
    var value: SVGChart.Chart { SVGChart.Chart(rawValue: rawValue)! }
}

enum TableArgument: String, ExpressibleByArgument, CaseIterable {
    case polls, swings
}

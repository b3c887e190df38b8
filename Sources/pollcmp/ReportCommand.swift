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
            pct; poll_id, candidate and pct are required), FiveThirtyEight's president_polls.csv (one \
            question_id is one poll) or its raw-polls.csv. Comma- or tab-separated, UTF-8 with or \
            without a byte order mark.

            For each poll the lead is A − B: by default the poll's leader and runner-up; --a and --b \
            pick candidates by name or party (e.g. --a DEM --b REP). Swings compare polls within \
            groups (--group-by), ordered by end date. Straw and opt-in polls get no margin of \
            sampling error unless --assume-random-sample; polls without a sample size get the \
            break-even n instead.

            --format csv/tsv/json prints one table (--table polls or swings); text and markdown \
            print both with notes; svg draws a chart of the table: each poll's lead with its \
            interval, or each swing. -o writes a file atomically.

            Example, the 2024 Teamsters member polls shipped with PollCompare:
              pollcmp report datasets/teamsters-2024.csv --a DEM --b REP --group-by population --pairs all
            """
    )

    @Argument(help: "The poll file, or - for standard input.")
    var file: String

    @Option(name: .long, help: "Candidate A by name or party (default: each poll's leader).")
    var a: String?
    @Option(name: .long, help: "Candidate B by name or party (default: each poll's runner-up).")
    var b: String?

    @Option(name: .customLong("group-by"), help: "Fields that group polls for swings, comma-separated: \(PollTable.groupFields.joined(separator: ", ")).")
    var groupBy: String = "pollster,population"

    @Option(name: .long, help: "Which pairs of polls get a swing: consecutive, first-last or all.")
    var pairs: PairsArgument = .consecutive

    @Option(name: .long, help: "The table csv, tsv and json print: polls or swings.")
    var table: TableArgument = .polls

    @Flag(name: .customLong("assume-random-sample"), help: "Give intervals for straw and opt-in polls anyway (marked assumes-random-sample).")
    var assumeRandomSample = false

    @Option(name: .customLong("assume-n"), help: "A sample size for polls that publish none (the basis column says so only through n).")
    var assumeN: Double?

    @Option(name: [.customShort("o"), .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Chart title for --format svg.")
    var chartTitle: String?

    @Option(name: .customLong("source"), help: "The source line of --format svg charts (default: the file name).")
    var title: String?

    @Option(name: .long, help: "Output format: text (for people), csv, tsv, json, markdown, or svg (a chart of the table).")
    var format: ReportFormatArgument = .text

    @OptionGroup var layout: LayoutOptions
    @OptionGroup var confidence: ConfidenceOptions

    func validate() throws {
        if let n = assumeN, !(n > 0 && n.isFinite) {
            throw ValidationError("--assume-n must be a positive number, not \(NumberText.roundTrip(n))")
        }
    }

    func run() throws {
        // The report's columns use BLAS: load it before any output file exists.
        try BLAS.load()
        var options = PollReport.Options()
        options.a = a
        options.b = b
        options.groupBy = groupBy.split(separator: ",").map(String.init)
        options.pairs = pairs.value
        options.confidence = try confidence.level()
        options.assumeRandomSample = assumeRandomSample
        options.assumeN = assumeN

        let name = InputFiles.displayName(file)
        let pollTable = try InputFiles.readPollTable(file)
        let report = try DataErrors.guarded { () throws(PollCompareError) -> PollReport in
            try PollReport(pollTable, options: options)
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
        case .text: sink.write(report.document(markdown: false, digits: layout.digits))
        case .markdown: sink.write(report.document(markdown: true, digits: layout.digits))
        case .csv: ReportFormat.csv.write(chosen, header: !layout.noHeader, to: sink.write)
        case .tsv: ReportFormat.tsv.write(chosen, header: !layout.noHeader, to: sink.write)
        case .json: ReportFormat.json.write(chosen, to: sink.write)
        case .svg:
            let source = title ?? (file == "-" ? "standard input" : file)
            sink.write(table == .polls
                ? SVGChart.leads(report, title: chartTitle ?? "Leads by poll", source: source)
                : SVGChart.swings(report, title: chartTitle ?? "Swings between polls", source: source))
        }
        try sink.finish()
    }
}

enum PairsArgument: String, ExpressibleByArgument, CaseIterable {
    case consecutive, firstLast = "first-last", all
    var value: PollReport.Pairs { PollReport.Pairs(rawValue: rawValue)! }
}

enum ReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, csv, tsv, json, markdown, svg
}

enum TableArgument: String, ExpressibleByArgument, CaseIterable {
    case polls, swings
}

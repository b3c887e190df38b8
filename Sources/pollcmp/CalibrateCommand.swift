import ArgumentParser
import PollCompare

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract:
            "How wrong polls really were, from their record against the results: RMSE against sampling error, coverage, non-sampling error.",
        discussion: """
            FILE is FiveThirtyEight's pollster-ratings raw-polls.csv as published (one row per \
            final-weeks poll with margin_poll and the result's margin_actual), or a tidy poll file \
            (as for `pollcmp report`) with an actual_lead column: the result's lead of A over B in \
            points, oriented as the poll's lead A − B (give --a and --b so every poll is oriented \
            alike). Races: raw-polls race_id, else the race column, else one per poll. --where, \
            --from and --to filter as in `pollcmp report` (raw-polls also take type_simple, year and \
            location: --where type_simple=Pres-G).

            Per poll i, in points: error e_i = lead_poll − lead_actual (raw-polls: margin_poll − \
            margin_actual, the file's own columns, first candidate over second; with --a/--b the \
            sign follows A − B); s_i^2 = (p_A + p_B − d^2)/n · 100^2, the multinomial variance of \
            the lead from the two shares (proportions) and the sample size (n_eff with a design \
            effect): what simple random sampling alone would give.

            Columns (one row per group, `all` first): group (the --by values as published, joined \
            by " / "), polls, races (distinct races), mean_error = mean(e), mean_abs_error = \
            mean(|e|), rmse = sqrt(mean(e^2)), srs_rmse = sqrt(mean(s^2)), inflation = rmse / \
            srs_rmse, coverage = share of polls with |e_i| <= z·s_i at --conf (equality counts as \
            covered), tau = sqrt(max(0, mean(e^2 − s^2))) (the non-sampling error, method of \
            moments: use it as --tse TAU in lead, swing, change, report and average), and bias_sd, \
            the sd of race-level bias beyond poll-level error, the ANOVA estimator of a one-way \
            random-effects model e_ri = mu + b_r + eps_ri (Searle, Casella & McCulloch 1992, \
            Variance Components, sec. 3.6): with R races of n_r polls, N polls, race means ē_r and \
            overall mean ē, MSB = sum_r n_r (ē_r − ē)^2 / (R − 1), MSW = sum (e_ri − ē_r)^2 / (N − \
            R), n0 = (N − sum_r n_r^2 / N) / (R − 1), bias_sd = sqrt(max(0, (MSB − MSW) / n0)); \
            empty with fewer than two races or when no race has two polls. Sources: Shirani-Mehr, \
            Rothschild, Goel & Gelman (2018), JASA 113:607.

            Left out, with a note in every format (stderr for csv, tsv and json; in the text, \
            Markdown and chart): rows without both candidates' shares, without a result, without \
            a sample size. --by FIELD[,FIELD…] groups by \(CalibrationField.names.joined(separator: ", ")); \
            --min-polls K drops groups of fewer than K polls (the `all` row stays).

            Text and Markdown tell the result in sentences, then print the table; csv, tsv and \
            json print the table; svg draws the distribution of the errors against the \
            sampling-only normal curve N(0, srs_rmse^2).

            Examples:
              pollcmp calibrate raw-polls.csv --by type_simple
              pollcmp calibrate raw-polls.csv --by year,type_simple --min-polls 30 --format csv
              pollcmp calibrate raw-polls.csv --where type_simple=Pres-G --format svg -o errors.svg
            """
    )

    @Argument(help: "The poll file (raw-polls.csv, or a tidy file with actual_lead), or - for standard input.")
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Group by these fields, comma-separated: \(CalibrationField.names.joined(separator: ", ")).",
            valueName: "fields"))
    var by: String?

    @Option(
        name: .customLong("min-polls"), help: ArgumentHelp("Leave out groups of fewer than K polls.", valueName: "k"))
    var minPolls: Int = 1

    @OptionGroup var candidates: CandidateOptions
    @OptionGroup var filters: FilterOptions

    @Option(name: [.customShort("o"), .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Chart title for --format svg.")
    var chartTitle: String?

    @Option(name: .customLong("source"), help: "The source line of --format svg charts (default: the file name).")
    var source: String?

    @Option(
        name: .long,
        help: "Output format: text (for people), csv, tsv, json, markdown, or svg (the distribution of errors).")
    var format: ReportFormatArgument = .text

    @OptionGroup var layout: LayoutOptions
    @OptionGroup var confidence: ConfidenceOptions

    func validate() throws {
        guard minPolls >= 1 else { throw ValidationError("--min-polls must be at least 1, not \(minPolls)") }
        _ = try fields()
        _ = try filters.filter()
        if format != .svg && (chartTitle != nil || source != nil) {
            throw ValidationError("--chart-title and --source apply to --format svg")
        }
    }

    /// The --by fields.
    func fields() throws -> [CalibrationField] {
        guard let by else { return [] }
        let names = by.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        return try names.map { name in
            guard let field = CalibrationField(rawValue: name) else {
                throw ValidationError(
                    "--by: unknown field \"\(name)\" (use \(CalibrationField.names.joined(separator: ", ")))")
            }
            return field
        }
    }

    func run() throws {
        let name = InputFiles.displayName(file)
        let pollTable = try InputFiles.readPollTable(file)
        var selectionOptions = PollSelection.Options()
        selectionOptions.a = candidates.a
        selectionOptions.b = candidates.b
        selectionOptions.filter = try filters.filter()
        // FiveThirtyEight's ratings use every row of raw-polls; elsewhere one question per poll.
        selectionOptions.questions = pollTable.layout == .fiveThirtyEightRawPolls ? .all : .one
        let selection = PollSelection(pollTable, options: selectionOptions)
        var options = Calibration.Options()
        options.by = try fields()
        options.minimumPolls = minPolls
        options.confidence = try confidence.level()
        options.orientation = candidates.a == nil && candidates.b == nil ? .asPublished : .selected
        let calibration: Calibration
        do throws(PollCompareError) {
            if let why = selection.emptyReason { throw .invalidReportOption(why) }
            calibration = try Calibration(pollTable, selection: selection, options: options)
        } catch {
            throw DataErrors.pollFileError(error, file: name)
        }
        let report = CalibrationReport(calibration)
        if format != .text && format != .markdown && format != .svg {
            for note in report.notes { StandardStreams.note("\(name): \(note)") }
        }
        let sink = try OutputFile(path: output)
        switch format {
        case .text: sink.write(report.document(markdown: false, digits: layout.digits))
        case .markdown: sink.write(report.document(markdown: true, digits: layout.digits))
        case .csv: ReportFormat.csv.write(report.table, header: !layout.noHeader, to: sink.write)
        case .tsv: ReportFormat.tsv.write(report.table, header: !layout.noHeader, to: sink.write)
        case .json: ReportFormat.json.write(report.table, to: sink.write)
        case .svg:
            sink.write(
                CalibrationChart.chart(
                    report, title: chartTitle ?? "How far polls missed the result",
                    source: source ?? SVGChart.fileName(of: file)))
        }
        try sink.finish()
    }
}

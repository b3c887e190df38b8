import ArgumentParser
import PollCompare

struct RakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rake",
        abstract: "Weight respondents to known population margins (raking), with trimming and a convergence report.",
        discussion: """
            FILE has a header row and one row per respondent (CSV, or TSV with a .tsv name); it is \
            read twice, so it must be a file, not standard input. TARGETS.csv has the columns \
            variable,category,share, one row per category: each variable is a column of FILE, and \
            its shares are percentage points summing to 100, or proportions summing to 1 (detected \
            from the sums; every variable in the same unit; within 1e-6 points). A category in the \
            data but not in the targets, or in the targets with no respondent, is an error naming \
            it; so are targets that contradict the data's cells (e.g. every "F" respondent is \
            "young", yet the targets give F more than young).

            Raking is iterative proportional fitting (Deming & Stephan 1940) from the base weights \
            (--weight, else 1): a sweep scales each variable's categories in turn so that its \
            weighted margin equals its target share of the total T (--total, default n); it stops \
            when every margin is within --epsilon of its target (the largest |weighted share − \
            target|, a proportion) or after --max-iter sweeps. It runs on the cross-classification \
            of the raking variables (one cell per combination present), so a sweep costs the number \
            of cells, not of respondents. Final weights equal R survey::rake run to convergence.

            Bounds: --cap MAX and --floor MIN are multiples of the mean weight T/n. Weights outside \
            are trimmed as R survey::trimWeights does (set to the bound, the difference \
            shared equally among the others), then raked again, and so on until margins \
            and bounds hold together (each weight within the bound up to a relative --epsilon). A \
            category whose target would need a mean weight beyond a bound is an error naming it. \
            --trim-to-deff D finds instead the largest cap (by bisection, to 1e-4 relative) whose trimmed raking has a \
            Kish design effect n·Σw²/(Σw)² of at most D.

            Output (-o, atomically; standard output without it): every row and column of FILE as it \
            was, plus the weight column (--name, default weight). The report goes to standard error, \
            or with --report FILE to a file (JSON for a .json name, else CSV with the columns \
            measure,variable,before,after): sweeps, trim rounds, converged, each variable's largest margin error \
            before (base weights) and after, Kish deff and n_eff, sum, mean, min and max weight, the \
            bounds and how many weights sit at them. Raking that does not converge exits 65 after \
            the report, writing no weights, unless --allow-nonconvergence.

            Example:
              pollcmp rake respondents.csv --targets margins.csv -o weighted.csv
              pollcmp rake respondents.csv --targets margins.csv --weight design_wt --cap 5 --floor 0.2 \\
                --report rake.json -o weighted.csv
            """
    )

    @Argument(help: "The respondent file (a file: it is read twice).")
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp("The target margins: variable,category,share (points or proportions).", valueName: "file"))
    var targets: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The column of base weights (positive numbers); default 1 for everyone.", valueName: "column"))
    var weight: String?

    @Option(
        name: .customLong("max-iter"),
        help: ArgumentHelp("The most raking sweeps (and trim-and-re-rake rounds).", valueName: "k"))
    var maxIter: Int = 1000

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Convergence: the largest margin error accepted, a proportion (1e-10 = 1e-8 points).", valueName: "e"))
    var epsilon: Double = 1e-10

    @Option(
        name: .long,
        help: ArgumentHelp("The largest weight, a multiple of the mean weight (above 1).", valueName: "max"))
    var cap: Double?

    @Option(
        name: .long,
        help: ArgumentHelp("The smallest weight, a multiple of the mean weight (between 0 and 1).", valueName: "min"))
    var floor: Double?

    @Option(
        name: .customLong("trim-to-deff"),
        help: ArgumentHelp(
            "Trim to this Kish design effect (at least 1): the largest cap that reaches it.", valueName: "d"))
    var trimToDeff: Double?

    @Option(name: .long, help: ArgumentHelp("The name of the weight column added.", valueName: "column"))
    var name: String = "weight"

    @Option(
        name: .long,
        help: ArgumentHelp("T, the sum of the weights (default: the number of respondents).", valueName: "t"))
    var total: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the report to this file (JSON for a .json name, else CSV) instead of standard error.",
            valueName: "file"))
    var report: String?

    @Flag(
        name: .customLong("allow-nonconvergence"),
        help: "Write the weights even when raking did not converge (exit 0, with a note).")
    var allowNonconvergence = false

    @Option(name: [.customShort("o"), .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if file == "-" { throw ValidationError("rake reads its input twice: give a file, not -") }
        guard epsilon > 0, epsilon.isFinite else {
            throw ValidationError("--epsilon must be a number above 0, not \(epsilon)")
        }
        guard maxIter >= 1 else { throw ValidationError("--max-iter must be at least 1, not \(maxIter)") }
        if let cap, !(cap > 1 && cap.isFinite) {
            throw ValidationError("--cap must be a multiple of the mean weight above 1, not \(cap)")
        }
        if let floor, !(floor > 0 && floor < 1) {
            throw ValidationError(
                "--floor must be a multiple of the mean weight between 0 and 1 (exclusive), not \(floor)")
        }
        if let trimToDeff {
            guard trimToDeff >= 1, trimToDeff.isFinite else {
                throw ValidationError("--trim-to-deff must be a design effect of at least 1, not \(trimToDeff)")
            }
            if cap != nil { throw ValidationError("give --cap or --trim-to-deff, not both") }
        }
        if let total, !(total > 0 && total.isFinite) {
            throw ValidationError("--total must be a number above 0, not \(total)")
        }
        if name.isEmpty { throw ValidationError("--name must not be empty") }
        if report == "-" && (output == nil || output == "-") {
            throw ValidationError("--report - and the weighted file would both go to standard output: give -o FILE")
        }
    }

    func run() throws {
        let delimiter: UInt8 = file.hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        let targetsDelimiter: UInt8 = targets.hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        let goal: RakingTargets
        do {
            goal = try RakingTargets.read(try InputFiles.read(targets), delimiter: targetsDelimiter)
        } catch let error as CSVError {
            StandardStreams.error("\(targets):\(error)")
            throw DataErrors.exitCode
        }

        // First pass: each respondent's cell and base weight.
        var parser = CSVParser(delimiter: delimiter)
        var reader = RakingRespondentReader(targets: goal, weightColumn: weight, outputColumn: name)
        let table: CrossClassificationTable
        do {
            try InputFiles.stream(file) { chunk in try parser.feed(chunk) { try reader.consume($0) } }
            try parser.finish { try reader.consume($0) }
            table = try reader.finish()
        } catch let error as CSVError {
            StandardStreams.error("\(file):\(error)")
            throw DataErrors.exitCode
        } catch let error as RakingError {
            if case let .categoryWithoutRespondents(_, _, _, position) = error {
                StandardStreams.error("\(targets):\(position): \(error)")
            } else {
                StandardStreams.error(error.description)
            }
            throw DataErrors.exitCode
        }
        if let note = parser.byteOrderMarkNote { StandardStreams.note("\(file): \(note)") }

        let options = RakingOptions(
            total: total, epsilon: epsilon, maxSweeps: maxIter, cap: cap, floor: floor,
            targetDesignEffect: trimToDeff)
        let result: RakingResult
        do {
            result = try Raking.rake(table, to: goal, options: options)
        } catch {
            StandardStreams.error("\(targets): \(error)")
            throw DataErrors.exitCode
        }

        try writeReport(result.report)
        if !result.report.converged {
            let worst = result.report.marginErrorsAfter.enumerated().max { $0.element < $1.element }!
            let what =
                "raking did not converge in \(maxIter) \(options.cap != nil || options.floor != nil || trimToDeff != nil ? "sweeps or trim rounds" : "sweeps"): the largest margin error is \(NumberText.scientific(worst.element * 100, digits: 2)) points (\(goal.variables[worst.offset].name)), above --epsilon \(NumberText.roundTrip(epsilon))"
            guard allowNonconvergence else {
                StandardStreams.error("\(what); no weights written (--allow-nonconvergence writes them anyway)")
                throw DataErrors.exitCode
            }
            StandardStreams.note("\(what); weights written anyway (--allow-nonconvergence)")
        }

        // Second pass: every row as it was, plus its weight.
        let out = try OutputFile(path: output == "-" ? nil : output)
        var writer = WeightedRowWriter(delimiter: delimiter, name: name, weights: result.weights)
        var again = CSVParser(delimiter: delimiter)
        do {
            try InputFiles.stream(file) { chunk in
                try again.feed(chunk) { record in try out.append { try writer.append(record, to: &$0) } }
            }
            try again.finish { record in try out.append { try writer.append(record, to: &$0) } }
            guard writer.isComplete else {
                throw CSVError(
                    position: TextPosition(line: 1, column: 1),
                    message: "fewer rows than on the first reading (\(result.weights.count)): did the file change?")
            }
        } catch let error as CSVError {
            out.abandon()
            StandardStreams.error("\(file):\(error)")
            throw DataErrors.exitCode
        } catch {
            out.abandon()
            throw error
        }
        try out.finish()
    }

    /// The report: text on standard error, or CSV/JSON to --report.
    private func writeReport(_ summary: RakingReport) throws {
        guard let path = report else {
            var text = summary.text
            text.removeLast()
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                StandardStreams.note(String(line))
            }
            return
        }
        let file = try OutputFile(path: path == "-" ? nil : path)
        let format: ReportFormat = path.hasSuffix(".json") ? .json : .csv
        file.write(format.render(summary.table))
        try file.finish()
    }
}

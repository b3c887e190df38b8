import ArgumentParser
import PollCompare

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare two CSV files cell by cell, numbers within a tolerance: for testing published numbers.",
        discussion: """
            A number cell passes when |actual − expected| ≤ atol + rtol·|expected|; any other cell \
            must match exactly. Rows are matched by --key columns, or by position. Every differing \
            cell is printed (row, column, expected, actual, difference).

            Exit codes: 0 no differences, 1 differences, 65 malformed input, 66 a file is missing.

            Example: pollcmp report polls.csv --format csv > today.csv
                     pollcmp check published.csv today.csv --key poll_id --rtol 1e-9
            """
    )

    @Argument(help: "The expected CSV file.")
    var expected: String
    @Argument(help: "The actual CSV file (- for standard input).")
    var actual: String

    @Option(name: .long, help: "Relative tolerance for numbers.")
    var rtol: Double = 1e-12
    @Option(name: .long, help: "Absolute tolerance for numbers.")
    var atol: Double = 1e-14
    @Option(name: .long, help: "Key columns that match rows, comma-separated (default: by position).")
    var key: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard rtol >= 0 && rtol.isFinite, atol >= 0 && atol.isFinite else {
            throw ValidationError("--rtol and --atol must be non-negative numbers")
        }
    }

    func run() throws {
        let e = try InputFiles.read(expected, advice: "; compare the file in parts")
        let a = try InputFiles.read(actual, advice: "; compare the file in parts")
        let keys = key.map { $0.split(separator: ",").map(String.init) } ?? []
        let comparison: CSVComparison
        do {
            comparison = try CSVComparison(expected: e, actual: a, keys: keys, rtol: rtol, atol: atol)
        } catch {
            let path = error.file == .expected ? expected : actual
            StandardStreams.error("\(path == "-" ? "<stdin>" : path):\(error.error)")
            throw DataErrors.exitCode
        }
        let count = comparison.differences.count
        let summary =
            count == 0
            ? "No differences: \(comparison.rowsCompared) rows and \(comparison.columnsCompared) columns compared (rtol \(NumberText.roundTrip(rtol)), atol \(NumberText.roundTrip(atol))).\n"
            : "\(count) difference\(count == 1 ? "" : "s") (rtol \(NumberText.roundTrip(rtol)), atol \(NumberText.roundTrip(atol))):\n"
        if count == 0 {
            if output.format == .text || output.format == .markdown {
                StandardStreams.write(summary)
            } else {
                output.emit(comparison.table, summary: summary)
            }
            return
        }
        output.emit(comparison.table, summary: summary)
        throw ExitCode(1)
    }
}

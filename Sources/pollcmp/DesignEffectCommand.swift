import ArgumentParser
import PollCompare

struct DesignEffectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design-effect",
        abstract: "Kish's design effect and effective sample size from respondent weights.",
        discussion: """
            Reads a CSV (or TSV with a .tsv name). The weights are the column named by --column \
            (a name, or a column number counting from 1), else a column called weight, weights or \
            wt, else the only column. The header row is optional: a first line of numbers is read \
            as weights, not as a header. Every row has as many fields as the first; empty cells \
            are skipped. deff = n·Σw²/(Σw)², n_eff = (Σw)²/Σw² (computed on the weights scaled by \
            a power of two, so weights of any magnitude work).

            Example: pollcmp design-effect weights.csv --column wt
                     cut -d, -f3 survey.csv | pollcmp design-effect -
            """
    )

    @Argument(help: "The file, or - for standard input.")
    var file: String = "-"
    @Option(name: .long, help: "The weight column's name, or its number counting from 1.")
    var column: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let delimiter: UInt8 = file.hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        let weights = try InputFiles.readWeights(file, column: column, delimiter: delimiter)
        let kish = try DataErrors.guarded { () throws(PollCompareError) -> KishDesignEffect in
            try KishDesignEffect(weights: weights)
        }
        output.emit(
            PlanningReport.designEffectTable(kish),
            summary:
                "\(kish.count) weights: design effect \(NumberText.fixed(kish.designEffect, digits: 3)), effective sample size \(NumberText.fixed(kish.effectiveSampleSize, digits: output.digits)).\n"
        )
    }
}

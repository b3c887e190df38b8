import ArgumentParser
import PollCompare

/// Options every report-printing command shares: format and layout.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text (for people), csv, tsv or json.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Leave out the header row (csv, tsv, text).")
    var noHeader = false

    @Option(name: .long, help: "Decimals in text output (0-17).")
    var digits: Int = 1

    func validate() throws {
        guard (0...17).contains(digits) else {
            throw ValidationError("--digits must be between 0 and 17, not \(digits)")
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, tsv, json
}

/// The confidence level: --conf 0.95, 95 or 95%, and an optional fixed critical value --z.
struct ConfidenceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Confidence level: 0.95, 95 or 95%.", valueName: "level"))
    var conf: String = "0.95"

    @Option(name: .long, help: ArgumentHelp(
        "Critical value to use instead of the exact normal quantile (e.g. 1.96, to match a publication).",
        valueName: "z"))
    var z: Double?

    /// The parsed level.
    func level() throws -> ConfidenceLevel {
        guard let value = ConfidenceParsing.parse(conf) else {
            throw ValidationError("--conf \"\(conf)\" is not a confidence level (use 0.95, 95 or 95%)")
        }
        do {
            if let z { return try ConfidenceLevel(level: value, z: z) }
            return try ConfidenceLevel(value)
        } catch {
            throw ValidationError("--conf/--z: \(error)")
        }
    }

    func validate() throws {
        _ = try level()
    }
}

enum ConfidenceParsing {
    /// "0.95" → 0.95; "95" or "95%" → 0.95. Values of 1 and above without "%" are percentages.
    static func parse(_ text: String) -> Double? {
        var body = Substring(text)
        let percent = body.hasSuffix("%")
        if percent { body = body.dropLast() }
        guard let value = Double(body), value.isFinite else { return nil }
        return percent || value >= 1 ? value / 100 : value
    }
}

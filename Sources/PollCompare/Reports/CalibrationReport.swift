/// The tables and sentences of `pollcmp calibrate` from a ``Calibration``.
///
/// Columns (stable API, in this order): `group` (`all`, then each group's values as published,
/// joined by " / "), `polls`, `races`, `mean_error`, `mean_abs_error`, `rmse`, `srs_rmse`,
/// `inflation`, `coverage`, `tau`, `bias_sd` — the quantities of ``CalibrationSummary``, in
/// points except `polls`, `races` (counts), `inflation` (a ratio) and `coverage` (a fraction).
/// `inflation` is empty when `srs_rmse` is 0 and `bias_sd` when it is undefined
/// (``RaceBias``).
public struct CalibrationReport: Sendable {
    /// The column names.
    public static let columns = [
        "group", "polls", "races", "mean_error", "mean_abs_error", "rmse", "srs_rmse",
        "inflation", "coverage", "tau", "bias_sd",
    ]

    /// The calibration.
    public let calibration: Calibration
    /// One row per group, `all` first.
    public let table: ReportTable

    /// The report of `calibration`.
    ///
    /// - Complexity: O(groups).
    public init(_ calibration: Calibration) {
        self.calibration = calibration
        var table = ReportTable(columns: Self.columns)
        for row in calibration.rows {
            let s = row.summary
            table.append([
                .text(row.group), .number(Double(s.polls)), .number(Double(s.races)), .number(s.meanError),
                .number(s.meanAbsoluteError), .number(s.rmse), .number(s.samplingRMSE), .optional(s.inflation),
                .number(s.coverage), .number(s.tau), .optional(s.biasSD),
            ])
        }
        self.table = table
    }

    /// What was left out and why.
    public var notes: [String] { calibration.notes }

    /// A whole number with thousands separators: 3004 → "3,004".
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// FiveThirtyEight's `type_simple` codes in words.
    static let raceKinds = [
        "Pres-G": "general-election presidential", "Sen-G": "general-election Senate",
        "Gov-G": "general-election governor", "House-G": "general-election House",
        "Pres-P": "presidential primary",
    ]

    /// Who the sentence is about: "all 11,475 polls", "the 3,004 general-election presidential
    /// polls (type_simple Pres-G)", "the 598 polls with year 2020".
    func subject(_ row: Calibration.Row) -> String {
        let n = row.summary.polls
        let polls = n == 1 ? "poll" : "polls"
        if row.group == Calibration.allLabel { return n == 1 ? "the one poll" : "all \(Self.count(n)) polls" }
        let fields = calibration.options.by.map(\.rawValue).joined(separator: " / ")
        if calibration.options.by == [.typeSimple], let kind = Self.raceKinds[row.group] {
            return "the \(Self.count(n)) \(kind) \(polls) (type_simple \(row.group))"
        }
        return "the \(Self.count(n)) \(polls) with \(fields) \(row.group.isEmpty ? "(empty)" : row.group)"
    }

    /// One row in words: the typical miss, its multiple of sampling error, the coverage of the
    /// stated interval, the non-sampling error and the race-level bias.
    public func sentence(_ row: Calibration.Row, digits: Int) -> String {
        let s = row.summary
        let pct = calibration.options.confidence.percentText
        func points(_ x: Double) -> String { NumberText.fixed(x, digits: digits) }
        var text =
            "Across \(subject(row)), the typical miss (root mean squared error of the lead) was \(points(s.rmse)) points"
        if let inflation = s.inflation {
            text += ", \(NumberText.fixed(inflation, digits: 2)) times the sampling error (\(points(s.samplingRMSE)))"
        } else {
            text += ", with no sampling error to compare it with"
        }
        text +=
            "; the stated \(pct)% interval held the result \(NumberText.fixed(100 * s.coverage, digits: 0))% of the time."
        text +=
            " Beyond sampling error, polls missed by τ = \(points(s.tau)) points (the --tse to add to a margin of error)"
        if let bias = s.biasSD {
            text +=
                "; polls of one race shared a bias with an sd of \(points(bias)) points across \(Self.count(s.races)) races."
        } else {
            text += "."
        }
        if s.meanError != 0 {
            text +=
                " On average the polls' leads were \(points(abs(s.meanError))) points \(s.meanError > 0 ? "above" : "below") the results."
        }
        return text
    }

    /// Sentences for the whole selection and, with at most ``maximumSentences`` groups, for
    /// each group.
    public func sentences(digits: Int) -> String {
        let rows = calibration.rows
        let told = rows.count - 1 <= Self.maximumSentences ? rows : [rows[0]]
        return told.map { sentence($0, digits: digits) }.joined(separator: "\n") + "\n"
    }

    /// The most groups told in sentences (more are in the table only).
    public static let maximumSentences = 8

    /// Text or Markdown for people: the sentences, the table, the notes.
    public func document(markdown: Bool, digits: Int) -> String {
        var out = markdown ? "## Calibration\n\n" : ""
        out += sentences(digits: digits) + "\n"
        out += (markdown ? ReportFormat.markdown : ReportFormat.text).render(table, digits: digits)
        if !notes.isEmpty { out += "\n" + notes.map { (markdown ? "- " : "") + $0 }.joined(separator: "\n") + "\n" }
        return out
    }
}

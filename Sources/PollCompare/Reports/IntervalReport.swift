/// Rows and sentences for `pollcmp interval`: one share's interval by one or every method, in
/// percentage points.
///
/// Columns (stable API): `method,conf,share,n,n_eff,lower,upper,basis`. A census (n = N with a
/// population: n_eff infinite) has no sampling error: every method gives the share itself.
public enum IntervalReport {
    /// The column names, in order.
    public static let columns = ["method", "conf", "share", "n", "n_eff", "lower", "upper", "basis"]

    /// One row per method. Without an interval (unknown n, or a non-random sample) the bounds are
    /// empty and `basis` says why.
    ///
    /// - Throws: ``PollCompareError`` for a share outside [0, 1].
    /// - Complexity: O(methods) interval computations.
    public static func table(
        share: Double, design: SampleDesign?, methods: [ShareIntervalMethod],
        confidence: ConfidenceLevel
    ) throws(PollCompareError) -> ReportTable {
        try Shares.validate([("share", share)])
        var table = ReportTable(columns: columns)
        let basis = design?.basis ?? .unknownSampleSize
        for method in methods {
            var bounds: (Double, Double)?
            if basis.allowsInterval, let n = design?.effectiveSampleSize {
                if n.isFinite {
                    let interval = try ShareInterval(
                        share: share, sampleSize: n, confidence: confidence, method: method)
                    bounds = (interval.lower, interval.upper)
                } else {
                    bounds = (share, share)
                }
            }
            table.append([
                .text(method.rawValue), .number(confidence.level), .number(Percent.echo(share)),
                .optional(design?.sampleSize), .optional(design?.effectiveSampleSize),
                .optional(bounds.map { $0.0 * 100 }), .optional(bounds.map { $0.1 * 100 }), .text(basis.rawValue),
            ])
        }
        return table
    }

    /// A sentence for people about the first method's interval.
    public static func summary(
        share: Double, design: SampleDesign?, method: ShareIntervalMethod,
        confidence: ConfidenceLevel, digits: Int
    ) throws(PollCompareError) -> String {
        let level = confidence.percentText + "%"
        let shareText = NumberText.fixed(share * 100, digits: digits)
        guard let design else {
            return "A share of \(shareText) has no margin of error without a sample size.\n"
        }
        guard design.basis.allowsInterval else {
            return "A share of \(shareText) from a \(design.sampleType.rawValue) poll has no margin of sampling error:"
                + " its respondents were not randomly chosen.\n"
        }
        guard design.effectiveSampleSize.isFinite else {
            return
                "A share of \(shareText) from the whole population (n = N) has no sampling error: its margin of error is 0.\n"
        }
        let i = try ShareInterval(
            share: share, sampleSize: design.effectiveSampleSize, confidence: confidence, method: method)
        var text = "A share of \(shareText) with n = \(NumberText.roundTrip(design.sampleSize))"
        if design.designEffect != 1 || design.populationSize != nil {
            text += " (effective n \(NumberText.fixed(design.effectiveSampleSize, digits: 1)))"
        }
        text +=
            ": the \(method.rawValue) \(level) interval runs from \(NumberText.fixed(i.lower * 100, digits: digits))"
            + " to \(NumberText.fixed(i.upper * 100, digits: digits))."
        if design.basis == .assumesRandomSample {
            text += " This assumes a random sample, which a \(design.sampleType.rawValue) poll is not."
        }
        return text + "\n"
    }
}

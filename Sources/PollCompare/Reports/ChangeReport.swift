/// Rows for `pollcmp change`: one candidate's change between two polls, in percentage points.
///
/// Columns (stable API): `share_before,n_before,share_after,n_after,method,conf,change,lower,
/// upper,z,p_value,break_even_n,alternative`. The two shares come from two polls, so any pair in
/// 0–100 is valid. `n_before`/`n_after` are the respondents; the methods use each poll's
/// effective n (its design effect and population correction applied). `break_even_n` is the
/// smallest equal number of respondents per poll at which the change would be significant by the
/// Wald test (each poll's design included), empty for a zero change. A one-sided `alternative`
/// opens one end of the interval to ±100 and makes `p_value` one-sided (see ``Alternative``).
public enum ChangeReport {
    /// The column names, in order.
    public static let columns = [
        "share_before", "n_before", "share_after", "n_after", "method", "conf", "change", "lower", "upper",
        "z", "p_value", "break_even_n", "alternative",
    ]

    /// One row per method; interval columns are empty when a sample size is missing.
    ///
    /// - Parameters:
    ///   - shareBefore: the earlier poll's share, a proportion in [0, 1].
    ///   - designBefore: the earlier poll's design, or nil when its sample size is unknown.
    ///   - shareAfter: the later poll's share, a proportion in [0, 1].
    ///   - designAfter: the later poll's design, or nil when its sample size is unknown.
    ///   - methods: the interval methods, one row each.
    ///   - confidence: the level.
    ///   - alternative: two-sided (default) or one-sided.
    ///   - unsized: for a poll without a design, a design effect and population known all the
    ///     same, for the break-even n.
    ///   - totalError: τ added to each poll's variance (Wald only; the break-even n stays that of
    ///     sampling error).
    /// - Throws: ``PollCompareError`` for a share outside [0, 1], a one-sided level of 50% or
    ///   less, or a total error with a method other than Wald.
    /// - Complexity: as ``ShareChange/interval(method:confidence:nonSamplingVariance:)`` per method.
    public static func table(
        shareBefore: Double, designBefore: SampleDesign?, shareAfter: Double,
        designAfter: SampleDesign?, methods: [ChangeIntervalMethod], confidence: ConfidenceLevel,
        alternative: Alternative = .twoSided,
        unsized: (before: SampleSizePlanning.Term, after: SampleSizePlanning.Term)? = nil,
        totalError: TotalError? = nil
    )
        throws(PollCompareError) -> ReportTable
    {
        if let totalError, totalError.tau > 0, let other = methods.first(where: { $0 != .wald }) {
            throw .invalidReportOption(
                "--tse adds a variance to the Wald interval; --method \(other.rawValue) cannot take it")
        }
        try Shares.validate([("share before", shareBefore)])
        try Shares.validate([("share after", shareAfter)])
        let level = try alternative.intervalLevel(confidence)
        var table = ReportTable(columns: columns)
        var change: ShareChange?
        if let n1 = designBefore?.effectiveSampleSize, let n2 = designAfter?.effectiveSampleSize {
            change = try ShareChange(
                shareBefore: shareBefore, sampleSizeBefore: n1, shareAfter: shareAfter, sampleSizeAfter: n2)
        }
        let breakEven = breakEvenSampleSize(
            shareBefore: shareBefore, designBefore: designBefore,
            shareAfter: shareAfter, designAfter: designAfter,
            z: alternative == .twoSided ? confidence.z : confidence.oneSidedZ,
            unsized: unsized)
        for method in methods {
            let i = change?.interval(method: method, confidence: level, nonSamplingVariance: totalError?.variance ?? 0)
            let bounds = i.map { alternative.bounds(lower: $0.lower, upper: $0.upper, range: -1...1) }
            table.append([
                .number(Percent.echo(shareBefore)), .optional(designBefore?.sampleSize),
                .number(Percent.echo(shareAfter)),
                .optional(designAfter?.sampleSize), .text(method.rawValue), .number(confidence.level),
                .number(Percent.difference(shareAfter, shareBefore)),
                .optional(bounds.map { $0.lower * 100 }), .optional(bounds.map { $0.upper * 100 }),
                .optional(i?.statistic), .optional(i.map { alternative.pValue(statistic: $0.statistic) }),
                .optional(breakEven), .text(alternative.rawValue),
            ])
        }
        return table
    }

    /// The smallest equal n per poll with |p₂ − p₁| ≥ z·√(p₁q₁/n_eff₁ + p₂q₂/n_eff₂), by
    /// ``SampleSizePlanning/smallestSampleSize(_:target:correlation:z:)``; nil for no change.
    /// A poll without a design takes the design effect and population of its `unsized` term.
    ///
    /// - Complexity: O(log n).
    public static func breakEvenSampleSize(
        shareBefore: Double, designBefore: SampleDesign?, shareAfter: Double,
        designAfter: SampleDesign?, z: Double,
        unsized: (before: SampleSizePlanning.Term, after: SampleSizePlanning.Term)? = nil
    )
        -> Double?
    {
        let d = shareAfter - shareBefore
        guard d != 0 else { return nil }
        func term(_ p: Double, _ design: SampleDesign?, _ fallback: SampleSizePlanning.Term?) -> SampleSizePlanning.Term
        {
            SampleSizePlanning.Term(
                unitVariance: p * (1 - p), designEffect: design?.designEffect ?? fallback?.designEffect ?? 1,
                populationSize: design?.populationSize ?? fallback?.populationSize)
        }
        return SampleSizePlanning.smallestSampleSize(
            [
                term(shareBefore, designBefore, unsized?.before),
                term(shareAfter, designAfter, unsized?.after),
            ],
            target: abs(d), z: z)
    }
}

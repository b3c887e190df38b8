/// Rows for `pollcmp multinomial`: simultaneous intervals for every category, in points.
///
/// Columns (stable API): `category,share,method,conf,lower,upper`. Shares that sum to less than
/// 100 leave a remainder: it becomes one more category, `other`, printed with its own interval,
/// so every interval is computed on the share it is printed beside (nothing is rescaled).
public enum MultinomialReport {
    /// The column names, in order.
    public static let columns = ["category", "share", "method", "conf", "lower", "upper"]

    /// The name of the remainder category.
    public static let remainderName = "other"

    /// How far below 1 the shares may sum before the remainder becomes a category: 1e-9, binary
    /// rounding of decimal shares that sum to 100.
    static let remainderTolerance = 1e-9

    /// The categories and their shares, with the remainder 1 − Σ shares appended as ``remainderName``
    /// when it is above the rounding tolerance.
    ///
    /// - Throws: ``PollCompareError/shareOutOfRange(name:value:)`` for a share outside [0, 1],
    ///   ``PollCompareError/invalidCategories(_:)`` when the shares sum above 1.
    public static func categories(
        shares: [Double], names: [String]
    ) throws(PollCompareError)
        -> (shares: [Double], names: [String])
    {
        var sum = 0.0
        for (name, share) in zip(names, shares) {
            try Shares.validate([(name, share)])
            sum += share
        }
        if sum > 1 + remainderTolerance {
            throw .invalidCategories(
                "shares sum to \(Percent.text(sum)), above 100: one poll's categories cannot hold more than everyone")
        }
        guard sum < 1 - remainderTolerance else { return (shares, names) }
        return (shares + [1 - sum], names + [remainderName])
    }

    /// One row per category (and one for the remainder, see ``categories(shares:names:)``).
    ///
    /// - Parameters:
    ///   - shares: proportions, one per category.
    ///   - names: category names (same count).
    ///   - design: the poll's design (counts are share × effective n), or nil: then the bounds
    ///     are empty.
    ///   - method: the simultaneous interval method.
    ///   - confidence: the level.
    /// - Complexity: as ``MultinomialInterval``.
    public static func table(
        shares: [Double], names: [String], design: SampleDesign?, method: MultinomialIntervalMethod,
        confidence: ConfidenceLevel
    ) throws(PollCompareError) -> ReportTable {
        let (shares, names) = try categories(shares: shares, names: names)
        var bounds: MultinomialInterval?
        if let design {
            let n = design.effectiveSampleSize
            if n.isFinite {
                bounds = try MultinomialInterval(
                    counts: shares.map { Counts.count(share: $0, of: n) },
                    confidence: confidence, method: method)
            } else {
                // A census: every share is exact.
                bounds = MultinomialInterval(census: shares, method: method)
            }
        }
        var table = ReportTable(columns: columns)
        for (k, share) in shares.enumerated() {
            table.append([
                .text(names[k]), .number(Percent.echo(share)), .text(method.rawValue), .number(confidence.level),
                .optional(bounds.map { $0.lower[k] * 100 }), .optional(bounds.map { $0.upper[k] * 100 }),
            ])
        }
        return table
    }
}

/// Rows for `pollcmp multinomial`: simultaneous intervals for every category, in points.
///
/// Columns (stable API): `category,share,method,conf,lower,upper`.
public enum MultinomialReport {
    /// The column names, in order.
    public static let columns = ["category", "share", "method", "conf", "lower", "upper"]

    /// One row per category.
    ///
    /// - Parameters:
    ///   - shares: proportions, one per category.
    ///   - names: category names (same count).
    ///   - sampleSize: n (effective), or nil: then the bounds are empty.
    /// - Complexity: as ``MultinomialInterval``.
    public static func table(shares: [Double], names: [String], sampleSize: Double?, method: MultinomialIntervalMethod,
                             confidence: ConfidenceLevel) throws(PollCompareError) -> ReportTable {
        try Shares.validate(zip(names, shares).map { ($0, $1) })
        var bounds: MultinomialInterval?
        if let n = sampleSize {
            bounds = try MultinomialInterval(counts: shares.map { $0 * n }, confidence: confidence, method: method)
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

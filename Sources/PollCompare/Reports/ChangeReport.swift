/// Rows for `pollcmp change`: one candidate's change between two polls, in percentage points.
///
/// Columns (stable API): `share_before,n_before,share_after,n_after,method,conf,change,lower,
/// upper,z,p_value`.
public enum ChangeReport {
    /// The column names, in order.
    public static let columns = [
        "share_before", "n_before", "share_after", "n_after", "method", "conf", "change", "lower", "upper",
        "z", "p_value",
    ]

    /// One row per method; interval columns are empty when a sample size is missing.
    ///
    /// - Complexity: as ``ShareChange/interval(method:confidence:)`` per method.
    public static func table(shareBefore: Double, sizeBefore: Double?, shareAfter: Double, sizeAfter: Double?,
                             methods: [ChangeIntervalMethod], confidence: ConfidenceLevel) throws(PollCompareError) -> ReportTable {
        try Shares.validate([("share before", shareBefore), ("share after", shareAfter)])
        var table = ReportTable(columns: columns)
        var change: ShareChange?
        if let n1 = sizeBefore, let n2 = sizeAfter {
            change = try ShareChange(shareBefore: shareBefore, sizeBefore: n1, shareAfter: shareAfter, sizeAfter: n2)
        }
        for method in methods {
            let i = change?.interval(method: method, confidence: confidence)
            table.append([
                .number(Percent.echo(shareBefore)), .optional(sizeBefore), .number(Percent.echo(shareAfter)),
                .optional(sizeAfter), .text(method.rawValue), .number(confidence.level),
                .number((shareAfter - shareBefore) * 100),
                .optional(i.map { $0.lower * 100 }), .optional(i.map { $0.upper * 100 }),
                .optional(i?.statistic), .optional(i?.pValue),
            ])
        }
        return table
    }
}

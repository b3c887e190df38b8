/// Turns ``SwingEstimate`` values into report rows and sentences, in percentage points (the
/// unit polls are published in); p-values and confidence stay fractions.
///
/// Columns, in order (stable API): `a_before,b_before,n_before,a_after,b_after,n_after,
/// lead_before,lead_after,swing,butler_swing,se,moe,lower,upper,z,p_value,break_even_n,conf,
/// alternative,basis`. `basis` is `total-error` when the polls' variances include τ² (``TotalError``). Leads, swings and Butler swings are exact decimals of the published shares (see
/// ``ExactDecimal``). Interval columns are empty when a sample size is missing; `break_even_n` is
/// always given (empty only for a zero swing): the equal number of respondents per poll, each
/// poll's design effect and population correction included. A one-sided `alternative` opens one
/// end of the interval to ±200 (the edge of a swing's range) and makes `p_value` one-sided.
public enum SwingReport {
    /// The column names.
    public static let columns = [
        "a_before", "b_before", "n_before", "a_after", "b_after", "n_after",
        "lead_before", "lead_after", "swing", "butler_swing", "se", "moe", "lower", "upper",
        "z", "p_value", "break_even_n", "conf", "alternative", "basis",
    ]

    /// A table with one row per swing.
    ///
    /// - Complexity: O(swings).
    public static func table(_ swings: [SwingEstimate]) -> ReportTable {
        var table = ReportTable(columns: columns)
        for s in swings {
            let interval = s.interval
            table.append([
                .number(Percent.echo(s.before.shareA)), .number(Percent.echo(s.before.shareB)),
                .optional(s.before.sampleSize),
                .number(Percent.echo(s.after.shareA)), .number(Percent.echo(s.after.shareB)),
                .optional(s.after.sampleSize),
                .number(Percent.difference(s.before.shareA, s.before.shareB)),
                .number(Percent.difference(s.after.shareA, s.after.shareB)),
                .number(Percent.swing(before: s.before.shareA, s.before.shareB, after: s.after.shareA, s.after.shareB)),
                .number(
                    Percent.swing(
                        before: s.before.shareA, s.before.shareB, after: s.after.shareA, s.after.shareB,
                        dividedBy: 2)),
                .optional(s.standardError.map(points)), .optional(s.marginOfError.map(points)),
                .optional(interval.map { points($0.lower) }), .optional(interval.map { points($0.upper) }),
                .optional(s.zStatistic), .optional(s.pValue), .optional(s.breakEvenBound),
                .number(s.confidence.level), .text(s.alternative.rawValue), .text(s.basis.rawValue),
            ])
        }
        return table
    }

    /// Plain sentences saying what the numbers support, e.g. "The lead moved from +8.0 to −27.0:
    /// a swing of −35.0 points (Butler swing −17.5)." followed by the margin of error, or by why
    /// there is none and the break-even sample size.
    ///
    /// - Parameters:
    ///   - s: the swing.
    ///   - digits: decimals for points (1 by default, as polls are published).
    public static func summary(_ s: SwingEstimate, digits: Int = 1) -> String {
        let level = s.confidence.percentText + "%"
        var text =
            "The lead moved from \(signedPoints(s.before.lead, digits)) to \(signedPoints(s.after.lead, digits)):"
            + " a swing of \(signedPoints(s.swing, digits)) points (Butler swing \(signedPoints(s.butlerSwing, digits)))."
        if let moe = s.marginOfError, let interval = s.interval, let p = s.pValue {
            let nBefore = NumberText.roundTrip(s.before.sampleSize ?? 0)
            let nAfter = NumberText.roundTrip(s.after.sampleSize ?? 0)
            let test = s.zStatistic.map { "z = \(NumberText.fixed($0, digits: 2)), " } ?? ""
            switch s.alternative {
            case .twoSided:
                text +=
                    "\nWith n = \(nBefore) before and \(nAfter) after, the swing's margin of error at \(level) confidence"
                    + " is ±\(NumberText.fixed(points(moe), digits: digits)) points"
                    + " (interval \(signedPoints(interval.lower, digits)) to \(signedPoints(interval.upper, digits))"
                    + "; \(test)p-value \(pValueText(p)))."
                if s.basis == .totalError {
                    text +=
                        abs(s.swing) > moe
                        ? "\nThe swing is larger than its margin of error, which includes historical non-sampling error: polls' usual errors alone are an unlikely explanation."
                        : "\nThe swing is within its margin of error, which includes historical non-sampling error: polls' usual errors could explain it."
                } else if abs(s.swing) > moe {
                    text +=
                        "\nThe swing is larger than its margin of error: sampling error alone is an unlikely explanation."
                } else {
                    text += "\nThe swing is within its margin of error: sampling error alone could explain it."
                }
            case .greater, .less:
                let greater = s.alternative == .greater
                text +=
                    "\nWith n = \(nBefore) before and \(nAfter) after, the one-sided \(level) \(greater ? "lower" : "upper") bound"
                    + " of the swing is \(signedPoints(greater ? interval.lower : interval.upper, digits)) points"
                    + " (\(test)p-value \(pValueText(p)) against the alternative that the swing is \(greater ? "above" : "below") 0)."
            }
        } else {
            text += "\nWithout both sample sizes the swing has no margin of error."
            if let breakEven = s.breakEvenBound {
                text +=
                    " At \(level) confidence a swing this size would be significant with at least"
                    + " \(NumberText.roundTrip(breakEven)) respondents in each poll (the break-even n)."
            }
        }
        return text + "\n"
    }

    static func points(_ proportion: Double) -> Double { proportion * 100 }

    static func signedPoints(_ proportion: Double, _ digits: Int) -> String {
        NumberText.fixed(points(proportion), digits: digits, signed: true)
    }

    /// A p-value for sentences: 4 significant figures, or "< 1e-16" below what a Double can
    /// separate from 0 after 1 − Φ.
    static func pValueText(_ p: Double) -> String {
        if p < 1e-16 { return "< 1e-16" }
        if p < 0.001 {
            return NumberText.scientific(p, digits: 2)
        }
        return NumberText.fixed(p, digits: 4)
    }
}

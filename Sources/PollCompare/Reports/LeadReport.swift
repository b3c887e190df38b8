/// Rows and sentences for `pollcmp lead`, in percentage points.
///
/// Columns (stable API): `a,b,n,n_eff,method,conf,lead,se,moe,lower,upper,z,p_value,prob_lead,
/// break_even_n,basis,seed,alternative,draws`. `draws` (bayes only) is the number of posterior
/// draws used: the requested number, raised when the level needs more (see
/// ``LeadInterval/requiredDraws(confidence:)``). For a one-sided `alternative` one bound is the edge of
/// a lead's range (±100), `moe` is the distance from the lead to the other bound and `p_value`
/// is one-sided (see ``Alternative``). `break_even_n` is the number of respondents (before the
/// design effect and the finite population correction, which it includes). `prob_lead` is P(A leads): Φ(lead/SE) for the Wald methods, the exact
/// Dirichlet posterior for `bayes`. `seed` is given for `bayes` only.
public enum LeadReport {
    /// The column names, in order.
    public static let columns = [
        "a", "b", "n", "n_eff", "method", "conf", "lead", "se", "moe", "lower", "upper", "z", "p_value",
        "prob_lead", "break_even_n", "basis", "seed", "alternative", "draws",
    ]

    /// One row, from the estimate and its interval (nil when none may be given).
    ///
    /// - Complexity: O(1).
    public static func table(
        _ estimate: LeadEstimate, interval i: LeadInterval?, method: LeadIntervalMethod,
        confidence: ConfidenceLevel, alternative: Alternative = .twoSided
    ) -> ReportTable {
        var table = ReportTable(columns: columns)
        table.append([
            .number(Percent.echo(estimate.shareA)), .number(Percent.echo(estimate.shareB)),
            .optional(estimate.sampleSize), .optional(estimate.effectiveSampleSize),
            .text(method.rawValue), .number(confidence.level),
            .number(Percent.difference(estimate.shareA, estimate.shareB)),
            .optional(i.map { $0.standardError * 100 }), .optional(i.map { margin($0, alternative) * 100 }),
            .optional(i.map { bound($0.lower, $0, estimate) }), .optional(i.map { bound($0.upper, $0, estimate) }),
            .optional(i?.zStatistic), .optional(i?.pValue), .optional(i?.probabilityALeads),
            .optional(estimate.breakEvenBound(confidence: confidence, alternative: alternative)),
            .text(estimate.basis.rawValue), .optional(i?.seed.map { Double($0) }), .text(alternative.rawValue),
            .optional(i?.draws.map { Double($0) }),
        ])
        return table
    }

    /// A bound in points; a census's bounds are the lead itself, printed as its exact decimal.
    static func bound(_ value: Double, _ i: LeadInterval, _ estimate: LeadEstimate) -> Double {
        i.standardError == 0 && i.lower == i.upper ? Percent.difference(estimate.shareA, estimate.shareB) : value * 100
    }

    /// Half the width of a two-sided interval; the distance from the estimate to the finite
    /// bound of a one-sided one.
    static func margin(_ i: LeadInterval, _ alternative: Alternative) -> Double {
        switch alternative {
        case .twoSided: return i.marginOfError
        case .greater: return i.center - i.lower
        case .less: return i.upper - i.center
        }
    }

    /// Sentences saying what the numbers support, e.g. "A leads B by 27.0 points (58.0 to 31.0).
    /// The lead's margin of error at 95% confidence is ±5.6 points (…): the lead is larger than its
    /// margin of error; the probability that A leads is 1.000."
    public static func summary(
        _ estimate: LeadEstimate, interval: LeadInterval?, method: LeadIntervalMethod,
        confidence: ConfidenceLevel, digits: Int, names: (String, String) = ("A", "B"),
        alternative: Alternative = .twoSided
    ) -> String {
        let (a, b) = names
        let level = confidence.percentText + "%"
        let d = estimate.lead
        let points = NumberText.fixed(abs(d) * 100, digits: digits)
        let shares =
            "\(NumberText.fixed(estimate.shareA * 100, digits: digits)) to \(NumberText.fixed(estimate.shareB * 100, digits: digits))"
        var text =
            d == 0
            ? "\(a) and \(b) have equal shares (\(shares))."
            : (d > 0
                ? "\(a) leads \(b) by \(points) points (\(shares))."
                : "\(b) leads \(a) by \(points) points (\(shares)).")
        guard let i = interval else {
            switch estimate.basis {
            case .notRandomSample:
                text += "\nThis poll is not a random sample, so the lead has no margin of sampling error."
            default:
                text += "\nWithout a sample size the lead has no margin of error."
            }
            if let n = estimate.breakEvenBound(confidence: confidence, alternative: alternative) {
                text +=
                    " In a random sample a lead this size would be significant at \(level) confidence"
                    + " with at least \(NumberText.roundTrip(n)) respondents (the break-even n)."
            }
            return text + "\n"
        }
        let census = estimate.effectiveSampleSize == .infinity
        if census {
            text += "\nThe whole population was asked (n = N): there is no sampling error, so the margin of error is 0."
        } else if alternative == .twoSided {
            let moe = NumberText.fixed(i.marginOfError * 100, digits: digits)
            text +=
                "\nThe lead's margin of error at \(level) confidence is ±\(moe) points"
                + " (\(method.rawValue) interval \(NumberText.fixed(i.lower * 100, digits: digits, signed: true))"
                + " to \(NumberText.fixed(i.upper * 100, digits: digits, signed: true)))"
            if i.lower > 0 || i.upper < 0 {
                text += ": the lead is larger than its margin of error."
            } else {
                text += ": the interval includes no lead at all, so this poll cannot say who is ahead."
            }
        } else {
            let greater = alternative == .greater
            let bound = NumberText.fixed((greater ? i.lower : i.upper) * 100, digits: digits, signed: true)
            text +=
                "\nThe one-sided \(level) \(greater ? "lower" : "upper") bound of A − B is \(bound) points (\(method.rawValue))"
            if let p = i.pValue {
                text +=
                    "; p-value \(SwingReport.pValueText(p)) against the alternative that A − B is \(greater ? "above" : "below") 0"
            }
            text += "."
        }
        let leader = d >= 0 ? a : b
        let probability = d >= 0 ? i.probabilityALeads : 1 - i.probabilityALeads
        if probability.isFinite, !census {
            text +=
                " The probability that \(leader) leads is \(NumberText.fixed(probability, digits: 3))"
                + (method == .bayes ? " (Dirichlet posterior, uniform prior)." : " (normal approximation).")
        }
        if estimate.basis == .assumesRandomSample {
            text += "\nThis assumes a random sample, which this poll is not."
        }
        return text + "\n"
    }
}

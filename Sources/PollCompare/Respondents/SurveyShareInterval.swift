import PollNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a crosstab cell's interval is made from its design-based standard error.
public enum SurveyIntervalMethod: String, CaseIterable, Sendable {
    /// R `svyciprop(method = "logit")`: logit(p) ± t_df·se(logit p), mapped back.
    case logit
    /// R `svyciprop(method = "beta")`: Korn & Graubard (1998) with R's degrees-of-freedom adjustment.
    case beta
    /// Wilson's score interval on the effective sample size n/deff, normal quantile.
    case wilson
    /// p ± z·se, normal quantile.
    case wald
}

/// Intervals for a share estimated from a complex sample (R `survey::svyciprop`; Korn &
/// Graubard 1998, *Survey Methodology* 24:193; Lumley 2010, §2.4). Shares are proportions in
/// [0, 1]; every bound is clipped to [0, 1].
///
/// - logit: L the intercept of the quasibinomial model y ~ 1 (``InterceptLogitFit``: logit p
///   once converged), se_L its design standard error (linearization: the sandwich of R's
///   `svyglm`, influence values w(y − μ)/(Σw·μ(1 − μ)); replicates: the spread of the
///   replicates' refitted logits); bounds expit(L ± t·se_L) with t the upper α/2 quantile of
///   Student's t on the design's degrees of freedom.
/// - beta: n* = p(1 − p)/se² · (t_{n−1}/t_df)² (n the domain's respondents, t_k the upper α/2
///   quantile with k degrees of freedom); bounds B⁻¹(α/2; n*p, n*(1 − p) + 1) and
///   B⁻¹(1 − α/2; n*p + 1, n*(1 − p)).
/// - wilson: [p + z²/2m ± z√(pq/m + z²/4m²)]/(1 + z²/m) with m = n₊/deff, n₊ the domain's
///   respondents with a weight above 0 (Wilson 1927; Kish).
/// - wald: p ± z·se.
///
/// A share of 0 or 1 has no design variance (se = 0, deff undefined): its interval is nil, as
/// is any interval whose degrees of freedom are below 1.
public enum SurveyShareInterval {
    /// The interval, or nil when it is undefined.
    ///
    /// - Parameters:
    ///   - method: the interval method.
    ///   - p: the share, in [0, 1].
    ///   - se: its design-based standard error.
    ///   - logit: the fitted logit and its design standard error (needed for `.logit` only).
    ///   - n: respondents in the domain, zero weights included (R `nrow(design)`, beta's t_{n−1}).
    ///   - positive: those with a weight above 0 (the n of `deff`; wilson's m = positive/deff).
    ///   - deff: the design effect (R `deff = "replace"`).
    ///   - df: design degrees of freedom of the domain.
    ///   - level: the confidence level.
    /// - Complexity: O(1) (beta: a few incomplete-beta inversions).
    public static func interval(
        _ method: SurveyIntervalMethod, share p: Double, se: Double, logit: (coefficient: Double, se: Double)?,
        n: Int, positive: Int, deff: Double, df: Int, level: ConfidenceLevel
    ) -> (lower: Double, upper: Double)? {
        guard p > 0 && p < 1, se > 0, se.isFinite else { return nil }
        let halfAlpha = level.alpha / 2
        switch method {
        case .logit:
            guard df >= 1, let logit, logit.se.isFinite else { return nil }
            let t = StudentT.upperQuantile(halfAlpha, degreesOfFreedom: Double(df))
            return (
                InterceptLogitFit.expit(logit.coefficient - t * logit.se),
                InterceptLogitFit.expit(logit.coefficient + t * logit.se)
            )
        case .beta:
            guard df >= 1, n >= 2 else { return nil }
            let ratio =
                StudentT.upperQuantile(halfAlpha, degreesOfFreedom: Double(n - 1))
                / StudentT.upperQuantile(halfAlpha, degreesOfFreedom: Double(df))
            let nEff = p * (1 - p) / (se * se) * ratio * ratio
            let lower = IncompleteBeta.inverse(p: halfAlpha, a: nEff * p, b: nEff * (1 - p) + 1)
            let upper = IncompleteBeta.inverseComplement(q: halfAlpha, a: nEff * p + 1, b: nEff * (1 - p))
            return (lower, upper)
        case .wilson:
            guard deff > 0, deff.isFinite else { return nil }
            let m = Double(positive) / deff
            let z = level.z
            let z2 = z * z
            let centre = (p + z2 / (2 * m)) / (1 + z2 / m)
            let half = z * (p * (1 - p) / m + z2 / (4 * m * m)).squareRoot() / (1 + z2 / m)
            return (max(0, centre - half), min(1, centre + half))
        case .wald:
            return (max(0, p - level.z * se), min(1, p + level.z * se))
        }
    }
}

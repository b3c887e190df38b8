#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The logit of a share as R's `svyciprop(method = "logit")` obtains it: the intercept of the
/// quasibinomial model y ~ 1 fitted by R's `glm.fit` (iteratively reweighted least squares,
/// McCullagh & Nelder 1989, §2.5) with its starting values, link clamps and stopping rule
/// (|dev − dev_old|/(|dev| + 0.1) < 10⁻⁸, at most 25 iterations), so the interval agrees with R
/// to the last bits rather than to the 10⁻⁸ at which the iteration stops.
///
/// For an intercept-only model every iteration after the first is Newton's step
/// β ← β + (S₁ − μS)/(S·μ′(β)) with S₁ = Σw·y, S = Σw, μ = expit(β) and μ′ its derivative (both
/// clamped as R's binomial family clamps them beyond |η| = 30); the first starts from R's
/// per-respondent μ_i = (w_i·y_i + ½)/(w_i + 1) (weights normalized to mean 1), or from a given
/// β (replicate fits start at the full-sample β, as `svyglm` on a replicate design does).
public enum InterceptLogitFit {
    static let epsilon = 1e-8
    static let maxIterations = 25
    static let doubleEpsilon = Double.ulpOfOne

    /// R's binomial inverse link (C `logit_linkinv`).
    static func linkinv(_ eta: Double) -> Double {
        let tmp = eta < -30 ? doubleEpsilon : (eta > 30 ? 1 / doubleEpsilon : exp(eta))
        return tmp / (1 + tmp)
    }

    /// R's dμ/dη (C `logit_mu_eta`).
    static func muEta(_ eta: Double) -> Double {
        let opexp = 1 + exp(eta)
        return (eta > 30 || eta < -30) ? doubleEpsilon : exp(eta) / (opexp * opexp)
    }

    /// Σ binomial deviance residuals with constant μ: 2(S₁·log(1/μ) + S₀·log(1/(1 − μ))).
    static func deviance(successes s1: Double, failures s0: Double, mu: Double) -> Double {
        (s1 > 0 ? 2 * s1 * log(1 / mu) : 0) + (s0 > 0 ? 2 * s0 * log(1 / (1 - mu)) : 0)
    }

    /// Continues Newton's iteration from β with deviance `devold`.
    static func iterate(
        from start: Double, devold start0: Double, successes s1: Double, total s: Double,
        done: Int
    ) -> Double {
        var beta = start
        var devold = start0
        var iteration = done
        while iteration < maxIterations {
            iteration += 1
            let me = muEta(beta)
            let mu = linkinv(beta)
            beta = beta + (s1 - mu * s) / (s * me)
            let dev = deviance(successes: s1, failures: s - s1, mu: linkinv(beta))
            if abs(dev - devold) / (abs(dev) + 0.1) < epsilon { break }
            devold = dev
        }
        return beta
    }

    /// The full-sample fit over a group's respondents.
    ///
    /// - Parameters:
    ///   - respondents: the group's (weight, answered the category) pairs, each weight ≥ 0 (a
    ///     weight of 0 adds nothing, as a prior weight of 0 in R's `glm.fit`; it still counts in
    ///     `count`, the n of R's normalization of the weights to mean 1).
    ///   - n: the number of respondents (`count`).
    ///   - sumOfWeights: Σw over them.
    /// - Returns: β̂, the fitted logit.
    /// - Complexity: one pass over `respondents` and at most 25 O(1) steps.
    public static func fit<S: Sequence>(_ respondents: S, count n: Int, sumOfWeights: Double) -> Double
    where S.Element == (weight: Double, hit: Bool) {
        let meanWeight = sumOfWeights / Double(n)
        var devold = 0.0, sw2z = 0.0, sw2 = 0.0, s1 = 0.0, s = 0.0
        for (w, hit) in respondents {
            let prior = w / meanWeight
            let y = hit ? 1.0 : 0.0
            let mustart = (prior * y + 0.5) / (prior + 1)
            let eta = log(mustart / (1 - mustart))
            let mu = linkinv(eta)
            devold += hit ? 2 * prior * log(1 / mu) : 2 * prior * log(1 / (1 - mu))
            let me = muEta(eta)
            let z = eta + (y - mu) / me
            let w2 = prior * me * me / (mu * (1 - mu))
            sw2z += w2 * z
            sw2 += w2
            s += prior
            if hit { s1 += prior }
        }
        let beta = sw2z / sw2
        let dev = deviance(successes: s1, failures: s - s1, mu: linkinv(beta))
        if abs(dev - devold) / (abs(dev) + 0.1) < epsilon { return beta }
        return iterate(from: beta, devold: dev, successes: s1, total: s, done: 1)
    }

    /// A replicate's fit: weights normalized to sum 1, so only the replicate's share p_r
    /// matters; started at the full-sample β̂.
    ///
    /// - Complexity: at most 25 O(1) steps.
    public static func fit(share p: Double, start: Double) -> Double {
        let devold = deviance(successes: p, failures: 1 - p, mu: linkinv(start))
        return iterate(from: start, devold: devold, successes: p, total: 1, done: 0)
    }

    /// The standard logistic function, as R `survey`'s `expit`: e^η/(1 + e^η).
    static func expit(_ eta: Double) -> Double { exp(eta) / (1 + exp(eta)) }
}

/// The standard deviation of race-level bias: how much the mean error of a race's polls varies
/// from race to race beyond what the spread of polls within races explains — the shared miss of
/// all polls of one election (Shirani-Mehr, Rothschild, Goel & Gelman 2018, *JASA* 113:607,
/// "election-level bias").
///
/// Model: error e_ri of poll i in race r is μ + b_r + ε_ri with race effects b_r of variance σ_b²
/// and poll-level errors ε_ri (sampling and non-sampling) of variance σ_w², all independent.
/// The ANOVA (method-of-moments) estimator of the unbalanced one-way random-effects model
/// (Searle, Casella & McCulloch, *Variance Components*, Wiley 1992, §3.6):
///
///     SSB = Σ_r n_r (ē_r − ē)²,  SSW = Σ_r Σ_i (e_ri − ē_r)²,
///     MSB = SSB/(R − 1),        MSW = SSW/(N − R),
///     n₀  = (N − Σ_r n_r²/N)/(R − 1),
///     σ̂_b² = max(0, (MSB − MSW)/n₀),   bias_sd = √σ̂_b²,
///
/// with R races, n_r polls in race r, N = Σ n_r, ē_r the race's mean error and ē the overall
/// mean. E[MSW] = σ_w² and E[MSB] = σ_w² + n₀σ_b², so (MSB − MSW)/n₀ is unbiased for σ_b² (the
/// truncation at 0 is the usual one). With one poll per race (n_r = 1) n₀ = 1 and MSB is the
/// variance of the race means; the formula then needs MSW, the within-race variance.
///
/// Undefined (nil) with fewer than two races (no between-race variance) or when no race has two
/// polls (N = R: no within-race variance to take out).
public enum RaceBias {
    /// σ̂_b (points) from each poll's error (points) and race index, or nil (see the type).
    ///
    /// - Parameters:
    ///   - errors: e_i, points.
    ///   - races: r_i, each in `0..<raceCount`; every race index in range should occur.
    ///   - raceCount: R, the number of distinct races among `races`.
    /// - Returns: √max(0, (MSB − MSW)/n₀), or nil when R < 2 or N = R.
    /// - Precondition: `errors.count == races.count`.
    /// - Complexity: O(N + R).
    public static func standardDeviation(errors: [Double], races: [Int], raceCount: Int) -> Double? {
        precondition(errors.count == races.count, "one race per error")
        let n = errors.count
        guard raceCount >= 2, n > raceCount else { return nil }
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: raceCount)
        var counts = [Int](repeating: 0, count: raceCount)
        var total = CompensatedSum()
        for (e, r) in zip(errors, races) {
            sums[r].add(e)
            counts[r] += 1
            total.add(e)
        }
        let grand = total.value / Double(n)
        var means = [Double](repeating: 0, count: raceCount)
        var between = CompensatedSum(), squaredCounts = CompensatedSum()
        for r in 0..<raceCount where counts[r] > 0 {
            means[r] = sums[r].value / Double(counts[r])
            let d = means[r] - grand
            between.add(Double(counts[r]) * d * d)
            squaredCounts.add(Double(counts[r]) * Double(counts[r]))
        }
        var within = CompensatedSum()
        for (e, r) in zip(errors, races) {
            let d = e - means[r]
            within.add(d * d)
        }
        let groups = Double(raceCount), pollCount = Double(n)
        let msb = between.value / (groups - 1)
        let msw = within.value / (pollCount - groups)
        let n0 = (pollCount - squaredCounts.value / pollCount) / (groups - 1)
        return max(0, (msb - msw) / n0).squareRoot()
    }
}

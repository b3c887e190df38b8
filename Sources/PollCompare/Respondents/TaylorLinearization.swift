/// The linearization (Taylor series) variance of a smooth statistic of a stratified cluster
/// sample, from its influence values (Binder 1983, *International Statistical Review* 51:279;
/// Wolter, *Introduction to Variance Estimation*, 2nd ed. 2007, ch. 6; Lumley, *Complex Surveys*
/// 2010, §2.2 and appendix; R `survey`'s `svyrecvar`/`onestrat`).
///
/// With z_i the influence value of respondent i (for a weighted share p̂ = Σw·y/Σw over a
/// domain D: z_i = 1[i ∈ D]·w_i(y_i − p̂)/Σ_D w), t_hk the total of z over PSU k of stratum h,
/// and n_h the stratum's sampled PSUs:
///
///     v = Σ_h f_h · n_h/(n_h − 1) · Σ_k (t_hk − t̄_h)²        (n_h > 1)
///     v = Σ_h f_h · t_h1²                                      (n_h = 1)
///
/// where f_h = (N_h − n_h)/N_h with fpc and 1 otherwise (with-replacement first stage). A
/// stratum with one PSU is R's `survey.lonely.psu = "adjust"`: its PSU is centred on the grand
/// mean of the influence values (zero), not on its stratum mean. PSUs of the domain's strata
/// without domain members count with total 0 (domain estimation, as R's subset designs).
public struct TaylorLinearization: Sendable {
    /// The design.
    public let design: SurveyDesign
    private var totals: [Double]

    /// A calculator for `design`.
    public init(design: SurveyDesign) {
        self.design = design
        totals = [Double](repeating: 0, count: design.psuStratum.count)
    }

    /// The variance of a statistic with influence values `z` (one per respondent).
    ///
    /// - Complexity: O(respondents + PSUs).
    public mutating func variance(influence z: [Double]) -> Double {
        precondition(z.count == design.count)
        for k in totals.indices { totals[k] = 0 }
        for i in 0..<z.count { totals[Int(design.psu[i])] += z[i] }
        let strata = design.stratumCount
        var mean = [Double](repeating: 0, count: strata)
        for k in totals.indices { mean[Int(design.psuStratum[k])] += totals[k] }
        for h in 0..<strata where design.psusInStratum[h] > 1 { mean[h] /= Double(design.psusInStratum[h]) }
        var ss = [Double](repeating: 0, count: strata)
        for k in totals.indices {
            let h = Int(design.psuStratum[k])
            let d = design.psusInStratum[h] > 1 ? totals[k] - mean[h] : totals[k]
            ss[h] += d * d
        }
        var v = 0.0
        for h in 0..<strata {
            let nh = Double(design.psusInStratum[h])
            v += design.finitePopulationFactor[h] * (nh > 1 ? nh / (nh - 1) : 1) * ss[h]
        }
        return v
    }

    /// The design degrees of freedom of a domain: PSUs with a member in it minus strata with a
    /// member in it (R `degf` of the subset design).
    ///
    /// - Parameters:
    ///   - design: the design.
    ///   - rows: the domain's respondents (indices).
    /// - Complexity: O(rows + PSUs).
    public static func degreesOfFreedom(_ design: SurveyDesign, rows: [Int32]) -> Int {
        var psuSeen = [Bool](repeating: false, count: design.psuStratum.count)
        var stratumSeen = [Bool](repeating: false, count: design.stratumCount)
        var psus = 0, strata = 0
        for row in rows {
            let k = Int(design.psu[Int(row)]), h = Int(design.stratum[Int(row)])
            if !psuSeen[k] { psuSeen[k] = true; psus += 1 }
            if !stratumSeen[h] { stratumSeen[h] = true; strata += 1 }
        }
        return psus - strata
    }
}

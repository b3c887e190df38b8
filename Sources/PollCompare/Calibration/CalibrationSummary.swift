/// How wrong a set of polls was against the results (one row of `pollcmp calibrate`), the
/// measures of Shirani-Mehr, Rothschild, Goel & Gelman (2018, *JASA* 113:607) for any slice of
/// the record. Points throughout; N polls with errors e_i and sampling variances s_i².
///
/// - mean_error = Σe_i/N; mean_abs_error = Σ|e_i|/N; rmse = √(Σe_i²/N);
/// - srs_rmse = √(Σs_i²/N), the RMSE simple random sampling alone would give;
///   inflation = rmse/srs_rmse (nil when srs_rmse = 0);
/// - coverage = #{i : |e_i| ≤ z·s_i}/N, the share of polls whose stated interval at the
///   confidence level held the result (equality counts as covered);
/// - tau = √max(0, Σ(e_i² − s_i²)/N): the non-sampling error, by the method of moments
///   (E[e²] = s² + τ² when the error is sampling error plus an independent non-sampling term);
/// - races = distinct races; bias_sd = ``RaceBias/standardDeviation(errors:races:raceCount:)``.
///
/// Sums are compensated (``CompensatedSum``), so the result does not depend on row order.
public struct CalibrationSummary: Sendable, Equatable {
    /// N.
    public let polls: Int
    /// The number of distinct races.
    public let races: Int
    /// Mean error (points).
    public let meanError: Double
    /// Mean absolute error (points).
    public let meanAbsoluteError: Double
    /// Root mean squared error (points).
    public let rmse: Double
    /// Root mean sampling variance (points).
    public let samplingRMSE: Double
    /// rmse/srs_rmse, or nil when srs_rmse = 0.
    public let inflation: Double?
    /// Share of polls with |e_i| ≤ z·s_i (0…1).
    public let coverage: Double
    /// Non-sampling error τ (points).
    public let tau: Double
    /// Race-level bias sd (points), or nil (fewer than two races, or no race with two polls).
    public let biasSD: Double?

    /// The summary of polls `members` (indices into `polls`).
    ///
    /// - Parameters:
    ///   - polls: the calibration's polls.
    ///   - members: which of them; at least one.
    ///   - z: the critical value of the stated interval.
    /// - Precondition: `members` is not empty.
    /// - Complexity: O(members).
    public init(_ polls: CalibrationPolls, members: [Int], z: Double) {
        precondition(!members.isEmpty, "a calibration group has at least one poll")
        var sum = CompensatedSum(), absolute = CompensatedSum(), squares = CompensatedSum()
        var sampling = CompensatedSum(), excess = CompensatedSum()
        var covered = 0
        var raceOf: [Int: Int] = [:]
        var errors: [Double] = [], races: [Int] = []
        errors.reserveCapacity(members.count)
        races.reserveCapacity(members.count)
        for i in members {
            let e = polls.errors[i], v = polls.variances[i]
            sum.add(e)
            absolute.add(abs(e))
            squares.add(e * e)
            sampling.add(v)
            excess.add(e * e - v)
            if abs(e) <= z * v.squareRoot() { covered += 1 }
            let r: Int
            if let known = raceOf[polls.races[i]] { r = known } else { r = raceOf.count; raceOf[polls.races[i]] = r }
            errors.append(e)
            races.append(r)
        }
        let n = Double(members.count)
        self.polls = members.count
        self.races = raceOf.count
        meanError = sum.value / n
        meanAbsoluteError = absolute.value / n
        rmse = (squares.value / n).squareRoot()
        samplingRMSE = (sampling.value / n).squareRoot()
        inflation = samplingRMSE > 0 ? rmse / samplingRMSE : nil
        coverage = Double(covered) / n
        tau = max(0, excess.value / n).squareRoot()
        biasSD = RaceBias.standardDeviation(errors: errors, races: races, raceCount: raceOf.count)
    }
}

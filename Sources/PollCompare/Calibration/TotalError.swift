/// Historical non-sampling error τ (percentage points) added to a poll's variance, so that an
/// interval covers what polls have actually missed by rather than sampling error alone (GUIDE §3
/// "Total error"; Shirani-Mehr, Rothschild, Goel & Gelman 2018, *JASA* 113:607):
///
///     Var_total(d) = s² + τ²,   s² the lead's sampling variance,
///
/// and an interval d ± z·√(s² + τ²) whose basis is `total-error`. A swing between two polls adds
/// τ² for each poll (Var = V₁ + V₂ with each Vᵢ total). τ comes from `pollcmp calibrate` (its
/// `tau` column: √max(0, mean(e² − s²)) over a slice of the record) or is given by the user.
public struct TotalError: Sendable, Equatable {
    /// τ in percentage points (≥ 0).
    public let tau: Double

    /// τ in points.
    ///
    /// - Throws: ``PollCompareError/invalidReportOption(_:)`` unless 0 ≤ τ < ∞.
    public init(tau: Double) throws(PollCompareError) {
        guard tau >= 0 && tau.isFinite else {
            throw .invalidReportOption("--tse must be 0 or more (points), not \(NumberText.roundTrip(tau))")
        }
        self.tau = tau
    }

    /// τ² in proportion² (the library's unit): (τ/100)².
    public var variance: Double { (tau / 100) * (tau / 100) }

    /// τ² in points² (the unit of the polling average): τ·τ.
    public var pointsVariance: Double { tau * tau }
}

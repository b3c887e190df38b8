extension LeadInterval {
    /// A census (every member of the population asked, n_eff infinite): no sampling error, so the
    /// interval is the lead itself, se 0; z is ±∞ for a non-zero lead (p-value 0, P(A leads) 0 or
    /// 1) and empty for a zero lead (p-value 1, P(A leads) ½).
    init(census shareA: Double, _ shareB: Double, method: LeadIntervalMethod) {
        let d = shareA - shareB
        self.method = method
        center = d
        standardError = 0
        criticalValue = 0
        lower = d
        upper = d
        zStatistic = d == 0 ? nil : (d > 0 ? .infinity : -.infinity)
        pValue = d == 0 ? 1 : 0
        probabilityALeads = d == 0 ? 0.5 : (d > 0 ? 1 : 0)
        seed = nil
        draws = nil
    }

    /// `interval` with one end opened for a one-sided `alternative` (see ``Alternative``): it was
    /// computed at ``Alternative/intervalLevel(_:)``; the p-value becomes one-sided.
    init(_ interval: LeadInterval, alternative: Alternative) {
        let bounds = alternative.bounds(lower: interval.lower, upper: interval.upper, range: -1...1)
        method = interval.method
        center = interval.center
        standardError = interval.standardError
        criticalValue = interval.criticalValue
        lower = bounds.lower
        upper = bounds.upper
        zStatistic = interval.zStatistic
        if alternative != .twoSided, let z = interval.zStatistic, !z.isNaN {
            pValue = alternative.pValue(statistic: z)
        } else {
            pValue = interval.pValue
        }
        probabilityALeads = interval.probabilityALeads
        seed = interval.seed
        draws = interval.draws
    }
}

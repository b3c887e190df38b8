import PollNumerics

/// The same quantities as the scalar API, computed for every row of whole columns at once (one
/// entry per poll, or per pair of polls), for reports over up to millions of rows.
///
/// Wald leads and Wilson intervals run in vectorised column kernels (`ColumnKernels` (PollNumerics), C compiled
/// for baseline x86-64 and for AVX2, picked at load time) that perform the scalar API's IEEE
/// operations in the same order, lane by lane; a swing is d_after − d_before by a BLAS `axpy`
/// (α = −1: the same single rounding as the scalar subtraction) and its variance V_before +
/// V_after. Φ and the beta quantiles run in loops over the contiguous columns using the scalar
/// API's own kernels, on long columns in blocks of rows on two threads (`ParallelRows` in
/// PollNumerics; each row is computed once from its own inputs, so the thread count changes no
/// bit). So every result equals the scalar API's to the last bit (the tests compare them row by
/// row, on one thread and on two). Unknown sample sizes are NaN in the input column and give NaN interval columns.
public enum PollColumns {
    /// Per-row lead results; interval columns are NaN where the sample size is unknown.
    public struct Leads: Equatable, Sendable {
        /// The lead d = p_A − p_B per row (proportion).
        public var lead: [Double]
        /// n·Var(d) = p_A + p_B − d².
        public var unitVariance: [Double]
        /// Standard error per row; NaN where n is unknown.
        public var standardError: [Double]
        /// Lower bound d − z·SE per row; NaN where n is unknown.
        public var lower: [Double]
        /// Upper bound d + z·SE per row; NaN where n is unknown.
        public var upper: [Double]
        /// z = d/SE per row; NaN where n is unknown or SE = 0.
        public var zStatistic: [Double]
        /// Two-sided p-value per row; NaN where z is.
        public var pValue: [Double]
    }

    /// Wald leads for every row, as ``LeadEstimate/interval(method:confidence:alternative:draws:seed:)`` with
    /// `.wald`.
    ///
    /// - Parameters:
    ///   - shareA: p_A per row (proportions).
    ///   - shareB: p_B per row.
    ///   - n: n_eff per row, NaN where unknown (or where no interval may be given).
    ///   - confidence: the level (default 95%).
    /// - Precondition: the three columns have equal lengths.
    /// - Complexity: O(rows); one vectorised pass, then one pass for the p-values, on two threads
    ///   from `ColumnKernels.parallelRows` rows on (`ParallelRows` (PollNumerics): blocks of rows, the
    ///   same bits at any thread count).
    public static func leads(
        shareA: [Double], shareB: [Double], effectiveSampleSize n: [Double],
        confidence: ConfidenceLevel = .ninetyFive
    ) -> Leads {
        precondition(shareA.count == shareB.count && shareA.count == n.count, "columns differ in length")
        // The arithmetic columns in one vectorised pass (`ColumnKernels.waldLeads`,
        // the same IEEE operations as the scalar code, lane by lane), then each row's p-value by
        // the scalar Φ kernel; two threads on long columns, each row computed once.
        let c = ColumnKernels.waldLeads(shareA: shareA, shareB: shareB, sampleSizes: n, z: confidence.z)
        return Leads(
            lead: c.lead, unitVariance: c.unitVariance, standardError: c.standardError, lower: c.lower,
            upper: c.upper, zStatistic: c.statistic, pValue: c.pValue)
    }

    /// Per-row swing results.
    public struct Swings: Equatable, Sendable {
        /// swing = d_after − d_before per row (proportion).
        public var swing: [Double]
        /// √(V_before + V_after) per row; NaN unless both sizes are known.
        public var standardError: [Double]
        /// Lower bound swing − z·SE per row.
        public var lower: [Double]
        /// Upper bound swing + z·SE per row.
        public var upper: [Double]
        /// z = swing/SE per row.
        public var zStatistic: [Double]
        /// Two-sided p-value per row.
        public var pValue: [Double]
        /// ⌈z²(v₁ + v₂)/swing²⌉ per row; NaN for a zero swing.
        public var breakEvenSampleSize: [Double]
    }

    /// Swings between the polls of each row (independent polls), as ``SwingEstimate``.
    ///
    /// - Parameters:
    ///   - before: the earlier polls' ``Leads`` (from ``leads(shareA:shareB:effectiveSampleSize:confidence:)``).
    ///   - after: the later polls' leads, same length.
    ///   - beforeSampleSize: n_eff of the earlier polls (NaN where unknown).
    ///   - afterSampleSize: n_eff of the later polls.
    ///   - confidence: the level (default 95%).
    /// - Complexity: O(rows); two BLAS `axpy` calls plus one pass.
    public static func swings(
        before: Leads, after: Leads, beforeSampleSize: [Double], afterSampleSize: [Double],
        confidence: ConfidenceLevel = .ninetyFive
    ) -> Swings {
        let rows = before.lead.count
        precondition(
            after.lead.count == rows && beforeSampleSize.count == rows && afterSampleSize.count == rows,
            "columns differ in length")
        var swing = after.lead
        BLAS.axpy(-1, before.lead, &swing)
        var se = [Double](repeating: .nan, count: rows)
        var lower = se, upper = se, z = se, p = se, breakEven = se
        let critical = confidence.z
        for i in 0..<rows {
            let s = swing[i]
            if s != 0 {
                // Simple random samples of equal n, by the kernel every break-even n uses.
                let terms = [
                    SampleSizePlanning.Term(unitVariance: before.unitVariance[i]),
                    SampleSizePlanning.Term(unitVariance: after.unitVariance[i]),
                ]
                breakEven[i] = SampleSizePlanning.smallestSampleSize(terms, target: abs(s), z: critical) ?? .nan
            }
            let n1 = beforeSampleSize[i], n2 = afterSampleSize[i]
            guard !n1.isNaN, !n2.isNaN else { continue }
            let deviation = (before.unitVariance[i] / n1 + after.unitVariance[i] / n2).squareRoot()
            se[i] = deviation
            lower[i] = s - critical * deviation
            upper[i] = s + critical * deviation
            let statistic = s / deviation
            z[i] = statistic
            p[i] = 2 * Normal.survival(abs(statistic))
        }
        return Swings(
            swing: swing, standardError: se, lower: lower, upper: upper, zStatistic: z, pValue: p,
            breakEvenSampleSize: breakEven)
    }

    /// One share's interval for every row, as ``ShareInterval/init(share:sampleSize:confidence:method:)``.
    ///
    /// - Parameters:
    ///   - shares: p per row (proportions in [0, 1]).
    ///   - n: n_eff per row (> 0); NaN gives NaN bounds.
    ///   - method: the interval method.
    ///   - confidence: the level (default 95%).
    /// - Precondition: equal lengths.
    /// - Complexity: O(rows) for the closed forms (Wald, Wilson, Agresti–Coull, Wilson-cc);
    ///   the beta and root-search methods cost as the scalar ones per row. Two threads from
    ///   ``searchingParallelRows`` rows on for those, from `ColumnKernels.parallelRows` (PollNumerics)
    ///   for the closed forms other than Wilson (`ParallelRows` (PollNumerics): blocks of rows, each row
    ///   computed once, the same bits at any thread count).
    public static func shareIntervals(
        shares: [Double], effectiveSampleSize n: [Double],
        method: ShareIntervalMethod,
        confidence: ConfidenceLevel = .ninetyFive
    ) -> (lower: [Double], upper: [Double]) {
        precondition(shares.count == n.count, "columns differ in length")
        let rows = shares.count
        if method == .wilson {
            // The common case, vectorised (``ColumnKernels/wilson(shares:sampleSizes:z:tinyVariance:)``:
            // ``wilson(p:n:z:)``'s operations lane by lane); rows with an unknown n get NaN.
            return ColumnKernels.wilson(
                shares: shares, sampleSizes: n, z: confidence.z,
                tinyVariance: ShareInterval.tinyVariance)
        }
        var lower = [Double](repeating: .nan, count: rows)
        var upper = lower
        // Rows are independent (each is the scalar call on its own inputs), so long columns are
        // split into blocks of rows on two threads with no change to any bit.
        let minimumRows = searchesPerRow(method) ? searchingParallelRows : ColumnKernels.parallelRows
        lower.withUnsafeMutableBufferPointer { lowerColumn in
            upper.withUnsafeMutableBufferPointer { upperColumn in
                ParallelRows.forEachChunk(count: rows, minimumRows: minimumRows) { range in
                    for i in range where !n[i].isNaN {
                        (lowerColumn[i], upperColumn[i]) = ShareInterval.bounds(
                            count: Counts.count(share: shares[i], of: n[i]), share: shares[i], trials: n[i],
                            confidence: confidence, method: method)
                    }
                }
            }
        }
        return (lower, upper)
    }

    /// The column length from which the beta-quantile and root-search intervals (Clopper–Pearson,
    /// Jeffreys, mid-p, likelihood ratio) use two threads: their rows cost microseconds each, so
    /// 256 rows already outweigh the start of a thread (some 50 µs).
    public static let searchingParallelRows = 256

    /// Whether the method's bounds come from beta quantiles or root searches (microseconds a row)
    /// rather than a closed form.
    private static func searchesPerRow(_ method: ShareIntervalMethod) -> Bool {
        switch method {
        case .wald, .wilson, .wilsonCC, .agrestiCoull: return false
        case .clopperPearson, .jeffreys, .midP, .likelihoodRatio: return true
        }
    }
}

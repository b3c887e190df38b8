internal import CPollKernels

/// Element-wise kernels over whole columns, for the batch API of PollCompare (`PollColumns`).
///
/// They run in C (`CPollKernels`) on 4-lane vectors of doubles, compiled twice with
/// `target_clones("avx2", "default")`: the package is built for baseline x86-64, and the dynamic
/// loader picks the AVX2 clone (4 doubles per instruction) on processors that have it, the SSE2
/// one (2 per instruction) otherwise. Each lane performs the IEEE operations of the scalar Swift
/// code in the same order, with floating-point contraction off, so every row equals the scalar
/// result bit for bit (the tests compare them on many rows and on the edge cases). Measured
/// against the same kernel written with Swift's `SIMD4<Double>` (`make bench`), the C kernel
/// is the faster: Swift compiles SIMD types for the build's baseline (SSE2) and has no
/// function multi-versioning, so it cannot use AVX2 without raising the baseline of the whole
/// build.
public enum ColumnKernels {
    /// The clone the C kernels run on this processor: `avx2` or `default` (baseline SSE2).
    public static var variant: String { String(cString: pollkernels_variant()) }

    /// Wilson score bounds for every row, the formula of PollCompare's `ShareInterval.wilson`:
    /// with t = z²/n, centre (p + t/2)/(1 + t), margin z·√(p(1 − p)/n + t/4n)/(1 + t) (formed as
    /// z·√(n·p(1 − p) + z²/4)/n/(1 + t) when the variance is below `tinyVariance`), lower
    /// max(0, centre − margin) (0 at p = 0; p²/(p + t/2 + margin·(1 + t)) when margin > centre/2),
    /// upper min(1, centre + margin) (1 at p = 1). Source: Wilson, JASA 22 (1927) 209–212;
    /// the form statsmodels' `proportion_confint(method="wilson")` uses.
    ///
    /// - Parameters:
    ///   - shares: p per row (proportions).
    ///   - sampleSizes: n per row; NaN gives NaN bounds.
    ///   - z: the critical value.
    ///   - tinyVariance: below this variance the underflow-safe margin is used.
    /// - Returns: the lower and upper bound columns.
    /// - Precondition: equal lengths.
    /// - Complexity: O(rows), one pass.
    public static func wilson(
        shares: [Double], sampleSizes: [Double], z: Double,
        tinyVariance: Double
    ) -> (lower: [Double], upper: [Double]) {
        precondition(shares.count == sampleSizes.count, "columns differ in length")
        let rows = shares.count
        let columns = filledColumns(2, rows: rows) { out in
            shares.withUnsafeBufferPointer { p in
                sampleSizes.withUnsafeBufferPointer { n in
                    wilson(
                        shares: p, sampleSizes: n, z: z, tinyVariance: tinyVariance,
                        lower: UnsafeMutableBufferPointer(start: out[0], count: rows),
                        upper: UnsafeMutableBufferPointer(start: out[1], count: rows))
                }
            }
        }
        return (columns[0], columns[1])
    }

    /// ``wilson(shares:sampleSizes:z:tinyVariance:)`` into storage the caller provides (for callers
    /// that reuse their columns).
    ///
    /// - Precondition: all four buffers have the same count.
    /// - Complexity: O(rows), one pass.
    public static func wilson(
        shares: UnsafeBufferPointer<Double>, sampleSizes: UnsafeBufferPointer<Double>, z: Double,
        tinyVariance: Double, lower: UnsafeMutableBufferPointer<Double>,
        upper: UnsafeMutableBufferPointer<Double>
    ) {
        let rows = shares.count
        precondition(
            sampleSizes.count == rows && lower.count == rows && upper.count == rows, "columns differ in length")
        guard rows > 0 else { return }
        pollkernels_wilson(
            shares.baseAddress, sampleSizes.baseAddress, z, tinyVariance, lower.baseAddress,
            upper.baseAddress, rows)
    }

    /// Wald leads within one poll per row, the arithmetic of PollCompare's `LeadInterval`:
    /// d = p_A − p_B, v = (p_A + p_B) − d² (n·Var(d) for one multinomial sample; Franklin 2007,
    /// Scott & Seber 1983), SE = √(v/n), bounds d ∓ z·SE, statistic d/SE where SE > 0 (else NaN),
    /// and the two-sided p-value 2·(1 − Φ(|statistic|)) by ``Normal/survival(_:)``, the scalar
    /// API's own call (libm's erfc, which it uses, has no vector form with the same bits). NaN n
    /// gives NaN SE, bounds, statistic and p-value.
    ///
    /// From ``parallelRows`` rows on, the column is split into blocks of rows computed on two
    /// threads (``ParallelRows``): each row depends on its own inputs only, so the results are
    /// the same bits at any thread count.
    ///
    /// - Returns: the columns lead, unitVariance, standardError, lower, upper, statistic, pValue.
    /// - Precondition: equal lengths.
    /// - Complexity: O(rows), one pass.
    public static func waldLeads(
        shareA: [Double], shareB: [Double], sampleSizes: [Double], z: Double
    )
        -> (
            lead: [Double], unitVariance: [Double], standardError: [Double], lower: [Double],
            upper: [Double], statistic: [Double], pValue: [Double]
        )
    {
        precondition(shareA.count == shareB.count && shareA.count == sampleSizes.count, "columns differ in length")
        let rows = shareA.count
        let columns = filledColumns(7, rows: rows) { out in
            shareA.withUnsafeBufferPointer { a in
                shareB.withUnsafeBufferPointer { b in
                    sampleSizes.withUnsafeBufferPointer { n in
                        ParallelRows.forEachChunk(count: rows, minimumRows: parallelRows) { range in
                            let s = range.lowerBound
                            pollkernels_wald_leads(
                                a.baseAddress! + s, b.baseAddress! + s, n.baseAddress! + s, z,
                                out[0] + s, out[1] + s, out[2] + s, out[3] + s, out[4] + s, out[5] + s,
                                range.count)
                            pollkernels_two_sided_p(out[5] + s, out[6] + s, range.count)
                        }
                    }
                }
            }
        }
        return (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6])
    }

    /// The column length from which ``waldLeads(shareA:shareB:sampleSizes:z:)`` uses two
    /// threads: 2¹⁶ rows cost about 1.5 ms on one core, where starting a thread costs some 50 µs.
    public static let parallelRows = 1 << 16

    /// `k` columns of `rows` Doubles, written by `fill` (which must write every element of each)
    /// straight into the arrays' storage: no zero fill, no copy, huge pages where the system
    /// offers them (`pollkernels_prefer_huge_pages`).
    private static func filledColumns(
        _ k: Int, rows: Int,
        _ fill: ([UnsafeMutablePointer<Double>]) -> Void
    ) -> [[Double]] {
        var made: [[Double]] = []
        func make(_ pointers: [UnsafeMutablePointer<Double>]) {
            if pointers.count == k {
                fill(pointers)
                return
            }
            let column = [Double](unsafeUninitializedCapacity: Swift.max(rows, 1)) { buffer, count in
                pollkernels_prefer_huge_pages(buffer.baseAddress, buffer.count * MemoryLayout<Double>.stride)
                make(pointers + [buffer.baseAddress!])
                count = rows
            }
            made.append(column)
        }
        make([])
        // The innermost column is finished first.
        return made.reversed()
    }
}

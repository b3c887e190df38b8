#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factor of the posterior precision of a Gaussian random walk observed with noise,
/// computed by the information-filter recursion instead of elimination on the stored matrix, so
/// that no digits are lost when the walk is much stiffer than the observations are precise.
///
/// **Matrix.** For n states with increment precisions q_k > 0 (between states k and k + 1,
/// k = 0 … n − 2) and observation precisions p_t ≥ 0,
///
///     A = Σ_k q_k·(e_k − e_{k+1})(e_k − e_{k+1})ᵀ + diag(p),
///
/// tridiagonal with diagonal q_{t−1} + q_t + p_t (missing terms 0) and subdiagonal −q_t.
///
/// **Recursion.** With c_0 = p_0 and c_t = p_t + c_{t−1}·q_{t−1}/(q_{t−1} + c_{t−1}) (the filtered
/// precision of state t given observations up to t: the information form of the Kalman filter,
/// Anderson & Moore, *Optimal Filtering*, 1979, §6.3), the bidiagonal L = chol(A) has
///
///     L_tt = √(q_t + c_t)  (t < n − 1),   L_{n−1,n−1} = √c_{n−1},   L_{t+1,t} = −q_t/L_tt,
///
/// which follows from the pivots of Gaussian elimination, q_{t−1} + q_t + p_t − q_{t−1}²/(q_{t−1} + c_{t−1})
/// = q_t + c_t. Every term is a sum of non-negative numbers, whereas DPBTRF on A forms
/// the same pivot as a difference of numbers of size q: with q = 10⁸ and p = 0.1 that difference
/// keeps only 8 of its 16 digits.
///
/// **Determinant.** log|A| − Σ_k log q_k = Σ_{t<n−1} log1p(c_t/q_t) + log c_{n−1}: the
/// determinant relative to the prior's, also without cancellation (this is the form a restricted
/// likelihood of the walk needs: the prior's −Σ log q_k and log|A| cancel analytically).
public enum RandomWalkCholesky {
    /// The factor of A and log|A| − Σ_k log q_k.
    ///
    /// - Parameters:
    ///   - q: the increment precisions, n − 1 values, each positive and finite.
    ///   - p: the observation precisions, n ≥ 1 values, each non-negative and finite.
    /// - Returns: L in band storage (one subdiagonal: use ``BandCholeskyFactor``'s `solve`,
    ///   DPBTRS) and the log determinant relative to the prior.
    /// - Throws: ``LAPACKError/notPositiveDefinite(routine:order:)`` (routine "RandomWalkCholesky")
    ///   when c_{n−1} = 0: no observation at all.
    /// - Precondition: the counts match; the values are in range.
    /// - Complexity: O(n).
    public static func factor(
        incrementPrecisions q: [Double], observationPrecisions p: [Double]
    )
        throws(LAPACKError) -> (factor: BandCholeskyFactor, logDeterminantRelativeToPrior: Double)
    {
        let n = p.count
        precondition(n >= 1 && q.count == n - 1, "RandomWalkCholesky: n - 1 increment precisions for n states")
        var band = SymmetricBandMatrix(order: n, subdiagonals: 1)
        var logDet = 0.0
        var c = 0.0
        band.elements.withUnsafeMutableBufferPointer { l in
            for t in 0..<n {
                precondition(p[t] >= 0 && p[t].isFinite, "RandomWalkCholesky: observation precision out of range")
                if t > 0 {
                    let qPrev = q[t - 1]
                    c = p[t] + c * (qPrev / (qPrev + c))
                } else {
                    c = p[0]
                }
                if t < n - 1 {
                    let qt = q[t]
                    precondition(qt > 0 && qt.isFinite, "RandomWalkCholesky: increment precision out of range")
                    let d = (qt + c).squareRoot()
                    l[2 * t] = d
                    l[2 * t + 1] = -qt / d
                    logDet += log1p(c / qt)
                } else {
                    l[2 * t] = c.squareRoot()
                    l[2 * t + 1] = 0
                }
            }
        }
        guard c > 0 else { throw .notPositiveDefinite(routine: "RandomWalkCholesky", order: n) }
        logDet += log(c)
        return (BandCholeskyFactor(factor: band), logDet)
    }
}

import Numerics
import Testing

@testable import PollNumerics

/// The information-filter factor of a random walk's posterior precision against DPBTRF (where A
/// is well conditioned) and against closed forms (where it is not).
///
/// Tolerances: well conditioned (q and p of order 1, condition below 100): every element of L and
/// the log determinant within 1e-13 relative of DPBTRF's on the stored A and of Σ log L_tt². Stiff
/// (q = 10¹², p ≈ 0.1): the last pivot L²_{n−1,n−1} equals Σp·(1 + O(n·Σp/q)) and the log
/// determinant log Σp + O(n·Σp/q), both to 1e-12 relative (the O terms are below 1e-10·Σp here;
/// they are computed, not neglected, and bounded by the 1e-9 checks below).
@Suite("Random walk Cholesky")
struct RandomWalkCholeskyTests {
    static func problem(n: Int, seed: UInt64, q: Double) -> (q: [Double], p: [Double], a: SymmetricBandMatrix) {
        var rng = Xoshiro256StarStar(seed: seed)
        let qs = (0..<max(0, n - 1)).map { _ in q * (0.5 + rng.nextUniform()) }
        let ps = (0..<n).map { _ in rng.nextUniform() < 0.3 ? 0 : 0.05 + 0.2 * rng.nextUniform() }
        var a = SymmetricBandMatrix(order: n, subdiagonals: 1)
        for t in 0..<n {
            var d = ps[t]
            if t > 0 { d += qs[t - 1] }
            if t < n - 1 { d += qs[t]; a[t + 1, t] = -qs[t] }
            a[t, t] = d
        }
        return (qs, ps, a)
    }

    @Test("Equals DPBTRF where A is well conditioned", arguments: [(1, 1), (2, 2), (5, 3), (40, 4), (300, 5)])
    func againstBandCholesky(n: Int, seed: UInt64) throws {
        let made = Self.problem(n: n, seed: seed, q: 1)
        let q = made.q
        var p = made.p, a = made.a
        p[n - 1] += 0.1 // at least one observation
        a[n - 1, n - 1] += 0.1
        let (factor, logDet) = try RandomWalkCholesky.factor(incrementPrecisions: q, observationPrecisions: p)
        let reference = try LAPACK.bandCholesky(a)
        for t in 0..<n {
            #expect(factor.lower(t, t).isApproximatelyEqual(to: reference.lower(t, t), relativeTolerance: 1e-13))
            if t + 1 < n {
                #expect(
                    factor.lower(t + 1, t).isApproximatelyEqual(to: reference.lower(t + 1, t), relativeTolerance: 1e-13)
                )
            }
        }
        let logDetA = (0..<n).reduce(0.0) { $0 + 2 * Double.log(reference.lower($1, $1)) }
        let logPrior = q.reduce(0.0) { $0 + Double.log($1) }
        #expect((logDet + logPrior).isApproximatelyEqual(to: logDetA, absoluteTolerance: 1e-12 * max(1, abs(logDetA))))
    }

    @Test("A stiff walk keeps the observations' information")
    func stiff() throws {
        let n = 12
        let (q, p, _) = Self.problem(n: n, seed: 9, q: 1e12)
        let total = p.reduce(0, +)
        let (factor, logDet) = try RandomWalkCholesky.factor(incrementPrecisions: q, observationPrecisions: p)
        let last = factor.lower(n - 1, n - 1)
        #expect((last * last).isApproximatelyEqual(to: total, relativeTolerance: 1e-9))
        #expect(logDet.isApproximatelyEqual(to: Double.log(total), absoluteTolerance: 1e-9))
        // The pivots stay above √q: nothing was subtracted.
        for t in 0..<(n - 1) { #expect(factor.lower(t, t) >= q[t].squareRoot()) }
    }

    @Test("No observation: not positive definite")
    func noObservation() {
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "RandomWalkCholesky", order: 3)) {
            try RandomWalkCholesky.factor(incrementPrecisions: [1, 1], observationPrecisions: [0, 0, 0])
        }
    }

    @Test("One state: L = √p, log determinant log p")
    func oneState() throws {
        let (factor, logDet) = try RandomWalkCholesky.factor(incrementPrecisions: [], observationPrecisions: [0.25])
        #expect(factor.lower(0, 0) == 0.5)
        #expect(logDet == Double.log(0.25))
    }
}

import Numerics
import Testing

@testable import PollNumerics

/// Band Cholesky (DPBTRF/DPBTRS) against the dense Cholesky solve (DPOSV) of the same matrix.
/// Tolerance: every element of X within 1e-12 relative to max(1, max|X|) of the dense solution
/// (both are backward-stable Cholesky solves of well-conditioned matrices: diagonal dominance
/// keeps the condition number below 10).
@Suite("Band Cholesky")
struct BandCholeskyTests {
    /// A random symmetric band matrix with entries in [−1, 1], made positive definite by diagonal
    /// dominance (diagonal 1 + 2·kd + |random|).
    static func randomBand(order n: Int, subdiagonals kd: Int, seed: UInt64) -> SymmetricBandMatrix {
        var rng = Xoshiro256StarStar(seed: seed)
        var a = SymmetricBandMatrix(order: n, subdiagonals: kd)
        for j in 0..<n {
            a[j, j] = 1 + 2 * Double(kd) + rng.nextUniform()
            for i in (j + 1)..<min(n, j + kd + 1) { a[i, j] = 2 * rng.nextUniform() - 1 }
        }
        return a
    }

    static let shapes: [(Int, Int)] = [(1, 0), (1, 1), (2, 1), (5, 0), (7, 1), (10, 3), (50, 1), (200, 2), (31, 30)]

    @Test("Solve equals the dense Cholesky solve", arguments: shapes)
    func solveAgainstDense(n: Int, kd: Int) throws {
        let a = Self.randomBand(order: n, subdiagonals: kd, seed: UInt64(1000 * n + kd))
        var rng = Xoshiro256StarStar(seed: UInt64(7 + n))
        let b = Matrix(rows: n, columns: 3, columnMajor: (0..<(3 * n)).map { _ in 4 * rng.nextUniform() - 2 })
        let before = a
        let x = try LAPACK.solveBandPositiveDefinite(a, b)
        let expected = try LAPACK.solvePositiveDefinite(a.dense, b)
        #expect(a == before)
        let scale = max(1, expected.elements.map(abs).max() ?? 0)
        #expect(x.rows == n && x.columns == 3)
        #expect(zip(x.elements, expected.elements).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
        let factor = try LAPACK.bandCholesky(a)
        #expect(try factor.solve(b.column(0).elements) == x.column(0).elements)
    }

    @Test("The factor reproduces A = L·Lᵀ and is lower triangular within the band", arguments: shapes)
    func factor(n: Int, kd: Int) throws {
        let a = Self.randomBand(order: n, subdiagonals: kd, seed: UInt64(77 * n + kd))
        let f = try LAPACK.bandCholesky(a)
        let dense = a.dense
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += f.lower(i, k) * f.lower(j, k) }
                #expect(abs(s - dense[i, j]) <= 1e-13 * Double(2 * kd + 2))
                if i - j > kd || j > i { #expect(f.lower(i, j) == 0) }
            }
        }
    }

    @Test("Band storage: symmetric access, zero outside the band, dense copy")
    func storage() {
        var a = SymmetricBandMatrix(order: 3, subdiagonals: 1)
        a[0, 0] = 2; a[1, 0] = -1; a[1, 1] = 2; a[2, 1] = -1; a[2, 2] = 2
        #expect(a[0, 1] == -1 && a[2, 0] == 0 && a[0, 2] == 0)
        #expect(a.elements == [2, -1, 2, -1, 2, 0])
        #expect(a.dense == Matrix(rows: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]))
    }

    @Test("A band matrix that is not positive definite throws, with the failing order")
    func notPositiveDefinite() {
        var a = SymmetricBandMatrix(order: 3, subdiagonals: 1)
        a[0, 0] = 1; a[1, 0] = 2; a[1, 1] = 1; a[2, 2] = 1
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "DPBTRF", order: 2)) {
            try LAPACK.bandCholesky(a)
        }
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "DPBTRF", order: 1)) {
            try LAPACK.solveBandPositiveDefinite(
                SymmetricBandMatrix(order: 2, subdiagonals: 0), Matrix(rows: 2, columns: 1))
        }
    }

    @Test("Empty systems")
    func empty() throws {
        let x = try LAPACK.solveBandPositiveDefinite(
            SymmetricBandMatrix(order: 0, subdiagonals: 1), Matrix(rows: 0, columns: 2))
        #expect(x.rows == 0 && x.columns == 2)
    }
}

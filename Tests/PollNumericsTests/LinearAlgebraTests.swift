import Numerics
import Testing

@testable import PollNumerics

/// Naive Swift loops as the reference for each BLAS wrapper; agreement within 1e-13 relative to
/// the size of the terms (Σ|xᵢyᵢ|), since BLAS may sum in another order.
@Suite("BLAS and LAPACK wrappers")
struct LinearAlgebraTests {
    static func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
        Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in 2 * rng.nextUniform() - 1 })
    }

    static func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var s = 0.0
                for k in 0..<a.columns { s += a[i, k] * b[k, j] }
                c[i, j] = s
            }
        }
        return c
    }

    static func close(_ x: Matrix, _ y: Matrix, scale: Double = 1) -> Bool {
        x.rows == y.rows && x.columns == y.columns
            && zip(x.elements, y.elements).allSatisfy { abs($0 - $1) <= 1e-13 * max(1, scale) }
    }

    /// Shapes including empty and 1 × 1.
    static let shapes: [(Int, Int, Int)] = [
        (0, 0, 0), (1, 1, 1), (0, 3, 2), (3, 0, 2), (3, 2, 0),
        (1, 5, 1), (7, 3, 4), (16, 16, 16), (33, 17, 9),
    ]

    @Test("dot, axpy, scale and norm against loops", arguments: [0, 1, 2, 17, 1000])
    func levelOne(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n))
        let x = Vector((0..<n).map { _ in rng.nextUniform() - 0.5 })
        let y = Vector((0..<n).map { _ in rng.nextUniform() - 0.5 })
        let naiveDot = zip(x.elements, y.elements).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(BLAS.dot(x, y) - naiveDot) <= 1e-13 * Double(max(n, 1)))
        var z = y
        BLAS.axpy(2.5, x, &z)
        // BLAS may fuse the multiply-add: one rounding instead of two.
        #expect(zip(z.elements, zip(x.elements, y.elements)).allSatisfy { abs($0 - (2.5 * $1.0 + $1.1)) <= 1e-15 })
        var s = x
        BLAS.scale(by: -3, &s)
        #expect(s.elements == x.elements.map { -3 * $0 })
        let naiveNorm = x.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(BLAS.norm(x) - naiveNorm) <= 1e-14 * max(1, naiveNorm))
    }

    @Test("gemm and gemv against loops, with and without transposes", arguments: shapes)
    func products(m: Int, n: Int, k: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(m * 10_000 + n * 100 + k))
        let a = Self.randomMatrix(m, k, &rng)
        let b = Self.randomMatrix(k, n, &rng)
        let c0 = Self.randomMatrix(m, n, &rng)
        var c = c0
        BLAS.gemm(2, a, b, 0.5, &c)
        let expected = Self.naiveProduct(a, b)
        var combined = expected
        for i in 0..<combined.elements.count { combined.elements[i] = 2 * expected.elements[i] + 0.5 * c0.elements[i] }
        #expect(Self.close(c, combined, scale: Double(k)))

        var ct = Matrix(rows: m, columns: n)
        BLAS.gemm(1, a.transposed, transposeA: true, b.transposed, transposeB: true, 0, &ct)
        #expect(Self.close(ct, expected, scale: Double(k)))

        let x = Vector((0..<k).map { _ in rng.nextUniform() })
        var y = Vector(repeating: 1, count: m)
        BLAS.gemv(1, a, x, 1, &y)
        let ax = Self.naiveProduct(a, Matrix(rows: k, columns: 1, columnMajor: x.elements))
        #expect(zip(y.elements, ax.elements).allSatisfy { abs($0 - ($1 + 1)) <= 1e-13 * Double(max(k, 1)) })

        var yt = Vector(repeating: 0, count: k)
        let w = Vector((0..<m).map { _ in rng.nextUniform() })
        BLAS.gemv(1, a, transpose: true, w, 0, &yt)
        let atw = Self.naiveProduct(a.transposed, Matrix(rows: m, columns: 1, columnMajor: w.elements))
        #expect(zip(yt.elements, atw.elements).allSatisfy { abs($0 - $1) <= 1e-13 * Double(max(m, 1)) })
    }

    @Test("syrk is A·Aᵀ, symmetric; ger is a rank-one update", arguments: shapes)
    func symmetric(m: Int, n: Int, k: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(7 + m + n + k))
        let a = Self.randomMatrix(m, k, &rng)
        var c = Matrix(rows: m, columns: m)
        BLAS.syrk(1, a, 0, &c)
        #expect(Self.close(c, Self.naiveProduct(a, a.transposed), scale: Double(k)))
        #expect(c == c.transposed)
        var ct = Matrix(rows: k, columns: k)
        BLAS.syrk(1, a, transpose: true, 0, &ct)
        #expect(Self.close(ct, Self.naiveProduct(a.transposed, a), scale: Double(m)))

        let x = Vector((0..<m).map { _ in rng.nextUniform() })
        let y = Vector((0..<n).map { _ in rng.nextUniform() })
        var g = Self.randomMatrix(m, n, &rng)
        let g0 = g
        BLAS.ger(3, x, y, &g)
        for i in 0..<m {
            for j in 0..<n { #expect(abs(g[i, j] - (g0[i, j] + 3 * x[i] * y[j])) <= 1e-15) }
        }
    }

    @Test("Cholesky and positive definite solve", arguments: [1, 2, 5, 40])
    func cholesky(n: Int) throws {
        var rng = Xoshiro256StarStar(seed: UInt64(100 + n))
        let b = Self.randomMatrix(n, n, &rng)
        var spd = Self.naiveProduct(b.transposed, b)
        for i in 0..<n { spd[i, i] += Double(n) }
        let l = try LAPACK.cholesky(spd)
        #expect(Self.close(Self.naiveProduct(l, l.transposed), spd, scale: Double(n) * 10))
        for j in 0..<n { for i in 0..<j { #expect(l[i, j] == 0) } }
        let rhs = Self.randomMatrix(n, 3, &rng)
        let x = try LAPACK.solvePositiveDefinite(spd, rhs)
        #expect(Self.close(Self.naiveProduct(spd, x), rhs, scale: Double(n) * 10))
    }

    @Test("Least squares: residual orthogonal to the columns of A")
    func leastSquares() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        let a = Self.randomMatrix(30, 4, &rng)
        let b = Self.randomMatrix(30, 2, &rng)
        let x = try LAPACK.leastSquares(a, b)
        #expect(x.rows == 4 && x.columns == 2)
        var residual = Self.naiveProduct(a, x)
        for i in 0..<residual.elements.count { residual.elements[i] -= b.elements[i] }
        let normal = Self.naiveProduct(a.transposed, residual)
        #expect(normal.elements.allSatisfy { abs($0) <= 1e-12 })
        // An exactly solvable square system gives the exact solution.
        let square = Matrix(rows: [[2, 1], [1, 3]])
        let solution = try LAPACK.leastSquares(square, Matrix(rows: [[3], [5]]))
        #expect(solution[0, 0].isApproximatelyEqual(to: 0.8, relativeTolerance: 1e-14))
        #expect(solution[1, 0].isApproximatelyEqual(to: 1.4, relativeTolerance: 1e-14))
    }

    @Test("A matrix that is not positive definite throws, with the failing order")
    func notPositiveDefinite() {
        let indefinite = Matrix(rows: [[1, 2], [2, 1]])
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "DPOTRF", order: 2)) {
            try LAPACK.cholesky(indefinite)
        }
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "DPOSV", order: 2)) {
            try LAPACK.solvePositiveDefinite(indefinite, Matrix(rows: [[1], [1]]))
        }
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "DPOTRF", order: 1)) {
            try LAPACK.cholesky(Matrix(rows: [[-4]]))
        }
    }

    @Test("A rank-deficient least-squares problem throws")
    func rankDeficient() {
        let a = Matrix(rows: [[1, 0], [2, 0], [3, 0]])
        #expect(throws: LAPACKError.rankDeficient(routine: "DGELS", index: 2)) {
            try LAPACK.leastSquares(a, Matrix(rows: [[1], [2], [3]]))
        }
    }

    /// The thread count is process-wide OpenBLAS state, and other suites run BLAS in parallel with
    /// this one, so the checks run in a child process (an exit test): this process's count is
    /// never changed.
    @Test("BLAS is single-threaded by default and the count can be changed (in a child process)")
    func threads() async {
        await #expect(processExitsWith: .success) {
            // Before BLAS is loaded a count is only recorded; loading applies it.
            #expect(BLASThreads.current == 1)
            BLASThreads.set(2)
            #expect(BLASThreads.current == 2)
            #expect(BLAS.dot([1, 2, 3], [4, 5, 6]) == 32)
            #if canImport(Accelerate)
            #expect(BLASThreads.current == 1)
            #else
            #expect(BLASThreads.current == 2)
            BLASThreads.set(1)
            #expect(BLASThreads.current == 1)
            #endif
        }
        #expect(BLASThreads.current == 1)
    }
}

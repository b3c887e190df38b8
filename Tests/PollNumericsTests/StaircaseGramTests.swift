import Testing

@testable import PollNumerics

/// The staircase product against the dense S − VᵀV (DGEMM on the whole V). Tolerance 1e-13
/// relative to max(1, max|S|): the same products summed in other blocks.
@Suite("Staircase Gram product")
struct StaircaseGramTests {
    @Test("Equals the dense product on the lower triangle", arguments: [(1, 1), (7, 3), (50, 33), (200, 70), (10, 65)])
    func againstDense(rows: Int, columns: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(rows * 100 + columns))
        let first = (0..<columns).map { _ in Int(rng.nextUniform() * Double(rows + 1)) }.sorted()
        var v = [Double](repeating: 0, count: rows * columns)
        for k in 0..<columns { for r in first[k]..<rows { v[r + k * rows] = 2 * rng.nextUniform() - 1 } }
        let s0 = Matrix(
            rows: columns, columns: columns, columnMajor: (0..<(columns * columns)).map { _ in rng.nextUniform() })
        var s = s0
        BLAS.subtractStaircaseGram(v, rows: rows, columns: columns, firstRow: first, from: &s)
        var dense = s0
        BLAS.gemm(
            -1, Matrix(rows: rows, columns: columns, columnMajor: v), transposeA: true,
            Matrix(rows: rows, columns: columns, columnMajor: v), 1, &dense)
        let scale = max(1, dense.elements.map(abs).max() ?? 0)
        for j in 0..<columns {
            for i in j..<columns { #expect(abs(s[i, j] - dense[i, j]) <= 1e-13 * scale, "(\(i), \(j))") }
        }
    }
}

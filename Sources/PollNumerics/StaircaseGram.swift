extension BLAS {
    /// S ← S − VᵀV on the lower triangle, for a V whose columns start at non-decreasing rows:
    /// column k of V (rows × columns, column-major, leading dimension `rows`) is zero in rows
    /// 0..<firstRow[k], and firstRow[0] ≤ firstRow[1] ≤ …. Such a V is what forward substitution
    /// with a lower triangular factor makes of columns that are sparse before a first row.
    ///
    /// The columns are taken in blocks of 32; for blocks I ≤ J one DGEMM forms
    /// S[J, I] −= V[r:, J]ᵀ·V[r:, I] over the rows r = firstRow[first column of J] onwards only, so
    /// the cost is Σ_{I≤J} |I|·|J|·(rows − r_J) rather than columns²·rows/2. Elements above the
    /// diagonal blocks are not touched; within a diagonal block the whole block is updated.
    ///
    /// - Precondition: `v.count == rows·columns`, `s` is columns × columns, `firstRow` has one
    ///   non-decreasing entry in 0...rows per column, and V is zero where it says.
    /// - Complexity: O(Σ_{k≤l} (rows − firstRow[l])) multiply-adds, at most O(rows·columns²).
    public static func subtractStaircaseGram(
        _ v: [Double], rows: Int, columns: Int, firstRow: [Int], from s: inout Matrix
    ) {
        precondition(
            v.count == rows * columns && s.rows == columns && s.columns == columns && firstRow.count == columns,
            "subtractStaircaseGram: shapes do not match")
        guard columns > 0 && rows > 0 else { return }
        let block = 32
        let ldc = s.leadingDimension
        v.withUnsafeBufferPointer { vp in
            s.elements.withUnsafeMutableBufferPointer { sp in
                var j0 = 0
                while j0 < columns {
                    let j1 = Swift.min(columns, j0 + block)
                    let r = firstRow[j0]
                    precondition(
                        r >= 0 && r <= rows && (j0 == 0 || firstRow[j0 - 1] <= r), "subtractStaircaseGram: firstRow")
                    let k = rows - r
                    if k > 0 {
                        var i0 = 0
                        while i0 <= j0 {
                            let i1 = Swift.min(columns, i0 + block)
                            Backend.gemm(
                                transposeA: true, transposeB: false, m: j1 - j0, n: i1 - i0, k: k, alpha: -1,
                                a: vp.baseAddress! + r + j0 * rows, lda: rows,
                                b: vp.baseAddress! + r + i0 * rows, ldb: rows,
                                beta: 1, c: sp.baseAddress! + j0 + i0 * ldc, ldc: ldc)
                            i0 = i1
                        }
                    }
                    j0 = j1
                }
            }
        }
    }
}

import PollNumerics

/// Variances from replicate weights (R `svrepdesign` and `svrVar`; Wolter 2007, ch. 3–5;
/// Lumley 2010, §2.3):
///
///     v = scale · Σ_r (θ_r − θ̄)²
///
/// with θ_r the statistic under replicate r's weights, θ̄ their mean (R's default) or the
/// full-sample θ̂ (`mse`), and the scale of ``ReplicateType``.
public enum ReplicateVariance {
    /// The variance of replicate values `thetas` of a statistic whose full-sample value is `full`.
    ///
    /// - Complexity: O(R).
    public static func variance(_ thetas: [Double], full: Double, replicates: SurveyDesign.Replicates) -> Double {
        let centre = replicates.mse ? full : thetas.reduce(0, +) / Double(thetas.count)
        var s = 0.0
        for t in thetas { s += (t - centre) * (t - centre) }
        return replicates.scale * s
    }

    /// Replicate totals Σ_i w_ri·x_ij of indicator columns for every replicate r and column j:
    /// one matrix product (R × respondents)·(respondents × columns), taken through BLAS in blocks
    /// of rows so the indicator matrix never exists whole.
    ///
    /// - Parameters:
    ///   - design: a replicate design.
    ///   - columns: the number of indicator columns.
    ///   - hits: for respondent i, the columns where its indicator is 1 (appended to the buffer).
    /// - Returns: an R × columns matrix (column-major).
    /// - Complexity: O(respondents · R · columns / block) BLAS work.
    public static func totals(_ design: SurveyDesign, columns: Int, hits: (Int, inout [Int]) -> Void) -> Matrix {
        guard let rep = design.replicates else { preconditionFailure("not a replicate design") }
        let r = rep.count
        var result = Matrix(rows: r, columns: columns)
        let block = 1024
        var buffer: [Int] = []
        var start = 0
        while start < design.count {
            let end = min(design.count, start + block)
            let b = end - start
            let w = Matrix(rows: r, columns: b, columnMajor: Array(rep.weights[(start * r)..<(end * r)]))
            var x = Matrix(rows: b, columns: columns)
            for i in start..<end {
                buffer.removeAll(keepingCapacity: true)
                hits(i, &buffer)
                for j in buffer { x.elements[(i - start) + j * b] = 1 }
            }
            BLAS.gemm(1, w, x, 1, &result)
            start = end
        }
        return result
    }

    /// The degrees of freedom of a replicate design restricted to a domain, as R `degf`: the
    /// rank of the domain rows' replicate weight matrix minus 1. The rank is read from the Gram
    /// matrix WᵀW (one BLAS rank-k update per block) by Cholesky elimination in column order,
    /// a column counting when its squared residual norm exceeds (10⁻⁵)² of its squared norm
    /// (R's `qr(..., tol = 1e-5)` criterion on norms).
    ///
    /// - Complexity: O(domain rows · R²) + O(R³).
    /// - Parameters:
    ///   - design: a replicate design.
    ///   - rows: the domain's respondents (indices).
    public static func degreesOfFreedom(_ design: SurveyDesign, rows: [Int32]) -> Int {
        guard let rep = design.replicates else { preconditionFailure("not a replicate design") }
        let r = rep.count
        var gram = Matrix(rows: r, columns: r)
        var block: [Double] = []
        block.reserveCapacity(1024 * r)
        func flush() {
            guard !block.isEmpty else { return }
            let a = Matrix(rows: r, columns: block.count / r, columnMajor: block)
            BLAS.syrk(1, a, 1, &gram)
            block.removeAll(keepingCapacity: true)
        }
        for row in rows {
            let i = Int(row)
            block.append(contentsOf: rep.weights[(i * r)..<((i + 1) * r)])
            if block.count >= 1024 * r { flush() }
        }
        flush()
        // Cholesky without pivoting, skipping dependent columns.
        var g = gram.elements
        var rank = 0
        var kept: [Int] = []
        var l = [Double](repeating: 0, count: r * r) // l[j + k*r] = L(j, k) for kept k
        for j in 0..<r {
            let original = g[j + j * r]
            var d = original
            for k in kept { d -= l[j + k * r] * l[j + k * r] }
            guard original > 0, d > 1e-10 * original else { continue }
            let root = d.squareRoot()
            l[j + j * r] = root
            for i in (j + 1)..<max(j + 1, r) {
                var s = g[i + j * r]
                for k in kept { s -= l[i + k * r] * l[j + k * r] }
                l[i + j * r] = s / root
            }
            kept.append(j)
            rank += 1
        }
        g.removeAll()
        return rank - 1
    }
}

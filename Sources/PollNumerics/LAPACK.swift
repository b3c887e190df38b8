/// A LAPACK routine reported failure through its `info` argument.
public enum LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Argument `position` (1-based) had an illegal value (`info < 0`).
    case illegalArgument(routine: String, position: Int)
    /// The leading minor of this order is not positive, so the matrix is not positive definite
    /// (DPOTRF, DPOSV, DPBTRF: `info > 0`).
    case notPositiveDefinite(routine: String, order: Int)
    /// The diagonal element `index` (1-based) of the triangular factor is zero, so the matrix
    /// does not have full rank (DGELS: `info > 0`).
    case rankDeficient(routine: String, index: Int)

    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "\(routine): argument \(position) had an illegal value"
        case let .notPositiveDefinite(routine, order):
            return "\(routine): the leading minor of order \(order) is not positive definite"
        case let .rankDeficient(routine, index):
            return "\(routine): the matrix is rank deficient (zero diagonal element \(index) of R)"
        }
    }
}

/// Factorisations and solvers from LAPACK on ``Matrix`` values. A non-zero `info` is thrown as a
/// ``LAPACKError``; the inputs are never modified (each call works on a copy).
///
/// Source: Anderson et al., *LAPACK Users' Guide*, 3rd ed., SIAM 1999.
public enum LAPACK {
    /// The Cholesky factor L of a symmetric positive definite matrix, A = L·Lᵀ (DPOTRF).
    ///
    /// Only the lower triangle of `a` is read. The strict upper triangle of the result is zero.
    /// - Throws: ``LAPACKError/notPositiveDefinite(routine:order:)`` when A is not positive definite.
    /// - Precondition: `a` is square.
    /// - Complexity: O(n³/3).
    public static func cholesky(_ a: Matrix) throws(LAPACKError) -> Matrix {
        precondition(a.rows == a.columns, "cholesky: matrix is not square")
        var l = a
        let n = a.rows
        guard n > 0 else { return l }
        let lda = l.leadingDimension
        let info = l.elements.withUnsafeMutableBufferPointer { Backend.potrf(n: n, a: $0.baseAddress!, lda: lda) }
        try check(info, routine: "DPOTRF", positive: { .notPositiveDefinite(routine: "DPOTRF", order: $0) })
        for j in 0..<n {
            for i in 0..<j { l.elements[i + j * n] = 0 }
        }
        return l
    }

    /// Solves A·X = B for symmetric positive definite A by Cholesky factorisation (DPOSV).
    ///
    /// - Parameters:
    ///   - a: n × n, symmetric positive definite (lower triangle read).
    ///   - b: n × k right-hand sides.
    /// - Returns: X, n × k.
    /// - Throws: ``LAPACKError/notPositiveDefinite(routine:order:)``.
    /// - Complexity: O(n³/3 + n²·k).
    public static func solvePositiveDefinite(_ a: Matrix, _ b: Matrix) throws(LAPACKError) -> Matrix {
        precondition(a.rows == a.columns && b.rows == a.rows, "solvePositiveDefinite: shapes do not match")
        var factor = a
        var x = b
        let n = a.rows, nrhs = b.columns
        guard n > 0 && nrhs > 0 else { return x }
        let (lda, ldb) = (factor.leadingDimension, x.leadingDimension)
        let info = factor.elements.withUnsafeMutableBufferPointer { ap in
            x.elements.withUnsafeMutableBufferPointer { bp in
                Backend.posv(n: n, nrhs: nrhs, a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb)
            }
        }
        try check(info, routine: "DPOSV", positive: { .notPositiveDefinite(routine: "DPOSV", order: $0) })
        return x
    }

    /// The least-squares solution X minimising ‖A·X − B‖₂ for a full-rank m × n matrix A with
    /// m ≥ n, or the minimum-norm solution when m < n (DGELS, QR or LQ factorisation).
    ///
    /// - Parameters:
    ///   - a: m × n design matrix of full rank.
    ///   - b: m × k right-hand sides.
    /// - Returns: X, n × k.
    /// - Throws: ``LAPACKError/rankDeficient(routine:index:)`` when A does not have full rank.
    /// - Complexity: O(m·n²) for m ≥ n.
    public static func leastSquares(_ a: Matrix, _ b: Matrix) throws(LAPACKError) -> Matrix {
        precondition(b.rows == a.rows, "leastSquares: A and B differ in rows")
        let m = a.rows, n = a.columns, nrhs = b.columns
        guard n > 0 && nrhs > 0 else { return Matrix(rows: n, columns: nrhs) }
        guard m > 0 else { return Matrix(rows: n, columns: nrhs) }
        var factor = a
        // DGELS needs B with max(m, n) rows: the solution comes back in its first n rows.
        let ldb = Swift.max(m, n)
        var work = Matrix(rows: ldb, columns: nrhs)
        for j in 0..<nrhs {
            for i in 0..<m { work.elements[i + j * ldb] = b.elements[i + j * m] }
        }
        let lda = factor.leadingDimension
        let info = factor.elements.withUnsafeMutableBufferPointer { ap in
            work.elements.withUnsafeMutableBufferPointer { bp in
                Backend.gels(m: m, n: n, nrhs: nrhs, a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb)
            }
        }
        try check(info, routine: "DGELS", positive: { .rankDeficient(routine: "DGELS", index: $0) })
        var x = Matrix(rows: n, columns: nrhs)
        for j in 0..<nrhs {
            for i in 0..<n { x.elements[i + j * n] = work.elements[i + j * ldb] }
        }
        return x
    }

    /// Turns LAPACK's `info` into a thrown error: negative means an illegal argument, positive is
    /// routine-specific.
    static func check(
        _ info: Int, routine: String,
        positive: (Int) -> LAPACKError
    ) throws(LAPACKError) {
        if info < 0 { throw .illegalArgument(routine: routine, position: -info) }
        if info > 0 { throw positive(info) }
    }
}

/// A symmetric `order × order` band matrix with `subdiagonals` diagonals below the main one,
/// stored as LAPACK's lower band storage (the layout DPBTRF and DPBTRS read).
///
/// Element (i, j) with 0 ≤ i − j ≤ kd is at offset `(i − j) + j·(kd + 1)`: column j of the
/// `(kd + 1) × order` storage holds A(j, j), A(j + 1, j), …, A(j + kd, j). Slots past the last row
/// (the bottom right corner of the storage) are never read. Elements outside the band are zero;
/// the upper triangle is the mirror of the lower one.
///
///     var a = SymmetricBandMatrix(order: 3, subdiagonals: 1)
///     a[0, 0] = 2; a[1, 0] = -1   // a[0, 1] == -1 too
public struct SymmetricBandMatrix: Equatable, Hashable, Sendable {
    /// n, the number of rows and of columns.
    public let order: Int
    /// kd, the number of diagonals below the main diagonal that may be non-zero.
    public let subdiagonals: Int
    /// The band in lower band storage, column-major: `elements.count == (kd + 1)·order`.
    public var elements: [Double]

    /// A zero band matrix.
    ///
    /// - Precondition: `order >= 0`, `subdiagonals >= 0`.
    /// - Complexity: O(`order·(subdiagonals + 1)`).
    public init(order: Int, subdiagonals: Int) {
        precondition(order >= 0 && subdiagonals >= 0, "SymmetricBandMatrix: negative size")
        self.order = order
        self.subdiagonals = subdiagonals
        elements = Array(repeating: 0, count: (subdiagonals + 1) * order)
    }

    /// Leading dimension of the band storage, kd + 1.
    var leadingDimension: Int { subdiagonals + 1 }

    /// Element (row, column); zero outside the band. Setting (i, j) sets (j, i) as well.
    ///
    /// - Precondition: both indices are in range; a set element lies within the band.
    /// - Complexity: O(1).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < order && column >= 0 && column < order, "band index out of range")
            let (i, j) = row >= column ? (row, column) : (column, row)
            guard i - j <= subdiagonals else { return 0 }
            return elements[(i - j) + j * leadingDimension]
        }
        set {
            precondition(row >= 0 && row < order && column >= 0 && column < order, "band index out of range")
            let (i, j) = row >= column ? (row, column) : (column, row)
            precondition(i - j <= subdiagonals, "band element set outside the band")
            elements[(i - j) + j * leadingDimension] = newValue
        }
    }

    /// The same matrix stored densely.
    ///
    /// - Complexity: O(`order²`).
    public var dense: Matrix {
        var m = Matrix(rows: order, columns: order)
        for j in 0..<order {
            for i in j..<Swift.min(order, j + subdiagonals + 1) {
                let value = elements[(i - j) + j * leadingDimension]
                m[i, j] = value
                m[j, i] = value
            }
        }
        return m
    }
}

/// The Cholesky factor A = L·Lᵀ of a symmetric positive definite band matrix (DPBTRF): L is
/// lower triangular with the same bandwidth as A, kept in lower band storage, and solves
/// systems with A in O(n·kd) each (DPBTRS).
public struct BandCholeskyFactor: Equatable, Sendable {
    /// L in lower band storage (its elements are those of L, not of A).
    public let factor: SymmetricBandMatrix

    /// The order n of A.
    public var order: Int { factor.order }

    /// L(row, column) for row ≥ column (zero above the diagonal and outside the band).
    ///
    /// - Complexity: O(1).
    public func lower(_ row: Int, _ column: Int) -> Double {
        row < column ? 0 : factor[row, column]
    }

    /// Solves A·X = B (DPBTRS).
    ///
    /// - Parameter b: n × k right-hand sides.
    /// - Returns: X, n × k.
    /// - Throws: ``LAPACKError/illegalArgument(routine:position:)`` (only for a malformed call).
    /// - Precondition: `b.rows == order`.
    /// - Complexity: O(n·kd·k).
    public func solve(_ b: Matrix) throws(LAPACKError) -> Matrix {
        precondition(b.rows == order, "BandCholeskyFactor.solve: B has the wrong number of rows")
        var x = b
        let n = order, nrhs = b.columns
        guard n > 0 && nrhs > 0 else { return x }
        let (kd, ldab, ldb) = (factor.subdiagonals, factor.leadingDimension, x.leadingDimension)
        let info = factor.elements.withUnsafeBufferPointer { ap in
            x.elements.withUnsafeMutableBufferPointer { bp in
                Backend.pbtrs(n: n, kd: kd, nrhs: nrhs, ab: ap.baseAddress!, ldab: ldab, b: bp.baseAddress!, ldb: ldb)
            }
        }
        try LAPACK.check(info, routine: "DPBTRS", positive: { .illegalArgument(routine: "DPBTRS", position: $0) })
        return x
    }

    /// Solves A·x = b for one right-hand side (DPBTRS).
    ///
    /// - Complexity: O(n·kd).
    public func solve(_ b: [Double]) throws(LAPACKError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).elements
    }
}

extension LAPACK {
    /// The Cholesky factor of a symmetric positive definite band matrix, A = L·Lᵀ (DPBTRF,
    /// lower band storage). The input is not modified.
    ///
    /// - Throws: ``LAPACKError/notPositiveDefinite(routine:order:)`` when A is not positive definite.
    /// - Complexity: O(n·kd²) time, O(n·kd) memory.
    public static func bandCholesky(_ a: SymmetricBandMatrix) throws(LAPACKError) -> BandCholeskyFactor {
        var l = a
        let n = a.order
        guard n > 0 else { return BandCholeskyFactor(factor: l) }
        let (kd, ldab) = (a.subdiagonals, a.leadingDimension)
        let info = l.elements.withUnsafeMutableBufferPointer {
            Backend.pbtrf(n: n, kd: kd, ab: $0.baseAddress!, ldab: ldab)
        }
        try check(info, routine: "DPBTRF", positive: { .notPositiveDefinite(routine: "DPBTRF", order: $0) })
        return BandCholeskyFactor(factor: l)
    }

    /// Solves A·X = B for a symmetric positive definite band matrix A (DPBTRF then DPBTRS).
    ///
    /// - Parameters:
    ///   - a: n × n band matrix, positive definite.
    ///   - b: n × k right-hand sides.
    /// - Returns: X, n × k.
    /// - Throws: ``LAPACKError/notPositiveDefinite(routine:order:)``.
    /// - Complexity: O(n·kd² + n·kd·k).
    public static func solveBandPositiveDefinite(_ a: SymmetricBandMatrix, _ b: Matrix) throws(LAPACKError) -> Matrix {
        precondition(b.rows == a.order, "solveBandPositiveDefinite: shapes do not match")
        return try bandCholesky(a).solve(b)
    }
}

/// The BLAS library could not be loaded.
///
/// On Linux PollNumerics links no BLAS: it opens OpenBLAS (`libopenblas.so.0`) the first time a
/// computation needs it, so programs and commands that do no linear algebra never pay for it. A
/// failure to open it surfaces in one of two ways:
///
/// - ``BLAS/load()`` throws this error. A program calls it before work that needs BLAS when it
///   wants to report the failure itself (and clean up, for example a half-written output file).
/// - Otherwise the first BLAS or LAPACK call that finds no library writes one line,
///   `<program>: error: <description>`, on standard error and ends the process with
///   ``exitCode`` (69). BLAS calls do not throw, so this is the only other way out; it never traps.
///
/// On Apple platforms Accelerate is linked and loading cannot fail.
public enum BLASLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No candidate library could be opened. `library` is the first name tried, `reason` the
    /// dynamic linker's message for the most telling failure (a file that exists but does not
    /// load, for example for lack of memory, before a name that was not found).
    case cannotOpen(library: String, reason: String)
    /// The library opened but does not export a function PollNumerics calls.
    case missingFunction(library: String, function: String)
    /// The address-space limit (`ulimit -v`) leaves too little room for OpenBLAS's work buffers
    /// with this many threads (about 160 MiB each, see ``BLASThreads``). OpenBLAS itself would
    /// wait for the memory forever, so the call is refused instead.
    case notEnoughMemory(threads: Int)

    /// Exit status of a process ended by a failed load: 69, `EX_UNAVAILABLE` of sysexits(3)
    /// ("a service is unavailable ... a support program or file does not exist").
    public static let exitCode: Int32 = 69

    public var description: String {
        switch self {
        case let .cannotOpen(library, reason):
            if reason.contains("No such file") {
                return "cannot load BLAS (\(library)): \(reason); install OpenBLAS (Debian, Ubuntu: "
                    + "apt-get install libopenblas0) or set POLLCOMPARE_BLAS to the library's path"
            }
            return "cannot load BLAS (\(library)): \(reason)"
        case let .missingFunction(library, function):
            return "cannot load BLAS: \(library) has no function \(function) "
                + "(POLLCOMPARE_BLAS must name an OpenBLAS library with LAPACK)"
        case let .notEnoughMemory(threads):
            let what = threads == 1 ? "one thread" : "\(threads) threads"
            return "not enough memory for BLAS on \(what): OpenBLAS needs about 160 MiB of address "
                + "space per thread and the memory limit (ulimit -v) leaves less"
        }
    }
}

/// BLAS operations on ``Vector`` and ``Matrix`` values (OpenBLAS on Linux, Accelerate on Apple
/// platforms).
///
/// Each function checks shapes with `precondition` (a shape mismatch is a programming error) and
/// makes exactly one BLAS call, so the work per call is a whole vector or matrix. All run on the
/// thread count of ``BLASThreads`` (one by default, for bit-reproducible sums).
///
/// Source: the reference BLAS specification, Dongarra et al., "A set of level 3 basic linear
/// algebra subprograms", ACM TOMS 16 (1990); level 1 and 2 in ACM TOMS 5 (1979) and 14 (1988).
public enum BLAS {
    /// Loads the BLAS library now, if it is not loaded yet.
    ///
    /// Calling it is optional: every BLAS and LAPACK function loads the library on first use. Call
    /// it before work that needs BLAS to get a failure as a thrown error instead of the one-line
    /// message and exit status ``BLASLoadError/exitCode`` of a failed first use. The outcome is
    /// kept: later calls return or throw the same without trying again.
    ///
    /// - Throws: ``BLASLoadError`` when no usable library can be opened (never on Apple platforms,
    ///   where Accelerate is linked).
    /// - Complexity: O(1) after the first call, which opens the library and looks up its functions.
    public static func load() throws(BLASLoadError) {
        try Backend.load()
    }

    /// The dot product xᵀy = Σᵢ xᵢyᵢ (DDOT).
    ///
    /// - Precondition: `x.count == y.count`.
    /// - Returns: the sum; 0 for empty vectors.
    /// - Complexity: O(n).
    public static func dot(_ x: Vector, _ y: Vector) -> Double {
        precondition(x.count == y.count, "dot: vectors differ in length")
        return dot(x.elements, y.elements)
    }

    /// The dot product of two arrays, for callers that keep columns as `[Double]` (DDOT).
    ///
    /// - Precondition: `x.count == y.count`.
    /// - Complexity: O(n).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: arrays differ in length")
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in Backend.dot(x.count, xp.baseAddress!, yp.baseAddress!) }
        }
    }

    /// y ← αx + y (DAXPY).
    ///
    /// - Precondition: `x.count == y.count`.
    /// - Complexity: O(n).
    public static func axpy(_ alpha: Double, _ x: Vector, _ y: inout Vector) {
        axpy(alpha, x.elements, &y.elements)
    }

    /// y ← αx + y on arrays (DAXPY).
    ///
    /// - Precondition: `x.count == y.count`.
    /// - Complexity: O(n).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: arrays differ in length")
        guard !x.isEmpty else { return }
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in Backend.axpy(x.count, alpha, xp.baseAddress!, yp.baseAddress!) }
        }
    }

    /// x ← αx (DSCAL).
    ///
    /// - Complexity: O(n).
    public static func scale(by alpha: Double, _ x: inout Vector) {
        scale(by: alpha, &x.elements)
    }

    /// x ← αx on an array (DSCAL).
    ///
    /// - Complexity: O(n).
    public static func scale(by alpha: Double, _ x: inout [Double]) {
        guard !x.isEmpty else { return }
        let n = x.count
        x.withUnsafeMutableBufferPointer { xp in Backend.scal(n, alpha, xp.baseAddress!) }
    }

    /// The Euclidean norm ‖x‖₂ = √(Σᵢ xᵢ²), computed without overflow or underflow (DNRM2).
    ///
    /// - Complexity: O(n).
    public static func norm(_ x: Vector) -> Double {
        guard x.count > 0 else { return 0 }
        return x.elements.withUnsafeBufferPointer { Backend.nrm2(x.count, $0.baseAddress!) }
    }

    /// y ← α·op(A)·x + β·y, where op(A) is A or Aᵀ (DGEMV).
    ///
    /// - Parameters:
    ///   - alpha: α, the scale of op(A)·x.
    ///   - a: the matrix A.
    ///   - transpose: use Aᵀ instead of A.
    ///   - x: the vector x.
    ///   - beta: β, the scale of y's old value.
    ///   - y: y, overwritten with the result.
    /// - Precondition: `x` has as many elements as op(A) has columns, `y` as many as op(A) has rows.
    /// - Complexity: O(rows·columns).
    public static func gemv(
        _ alpha: Double, _ a: Matrix, transpose: Bool = false, _ x: Vector,
        _ beta: Double, _ y: inout Vector
    ) {
        let (outRows, inColumns) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        precondition(x.count == inColumns && y.count == outRows, "gemv: shapes do not match")
        guard outRows > 0 else { return }
        guard inColumns > 0 else {
            // Empty inner dimension: y ← βy (BLAS would also do this, but the pointers may be nil).
            scale(by: beta, &y)
            return
        }
        a.elements.withUnsafeBufferPointer { ap in
            x.elements.withUnsafeBufferPointer { xp in
                y.elements.withUnsafeMutableBufferPointer { yp in
                    Backend.gemv(
                        transpose: transpose, rows: a.rows, columns: a.columns, alpha: alpha,
                        a: ap.baseAddress!, lda: a.leadingDimension, x: xp.baseAddress!,
                        beta: beta, y: yp.baseAddress!)
                }
            }
        }
    }

    /// A ← α·x·yᵀ + A, a rank-one update (DGER).
    ///
    /// - Precondition: `x.count == a.rows`, `y.count == a.columns`.
    /// - Complexity: O(rows·columns).
    public static func ger(_ alpha: Double, _ x: Vector, _ y: Vector, _ a: inout Matrix) {
        precondition(x.count == a.rows && y.count == a.columns, "ger: shapes do not match")
        guard a.rows > 0 && a.columns > 0 else { return }
        let (rows, columns, lda) = (a.rows, a.columns, a.leadingDimension)
        x.elements.withUnsafeBufferPointer { xp in
            y.elements.withUnsafeBufferPointer { yp in
                a.elements.withUnsafeMutableBufferPointer { ap in
                    Backend.ger(
                        rows: rows, columns: columns, alpha: alpha, x: xp.baseAddress!,
                        y: yp.baseAddress!, a: ap.baseAddress!, lda: lda)
                }
            }
        }
    }

    /// C ← α·op(A)·op(B) + β·C (DGEMM).
    ///
    /// - Precondition: op(A) is m × k, op(B) is k × n and C is m × n.
    /// - Complexity: O(m·n·k).
    public static func gemm(
        _ alpha: Double, _ a: Matrix, transposeA: Bool = false, _ b: Matrix,
        transposeB: Bool = false, _ beta: Double, _ c: inout Matrix
    ) {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(k == kb && c.rows == m && c.columns == n, "gemm: shapes do not match")
        guard m > 0 && n > 0 else { return }
        guard k > 0 else {
            scale(by: beta, &c.elements)
            return
        }
        let ldc = c.leadingDimension
        a.elements.withUnsafeBufferPointer { ap in
            b.elements.withUnsafeBufferPointer { bp in
                c.elements.withUnsafeMutableBufferPointer { cp in
                    Backend.gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: ap.baseAddress!, lda: a.leadingDimension, b: bp.baseAddress!,
                        ldb: b.leadingDimension, beta: beta, c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
    }

    /// The symmetric product C ← α·op(A)·op(A)ᵀ + β·C (DSYRK), with op(A) = A (n × k) or Aᵀ.
    ///
    /// BLAS updates one triangle; this function mirrors it so the whole of `c` is symmetric.
    /// A covariance matrix of centred draws is `syrk(1/(m−1), draws, transpose: true, 0, &cov)`.
    ///
    /// - Precondition: `c` is n × n where n is the row count of op(A).
    /// - Complexity: O(n²·k).
    public static func syrk(
        _ alpha: Double, _ a: Matrix, transpose: Bool = false, _ beta: Double,
        _ c: inout Matrix
    ) {
        let (n, k) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        precondition(c.rows == n && c.columns == n, "syrk: shapes do not match")
        guard n > 0 else { return }
        if k == 0 {
            scale(by: beta, &c.elements)
        } else {
            let ldc = c.leadingDimension
            a.elements.withUnsafeBufferPointer { ap in
                c.elements.withUnsafeMutableBufferPointer { cp in
                    Backend.syrk(
                        transpose: transpose, n: n, k: k, alpha: alpha, a: ap.baseAddress!,
                        lda: a.leadingDimension, beta: beta, c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
        for j in 0..<n {
            for i in (j + 1)..<n {
                c.elements[i + j * n] = c.elements[j + i * n]
            }
        }
    }
}

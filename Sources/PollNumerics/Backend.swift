// The one file that calls BLAS and LAPACK. Every other file goes through `Backend`, so moving
// between OpenBLAS (Linux) and Accelerate (Apple platforms) is a change to this file only.
#if canImport(Accelerate)
internal import Accelerate
typealias BackendInt = __CLPK_integer
#else
internal import CBLAS
typealias BackendInt = Int32
#endif

/// Thin, unchecked calls into BLAS/LAPACK on raw column-major buffers. Callers validate shapes.
enum Backend {
    // MARK: Threads

    /// Sets the number of threads BLAS may use (OpenBLAS `openblas_set_num_threads`).
    /// Accelerate manages its own threads; there the call does nothing.
    static func setThreadCount(_ count: Int) {
        #if canImport(Accelerate)
        _ = count
        #else
        openblas_set_num_threads(Int32(count))
        #endif
    }

    /// The number of threads BLAS uses now (OpenBLAS `openblas_get_num_threads`; 1 on Apple).
    static func threadCount() -> Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }

    // MARK: Level 1

    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(BackendInt(n), x, 1, y, 1)
    }

    static func axpy(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(BackendInt(n), alpha, x, 1, y, 1)
    }

    static func scal(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) {
        cblas_dscal(BackendInt(n), alpha, x, 1)
    }

    static func nrm2(_ n: Int, _ x: UnsafePointer<Double>) -> Double {
        cblas_dnrm2(BackendInt(n), x, 1)
    }

    // MARK: Level 2 and 3 (column-major)

    static func gemv(transpose: Bool, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>,
                     lda: Int, x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, BackendInt(rows), BackendInt(columns),
                    alpha, a, BackendInt(lda), x, 1, beta, y, 1)
    }

    static func ger(rows: Int, columns: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
                    a: UnsafeMutablePointer<Double>, lda: Int) {
        cblas_dger(CblasColMajor, BackendInt(rows), BackendInt(columns), alpha, x, 1, y, 1, a, BackendInt(lda))
    }

    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                     a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                     beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    BackendInt(m), BackendInt(n), BackendInt(k), alpha, a, BackendInt(lda), b, BackendInt(ldb),
                    beta, c, BackendInt(ldc))
    }

    /// C = alpha·op(A)·op(A)ᵀ + beta·C on the upper triangle of the n × n matrix C.
    static func syrk(transpose: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                     beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dsyrk(CblasColMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, BackendInt(n), BackendInt(k),
                    alpha, a, BackendInt(lda), beta, c, BackendInt(ldc))
    }

    // MARK: LAPACK (each returns LAPACK's `info`)

    static func potrf(n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = BackendInt(n), lda32 = BackendInt(lda), info = BackendInt(0)
        #if canImport(Accelerate)
        dpotrf_(&uplo, &n32, a, &lda32, &info)
        #else
        dpotrf_(&uplo, &n32, a, &lda32, &info, 1)
        #endif
        return Int(info)
    }

    static func posv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                     b: UnsafeMutablePointer<Double>, ldb: Int) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = BackendInt(n), nrhs32 = BackendInt(nrhs), lda32 = BackendInt(lda), ldb32 = BackendInt(ldb)
        var info = BackendInt(0)
        #if canImport(Accelerate)
        dposv_(&uplo, &n32, &nrhs32, a, &lda32, b, &ldb32, &info)
        #else
        dposv_(&uplo, &n32, &nrhs32, a, &lda32, b, &ldb32, &info, 1)
        #endif
        return Int(info)
    }

    /// DGELS with its workspace query done here: returns `info`.
    static func gels(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                     b: UnsafeMutablePointer<Double>, ldb: Int) -> Int {
        var trans = CChar(UInt8(ascii: "N"))
        var m32 = BackendInt(m), n32 = BackendInt(n), nrhs32 = BackendInt(nrhs)
        var lda32 = BackendInt(lda), ldb32 = BackendInt(ldb), info = BackendInt(0)
        var query = 0.0
        var lwork = BackendInt(-1)
        #if canImport(Accelerate)
        dgels_(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, &query, &lwork, &info)
        #else
        dgels_(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, &query, &lwork, &info, 1)
        #endif
        guard info == 0 else { return Int(info) }
        lwork = BackendInt(Swift.max(1, Int(query)))
        var work = [Double](repeating: 0, count: Int(lwork))
        work.withUnsafeMutableBufferPointer { w in
            #if canImport(Accelerate)
            dgels_(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, w.baseAddress!, &lwork, &info)
            #else
            dgels_(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, w.baseAddress!, &lwork, &info, 1)
            #endif
        }
        return Int(info)
    }
}

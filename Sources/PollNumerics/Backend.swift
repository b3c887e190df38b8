// The one file that calls BLAS and LAPACK. Every other file goes through `Backend`, so moving
// between OpenBLAS (Linux) and Accelerate (Apple platforms) is a change to this file only.
//
// On Apple platforms Accelerate is linked as usual. On Linux nothing is linked: the OpenBLAS shared
// library is opened when a computation first needs it, and the functions used are looked up by name
// into a table (`BackendLibrary`), in the manner of Julia's libblastrampoline. Commands that do no
// linear algebra never load it, so they start faster and cannot be stopped by OpenBLAS's own
// start-up, which allocates its buffers and starts a thread pool as soon as the library is loaded.
#if canImport(Accelerate)
internal import Accelerate
typealias BackendInt = __CLPK_integer
#else
internal import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
typealias BackendInt = Int32
#endif

/// Thin, unchecked calls into BLAS/LAPACK on raw column-major buffers. Callers validate shapes.
enum Backend {
    // MARK: Loading

    /// Opens the BLAS library if that has not been done yet (a no-op where BLAS is linked).
    ///
    /// - Throws: ``BLASLoadError`` when no usable library can be opened; the error is kept, so
    ///   every later call reports the same one.
    /// - Complexity: O(1) after the first call; the first one costs a `dlopen`.
    static func load() throws(BLASLoadError) {
        #if !canImport(Accelerate)
        _ = try library.get()
        #endif
    }

    // MARK: Threads

    /// Sets the number of threads BLAS may use (OpenBLAS `openblas_set_num_threads`). Before the
    /// library is loaded the count is only recorded, and applied when it is loaded.
    /// Accelerate manages its own threads; there the call does nothing.
    ///
    /// - Complexity: O(1) (OpenBLAS may start or stop worker threads).
    static func setThreadCount(_ count: Int) {
        #if canImport(Accelerate)
        _ = count
        #else
        let refused: BLASLoadError? = threadLock.withLock {
            requestedThreads = count
            guard let loadedLibrary else { return nil }
            guard count <= 1 || addressSpaceAvailable((count - 1) * bytesPerThread) else {
                return .notEnoughMemory(threads: count)
            }
            loadedLibrary.setThreads(Int32(count))
            return nil
        }
        if let refused { exitReporting(refused) }
        #endif
    }

    /// The number of threads BLAS uses now (OpenBLAS `openblas_get_num_threads`), or will use once
    /// it is loaded; 1 on Apple platforms.
    static func threadCount() -> Int {
        #if canImport(Accelerate)
        return 1
        #else
        threadLock.withLock {
            if let loadedLibrary { return Int(loadedLibrary.getThreads()) }
            return requestedThreads ?? BLASThreads.defaultCount()
        }
        #endif
    }

    // MARK: Level 1

    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        #if canImport(Accelerate)
        cblas_ddot(BackendInt(n), x, 1, y, 1)
        #else
        functions.ddot(BackendInt(n), x, 1, y, 1)
        #endif
    }

    static func axpy(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        #if canImport(Accelerate)
        cblas_daxpy(BackendInt(n), alpha, x, 1, y, 1)
        #else
        functions.daxpy(BackendInt(n), alpha, x, 1, y, 1)
        #endif
    }

    static func scal(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) {
        #if canImport(Accelerate)
        cblas_dscal(BackendInt(n), alpha, x, 1)
        #else
        functions.dscal(BackendInt(n), alpha, x, 1)
        #endif
    }

    static func nrm2(_ n: Int, _ x: UnsafePointer<Double>) -> Double {
        #if canImport(Accelerate)
        cblas_dnrm2(BackendInt(n), x, 1)
        #else
        functions.dnrm2(BackendInt(n), x, 1)
        #endif
    }

    // MARK: Level 2 and 3 (column-major)

    static func gemv(
        transpose: Bool, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>,
        lda: Int, x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        #if canImport(Accelerate)
        cblas_dgemv(
            CblasColMajor, transpose ? CblasTrans : CblasNoTrans, BackendInt(rows), BackendInt(columns),
            alpha, a, BackendInt(lda), x, 1, beta, y, 1)
        #else
        workFunctions.dgemv(
            columnMajor, transpose ? trans : noTrans, BackendInt(rows), BackendInt(columns),
            alpha, a, BackendInt(lda), x, 1, beta, y, 1)
        #endif
    }

    static func ger(
        rows: Int, columns: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
        a: UnsafeMutablePointer<Double>, lda: Int
    ) {
        #if canImport(Accelerate)
        cblas_dger(CblasColMajor, BackendInt(rows), BackendInt(columns), alpha, x, 1, y, 1, a, BackendInt(lda))
        #else
        workFunctions.dger(columnMajor, BackendInt(rows), BackendInt(columns), alpha, x, 1, y, 1, a, BackendInt(lda))
        #endif
    }

    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        #if canImport(Accelerate)
        cblas_dgemm(
            CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            BackendInt(m), BackendInt(n), BackendInt(k), alpha, a, BackendInt(lda), b, BackendInt(ldb),
            beta, c, BackendInt(ldc))
        #else
        workFunctions.dgemm(
            columnMajor, transposeA ? trans : noTrans, transposeB ? trans : noTrans,
            BackendInt(m), BackendInt(n), BackendInt(k), alpha, a, BackendInt(lda), b,
            BackendInt(ldb), beta, c, BackendInt(ldc))
        #endif
    }

    /// C = alpha·op(A)·op(A)ᵀ + beta·C on the upper triangle of the n × n matrix C.
    static func syrk(
        transpose: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        #if canImport(Accelerate)
        cblas_dsyrk(
            CblasColMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, BackendInt(n), BackendInt(k),
            alpha, a, BackendInt(lda), beta, c, BackendInt(ldc))
        #else
        workFunctions.dsyrk(
            columnMajor, upper, transpose ? trans : noTrans, BackendInt(n), BackendInt(k),
            alpha, a, BackendInt(lda), beta, c, BackendInt(ldc))
        #endif
    }

    // MARK: LAPACK (each returns LAPACK's `info`)

    static func potrf(n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = BackendInt(n), lda32 = BackendInt(lda), info = BackendInt(0)
        #if canImport(Accelerate)
        dpotrf_(&uplo, &n32, a, &lda32, &info)
        #else
        workFunctions.dpotrf(&uplo, &n32, a, &lda32, &info, 1)
        #endif
        return Int(info)
    }

    static func posv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
        b: UnsafeMutablePointer<Double>, ldb: Int
    ) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = BackendInt(n), nrhs32 = BackendInt(nrhs), lda32 = BackendInt(lda), ldb32 = BackendInt(ldb)
        var info = BackendInt(0)
        #if canImport(Accelerate)
        dposv_(&uplo, &n32, &nrhs32, a, &lda32, b, &ldb32, &info)
        #else
        workFunctions.dposv(&uplo, &n32, &nrhs32, a, &lda32, b, &ldb32, &info, 1)
        #endif
        return Int(info)
    }

    /// DPBTRF on a band matrix in LAPACK's lower band storage (`ldab ≥ kd + 1`): returns `info`.
    static func pbtrf(n: Int, kd: Int, ab: UnsafeMutablePointer<Double>, ldab: Int) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = BackendInt(n), kd32 = BackendInt(kd), ldab32 = BackendInt(ldab), info = BackendInt(0)
        #if canImport(Accelerate)
        dpbtrf_(&uplo, &n32, &kd32, ab, &ldab32, &info)
        #else
        workFunctions.dpbtrf(&uplo, &n32, &kd32, ab, &ldab32, &info, 1)
        #endif
        return Int(info)
    }

    /// DPBTRS with the lower band factor from ``pbtrf(n:kd:ab:ldab:)``: returns `info`.
    static func pbtrs(
        n: Int, kd: Int, nrhs: Int, ab: UnsafePointer<Double>, ldab: Int,
        b: UnsafeMutablePointer<Double>, ldb: Int
    ) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = BackendInt(n), kd32 = BackendInt(kd), nrhs32 = BackendInt(nrhs)
        var ldab32 = BackendInt(ldab), ldb32 = BackendInt(ldb), info = BackendInt(0)
        #if canImport(Accelerate)
        dpbtrs_(&uplo, &n32, &kd32, &nrhs32, UnsafeMutablePointer(mutating: ab), &ldab32, b, &ldb32, &info)
        #else
        workFunctions.dpbtrs(&uplo, &n32, &kd32, &nrhs32, ab, &ldab32, b, &ldb32, &info, 1)
        #endif
        return Int(info)
    }

    /// DGELS with its workspace query done here: returns `info`.
    static func gels(
        m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
        b: UnsafeMutablePointer<Double>, ldb: Int
    ) -> Int {
        var trans = CChar(UInt8(ascii: "N"))
        var m32 = BackendInt(m), n32 = BackendInt(n), nrhs32 = BackendInt(nrhs)
        var lda32 = BackendInt(lda), ldb32 = BackendInt(ldb), info = BackendInt(0)
        var query = 0.0
        var lwork = BackendInt(-1)
        #if canImport(Accelerate)
        dgels_(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, &query, &lwork, &info)
        #else
        let dgels = workFunctions.dgels
        dgels(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, &query, &lwork, &info, 1)
        #endif
        guard info == 0 else { return Int(info) }
        lwork = BackendInt(Swift.max(1, Int(query)))
        var work = [Double](repeating: 0, count: Int(lwork))
        work.withUnsafeMutableBufferPointer { w in
            #if canImport(Accelerate)
            dgels_(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, w.baseAddress!, &lwork, &info)
            #else
            dgels(&trans, &m32, &n32, &nrhs32, a, &lda32, b, &ldb32, w.baseAddress!, &lwork, &info, 1)
            #endif
        }
        return Int(info)
    }
}

#if !canImport(Accelerate)
// MARK: - Loading OpenBLAS at run time (Linux)

/// The functions PollNumerics calls, looked up in one opened shared library.
struct BackendLibrary: @unchecked Sendable { // C function pointers, immutable once loaded
    /// What was passed to `dlopen`: a soname or a path.
    let name: String
    let ddot: pollcompare_ddot_fn
    let daxpy: pollcompare_daxpy_fn
    let dscal: pollcompare_dscal_fn
    let dnrm2: pollcompare_dnrm2_fn
    let dgemv: pollcompare_dgemv_fn
    let dger: pollcompare_dger_fn
    let dgemm: pollcompare_dgemm_fn
    let dsyrk: pollcompare_dsyrk_fn
    let dpotrf: pollcompare_dpotrf_fn
    let dposv: pollcompare_dposv_fn
    let dgels: pollcompare_dgels_fn
    let dpbtrf: pollcompare_dpbtrf_fn
    let dpbtrs: pollcompare_dpbtrs_fn
    let setThreads: pollcompare_set_threads_fn
    let getThreads: pollcompare_get_threads_fn

    /// Looks every function up in an opened library.
    ///
    /// - Throws: ``BLASLoadError/missingFunction(library:function:)`` for the first one missing.
    init(handle: UnsafeMutableRawPointer, name: String) throws(BLASLoadError) {
        func symbol<F>(_ symbol: String, _ type: F.Type) throws(BLASLoadError) -> F {
            guard let address = dlsym(handle, symbol) else {
                throw .missingFunction(library: name, function: symbol)
            }
            return unsafeBitCast(address, to: F.self)
        }
        self.name = name
        ddot = try symbol("cblas_ddot", pollcompare_ddot_fn.self)
        daxpy = try symbol("cblas_daxpy", pollcompare_daxpy_fn.self)
        dscal = try symbol("cblas_dscal", pollcompare_dscal_fn.self)
        dnrm2 = try symbol("cblas_dnrm2", pollcompare_dnrm2_fn.self)
        dgemv = try symbol("cblas_dgemv", pollcompare_dgemv_fn.self)
        dger = try symbol("cblas_dger", pollcompare_dger_fn.self)
        dgemm = try symbol("cblas_dgemm", pollcompare_dgemm_fn.self)
        dsyrk = try symbol("cblas_dsyrk", pollcompare_dsyrk_fn.self)
        dpotrf = try symbol("dpotrf_", pollcompare_dpotrf_fn.self)
        dposv = try symbol("dposv_", pollcompare_dposv_fn.self)
        dgels = try symbol("dgels_", pollcompare_dgels_fn.self)
        dpbtrf = try symbol("dpbtrf_", pollcompare_dpbtrf_fn.self)
        dpbtrs = try symbol("dpbtrs_", pollcompare_dpbtrs_fn.self)
        setThreads = try symbol("openblas_set_num_threads", pollcompare_set_threads_fn.self)
        getThreads = try symbol("openblas_get_num_threads", pollcompare_get_threads_fn.self)
    }
}

extension Backend {
    /// CBLAS enumeration values, as the C interface passes them.
    static let columnMajor = Int32(POLLCOMPARE_CBLAS_COL_MAJOR)
    static let noTrans = Int32(POLLCOMPARE_CBLAS_NO_TRANS)
    static let trans = Int32(POLLCOMPARE_CBLAS_TRANS)
    static let upper = Int32(POLLCOMPARE_CBLAS_UPPER)

    /// Environment variable naming the BLAS library to open instead of the search below (a path,
    /// or a name for the dynamic linker's search). It must export the CBLAS functions, the LAPACK
    /// routines and OpenBLAS's thread calls.
    static let libraryVariable = "POLLCOMPARE_BLAS"

    /// The library, opened by the first call that needs it. Swift runs a `static let` initialiser
    /// exactly once, even when several threads ask at the same time.
    static let library: Result<BackendLibrary, BLASLoadError> = open()

    /// The opened library's functions, for a BLAS or LAPACK call. If the library cannot be opened,
    /// the process ends here with one line on standard error and exit status
    /// ``BLASLoadError/exitCode``: BLAS calls do not throw, and a program that wants to report the
    /// failure itself calls ``BLAS/load()`` first.
    static var functions: BackendLibrary {
        switch library {
        case .success(let library): return library
        case .failure(let error): exitReporting(error)
        }
    }

    /// The opened library's functions, for a call that may need OpenBLAS's work buffer (levels 2
    /// and 3, LAPACK). Under an address-space limit (`ulimit -v`) too small for that buffer
    /// OpenBLAS would retry its allocation forever; the first such call checks that the space is
    /// there, and if it is not, ends the process as ``functions`` does, with
    /// ``BLASLoadError/notEnoughMemory(threads:)``.
    static var workFunctions: BackendLibrary {
        let library = functions
        let ready = threadLock.withLock { () -> Bool in
            if !workBufferChecked { workBufferChecked = addressSpaceAvailable(bytesPerThread) }
            return workBufferChecked
        }
        if !ready { exitReporting(.notEnoughMemory(threads: 1)) }
        return library
    }

    /// Address space OpenBLAS takes for each thread that needs its work buffer: the buffer
    /// (`BUFFER_SIZE`, 128 MiB in OpenBLAS 0.3 on x86_64 and arm64) and a thread's stack, with
    /// room to spare.
    static let bytesPerThread = 160 << 20

    /// Whether `bytes` more of address space can be had now: always when the process has no
    /// address-space or data limit; otherwise by reserving (and releasing) that much.
    ///
    /// - Complexity: O(1): two system calls, four when limited.
    static func addressSpaceAvailable(_ bytes: Int) -> Bool {
        var limit = rlimit()
        let limited = [RLIMIT_AS, RLIMIT_DATA].contains { resource in
            // rlim_t.max is RLIM_INFINITY.
            getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
        }
        guard limited else { return true }
        guard let region = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
            region != MAP_FAILED
        else { return false }
        munmap(region, bytes)
        return true
    }

    /// Guards `requestedThreads`, `loadedLibrary` and `workBufferChecked`, so that a thread count set while the library
    /// is being opened is applied, not lost.
    private static let threadLock = ThreadLock()
    /// The count from ``BLASThreads/set(_:)``, if it has been called.
    nonisolated(unsafe) private static var requestedThreads: Int?
    /// The library once it is open and its thread count applied.
    nonisolated(unsafe) private static var loadedLibrary: BackendLibrary?
    /// Whether a call needing OpenBLAS's work buffer found room for it.
    nonisolated(unsafe) private static var workBufferChecked = false

    /// Where OpenBLAS is looked for, in order: `POLLCOMPARE_BLAS` alone when it is set; otherwise
    /// the soname `libopenblas.so.0` through the dynamic linker's usual search (Debian and Ubuntu
    /// point it at the chosen variant with update-alternatives), then the Debian variant folders
    /// themselves in case that link is missing, then the development link and Fedora's pthreads
    /// build.
    static func candidates() -> [String] {
        if let raw = getenv(libraryVariable), raw.pointee != 0 {
            return [String(cString: raw)]
        }
        var names = ["libopenblas.so.0"]
        #if arch(x86_64)
        let multiarch: String? = "x86_64-linux-gnu"
        #elseif arch(arm64)
        let multiarch: String? = "aarch64-linux-gnu"
        #else
        let multiarch: String? = nil
        #endif
        if let multiarch {
            for variant in ["openblas-pthread", "openblas-openmp", "openblas-serial"] {
                names.append("/usr/lib/\(multiarch)/\(variant)/libopenblas.so.0")
            }
        }
        names += ["libopenblas.so", "libopenblasp.so.0"]
        return names
    }

    /// Opens the first candidate that loads and has every function, and applies the thread count.
    ///
    /// The library is opened with lazy binding and `RTLD_DEEPBIND` (as libblastrampoline does):
    /// OpenBLAS's many references to its own functions then resolve in OpenBLAS first instead of
    /// after a search of every library the program links first (that search made `dlopen` cost
    /// about 17 million instructions instead of 7, more than linking OpenBLAS did). It also keeps
    /// another BLAS in the process from taking over OpenBLAS's internal calls.
    ///
    /// OpenBLAS reads `OPENBLAS_NUM_THREADS` in its library constructor, during `dlopen`, and
    /// starts that many threads (one per core when unset) and their buffers right away. It is set
    /// to the count PollCompare will use (1 unless asked) for the duration of the `dlopen` and then
    /// restored, so no unwanted thread pool is ever started: under a tight memory limit such a pool
    /// fails to allocate and OpenBLAS waits for it forever.
    private static func open() -> Result<BackendLibrary, BLASLoadError> {
        threadLock.withLock {
            let count = requestedThreads ?? BLASThreads.defaultCount()
            // Each thread OpenBLAS starts allocates its work buffer at once, and retries forever
            // when the allocation fails: refuse a thread count the address space cannot hold.
            guard count <= 1 || addressSpaceAvailable((count - 1) * bytesPerThread) else {
                return .failure(.notEnoughMemory(threads: count))
            }
            let names = candidates()
            var failures: [String] = []
            let flags = RTLD_LAZY | RTLD_LOCAL | (sanitizerLoaded() ? 0 : RTLD_DEEPBIND)
            for name in names {
                let handle = withEnvironment("OPENBLAS_NUM_THREADS", String(count)) { dlopen(name, flags) }
                guard let handle else {
                    failures.append(dlerror().map { String(cString: $0) } ?? "\(name): cannot be opened")
                    continue
                }
                do throws(BLASLoadError) {
                    let library = try BackendLibrary(handle: handle, name: name)
                    library.setThreads(Int32(count))
                    loadedLibrary = library
                    return .success(library)
                } catch {
                    dlclose(handle)
                    return .failure(error)
                }
            }
            // Say why the most telling attempt failed: one that found a file but could not load it
            // (for example for lack of memory) rather than one that found nothing.
            let reason = failures.first { !$0.contains("No such file") } ?? failures.first ?? "no candidate"
            return .failure(.cannotOpen(library: names[0], reason: reason))
        }
    }

    /// Whether a sanitizer runtime is in the process: AddressSanitizer and ThreadSanitizer refuse
    /// `RTLD_DEEPBIND`, so the library is then opened without it.
    private static func sanitizerLoaded() -> Bool {
        let everywhere = UnsafeMutableRawPointer(bitPattern: 0) // RTLD_DEFAULT
        return dlsym(everywhere, "__asan_init") != nil || dlsym(everywhere, "__tsan_init") != nil
    }

    /// Runs `body` with the environment variable `name` set to `value`, then restores it.
    private static func withEnvironment<T>(_ name: String, _ value: String, _ body: () -> T) -> T {
        let saved = getenv(name).map { String(cString: $0) }
        guard saved != value else { return body() }
        setenv(name, value, 1)
        defer {
            if let saved { setenv(name, saved, 1) } else { unsetenv(name) }
        }
        return body()
    }

    /// Writes `<program>: error: <error>` on standard error and ends the process with
    /// ``BLASLoadError/exitCode``.
    private static func exitReporting(_ error: BLASLoadError) -> Never {
        let program = CommandLine.arguments.first?.split(separator: "/").last.map(String.init) ?? "PollNumerics"
        var line = "\(program): error: \(error)\n"
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        exit(BLASLoadError.exitCode)
    }
}

/// A mutual-exclusion lock over a pthread mutex (the Synchronization module's `Mutex` needs newer
/// Apple systems than the package supports, and Foundation's `NSLock` would slow start-up).
final class ThreadLock: @unchecked Sendable { // the mutex is only used through lock and unlock
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the lock.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
#endif

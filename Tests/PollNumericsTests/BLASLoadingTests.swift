import Testing

@testable import PollNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BLAS is loaded at run time on Linux (see `Backend`). These tests check that the loaded library
/// computes what the linked one did, and how a library that cannot be loaded is reported. Tests
/// that need a process without a loaded library, or that set the environment, run in a child
/// process (an exit test), so this process and the suites running beside it are not disturbed.
@Suite("Loading BLAS")
struct BLASLoadingTests {
    @Test("The library loads, and sums of integers come out exact from every routine")
    func exactIntegerResults() throws {
        try BLAS.load()
        // Integer values below 2⁵³ add and multiply exactly in any order, so these results do not
        // depend on the kernel or the summation order OpenBLAS picks for this processor.
        let x = (1...1000).map(Double.init), y = (1...1000).map { Double($0 % 7) }
        #expect(BLAS.dot(x, y) == zip(x, y).reduce(0) { $0 + $1.0 * $1.1 })
        let a = Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rows: [[7, 8], [9, 10], [11, 12]])
        var c = Matrix(rows: 2, columns: 2)
        BLAS.gemm(1, a, b, 0, &c)
        #expect(c == Matrix(rows: [[58, 64], [139, 154]]))
        var s = Matrix(rows: 2, columns: 2)
        BLAS.syrk(1, a, 0, &s)
        #expect(s == Matrix(rows: [[14, 32], [32, 77]]))
        var v = Vector([1, 1])
        BLAS.gemv(2, a, Vector([1, 0, -1]), 1, &v)
        #expect(v == Vector([-3, -3]))
        // L = [[2, 0], [1, 3]] gives A = L·Lᵀ = [[4, 2], [2, 10]]; every step is exact.
        #expect(try LAPACK.cholesky(Matrix(rows: [[4, 2], [2, 10]])) == Matrix(rows: [[2, 0], [1, 3]]))
        #expect(
            try LAPACK.solvePositiveDefinite(Matrix(rows: [[4, 2], [2, 10]]), Matrix(rows: [[10], [32]]))
                == Matrix(rows: [[1], [3]]))
    }

    @Test(
        "POLLCOMPARE_THREADS: a positive integer, anything else means 1",
        arguments: [(nil, 1), ("", 1), ("0", 1), ("-2", 1), ("two", 1), (" 3", 1), ("3", 3), ("16", 16)]
            as [(String?, Int)])
    func defaultThreadCount(value: String?, expected: Int) {
        #expect(BLASThreads.defaultCount(environmentValue: value) == expected)
    }

    #if !canImport(Accelerate)
    @Test("A library that cannot be found is a thrown error from BLAS.load()")
    func missingLibraryThrows() async {
        await #expect(processExitsWith: .success) {
            setenv("POLLCOMPARE_BLAS", "/nonexistent/libopenblas.so.0", 1)
            #expect(throws: BLASLoadError.self) { try BLAS.load() }
            do throws(BLASLoadError) {
                try BLAS.load()
            } catch {
                guard case let .cannotOpen(library, reason) = error else {
                    Issue.record("expected cannotOpen, got \(error)")
                    return
                }
                #expect(library == "/nonexistent/libopenblas.so.0")
                #expect(reason.contains("No such file"))
                #expect(!error.description.contains("\n"))
                #expect(error.description.contains("apt-get install libopenblas0"))
            }
            // The outcome is kept: loading is not retried.
            unsetenv("POLLCOMPARE_BLAS")
            #expect(throws: BLASLoadError.self) { try BLAS.load() }
        }
    }

    @Test("A library without the functions used is refused, naming the first one missing")
    func libraryWithoutFunctions() async {
        await #expect(processExitsWith: .success) {
            setenv("POLLCOMPARE_BLAS", "libm.so.6", 1)
            #expect(throws: BLASLoadError.missingFunction(library: "libm.so.6", function: "cblas_ddot")) {
                try BLAS.load()
            }
        }
    }

    @Test("A BLAS call without a library ends the process with one line and exit status 69")
    func missingLibraryExits() async throws {
        let result = await #expect(
            processExitsWith: .exitCode(BLASLoadError.exitCode),
            observing: [\.standardErrorContent]
        ) {
            setenv("POLLCOMPARE_BLAS", "/nonexistent/libopenblas.so.0", 1)
            _ = BLAS.dot([1], [1])
        }
        let stderr = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(stderr.hasSuffix("\n") && stderr.filter { $0 == "\n" }.count == 1)
        #expect(stderr.contains(": error: cannot load BLAS (/nonexistent/libopenblas.so.0): "))
    }

    @Test("Calls that need no library do not load it")
    func emptyCallsDoNotLoad() async {
        await #expect(processExitsWith: .success) {
            setenv("POLLCOMPARE_BLAS", "/nonexistent/libopenblas.so.0", 1)
            // Empty vectors and matrices never reach BLAS, and neither do the thread settings.
            #expect(BLAS.dot([], []) == 0)
            var c = Matrix(rows: 0, columns: 0)
            BLAS.gemm(1, c, c, 0, &c)
            BLASThreads.set(3)
            #expect(BLASThreads.current == 3)
        }
    }

    @Test("More threads than the address-space limit can hold are refused, not waited for")
    func threadsBeyondTheMemoryLimit() async throws {
        let result = await #expect(
            processExitsWith: .exitCode(BLASLoadError.exitCode),
            observing: [\.standardErrorContent]
        ) {
            // Leave far less than one work buffer (160 MiB) above what the process uses now.
            var limit = rlimit()
            getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
            var usage = 1 << 30
            if let status = fopen("/proc/self/statm", "r") {
                // The first field is the size of the address space in pages.
                var line = [UInt8](repeating: 0, count: 128)
                let read = line.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count - 1, status) }
                let text = String(decoding: line[..<read], as: UTF8.self)
                if let pages = Int(text.split(separator: " ").first ?? "") {
                    usage = pages * Int(sysconf(Int32(_SC_PAGESIZE)))
                }
                fclose(status)
            }
            limit.rlim_cur = rlim_t(usage + (64 << 20))
            setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
            BLASThreads.set(4)
            _ = BLAS.dot([1], [1])
        }
        let stderr = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(stderr.contains(": error: not enough memory for BLAS on 4 threads"))
    }
    #endif
}

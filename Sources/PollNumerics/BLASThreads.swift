#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads BLAS may use.
///
/// OpenBLAS splits sums across threads, and the order of a floating-point sum changes its last
/// bits, so results are reproducible bit for bit only at a fixed thread count. PollCompare
/// therefore runs BLAS on **one thread by default**. The environment variable
/// `POLLCOMPARE_THREADS` (a positive integer) changes the default for a process; ``set(_:)``
/// changes it at run time (the `--threads` option of `pollcmp`).
///
/// Neither loads BLAS: a count set before the library is loaded (see ``BLAS/load()``) is applied
/// when it is, and OpenBLAS is loaded with that many threads, so it never starts a larger pool.
public enum BLASThreads {
    /// Name of the environment variable that sets the default thread count.
    public static let environmentVariable = "POLLCOMPARE_THREADS"

    /// Sets the number of BLAS threads for the whole process.
    ///
    /// - Parameter count: threads to use, at least 1.
    /// - Complexity: O(1) (OpenBLAS may start or stop worker threads).
    public static func set(_ count: Int) {
        precondition(count >= 1, "BLAS thread count must be at least 1")
        Backend.setThreadCount(count)
    }

    /// The number of threads BLAS uses now, or will use once it is loaded (1 on Apple platforms,
    /// where Accelerate manages its own threads).
    ///
    /// - Complexity: O(1).
    public static var current: Int {
        Backend.threadCount()
    }

    /// The default count: `POLLCOMPARE_THREADS` when it holds a positive integer, otherwise 1.
    ///
    /// - Parameter value: the variable's value, `nil` when it is unset.
    /// - Returns: the count, at least 1.
    /// - Complexity: O(length of `value`).
    static func defaultCount(environmentValue value: String?) -> Int {
        guard let value, let parsed = Int(value), parsed >= 1 else { return 1 }
        return parsed
    }

    /// The default count for this process, from its environment.
    static func defaultCount() -> Int {
        defaultCount(environmentValue: getenv(environmentVariable).map { String(cString: $0) })
    }
}

#if canImport(Glibc)
import Glibc
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
public enum BLASThreads {
    /// Name of the environment variable that sets the default thread count.
    public static let environmentVariable = "POLLCOMPARE_THREADS"

    /// Sets the number of BLAS threads for the whole process.
    ///
    /// - Parameter count: threads to use, at least 1.
    /// - Complexity: O(1) (OpenBLAS may start or stop worker threads).
    public static func set(_ count: Int) {
        precondition(count >= 1, "BLAS thread count must be at least 1")
        _ = defaultApplied
        Backend.setThreadCount(count)
    }

    /// The number of threads BLAS uses now (after the default has been applied).
    public static var current: Int {
        _ = defaultApplied
        return Backend.threadCount()
    }

    /// Applies the default once, before the first BLAS call: `POLLCOMPARE_THREADS` when it holds a
    /// positive integer, otherwise 1.
    static let defaultApplied: Void = {
        var count = 1
        if let raw = getenv(environmentVariable), let parsed = Int(String(cString: raw)), parsed >= 1 {
            count = parsed
        }
        Backend.setThreadCount(count)
    }()
}

internal import CPollKernels

/// Runs row-wise work of the batch API on up to two threads, in blocks of consecutive rows.
///
/// Every row of a batch result is computed from that row's inputs alone, by the scalar API's own
/// operations, so which thread computes a row cannot change its bits: the results are the same
/// at any thread count, and equal to the scalar API's. A column of `count` rows is split into
/// 32 blocks per thread of consecutive rows, which the threads take in turn as each finishes one
/// (`pollkernels_parallel_rows`, POSIX threads started for the call and joined before it
/// returns; no pool stays behind), so a thread whose core is shared with other work takes fewer
/// blocks instead of holding up the call. Columns shorter than the caller's threshold run on the
/// calling thread alone, where starting a thread (tens of microseconds) would cost more than it
/// saves.
///
/// This is not BLAS and does not follow ``BLASThreads`` (which stays at one thread unless asked,
/// because BLAS sums change their last bits with the thread count; these chunks change nothing).
public enum ParallelRows {
    /// The most threads a batch call uses: two, the cores of the baseline machine the benchmarks
    /// run on; a row costs the same wherever it runs, so more would only split the same work.
    public static let maximumThreads = 2

    /// Calls `body` on blocks of consecutive rows covering 0..<count, each exactly once,
    /// concurrently when `count ≥ minimumRows` (64 blocks over ``maximumThreads`` threads, or one
    /// block per row when there are fewer rows), otherwise once on the calling thread with the
    /// whole range.
    ///
    /// - Parameters:
    ///   - count: the rows.
    ///   - minimumRows: the smallest count worth a second thread (at least 2).
    ///   - body: computes the rows of its range; blocks are disjoint, so it may write the rows of
    ///     its range into shared storage without synchronisation, and must not touch other rows.
    /// - Complexity: O(count) calls' worth of `body`'s work, split over the threads.
    public static func forEachChunk(count: Int, minimumRows: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let threads = count >= Swift.max(2, minimumRows) ? maximumThreads : 1
        if threads == 1 {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            var chunkBody = ChunkBody(body: escapable)
            withUnsafeMutablePointer(to: &chunkBody) { context in
                pollkernels_parallel_rows(
                    count, threads,
                    { context, start, end in
                        context!.assumingMemoryBound(to: ChunkBody.self).pointee.body(start..<end)
                    }, context)
            }
        }
    }

    /// The Swift closure behind the C callback's context pointer.
    private struct ChunkBody {
        let body: (Range<Int>) -> Void
    }
}

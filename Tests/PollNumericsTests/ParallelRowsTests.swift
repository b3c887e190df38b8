import PollNumerics
import Testing

/// ``ParallelRows`` covers every row exactly once, in contiguous chunks, on one thread below the
/// threshold and in two halves from it on.
@Suite("Parallel rows")
struct ParallelRowsTests {
    /// The ranges `forEachChunk` hands out and how often each row was visited.
    static func chunks(count: Int, minimumRows: Int) -> (ranges: [Range<Int>], visits: [Int]) {
        var visits = [Int](repeating: 0, count: count)
        var ranges = [Range<Int>](repeating: 0..<0, count: 2)
        var calls = [Int](repeating: 0, count: 2)
        visits.withUnsafeMutableBufferPointer { v in
            ranges.withUnsafeMutableBufferPointer { r in
                calls.withUnsafeMutableBufferPointer { c in
                    ParallelRows.forEachChunk(count: count, minimumRows: minimumRows) { range in
                        // Chunk k starts at k·⌈count/2⌉ when split, at 0 otherwise; each chunk
                        // writes only its own slot and its own rows.
                        let slot = range.lowerBound == 0 ? 0 : 1
                        r[slot] = range
                        c[slot] += 1
                        for i in range { v[i] += 1 }
                    }
                }
            }
        }
        return (zip(ranges, calls).filter { $0.1 > 0 }.map(\.0), visits)
    }

    @Test("Below the threshold: one call with every row", arguments: [1, 2, 5, 999])
    func oneThread(count: Int) {
        let (ranges, visits) = Self.chunks(count: count, minimumRows: 1000)
        #expect(ranges == [0..<count])
        #expect(visits.allSatisfy { $0 == 1 })
    }

    @Test("From the threshold on: two contiguous halves, each row once", arguments: [2, 3, 1000, 1001, 100_003])
    func twoThreads(count: Int) {
        let (ranges, visits) = Self.chunks(count: count, minimumRows: 2)
        let half = (count + 1) / 2
        #expect(ranges == [0..<half, half..<count])
        #expect(visits.allSatisfy { $0 == 1 })
    }

    @Test("No rows: the body is not called")
    func empty() {
        var called = false
        ParallelRows.forEachChunk(count: 0, minimumRows: 1) { _ in called = true }
        #expect(!called)
    }
}

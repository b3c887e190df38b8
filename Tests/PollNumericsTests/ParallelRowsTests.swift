import PollNumerics
import Testing

/// ``ParallelRows`` covers every row exactly once, in blocks of consecutive rows, on one thread
/// below the threshold and in 64 blocks (two threads taking 32 each on average) from it on.
@Suite("Parallel rows")
struct ParallelRowsTests {
    /// The ranges `forEachChunk` hands out, in order, and how often each row was visited.
    static func chunks(count: Int, minimumRows: Int) -> (ranges: [Range<Int>], visits: [Int]) {
        var visits = [Int](repeating: 0, count: count)
        // One slot per row start: each block writes only the slot of its first row and its own
        // rows, so concurrent blocks never touch the same memory.
        var ranges = [Range<Int>?](repeating: nil, count: count)
        visits.withUnsafeMutableBufferPointer { v in
            ranges.withUnsafeMutableBufferPointer { r in
                ParallelRows.forEachChunk(count: count, minimumRows: minimumRows) { range in
                    r[range.lowerBound] = range
                    for i in range { v[i] += 1 }
                }
            }
        }
        return (ranges.compactMap { $0 }, visits)
    }

    @Test("Below the threshold: one call with every row", arguments: [1, 2, 5, 999])
    func oneThread(count: Int) {
        let (ranges, visits) = Self.chunks(count: count, minimumRows: 1000)
        #expect(ranges == [0..<count])
        #expect(visits.allSatisfy { $0 == 1 })
    }

    @Test("From the threshold on: 64 blocks of ⌈count/64⌉ rows, each row once", arguments: [2, 3, 64, 1000, 100_003])
    func twoThreads(count: Int) {
        let (ranges, visits) = Self.chunks(count: count, minimumRows: 2)
        let block = (count + 63) / 64
        let expected = stride(from: 0, to: count, by: block).map { $0..<min($0 + block, count) }
        #expect(ranges == expected)
        #expect(visits.allSatisfy { $0 == 1 })
    }

    @Test("No rows: the body is not called")
    func empty() {
        var called = false
        ParallelRows.forEachChunk(count: 0, minimumRows: 1) { _ in called = true }
        #expect(!called)
    }
}

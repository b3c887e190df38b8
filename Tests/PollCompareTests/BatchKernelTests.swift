import PollNumerics
import Testing

@testable import PollCompare

/// The vectorised column kernels against the scalar API, bit for bit: random rows, then every edge
/// (0 of n, n of n, n = 1, tiny and huge n, shares near 0 where Wilson's lower bound cancels, NaN
/// sample sizes), at lengths that leave 0 to 3 rows for the kernels' padded last block.
@Suite("Batch kernels equal the scalar API bit for bit")
struct BatchKernelTests {
    static func same(_ x: Double, _ y: Double) -> Bool { x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }

    /// Each row of a batch of share intervals against `ShareInterval` at the same method and level:
    /// NaN bounds for a NaN size, else the scalar bounds bit for bit.
    static func expectRowsEqualScalar(
        _ batch: (lower: [Double], upper: [Double]), _ shares: [Double], _ sizes: [Double], method: ShareIntervalMethod,
        confidence: ConfidenceLevel, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let count = shares.count
        #expect(batch.lower.count == count && batch.upper.count == count, sourceLocation: sourceLocation)
        for r in 0..<count {
            if sizes[r].isNaN {
                #expect(batch.lower[r].isNaN && batch.upper[r].isNaN, sourceLocation: sourceLocation)
                continue
            }
            let scalar = try ShareInterval(
                share: shares[r], sampleSize: sizes[r], confidence: confidence, method: method)
            #expect(
                same(batch.lower[r], scalar.lower) && same(batch.upper[r], scalar.upper),
                "\(method) row \(r) of \(count): p \(shares[r]), n \(sizes[r])", sourceLocation: sourceLocation)
        }
    }

    /// Shares and sample sizes: random rows, then the edges, then NaN sizes.
    static func rows(_ count: Int, seed: UInt64) -> (shares: [Double], sizes: [Double]) {
        var g = Xoshiro256StarStar(seed: seed)
        var shares: [Double] = [], sizes: [Double] = []
        let edgeSizes: [Double] = [1, 2, 0.5, 3.7, 1000, 1e9, 1e150, 1e300]
        for r in 0..<count {
            let n: Double
            switch r % 7 {
            case 0: n = edgeSizes[(r / 7) % edgeSizes.count]
            case 1: n = .nan
            default: n = (1 + 5000 * g.nextUniform()).rounded()
            }
            let p: Double
            switch r % 11 {
            case 0: p = 0
            case 1: p = 1
            case 2: p = 1e-10 * g.nextUniform()
            case 3: p = n.isNaN || n < 1 ? 0.5 : (n - 1) / n
            case 4: p = n.isNaN || n < 1 ? 0.5 : 1 / n
            default: p = g.nextUniform()
            }
            shares.append(p)
            sizes.append(n)
        }
        return (shares, sizes)
    }

    @Test("Wilson columns equal ShareInterval row by row", arguments: [0, 1, 2, 3, 4, 5, 7, 20_003])
    func wilson(count: Int) throws {
        let (shares, sizes) = Self.rows(count, seed: UInt64(count) + 1)
        for conf in [ConfidenceLevel.ninetyFive, try ConfidenceLevel(parsing: "0.99999999")] {
            let batch = PollColumns.shareIntervals(
                shares: shares, effectiveSampleSize: sizes, method: .wilson,
                confidence: conf)
            try Self.expectRowsEqualScalar(batch, shares, sizes, method: .wilson, confidence: conf)
        }
    }

    @Test("A NaN share gives the scalar kernel's bounds")
    func wilsonNaNShare() {
        let z = ConfidenceLevel.ninetyFive.z
        let batch = PollColumns.shareIntervals(
            shares: [.nan, 0.5, .nan], effectiveSampleSize: [10, 10, .nan], method: .wilson)
        let scalar = ShareInterval.wilson(p: .nan, n: 10, z: z)
        #expect(Self.same(batch.lower[0], scalar.0) && Self.same(batch.upper[0], scalar.1))
        #expect(batch.lower[2].isNaN && batch.upper[2].isNaN)
    }

    // 70_001 rows are above ColumnKernels.parallelRows: two threads, the second half starting at
    // row 35_001 (not a multiple of the kernels' 4 lanes).
    @Test("Wald lead columns equal LeadEstimate's interval row by row", arguments: [0, 1, 3, 6, 20_001, 70_001])
    func leads(count: Int) throws {
        let (shares, sizes) = Self.rows(count, seed: UInt64(count) + 100)
        var g = Xoshiro256StarStar(seed: 9)
        // p_B: the rest of the poll at random, 0, or everything left (then p_A + p_B = 1).
        let other = shares.enumerated().map { r, a in r % 5 == 0 ? 0 : (r % 5 == 1 ? 1 - a : (1 - a) * g.nextUniform())
        }
        let conf = ConfidenceLevel.ninetyFive
        let batch = PollColumns.leads(shareA: shares, shareB: other, effectiveSampleSize: sizes, confidence: conf)
        for r in 0..<count {
            let size: Double? = sizes[r].isNaN ? nil : sizes[r]
            let lead = try LeadEstimate(shareA: shares[r], shareB: other[r], sampleSize: size)
            #expect(Self.same(batch.lead[r], lead.lead) && Self.same(batch.unitVariance[r], lead.unitVariance))
            guard let i = try lead.interval(confidence: conf) else {
                #expect(
                    batch.standardError[r].isNaN && batch.lower[r].isNaN && batch.upper[r].isNaN
                        && batch.zStatistic[r].isNaN && batch.pValue[r].isNaN)
                continue
            }
            #expect(
                Self.same(batch.standardError[r], i.standardError) && Self.same(batch.lower[r], i.lower)
                    && Self.same(batch.upper[r], i.upper), "row \(r): \(shares[r]) \(other[r]) n \(sizes[r])")
            #expect(
                Self.same(batch.zStatistic[r], i.zStatistic ?? .nan) && Self.same(batch.pValue[r], i.pValue ?? .nan))
        }
    }

    @Test("Clopper–Pearson columns equal ShareInterval row by row, edges included")
    func clopperPearson() throws {
        let (shares, sizes) = Self.rows(3_001, seed: 77)
        let conf = ConfidenceLevel.ninetyFive
        let batch = PollColumns.shareIntervals(shares: shares, effectiveSampleSize: sizes, method: .clopperPearson)
        for r in 0..<shares.count {
            if sizes[r].isNaN {
                #expect(batch.lower[r].isNaN && batch.upper[r].isNaN)
                continue
            }
            let scalar = try ShareInterval(
                share: shares[r], sampleSize: sizes[r], confidence: conf, method: .clopperPearson)
            #expect(Self.same(batch.lower[r], scalar.lower) && Self.same(batch.upper[r], scalar.upper))
        }
    }

    /// Every other method through the batch API, on columns long enough for two threads
    /// (``PollColumns/searchingParallelRows`` for the searching methods,
    /// ``ColumnKernels/parallelRows`` for the closed forms) and on short ones (one thread).
    @Test(
        "Every method's columns equal ShareInterval row by row, on one thread and on two",
        arguments: ShareIntervalMethod.allCases.filter { $0 != .wilson })
    func otherMethods(method: ShareIntervalMethod) throws {
        let searching: Set<ShareIntervalMethod> = [.clopperPearson, .jeffreys, .midP, .likelihoodRatio]
        let long = searching.contains(method) ? PollColumns.searchingParallelRows + 7 : ColumnKernels.parallelRows + 3
        for count in [PollColumns.searchingParallelRows - 1, long] {
            let (shares, sizes) = Self.rows(count, seed: UInt64(count) + 500)
            let batch = PollColumns.shareIntervals(shares: shares, effectiveSampleSize: sizes, method: method)
            try Self.expectRowsEqualScalar(batch, shares, sizes, method: method, confidence: .ninetyFive)
        }
    }
}

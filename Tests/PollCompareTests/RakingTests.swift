import Foundation
import Numerics
import Testing

@testable import PollCompare

/// Raking (iterative proportional fitting on the cross-classification table), trimming with
/// re-raking, the targets and respondent readers. Reference weights: RakeReferences.swift, made
/// by scripts/references/rake.R with R survey::rake and survey::trimWeights (each array's doc
/// comment gives the call).
@Suite("Raking")
struct RakingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pollcmpTests/Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// Reads respondents (in chunks of `chunk` bytes) and targets, as `pollcmp rake` does.
    static func load(
        _ data: [UInt8], targets: [UInt8], weight: String?, chunk: Int = 1 << 20
    ) throws
        -> (CrossClassificationTable, RakingTargets)
    {
        let goal = try RakingTargets.read(targets)
        var parser = CSVParser()
        var reader = RakingRespondentReader(targets: goal, weightColumn: weight, outputColumn: "weight")
        var start = 0
        while start < data.count {
            let end = min(start + chunk, data.count)
            try parser.feed(data[start..<end]) { try reader.consume($0) }
            start = end
        }
        try parser.finish { try reader.consume($0) }
        return (try reader.finish(), goal)
    }

    static func fixture(weight: String?, chunk: Int = 1 << 20) throws -> (CrossClassificationTable, RakingTargets) {
        try load(bytes("rake-respondents.csv"), targets: bytes("rake-targets.csv"), weight: weight, chunk: chunk)
    }

    static func expectClose(
        _ actual: [Double], _ expected: [Double], rtol: Double = 1e-10,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(
                a.isApproximatelyEqual(to: e, relativeTolerance: rtol), "\(a) vs \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test("Base weights: equal to R rake(..., control = list(maxit = 10000, epsilon = 1e-14)) to 1e-10")
    func baseWeightedMatchesR() throws {
        let (table, goal) = try Self.fixture(weight: "base_wt")
        let result = try Raking.rake(table, to: goal, options: RakingOptions(epsilon: 1e-13))
        #expect(result.report.converged)
        // RakeReferences.baseWeighted: R rake(svydesign(ids = ~1, weights = ~base_wt, data),
        // list(~sex, ~age, ~region), totals share/100 * 240, control = list(maxit = 10000, epsilon = 1e-14)).
        Self.expectClose(result.weights, RakeReferences.baseWeighted)
        #expect(result.report.sweeps > 1)
        #expect(result.report.marginErrorsAfter.allSatisfy { $0 <= 1e-13 })
        // Weighted shares of another column: R coef(svymean(~vote, raked)) (RakeReferences.baseWeightedVoteShares).
        let votes = try Self.column("vote")
        let total = result.weights.reduce(0, +)
        for (k, name) in ["Jones", "Other", "Smith"].enumerated() {
            let share = zip(votes, result.weights).filter { $0.0 == name }.map(\.1).reduce(0, +) / total
            #expect(share.isApproximatelyEqual(to: RakeReferences.baseWeightedVoteShares[k], relativeTolerance: 1e-10))
        }
    }

    /// A text column of the respondent fixture.
    static func column(_ name: String) throws -> [String] {
        var values: [String] = []
        var index = -1
        try CSVParser.parse(try bytes("rake-respondents.csv")) { record in
            if index < 0 {
                index = try (0..<record.count).first { try record.text($0) == name }!
            } else {
                values.append(try record.text(index))
            }
        }
        return values
    }

    @Test("No base weights, --total 5000: equal to R rake with totals share/100 * 5000")
    func totalMatchesR() throws {
        let (table, goal) = try Self.fixture(weight: nil)
        let result = try Raking.rake(table, to: goal, options: RakingOptions(total: 5000, epsilon: 1e-13))
        // RakeReferences.unweightedTotal5000: R rake(svydesign(ids = ~1, weights = ~rep(1, 240), data), ..., totals share/100 * 5000).
        Self.expectClose(result.weights, RakeReferences.unweightedTotal5000)
        #expect(result.report.after.sum.isApproximatelyEqual(to: 5000, relativeTolerance: 1e-12))
    }

    @Test("Cap 2.2 and floor 0.45 with re-raking: equal to R's rake/trimWeights loop")
    func trimmedMatchesR() throws {
        let (table, goal) = try Self.fixture(weight: "base_wt")
        let result = try Raking.rake(table, to: goal, options: RakingOptions(epsilon: 1e-13, cap: 2.2, floor: 0.45))
        #expect(result.report.converged)
        // RakeReferences.trimmedCap2_2Floor0_45: rake, then trimWeights(d, upper = 2.2, lower = 0.45)
        // and rake again while a weight is outside by more than 1e-13 relative (rake.R, trim_loop).
        Self.expectClose(result.weights, RakeReferences.trimmedCap2_2Floor0_45)
        #expect(result.weights.allSatisfy { $0 <= 2.2 * (1 + 1e-13) && $0 >= 0.45 * (1 - 1e-13) })
        #expect(result.report.trimRounds > 10)
        #expect(result.report.capped + result.report.floored > 0)
    }

    @Test("Cap 1.5 only: equal to R's rake/trimWeights loop with lower = -Inf")
    func cappedMatchesR() throws {
        let (table, goal) = try Self.fixture(weight: nil)
        let result = try Raking.rake(table, to: goal, options: RakingOptions(epsilon: 1e-13, cap: 1.5))
        #expect(result.report.converged)
        // RakeReferences.trimmedCap1_5: the same loop, upper = 1.5, lower = -Inf, no base weights.
        Self.expectClose(result.weights, RakeReferences.trimmedCap1_5)
        #expect(result.report.floored == 0)
    }

    @Test("Chunked reading gives the same weights as reading whole")
    func chunkBoundaries() throws {
        let whole = try Raking.rake(try Self.fixture(weight: "base_wt").0, to: try Self.fixture(weight: "base_wt").1)
        for chunk in [1, 7, 64, 1000] {
            let (table, goal) = try Self.fixture(weight: "base_wt", chunk: chunk)
            #expect(try Raking.rake(table, to: goal).weights == whole.weights)
        }
    }

    /// The 2×2 example by hand. Respondents F-young ×2, F-old, M-young, M-old ×2 (all weight 1,
    /// T = 6); targets sex F 50 / M 50, age young 1/3 / old 2/3, so margins 3, 3 and 2, 4.
    /// Raking keeps the odds ratio of the counts, (2·2)/(1·1) = 4, so with W = F-young's total:
    /// F-old 3 − W, M-young 2 − W, M-old 1 + W, and W(1 + W) = 4(3 − W)(2 − W), that is
    /// W² − 7W + 8 = 0, W = (7 − √17)/2 ≈ 1.4384 (the other root exceeds the margins).
    @Test("2×2 example checked by hand (closed form with √17), and by R")
    func twoByTwoByHand() throws {
        let data = Array("sex,age\nF,young\nF,young\nF,old\nM,young\nM,old\nM,old\n".utf8)
        let targets = Array(
            "variable,category,share\nsex,F,0.5\nsex,M,0.5\nage,young,0.3333333333333333\nage,old,0.6666666666666667\n"
                .utf8)
        let (table, goal) = try Self.load(data, targets: targets, weight: nil)
        let result = try Raking.rake(table, to: goal, options: RakingOptions(epsilon: 1e-15))
        let w = (7 - 17.0.squareRoot()) / 2
        let byHand = [w / 2, w / 2, 3 - w, 2 - w, (1 + w) / 2, (1 + w) / 2]
        Self.expectClose(result.weights, byHand, rtol: 1e-12)
        // RakeReferences.twoByTwo: R rake(svydesign(ids = ~1, weights = ~rep(1, 6), data = small),
        // list(~sex, ~age), sex F 3 M 3, age young 2 old 4).
        Self.expectClose(result.weights, RakeReferences.twoByTwo, rtol: 1e-12)
        #expect(table.cellCount == 4)
    }

    @Test("Targets already met: 0 sweeps, weights unchanged; one respondent gets the whole total")
    func edges() throws {
        let data = Array("sex\nF\nM\n".utf8)
        let (table, goal) = try Self.load(
            data, targets: Array("variable,category,share\nsex,F,0.5\nsex,M,0.5\n".utf8), weight: nil)
        let result = try Raking.rake(table, to: goal)
        #expect(result.weights == [1, 1])
        #expect(result.report.sweeps == 0 && result.report.converged)
        #expect(goal.unit == .proportions)

        let one = try Self.load(
            Array("sex,age\nF,old\n".utf8),
            targets: Array("variable,category,share\nsex,F,100\nage,old,100\n".utf8), weight: nil)
        let single = try Raking.rake(one.0, to: one.1, options: RakingOptions(total: 1234.5))
        #expect(single.weights == [1234.5])
        #expect(single.report.after.designEffect == 1)
    }

    @Test(
        "Empty input, a header without respondents, a ragged row and a bad base weight are errors with their position")
    func badRespondentFiles() throws {
        let targets = Array("variable,category,share\nsex,F,50\nsex,M,50\n".utf8)
        let cases: [(String, String?, String)] = [
            ("", nil, "1:1: empty file; expected a header and a row per respondent"),
            ("sex\n", nil, "2:1: a header but no respondents"),
            ("sex,x\nF,1\nM\n", nil, "3:1: row has 1 field, the header has 2"),
            ("sex,w\nF,1\nM,0\n", "w", "3:3: base weight \"0\" is not a number above 0"),
            ("sex,w\nF,1\nM,nan\n", "w", "3:3: base weight \"nan\" is not a number above 0"),
            ("sex,w\nF,1\nM,\n", "w", "3:3: base weight \"\" is not a number above 0"),
        ]
        for (data, weight, message) in cases {
            do {
                _ = try Self.load(Array(data.utf8), targets: targets, weight: weight)
                Issue.record("no error for \(data)")
            } catch let error as CSVError {
                #expect(error.description == message)
            }
        }
    }

    @Test("Not converging within --max-iter is reported, not thrown")
    func nonconvergence() throws {
        let (table, goal) = try Self.fixture(weight: "base_wt")
        let result = try Raking.rake(table, to: goal, options: RakingOptions(maxSweeps: 2))
        #expect(!result.report.converged)
        #expect(result.report.sweeps == 2)
        #expect(result.report.marginErrorsAfter.max()! > 1e-10)
    }

    @Test("Targets that contradict the cells are named before any sweep")
    func contradictoryTargets() throws {
        // Every F respondent is young, so F's target (60) cannot exceed young's (50).
        let data = Array("sex,age\nF,young\nF,young\nM,young\nM,old\n".utf8)
        let targets = Array("variable,category,share\nsex,F,60\nsex,M,40\nage,young,50\nage,old,50\n".utf8)
        let (table, goal) = try Self.load(data, targets: targets, weight: nil)
        #expect(
            throws: RakingError.contradictoryTargets(
                variable: "sex", categories: ["F"], share: 0.6, other: "age",
                partners: ["young"], partnerShare: 0.5)
        ) {
            try Raking.rake(table, to: goal)
        }
    }

    @Test("A target category without respondents and a data category without target are errors")
    func categoryMismatch() throws {
        let data = Array("sex\nF\nF\n".utf8)
        #expect(throws: RakingError.self) {
            try Self.load(data, targets: Array("variable,category,share\nsex,F,50\nsex,M,50\n".utf8), weight: nil)
        }
        do {
            _ = try Self.load(data, targets: Array("variable,category,share\nsex,F,50\nsex,M,50\n".utf8), weight: nil)
        } catch let error as RakingError {
            #expect(
                error
                    == .categoryWithoutRespondents(
                        variable: "sex", category: "M", share: 0.5,
                        position: TextPosition(line: 3, column: 7)))
            #expect(error.description.contains("\"M\" has a target share of 50 but no respondent"))
        }
        let extra = Array("sex\nF\nX\n".utf8)
        #expect(throws: CSVError.self) {
            try Self.load(extra, targets: Array("variable,category,share\nsex,F,100\n".utf8), weight: nil)
        }
    }

    @Test("Targets reader: units, sums, zero shares, duplicates, header")
    func targetsReader() throws {
        let points = try RakingTargets.read(Array("Variable,Category,Share\nsex,F,52\nsex,M,48\n".utf8))
        #expect(points.unit == .points && points.variables[0].shares == [0.52, 0.48])
        let bad: [(String, String)] = [
            ("variable,category,share\nsex,F,52\nsex,M,47\n", "sex sums to 99"),
            (
                "variable,category,share\nsex,F,0.52\nsex,M,0.48\nage,old,100\n",
                "write every share in points or every one in proportions"
            ),
            ("variable,category,share\nsex,F,100\nsex,M,0\n", "is 0; expected a share above 0"),
            ("variable,category,share\nsex,F,50\nsex,F,50\n", "named twice"),
            ("variable,share\nsex,100\n", "no column named \"category\""),
            ("variable,category,share\n", "a header but no targets"),
            ("variable,category,share\nsex,F,abc\n", "is not a number above 0"),
        ]
        for (text, message) in bad {
            do {
                _ = try RakingTargets.read(Array(text.utf8))
                Issue.record("no error for \(text)")
            } catch let error as CSVError {
                #expect(error.message.contains(message), "\(error)")
            }
        }
        // 1e-6 points of slack: 99.9999995 + ... passes, 99.999998 does not.
        #expect(
            try RakingTargets.read(Array("variable,category,share\nsex,F,51.9999995\nsex,M,48\n".utf8)).unit == .points)
        #expect(throws: CSVError.self) {
            try RakingTargets.read(Array("variable,category,share\nsex,F,51.999998\nsex,M,48\n".utf8))
        }
    }

    @Test("Bounds a category cannot meet are named; so is a design effect no cap reaches")
    func unreachableBounds() throws {
        let (table, goal) = try Self.fixture(weight: nil)
        #expect(throws: RakingError.self) { try Raking.rake(table, to: goal, options: RakingOptions(cap: 1.05)) }
        do {
            _ = try Raking.rake(table, to: goal, options: RakingOptions(cap: 1.05))
        } catch {
            #expect(
                error.description.contains(
                    "sex \"M\" cannot reach its target with every weight at most 1.05 times the mean"))
        }
        #expect(throws: RakingError.self) {
            try Raking.rake(table, to: goal, options: RakingOptions(targetDesignEffect: 1))
        }
    }

    @Test("Trimming to a design effect: deff at most the target, margins met, the cap the largest that does it")
    func trimToDesignEffect() throws {
        let (table, goal) = try Self.fixture(weight: "base_wt")
        let plain = try Raking.rake(table, to: goal)
        #expect(plain.report.after.designEffect > 1.2)
        let result = try Raking.rake(table, to: goal, options: RakingOptions(targetDesignEffect: 1.2))
        #expect(result.report.converged)
        #expect(result.report.after.designEffect <= 1.2)
        #expect(result.report.after.designEffect > 1.2 - 1e-4)
        let cap = try #require(result.report.cap)
        #expect(result.weights.max()! <= cap * (1 + 1e-10))
        // A cap 0.1% higher no longer reaches the target.
        let looser = try Raking.rake(table, to: goal, options: RakingOptions(cap: cap * 1.001))
        #expect(looser.report.after.designEffect > 1.2)
    }

    @Test("trimWeights: the trimmed amount shared equally (R trimWeights(d, upper = 3) on 1, 1, 4)")
    func trimmingExample() {
        var w = [1.0, 1, 4]
        let outcome = WeightTrimming.trim(&w, lower: -.infinity, upper: 3)
        #expect(w == [1.5, 1.5, 3])
        #expect(outcome == WeightTrimming.Outcome(capped: 1, floored: 0))
        var floor = [0.25, 1, 1.75]
        WeightTrimming.trim(&floor, lower: 0.5, upper: 10)
        #expect(floor == [0.5, 0.875, 1.625])
    }

    @Test("The writer copies every field byte for byte and appends the weight")
    func writerCopiesRows() throws {
        let input = "id,\"note, with comma\",x\n1,\"say \"\"hi\"\"\",\n2,plain,3\n"
        var writer = WeightedRowWriter(delimiter: UInt8(ascii: ","), name: "w,t", weights: [0.5, 2])
        var out: [UInt8] = []
        try CSVParser.parse(Array(input.utf8)) { try writer.append($0, to: &out) }
        #expect(
            String(decoding: out, as: UTF8.self)
                == "id,\"note, with comma\",x,\"w,t\"\n1,\"say \"\"hi\"\"\",,0.5\n2,plain,3,2\n")
        #expect(writer.isComplete)
    }
}

import Numerics
import Testing

@testable import PollCompare

/// Confidence levels from decimal text, the level a critical value implies, one-sided p-values,
/// and every sample size found by the margin kernel, against mpmath (PlanningReferences.swift,
/// made by scripts/references/planning.py).
@Suite("Confidence levels and planning")
struct ConfidenceAndPlanningTests {
    /// z from the exact α is within 4 units in the last place of mpmath's correctly rounded
    /// value (the peers themselves differ by up to 2: R gives 1.9599639845400538 at 95%).
    static let zTolerance = 1e-15

    @Test("The reference tables are all there")
    func counts() {
        #expect(PlanningReferences.levels.count == 16)
        #expect(PlanningReferences.criticalValues.count == 5)
        #expect(PlanningReferences.oneSided.count == 5)
        #expect(PlanningReferences.sampleSizes.count == 12)
        #expect(PlanningReferences.leadBreakEven.count == 6)
    }

    @Test(
        "A level written in decimal: α exact, the level as written, z from α",
        arguments: PlanningReferences.levels.map(\.text))
    func parsing(_ text: String) throws {
        let row = try #require(PlanningReferences.levels.first { $0.text == text })
        let level = try ConfidenceLevel(parsing: text)
        #expect(level.level == row.level)
        #expect(level.alpha == row.alpha, "α of \(text): \(level.alpha) vs \(row.alpha)")
        #expect(level.z.isApproximatelyEqual(to: row.z, relativeTolerance: Self.zTolerance))
        // The level prints as written: the shortest round-trip text of the level is its decimal.
        #expect(Double(level.text) == row.level)
    }

    @Test("0.99999999 has α = 1e-8 exactly and prints as written")
    func exactAlpha() throws {
        let level = try ConfidenceLevel(parsing: "0.99999999")
        #expect(level.alpha == 1e-8)
        #expect(level.level.description == "0.99999999")
        #expect(try ConfidenceLevel(parsing: "99.999999%").level.description == "0.99999999")
        #expect(try ConfidenceLevel(parsing: "99.999999%").percentText == "99.999999")
        #expect(try ConfidenceLevel(parsing: "0.95").percentText == "95")
        #expect(try ConfidenceLevel(parsing: "0.005").percentText == "0.5")
    }

    @Test(
        "From 1 to 50 without %, a level is ambiguous; other text is refused",
        arguments: [
            ("1.5", PollCompareError.ambiguousConfidence("1.5")), ("1", .ambiguousConfidence("1")),
            ("49.99", .ambiguousConfidence("49.99")), ("100", .invalidConfidence(1)), ("100%", .invalidConfidence(1)),
            ("0", .invalidConfidence(0)), ("0.0", .invalidConfidence(0)), ("abc", .unreadableConfidence("abc")),
            ("", .unreadableConfidence("")), ("-0.95", .unreadableConfidence("-0.95")),
            ("0.9.5", .unreadableConfidence("0.9.5")),
            ("1e-3", .unreadableConfidence("1e-3")), ("nan", .unreadableConfidence("nan")),
        ])
    func refused(_ text: String, _ error: PollCompareError) {
        #expect(throws: error) { try ConfidenceLevel(parsing: text) }
    }

    @Test("The ambiguous-level message says how to write it")
    func ambiguousMessage() {
        #expect(
            PollCompareError.ambiguousConfidence("1.5").description
                == "confidence level 1.5 is ambiguous: write 0.015 or 1.5%")
    }

    @Test(
        "A critical value sets the level it implies, α = 2Φ(−z)", arguments: PlanningReferences.criticalValues.map(\.z))
    func criticalValue(_ z: Double) throws {
        let row = try #require(PlanningReferences.criticalValues.first { $0.z == z })
        let level = try ConfidenceLevel(criticalValue: z)
        #expect(level.z == z)
        #expect(level.alpha.isApproximatelyEqual(to: row.alpha, relativeTolerance: 1e-14))
        #expect(level.level == 1 - level.alpha)
    }

    @Test("One-sided p-values", arguments: PlanningReferences.oneSided.map(\.z))
    func oneSided(_ z: Double) throws {
        let row = try #require(PlanningReferences.oneSided.first { $0.z == z })
        #expect(
            Alternative.greater.pValue(statistic: z).isApproximatelyEqual(to: row.greater, relativeTolerance: 1e-14))
        #expect(Alternative.less.pValue(statistic: z).isApproximatelyEqual(to: row.less, relativeTolerance: 1e-14))
        let twoSided = 2 * Swift.min(row.greater, row.less)
        #expect(Alternative.twoSided.pValue(statistic: z).isApproximatelyEqual(to: twoSided, relativeTolerance: 1e-14))
    }

    @Test("A one-sided bound is one end of the two-sided interval at 1 − 2α")
    func oneSidedBound() throws {
        let lead = try LeadEstimate(shareA: 0.46, shareB: 0.44, sampleSize: 1000)
        let greater = try #require(try lead.interval(alternative: .greater))
        let ninety = try #require(try lead.interval(confidence: ConfidenceLevel(alpha: 0.1)))
        #expect(greater.lower == ninety.lower)
        #expect(greater.upper == 1)
        let less = try #require(try lead.interval(alternative: .less))
        #expect(less.upper == ninety.upper && less.lower == -1)
        #expect(throws: PollCompareError.self) {
            try lead.interval(confidence: ConfidenceLevel(alpha: 0.6), alternative: .less)
        }
    }

    /// The quantity's kernel at n, as `pollcmp moe` computes it.
    static func margin(
        _ row: (
            quantity: String, margin: Double, a: Double, b: Double, deff: Double,
            population: Double?, alpha: Double, n: Double
        ), at n: Double
    ) throws -> Double {
        try SampleSizePlanning.marginOfError(
            SampleSizePlanning.Quantity(rawValue: row.quantity)!, sampleSize: n,
            shareA: row.a, shareB: row.b, designEffect: row.deff,
            populationSize: row.population, confidence: ConfidenceLevel(alpha: row.alpha))
    }

    @Test(
        "The sample size is the smallest n whose margin meets the target: n meets it, n − 1 does not",
        arguments: 0..<12)
    func sampleSize(_ index: Int) throws {
        let row = PlanningReferences.sampleSizes[index]
        let n = try SampleSizePlanning.sampleSize(
            SampleSizePlanning.Quantity(rawValue: row.quantity)!, margin: row.margin,
            shareA: row.a, shareB: row.b, designEffect: row.deff,
            populationSize: row.population, confidence: ConfidenceLevel(alpha: row.alpha))
        #expect(n == row.n, "\(row)")
        #expect(try Self.margin(row, at: n) <= row.margin)
        if n > 1 { #expect(try Self.margin(row, at: n - 1) > row.margin) }
    }

    @Test("sample-size --moe 5 --population 1000 is 278, and moe at 278 is within 5")
    func issueExample() throws {
        let n = try SampleSizePlanning.sampleSize(margin: 0.05, populationSize: 1000)
        #expect(n == 278)
        #expect(try SampleSizePlanning.marginOfError(sampleSize: 278, populationSize: 1000) <= 0.05)
    }

    @Test("A lead's break-even n includes its design effect and population", arguments: 0..<6)
    func leadBreakEven(_ index: Int) throws {
        let row = PlanningReferences.leadBreakEven[index]
        let design = try SampleDesign(sampleSize: 1, designEffect: row.deff, populationSize: row.population)
        let lead = try LeadEstimate(shareA: row.a, shareB: row.b, design: design)
        #expect(
            lead.breakEvenSampleSize(confidence: try ConfidenceLevel(alpha: row.alpha)).map(Double.init) == row.n,
            "\(row)")
    }

    @Test("A census has no sampling error: n_eff infinite, margin 0, the interval the estimate itself")
    func census() throws {
        let design = try SampleDesign(sampleSize: 1000, populationSize: 1000)
        #expect(design.finitePopulationFactor == 0)
        #expect(design.effectiveSampleSize == .infinity)
        #expect(try SampleSizePlanning.marginOfError(sampleSize: 1000, populationSize: 1000) == 0)
        #expect(try SampleSizePlanning.marginOfError(sampleSize: 1, populationSize: 1) == 0)
        let lead = try LeadEstimate(shareA: 0.58, shareB: 0.31, design: design)
        let i = try #require(try lead.interval())
        #expect(i.lower == lead.lead && i.upper == lead.lead && i.standardError == 0 && i.pValue == 0)
        let tie = try #require(try LeadEstimate(shareA: 0.4, shareB: 0.4, design: design).interval())
        #expect(tie.pValue == 1 && tie.zStatistic == nil && tie.probabilityALeads == 0.5)
        let table = try IntervalReport.table(
            share: 0.5, design: design, methods: ShareIntervalMethod.allCases,
            confidence: .ninetyFive)
        #expect(table.count == ShareIntervalMethod.allCases.count)
        for row in table.rows { #expect(row[5] == .number(50) && row[6] == .number(50)) }
    }

    @Test("Multinomial shares leave their remainder as `other`; above 100 is refused")
    func remainder() throws {
        let (shares, names) = try MultinomialReport.categories(shares: [0.31, 0.58], names: ["Harris", "Trump"])
        #expect(names == ["Harris", "Trump", "other"])
        #expect(Percent.echo(shares[2]) == 11)
        let whole = try MultinomialReport.categories(shares: [0.31, 0.58, 0.06, 0.05], names: ["a", "b", "c", "d"])
        #expect(whole.names.count == 4)
        #expect(throws: PollCompareError.self) {
            try MultinomialReport.categories(shares: [0.6, 0.5], names: ["a", "b"])
        }
    }

    @Test("A change between two polls takes any two shares")
    func changeAnyPair() throws {
        let design = try SampleDesign(sampleSize: 800)
        let table = try ChangeReport.table(
            shareBefore: 0.52, designBefore: design, shareAfter: 0.49,
            designAfter: SampleDesign(sampleSize: 1000), methods: [.wald],
            confidence: .ninetyFive)
        #expect(table.count == 1)
        // Without sample sizes: one row per method, the change (90 − 50 = 40 points, exact
        // decimal), and empty interval columns.
        let unsized = try ChangeReport.table(
            shareBefore: 0.5, designBefore: nil, shareAfter: 0.9, designAfter: nil,
            methods: ChangeIntervalMethod.allCases, confidence: .ninetyFive)
        #expect(unsized.count == ChangeIntervalMethod.allCases.count)
        for (row, method) in zip(unsized.rows, ChangeIntervalMethod.allCases) {
            #expect(row[4] == .text(method.rawValue))
            #expect(row[6] == .number(40))
            #expect(row[7] == .empty && row[8] == .empty)
        }
        // 70 of 100 then 80 of 100: counts are whole, and every method's interval holds d = 0.1.
        let change = try ShareChange(shareBefore: 0.7, sampleSizeBefore: 100, shareAfter: 0.8, sampleSizeAfter: 100)
        #expect(change.countBefore == 70 && change.countAfter == 80)
        for method in ChangeIntervalMethod.allCases {
            let i = change.interval(method: method)
            #expect(i.lower < change.change && change.change < i.upper, "\(method): \(i)")
        }
    }

    @Test("check: an infinity matches only itself, NaN only NaN, whatever the tolerance")
    func checkTolerance() {
        #expect(!CSVComparison.numbersMatch(expected: .infinity, actual: 5, rtol: 1e-9, atol: 0))
        #expect(!CSVComparison.numbersMatch(expected: -.infinity, actual: 5, rtol: 1e-9, atol: 0))
        #expect(!CSVComparison.numbersMatch(expected: 5, actual: .infinity, rtol: 1e-9, atol: 0))
        #expect(!CSVComparison.numbersMatch(expected: .infinity, actual: -.infinity, rtol: 1, atol: 1))
        #expect(CSVComparison.numbersMatch(expected: .infinity, actual: .infinity, rtol: 0, atol: 0))
        #expect(CSVComparison.numbersMatch(expected: .nan, actual: .nan, rtol: 0, atol: 0))
        #expect(!CSVComparison.numbersMatch(expected: .nan, actual: 1, rtol: 1, atol: 1))
        #expect(!CSVComparison.numbersMatch(expected: 1, actual: .nan, rtol: 1, atol: 1))
        #expect(CSVComparison.numbersMatch(expected: 1, actual: 1 + 1e-13, rtol: 1e-12, atol: 0))
        #expect(!CSVComparison.numbersMatch(expected: 1, actual: 1 + 1e-11, rtol: 1e-12, atol: 0))
    }
}

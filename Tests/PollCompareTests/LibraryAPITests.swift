import PollCompare
import Testing

/// The edges of the public API as a Swift caller meets them: units of error messages, confidence
/// levels written as percentages, one poll without a sample size, break-even counts as integers.
@Suite("Library API: units, confidence levels, polls without a sample size")
struct LibraryAPITests {
    @Test("Errors state shares in proportions; the command line's message in points")
    func errorUnits() {
        let error = PollCompareError.shareOutOfRange(name: "share of A", value: 58)
        #expect(error.description == "share of A 58 is not a proportion between 0 and 1")
        #expect(error.message(sharesIn: .percentagePoints) == "share of A 5800 is not a share between 0 and 100")
        let sum = PollCompareError.sharesExceedTotal(sum: 1.1)
        #expect(sum.description == "shares sum to 1.1, above 1 by more than the rounding slack of 0.005")
        #expect(
            sum.message(sharesIn: .percentagePoints)
                == "shares sum to 110, above 100 by more than the rounding slack of 0.5")
        #expect(PollCompareError.invalidMargin(3).description == "margin of error 3 is not between 0 and 1")
        #expect(
            PollCompareError.invalidMargin(0.03).message(sharesIn: .percentagePoints)
                == "margin of error 3 is not between 0 and 100")
    }

    @Test("A share given in points by mistake is named in the caller's unit")
    func pointsByMistake() {
        #expect(throws: PollCompareError.shareOutOfRange(name: "share of A", value: 58)) {
            try LeadEstimate(shareA: 58, shareB: 31)
        }
        do {
            _ = try LeadEstimate(shareA: 58, shareB: 31)
        } catch {
            #expect(error.description == "share of A 58 is not a proportion between 0 and 1")
        }
    }

    @Test("ConfidenceLevel(95) throws and says how to write a percentage")
    func bareNinetyFive() {
        #expect(throws: PollCompareError.invalidConfidence(95)) { try ConfidenceLevel(95) }
        #expect(
            PollCompareError.invalidConfidence(95).description
                == "confidence 95 is not between 0 and 1 (exclusive): a level in percent needs ConfidenceLevel(percent:)"
        )
        // The command line never passes a bare percentage here, and says nothing about the API.
        #expect(
            PollCompareError.invalidConfidence(95).message(sharesIn: .percentagePoints)
                == "confidence 95 is not between 0 and 1 (exclusive)")
    }

    @Test(
        "ConfidenceLevel(percent:) forms α from the decimal digits",
        arguments: [
            (95.0, "0.95", 0.05), (99.9, "0.999", 0.001), (50.0, "0.5", 0.5), (99.999999, "0.99999999", 1e-8),
            (80.0, "0.8", 0.2),
        ])
    func percent(percent: Double, text: String, alpha: Double) throws {
        let level = try ConfidenceLevel(percent: percent)
        #expect(level == (try ConfidenceLevel(parsing: text)))
        #expect(level.alpha == alpha)
        #expect(level.text == text)
    }

    @Test("ConfidenceLevel(percent: 95) is the default level")
    func percentDefault() throws {
        #expect(try ConfidenceLevel(percent: 95) == .ninetyFive)
        #expect(try ConfidenceLevel(percent: 95).alpha == 0.05)
    }

    @Test("ConfidenceLevel(percent:) below 1e-4 percent falls back to binary percent/100")
    func tinyPercent() throws {
        // 1e-5 prints as "1e-05", which is not a plain decimal: the level is 1e-5/100 in binary.
        let level = try ConfidenceLevel(percent: 1e-5)
        #expect(level.level == 1e-5 / 100)
        #expect(level == (try ConfidenceLevel(1e-5 / 100)))
    }

    @Test(
        "ConfidenceLevel(percent:) outside (0, 100) throws with the level as a fraction",
        arguments: [0.0, 100, 150, -5, .nan, .infinity])
    func badPercent(percent: Double) {
        do {
            _ = try ConfidenceLevel(percent: percent)
            Issue.record("expected an error for \(percent)")
        } catch {
            guard case let .invalidConfidence(value) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(value.isNaN ? percent.isNaN : value == percent / 100)
        }
    }

    @Test("A straw poll without a sample size: a lead, no interval, basis not-a-random-sample")
    func strawWithoutSize() throws {
        let straw = try LeadEstimate(shareA: 0.31, shareB: 0.58, sampleType: .straw)
        #expect(straw.sampleSize == nil)
        #expect(straw.basis == .notRandomSample)
        #expect(try straw.interval() == nil)
        #expect(straw.standardError == nil)
        #expect(Percent.difference(straw.shareA, straw.shareB) == -27)
        // The break-even n is still the arithmetic of a simple random sample: ⌈z²·v/d²⌉ with
        // v = 0.31 + 0.58 − 0.27² = 0.8171, d = 0.27: 43.057009634968…, so 44
        // (scripts/references/library_api.py, mpmath at 50 digits).
        #expect(straw.breakEvenSampleSize() == 44)
        let unknown = try LeadEstimate(shareA: 0.31, shareB: 0.58)
        #expect(unknown.basis == .unknownSampleSize)
    }

    @Test("A probability poll with its size, deff and population through the same initialiser")
    func sizedPoll() throws {
        let lead = try LeadEstimate(
            shareA: 0.443, shareB: 0.363, sampleSize: 800, designEffect: 1.5,
            populationSize: 10_000)
        let design = try SampleDesign(sampleSize: 800, designEffect: 1.5, populationSize: 10_000)
        #expect(lead == (try LeadEstimate(shareA: 0.443, shareB: 0.363, design: design)))
        #expect(lead.effectiveSampleSize == design.effectiveSampleSize)
        // A census of one (N = n = 1) is a valid design and so a valid lead.
        let census = try LeadEstimate(shareA: 1, shareB: 0, sampleSize: 1, populationSize: 1)
        #expect(census.effectiveSampleSize == .infinity)
        #expect(throws: PollCompareError.invalidPopulationSize(500, sampleSize: 800)) {
            try LeadEstimate(shareA: 0.443, shareB: 0.363, sampleSize: 800, populationSize: 500)
        }
    }

    @Test("Break-even sample sizes are counts: 51 for the Teamsters swing, nil for a zero lead")
    func breakEvenCounts() throws {
        let before = try LeadEstimate(shareA: 0.443, shareB: 0.363)
        let after = try LeadEstimate(shareA: 0.31, shareB: 0.58)
        let swing = try SwingEstimate(before: before, after: after)
        let n: Int? = swing.breakEvenSampleSize
        // 51: scripts/references/founding_swing.py (as in FoundingExampleTests).
        #expect(n == 51)
        #expect(try LeadEstimate(shareA: 0.4, shareB: 0.4).breakEvenSampleSize() == nil)
    }

    @Test("A lead too small for any count of respondents up to Int.max has no break-even n")
    func breakEvenBeyondInt() throws {
        // d = 1e-10: ⌈z²·v/d²⌉ = 3.8414581846226…e20 > Int.max = 9223372036854775807
        // (scripts/references/library_api.py).
        let lead = try LeadEstimate(shareA: 0.5, shareB: 0.5 - 1e-10)
        #expect(lead.breakEvenSampleSize() == nil)
        // d ≈ 1e-4 still fits: z²·v/d² = 384107463.6398… on the binary shares, so 384107464
        // (scripts/references/library_api.py, mpmath at 50 digits).
        let small = try LeadEstimate(shareA: 0.5, shareB: 0.4999)
        #expect(small.breakEvenSampleSize() == 384_107_464)
    }

    @Test("ShareInterval and MultinomialInterval default to 95%")
    func defaultConfidence() throws {
        let explicit = try ShareInterval(count: 354.4, sampleSize: 800, confidence: .ninetyFive, method: .wilson)
        #expect(try ShareInterval(count: 354.4, sampleSize: 800, method: .wilson) == explicit)
        let counts = [443.0, 363, 194]
        #expect(
            try MultinomialInterval(counts: counts, method: .goodman)
                == MultinomialInterval(counts: counts, confidence: .ninetyFive, method: .goodman))
    }
}

import Testing

@testable import PollCompare

/// Sums and differences of published decimals print as decimals (GUIDE §3 "Exact decimals").
/// Expected values are the decimal results written out; `description` is the printed form.
@Suite("Exact decimals")
struct ExactDecimalTests {
    @Test(
        "Differences of published shares are their decimal differences",
        arguments: [
            (44.3, 36.3, "8.0"), (58.0, 31.0, "27.0"), (31.0, 58.0, "-27.0"), (0.3, 0.1, "0.2"), (46.0, 44.0, "2.0"),
            (47.5, 43.5, "4.0"), (50.0, 50.0, "0.0"), (33.33, 33.32, "0.01"), (0.0, 0.0, "0.0"),
            (100.0, 0.001, "99.999"),
        ])
    func differences(_ a: Double, _ b: Double, _ printed: String) {
        #expect(ExactDecimal.difference(a, b).description == printed)
    }

    @Test("The founding swing: −35, its Butler half −17.5")
    func foundingSwing() {
        #expect(Percent.swing(before: 0.443, 0.363, after: 0.31, 0.58) == -35)
        #expect(Percent.swing(before: 0.443, 0.363, after: 0.31, 0.58, dividedBy: 2) == -17.5)
        #expect(Percent.difference(0.443, 0.363) == 8)
        #expect(Percent.swing(before: 0.443, 0.363, after: 0.443, 0.363) == 0)
        #expect(Percent.swing(before: 0.461, 0.442, after: 0.46, 0.44, dividedBy: 2).description == "0.05")
    }

    @Test("Inputs that are not published decimals keep binary arithmetic")
    func fallback() {
        let third = 1.0 / 3
        #expect(ExactDecimal.difference(third, 0.1) == third - 0.1)
        #expect(ExactDecimal.difference(1e300, 1) == 1e300 - 1)
        #expect(ExactDecimal.difference(1e-20, 0) == 1e-20)
        #expect(ExactDecimal.difference(.infinity, 1) == .infinity)
        #expect(ExactDecimal.difference(.nan, 1).isNaN)
    }

    @Test("Decimal places of the shortest text")
    func places() {
        #expect(ExactDecimal.decimalPlaces(44.3) == 1)
        #expect(ExactDecimal.decimalPlaces(58) == 0)
        #expect(ExactDecimal.decimalPlaces(0.125) == 3)
        #expect(ExactDecimal.decimalPlaces(1e-20) == nil)
        #expect(ExactDecimal.decimalPlaces(1.0 / 3) == nil)
    }
}

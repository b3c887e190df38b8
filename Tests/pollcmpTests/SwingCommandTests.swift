import Testing

/// End-to-end: the built binary, whole outputs compared. The numbers in the golden CSV are the
/// same Doubles the library tests check against mpmath/scipy (scripts/references/founding_swing.py),
/// printed in round-trip form ×100 for points.
@Suite("pollcmp swing, end to end")
struct SwingCommandTests {
    @Test("Founding swing with sample sizes, CSV")
    func csvWithSampleSizes() throws {
        let r = try PollcmpRunner.run(["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000", "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            a_before,b_before,n_before,a_after,b_after,n_after,lead_before,lead_after,swing,butler_swing,se,moe,lower,upper,z,p_value,break_even_n
            44.3,36.3,800,31,58,1000,7.9999999999999964,-26.999999999999996,-34.99999999999999,-17.499999999999996,4.262159077275272,8.353678287840001,-43.35367828783999,-26.646321712159992,-8.211800490181355,2.1789611335301032e-16,51

            """)
    }

    @Test("Founding swing without sample sizes: empty interval columns, break-even n; --no-header")
    func csvWithoutSampleSizes() throws {
        let r = try PollcmpRunner.run(["swing", "44.3", "36.3", "31", "58", "--format", "csv", "--no-header"])
        #expect(r.status == 0)
        #expect(r.stdout == "44.3,36.3,,31,58,,7.9999999999999964,-26.999999999999996,-34.99999999999999,-17.499999999999996,,,,,,,51\n")
    }

    @Test("Founding swing, text for people")
    func text() throws {
        let r = try PollcmpRunner.run(["swing", "44.3", "36.3", "31", "58"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            The lead moved from +8.0 to −27.0: a swing of −35.0 points (Butler swing −17.5).
            Without both sample sizes the swing has no margin of error. At 95% confidence a swing this size would be significant with at least 51 respondents in each poll (the break-even n).

            a_before      44.3
            b_before      36.3
            n_before      -
            a_after       31
            b_after       58
            n_after       -
            lead_before   8.0
            lead_after    −27.0
            swing         −35.0
            butler_swing  −17.5
            se            -
            moe           -
            lower         -
            upper         -
            z             -
            p_value       -
            break_even_n  51

            """)
    }

    @Test("A rounded z (--z 1.96) and --conf 90% change the margin")
    func confidenceOptions() throws {
        let rounded = try PollcmpRunner.run(["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000",
                                             "--z", "1.96", "--format", "csv", "--no-header"])
        let fields = rounded.stdout.split(separator: ",", omittingEmptySubsequences: false)
        // moe = 1.96 · 4.262159077275272 (se in points)
        #expect(Double(fields[11]).map { abs($0 - 1.96 * 4.262159077275272) <= 1e-12 } == true)
        let ninety = try PollcmpRunner.run(["swing", "44.3", "36.3", "31", "58", "--conf", "90%", "--format", "csv", "--no-header"])
        // break-even n at 90%: ⌈1.6448536269514722² · 1.6167 / 0.35²⌉ = 36 (z from scipy.stats.norm.isf(0.05))
        #expect(ninety.stdout.hasSuffix(",36\n"))
    }

    @Test("Data errors: one line on stderr, exit 65", arguments: [
        (["swing", "144.3", "36.3", "31", "58"], "pollcmp: error: share of A 144.3 is not a share between 0 and 100\n"),
        (["swing", "--", "44.3", "-1", "31", "58"], "pollcmp: error: share of B -1 is not a share between 0 and 100\n"),
        (["swing", "44.3", "36.3", "61", "58"],
         "pollcmp: error: shares sum to 119, above 100 by more than the rounding slack of 0.5\n"),
    ])
    func dataErrors(arguments: [String], message: String) throws {
        let r = try PollcmpRunner.run(arguments)
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr == message)
    }

    @Test("Usage errors exit 64", arguments: [
        ["swing", "44.3", "36.3", "31"],
        ["swing", "44.3", "36.3", "31", "58", "--n1", "abc"],
        ["swing", "44.3", "36.3", "31", "58", "--conf", "150"],
        ["swing", "44.3", "36.3", "31", "58", "--conf", "0"],
        ["swing", "44.3", "36.3", "31", "58", "--digits", "40"],
        ["swing", "44.3", "36.3", "31", "58", "--format", "xml"],
        ["frobnicate"],
    ])
    func usageErrors(arguments: [String]) throws {
        let r = try PollcmpRunner.run(arguments)
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(!r.stderr.isEmpty)
    }

    @Test("A non-positive sample size is a data error")
    func badSampleSize() throws {
        let r = try PollcmpRunner.run(["swing", "44.3", "36.3", "31", "58", "--n1", "0", "--n2", "10"])
        #expect(r.status == 65)
        #expect(r.stderr == "pollcmp: error: sample size 0.0 is not a positive sample size\n")
    }

    @Test("--version")
    func version() throws {
        let r = try PollcmpRunner.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "0.1.0\n")
    }
}

import Foundation
import Testing

/// Bad input: one line on stderr, the documented exit code, nothing on stdout.
@Suite("pollcmp errors and exit codes")
struct ErrorTests {
    @Test(
        "Data errors exit 65 with one line",
        arguments: [
            (
                ["swing", "144.3", "36.3", "31", "58"],
                "pollcmp: error: share of A 144.3 is not a share between 0 and 100\n"
            ),
            (
                ["swing", "--", "44.3", "-1", "31", "58"],
                "pollcmp: error: share of B -1 is not a share between 0 and 100\n"
            ),
            (
                ["swing", "44.3", "36.3", "61", "58"],
                "pollcmp: error: shares sum to 119, above 100 by more than the rounding slack of 0.5\n"
            ),
            (
                ["swing", "44.3", "36.3", "31", "58", "--n1", "0", "--n2", "10"],
                "pollcmp: error: sample size 0 is not a positive sample size\n"
            ),
            (
                ["lead", "58", "52", "--n", "1000"],
                "pollcmp: error: shares sum to 110, above 100 by more than the rounding slack of 0.5\n"
            ),
            (
                ["lead", "580", "310", "--n", "500", "--counts"],
                "pollcmp: error: share of A 116 is not a share between 0 and 100\n"
            ),
            (["interval", "58", "--n=-5"], "pollcmp: error: sample size -5 is not a positive sample size\n"),
            (["interval", "101", "--n", "100"], "pollcmp: error: share 101 is not a share between 0 and 100\n"),
            (["interval", "58", "--n", "nan"], "pollcmp: error: sample size nan is not a positive sample size\n"),
            (
                ["interval", "58", "--n", "100", "--deff", "0"],
                "pollcmp: error: design effect 0 is not a positive number\n"
            ),
            (
                ["interval", "58", "--n", "100", "--population", "50"],
                "pollcmp: error: population size 50 is smaller than the sample size 100\n"
            ),
            (
                ["swing", "44.3", "36.3", "31", "58", "--correlation", "2"],
                "pollcmp: error: correlation 2 is not between -1 and 1\n"
            ),
            (["sample-size", "--moe", "0"], "pollcmp: error: margin of error 0 is not between 0 and 100\n"),
            (
                ["multinomial", "60", "50", "--n", "100"],
                "pollcmp: error: shares sum to 110, above 100: one poll's categories cannot hold more than everyone\n"
            ),
        ])
    func dataErrors(arguments: [String], message: String) throws {
        try PollcmpRunner.expectDataError(arguments, message: message)
    }

    @Test(
        "Usage errors exit 64",
        arguments: [
            ["swing", "44.3", "36.3", "31"],
            ["swing", "44.3", "36.3", "31", "58", "--n1", "abc"],
            ["swing", "44.3", "36.3", "31", "58", "--conf", "150"],
            ["swing", "44.3", "36.3", "31", "58", "--conf", "0"],
            ["swing", "44.3", "36.3", "31", "58", "--digits", "40"],
            ["swing", "44.3", "36.3", "31", "58", "--format", "xml"],
            ["interval", "58", "--n", "100", "--method", "bogus"],
            ["lead", "58", "31", "--method", "bogus"],
            ["lead", "58", "31", "--counts"],
            ["change", "36", "58", "--n1", "800", "--counts"],
            ["multinomial", "58"],
            ["multinomial", "58", "31", "--names", "A"],
            ["interval", "58", "--n", "100", "--deff", "2", "--n-eff", "50"],
            ["lead", "58", "31", "--n", "100", "--format", "svg"],
            ["lead", "58", "31", "--names", "Trump"],
            ["frobnicate"],
        ])
    func usageErrors(arguments: [String]) throws {
        let r = try PollcmpRunner.run(arguments)
        #expect(r.status == 64, "\(arguments)")
        #expect(r.stdout == "")
        #expect(!r.stderr.isEmpty)
    }

    @Test("A missing file exits 66; a malformed weight gives file:line:column and 65")
    func files() throws {
        let missing = try PollcmpRunner.run(["design-effect", "/nonexistent/weights.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "pollcmp: error: /nonexistent/weights.csv: cannot open: No such file or directory\n")
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try ScratchFolder.write("id,wt\n1,1.5\n2,\"1,2k\"\n", "w.csv", in: dir)
        let r = try PollcmpRunner.run(["design-effect", bad, "--column", "wt"])
        #expect(r.status == 65)
        #expect(r.stderr == "pollcmp: error: \(bad):3:3: weight \"1,2k\" is not a non-negative number\n")
        let good = try ScratchFolder.write("id,weight\r\n1,1\r\n2,2\r\n3,3\r\n", "g.csv", in: dir)
        let ok = try PollcmpRunner.run(["design-effect", good, "--format", "csv"])
        #expect(ok.status == 0)
        // deff = 3·14/36, n_eff = 36/14 (exact rationals, printed in round-trip form)
        #expect(ok.stdout == "n,sum_w,deff,n_eff\n3,6,\(3.0 * 14 / 36),\(36.0 / 14)\n")
        let empty = try ScratchFolder.write("", "e.csv", in: dir)
        let e = try PollcmpRunner.run(["design-effect", empty])
        #expect(e.status == 65)
        #expect(e.stderr == "pollcmp: error: \(empty):1:1: empty file\n")
    }

    @Test("--version prints the version")
    func version() throws {
        let r = try PollcmpRunner.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "0.1.0\n")
    }

    @Test("A rounded z (--z 1.96) and --conf 90% change the margin")
    func confidenceOptions() throws {
        let rounded = try PollcmpRunner.run([
            "swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000",
            "--z", "1.96", "--format", "csv", "--no-header",
        ])
        let fields = rounded.stdout.split(separator: ",", omittingEmptySubsequences: false)
        // moe = 1.96 · 4.262159077275272 (se in points, mpmath: scripts/references/founding_swing.py)
        #expect(Double(fields[11]).map { abs($0 - 1.96 * 4.262159077275272) <= 1e-12 } == true)
        let ninety = try PollcmpRunner.run([
            "swing", "44.3", "36.3", "31", "58", "--conf", "90%", "--format", "csv", "--no-header",
        ])
        // break-even n at 90%: ⌈1.6448536269514722² · 1.6167 / 0.35²⌉ = 36 (z: scipy.stats.norm.isf(0.05))
        #expect(ninety.stdout.hasSuffix(",36,0.9,two-sided,unknown-sample-size\n"))
    }
}

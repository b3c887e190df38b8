import Foundation
import Testing

/// `pollcmp calibrate`: every column against the reference script's values, edge cases, notes,
/// errors and exit codes (whole outputs are goldens).
@Suite("pollcmp calibrate")
struct CalibrateCommandTests {
    static let raw = "Tests/pollcmpTests/Fixtures/fte-raw-calibration.csv"
    static let tidy = "Tests/pollcmpTests/Fixtures/tidy-calibration.csv"

    /// Relative difference |x − y|/max(|x|, |y|) (0 when equal).
    static func relative(_ x: Double, _ y: Double) -> Double {
        x == y ? 0 : abs(x - y) / max(abs(x), abs(y))
    }

    @Test("The reference list is complete")
    func referenceCount() {
        // scripts/references/calibration.py writes 14 cases (6 fields, 2 fields, min-polls,
        // where, orientation, one race, 2 tidy).
        #expect(calibrationReferences.count == 14)
        #expect(calibrationReferences.allSatisfy { !$0.rows.isEmpty })
    }

    /// Each value is from scripts/references/calibration.py (pandas groupby, numpy, math.fsum,
    /// decimal errors; statsmodels anova_lm cross-checks bias_sd's sums of squares); tolerance
    /// 1e-12 relative, and an empty cell exactly where the reference has none.
    @Test("Every column equals the reference to 1e-12 relative", arguments: calibrationReferences.map(\.name))
    func references(_ name: String) throws {
        let c = try #require(calibrationReferences.first { $0.name == name })
        let r = try PollcmpRunner.run(["calibrate"] + c.arguments + ["--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "group,polls,races,mean_error,mean_abs_error,rmse,srs_rmse,inflation,coverage,tau,bias_sd")
        let body = Array(lines.dropFirst())
        #expect(body.count == c.rows.count)
        for (line, want) in zip(body, c.rows) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 11)
            #expect(cells[0] == want.group)
            for (k, (cell, value)) in zip(cells.dropFirst(), want.values).enumerated() {
                if let value {
                    let got = try #require(Double(cell), "\(name) \(want.group) column \(k + 1): \"\(cell)\"")
                    #expect(
                        Self.relative(got, value) <= 1e-12, "\(name) \(want.group) column \(k + 1): \(got) vs \(value)")
                } else {
                    #expect(cell == "", "\(name) \(want.group) column \(k + 1) should be empty")
                }
            }
        }
    }

    @Test("What was left out is said on stderr in csv")
    func notes() throws {
        let r = try PollcmpRunner.run(["calibrate", Self.raw, "--format", "csv"])
        #expect(r.status == 0)
        #expect(
            r.stderr == """
                pollcmp: note: \(Self.raw): 1 question(s) have one candidate, so no lead (first: poll 9017 at line 18).
                pollcmp: note: \(Self.raw): 1 poll(s) left out: no actual result (margin_actual or actual_lead).
                pollcmp: note: \(Self.raw): 1 poll(s) left out: no sample size, so no sampling error to compare with.

                """)
    }

    @Test("--min-polls that drops every group leaves the all row and says so")
    func minPollsDropsAll() throws {
        let r = try PollcmpRunner.run([
            "calibrate", Self.raw, "--by", "type_simple", "--min-polls", "100", "--format", "csv",
        ])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 2)
        #expect(r.stdout.split(separator: "\n").last?.hasPrefix("all,15,7,") == true)
        #expect(
            r.stderr.contains(
                "All 5 group(s) have fewer than 100 polls (--min-polls): only the whole selection is shown."))
    }

    @Test("A zero sampling variance: inflation empty, an exact poll covered")
    func zeroVariance() throws {
        // The 2014 poll: 100 to 0, n 400, the result 100 to 0: e = 0, s = 0.
        let r = try PollcmpRunner.run(["calibrate", Self.raw, "--where", "year=2014", "--format", "csv", "--no-header"])
        #expect(r.status == 0)
        #expect(r.stdout == "all,1,1,0,0,0,0,,1,0,\n")
    }

    @Test("-o writes the file and nothing to stdout")
    func outputFile() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        let r = try PollcmpRunner.run(["calibrate", Self.raw, "--format", "csv", "-o", path])
        #expect(r.status == 0)
        #expect(r.stdout == "")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("group,polls,races,"))
        #expect(written.split(separator: "\n").count == 2)
    }

    @Test(
        "Data errors exit 65 with one line",
        arguments: [
            (
                ["calibrate", Self.raw, "--where", "year=1900"],
                "pollcmp: error: \(Self.raw): no question passes the filters (year=1900); no poll selected\n"
            ),
            (
                ["calibrate", "Tests/pollcmpTests/Fixtures/tidy-small.csv"],
                "pollcmp: error: Tests/pollcmpTests/Fixtures/tidy-small.csv: no poll with a result, a sample size and two candidates to calibrate (6 poll(s) left out: no actual result (margin_actual or actual_lead))\n"
            ),
        ])
    func dataErrors(arguments: [String], message: String) throws {
        try PollcmpRunner.expectDataError(arguments, message: message)
    }

    @Test(
        "Usage errors exit 64 with one line",
        arguments: [
            ["calibrate", Self.raw, "--by", "state"],
            ["calibrate", Self.raw, "--by", "year,"],
            ["calibrate", Self.raw, "--min-polls", "0"],
            ["calibrate", Self.raw, "--where", "colour=red"],
            ["calibrate", Self.raw, "--chart-title", "x"],
            ["calibrate", Self.raw, "--conf", "1.5"],
        ])
    func usageErrors(arguments: [String]) throws {
        try PollcmpRunner.expectUsageError(arguments, helpFor: "calibrate")
    }

    @Test("A missing file exits 66")
    func missingFile() throws {
        let r = try PollcmpRunner.run(["calibrate", "Tests/pollcmpTests/Fixtures/no-such-file.csv"])
        #expect(r.status == 66)
        #expect(r.stdout == "")
    }
}

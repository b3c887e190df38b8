import Foundation
import Testing

/// `--tse TAU` on lead, swing, change, report and average: τ² added to each poll's variance,
/// basis total-error, a sentence in the text output. Reference values from
/// scripts/references/total_error.py (numpy; scipy.stats.norm.sf for p-values), 1e-12 relative.
@Suite("--tse total error")
struct TotalErrorCommandTests {
    /// The CSV row of `arguments` as a column → cell map.
    static func row(_ arguments: [String]) throws -> [String: String] {
        let r = try PollcmpRunner.run(arguments + ["--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let names = lines[0].split(separator: ",").map(String.init)
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(names, cells))
    }

    static func number(_ row: [String: String], _ column: String) throws -> Double {
        try #require(row[column].flatMap(Double.init), "column \(column): \(row[column] ?? "missing")")
    }

    static func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * abs(y) }

    @Test("lead: se = sqrt(s^2 + tau^2), basis total-error")
    func lead() throws {
        let r = try Self.row(["lead", "58", "31", "--n", "1000", "--tse", "2.4"])
        // total_error.py lead(58, 31, 1000, 2.4)
        #expect(Self.close(try Self.number(r, "se"), 3.732425484855659))
        #expect(Self.close(try Self.number(r, "moe"), 7.315419525296539))
        #expect(Self.close(try Self.number(r, "lower"), 19.684580474703456))
        #expect(Self.close(try Self.number(r, "upper"), 34.315419525296534))
        #expect(abs(try Self.number(r, "p_value") - 4.693106584629029e-13) <= 1e-9 * 4.693106584629029e-13)
        #expect(r["basis"] == "total-error")
    }

    @Test("lead --tse 0 is the margin of sampling error")
    func leadZero() throws {
        let plain = try PollcmpRunner.run(["lead", "58", "31", "--n", "1000", "--format", "csv"])
        let zero = try PollcmpRunner.run(["lead", "58", "31", "--n", "1000", "--tse", "0", "--format", "csv"])
        #expect(zero.status == 0)
        #expect(zero.stdout == plain.stdout)
    }

    @Test("swing: tau^2 for each poll")
    func swing() throws {
        let r = try Self.row(["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000", "--tse", "2.4"])
        // total_error.py swing(44.3, 36.3, 31, 58, 800, 1000, 2.4)
        #expect(Self.close(try Self.number(r, "se"), 5.448486028246746))
        #expect(Self.close(try Self.number(r, "moe"), 10.678836385633304))
        #expect(r["basis"] == "total-error")
    }

    @Test("change --method wald: tau^2 for each poll's share")
    func change() throws {
        let r = try Self.row([
            "change", "36.3", "58", "--n1", "800", "--n2", "1000", "--method", "wald", "--tse", "2.4",
        ])
        // total_error.py change(36.3, 58, 800, 1000, 2.4)
        #expect(Self.close(try Self.number(r, "lower"), 13.655455024757067))
        #expect(Self.close(try Self.number(r, "upper"), 29.744544975242924))
    }

    @Test("report: every lead's se includes tau, basis total-error")
    func report() throws {
        let r = try Self.row(["report", "Tests/pollcmpTests/Fixtures/tidy-small.csv", "--tse", "2"])
        // Poll p1, Smith 46 Jones 44, n 800: total_error.py lead(46, 44, 800, 2)
        #expect(r["poll_id"] == "p1")
        #expect(Self.close(try Self.number(r, "se"), 3.9044846010709273))
        #expect(Self.close(try Self.number(r, "upper"), 9.652649196290259))
        #expect(r["basis"] == "total-error")
    }

    @Test(
        "The text output says what was added",
        arguments: [
            ["lead", "58", "31", "--n", "1000", "--tse", "2.4"],
            ["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000", "--tse", "2.4"],
            ["change", "36.3", "58", "--n1", "800", "--n2", "1000", "--method", "wald", "--tse", "2.4"],
            ["report", "Tests/pollcmpTests/Fixtures/tidy-small.csv", "--tse", "2.4"],
            [
                "average", "Tests/pollcmpTests/Fixtures/fte-polls-chart.csv", "--a", "DEM", "--b", "REP", "--tse",
                "2.4", "--tau", "1", "--omega", "0.2",
            ],
        ])
    func sentence(_ arguments: [String]) throws {
        let r = try PollcmpRunner.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "Intervals include historical non-sampling error: tau = 2.4 points added to each poll's variance (--tse)"
            ))
    }

    @Test("average: a larger tse widens the band on the last day")
    func average() throws {
        func lastSE(_ extra: [String]) throws -> Double {
            let r = try PollcmpRunner.run(
                [
                    "average", "Tests/pollcmpTests/Fixtures/fte-polls-chart.csv", "--a", "DEM", "--b", "REP",
                    "--tau", "1", "--omega", "0.2", "--format", "csv",
                ] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let last = try #require(r.stdout.split(separator: "\n").last)
            return try #require(Double(last.split(separator: ",")[2]))
        }
        let plain = try lastSE([]), wider = try lastSE(["--tse", "3"])
        #expect(wider > plain)
    }

    @Test(
        "Refused where it cannot apply",
        arguments: [
            ["lead", "58", "31", "--n", "1000", "--tse", "2", "--method", "bayes"],
            ["lead", "58", "31", "--n", "1000", "--tse", "-1"],
            ["change", "36.3", "58", "--n1", "800", "--n2", "1000", "--tse", "2"],
            ["swing", "44.3", "36.3", "31", "58", "--tse", "nan"],
        ])
    func refused(_ arguments: [String]) throws {
        try PollcmpRunner.expectUsageError(arguments)
    }

    @Test("--tse-from takes tau from a saved calibrate table")
    func fromTable() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("calibration.csv").path
        let saved = try PollcmpRunner.run([
            "calibrate", CalibrateCommandTests.raw, "--by", "type_simple", "--format", "csv", "-o", table,
        ])
        #expect(saved.status == 0)
        // tau of Pres-G in the fixture: 2.2378469945780792 (scripts/references/calibration.py,
        // case raw-by-type_simple), written by calibrate as the shortest round-trip text.
        let from = try PollcmpRunner.run([
            "lead", "58", "31", "--n", "1000", "--tse-from", table, "--tse-group", "Pres-G", "--format", "csv",
        ])
        let given = try PollcmpRunner.run([
            "lead", "58", "31", "--n", "1000", "--tse", "2.2378469945780792", "--format", "csv",
        ])
        #expect(from.status == 0 && given.status == 0)
        #expect(from.stdout == given.stdout)
        #expect(from.stdout.contains("total-error"))
        // The group defaults to all.
        let all = try PollcmpRunner.run([
            "swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000", "--tse-from", table,
        ])
        #expect(all.status == 0)
        // τ of the `all` row: scripts/references/calibration.py (see CalibrationReferences.swift).
        #expect(all.stdout.contains("tau = 2.3911697814003037 points"))
        let missing = try PollcmpRunner.run([
            "lead", "58", "31", "--n", "1000", "--tse-from", table, "--tse-group", "Pres-X",
        ])
        #expect(missing.status == 65)
        #expect(
            missing.stderr
                == "pollcmp: error: \(table):1:1: no row of group \"Pres-X\" (groups: all, Gov-G, House-G, Pres-G, Pres-P, Sen-G)\n"
        )
        let notTable = try PollcmpRunner.run([
            "lead", "58", "31", "--n", "1000", "--tse-from", CalibrateCommandTests.raw,
        ])
        #expect(notTable.status == 65)
        #expect(notTable.stderr.contains("the header has no group and tau columns"))
        let absent = try PollcmpRunner.run([
            "lead", "58", "31", "--n", "1000", "--tse-from", dir.appendingPathComponent("none.csv").path,
        ])
        #expect(absent.status == 66)
    }

    @Test(
        "--tse and --tse-from exclude each other; --tse-group needs --tse-from",
        arguments: [
            ["lead", "58", "31", "--n", "1000", "--tse", "2", "--tse-from", "x.csv"],
            ["lead", "58", "31", "--n", "1000", "--tse-group", "all"],
        ])
    func fromUsage(_ arguments: [String]) throws {
        let r = try PollcmpRunner.run(arguments)
        #expect(r.status == 64)
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }
}

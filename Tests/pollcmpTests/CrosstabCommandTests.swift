import Foundation
import Testing

/// `pollcmp crosstab` end to end: data errors with file:line:column and exit 65, usage errors
/// (64), edge inputs (one respondent, an answer nobody gave in a group), -o, and the printed
/// numbers against R `survey` (the reference table written by scripts/references/crosstab.R).
@Suite("pollcmp crosstab")
struct CrosstabCommandTests {
    static let fixtures = "Tests/pollcmpTests/Fixtures/"

    @Test(
        "Bad weights are data errors at their line and column",
        arguments: [
            ("-1.5", "3:5: weight \"-1.5\"; expected a number ≥ 0"),
            ("-0.0001", "3:5: weight \"-0.0001\"; expected a number ≥ 0"),
            ("", "3:5: an empty weight; expected a number ≥ 0"),
            ("inf", "3:5: weight \"inf\"; expected a number ≥ 0"),
            ("nan", "3:5: weight \"nan\"; expected a number ≥ 0"),
            ("x", "3:5: weight \"x\"; expected a number ≥ 0"),
        ])
    func badWeight(_ value: String, _ message: String) throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write("id,vote,w\n1,A,1\n2,B,\(value)\n3,A,2\n", "r.csv", in: dir)
        let r = try PollcmpRunner.run(["crosstab", path, "--row", "vote", "--weight", "w", "--format", "csv"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr == "pollcmp: error: \(path):\(message)\n")
    }

    /// A weight of 0 is R's: the row counts in n but not in sum_w, deff or n_eff. R:
    /// d <- data.frame(vote = c("A", "B", "A", "B"), w = c(1, 0, 2, 1));
    /// svymean(~vote, svydesign(ids = ~1, weights = ~w, data = d), deff = "replace") gives
    /// A 0.75, se 0.27003086243366081, deff 0.77777777777777768 (nobs = sum(w != 0) = 3); n_eff 3/deff.
    @Test("Zero weights are accepted: in n, not in sum_w; deff on the positive weights")
    func zeroWeights() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write("id,vote,w\n1,A,1\n2,B,0\n3,A,2\n4,B,1\n", "r.csv", in: dir)
        let r = try PollcmpRunner.run(["crosstab", path, "--row", "vote", "--weight", "w", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 3)
        let a = rows[1]
        #expect(a[2] == "A" && a[3] == "4" && a[4] == "4")
        let share = try #require(Double(a[5])), se = try #require(Double(a[6]))
        let deff = try #require(Double(a[7])), nEff = try #require(Double(a[8]))
        #expect(abs(share - 75) <= 1e-12 * 75)
        #expect(abs(se - 27.003086243366081) <= 1e-12 * 27)
        #expect(abs(deff - 0.77777777777777768) <= 1e-12)
        #expect(abs(nEff - 3 / 0.77777777777777768) <= 1e-12 * 3.9)
    }

    @Test("A group (or a file) whose weights are all 0 is a data error: its shares are 0/0")
    func allZeroWeights() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let group = try ScratchFolder.write("id,vote,g,w\n1,A,x,1\n2,B,y,0\n3,A,y,0\n4,B,x,1\n", "g.csv", in: dir)
        let r = try PollcmpRunner.run(["crosstab", group, "--row", "vote", "--by", "g", "--weight", "w"])
        #expect(r.status == 65 && r.stdout == "")
        #expect(
            r.stderr
                == "pollcmp: error: \(group): every weight in the group g = \"y\" is 0, so its shares are 0/0; give its respondents weight or leave them out\n"
        )
        let all = try ScratchFolder.write("id,vote,w\n1,A,0\n2,B,0\n", "a.csv", in: dir)
        let whole = try PollcmpRunner.run(["crosstab", all, "--row", "vote", "--weight", "w"])
        #expect(whole.status == 65 && whole.stdout == "")
        #expect(
            whole.stderr
                == "pollcmp: error: \(all): every weight is 0, so the shares are 0/0; expected at least one weight above 0\n"
        )
    }

    @Test("A negative replicate weight and a missing column are data errors")
    func otherDataErrors() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write("id,vote,w,r1,r2\n1,A,1,1,0\n2,B,1,-2,1\n", "r.csv", in: dir)
        let r = try PollcmpRunner.run([
            "crosstab", path, "--row", "vote", "--weight", "w", "--replicate-weights", "r",
            "--replicate-type", "jk1",
        ])
        #expect(r.status == 65)
        #expect(r.stderr == "pollcmp: error: \(path):3:7: replicate weight r1 \"-2\"; expected a number ≥ 0\n")
        let missing = try PollcmpRunner.run(["crosstab", path, "--row", "answer"])
        #expect(missing.status == 65)
        #expect(
            missing.stderr == "pollcmp: error: \(path):1:1: no column named \"answer\" (columns: id, vote, w, r1, r2)\n"
        )
        let lead = try PollcmpRunner.run(["crosstab", path, "--row", "vote", "--lead", "A,C"])
        #expect(lead.status == 65)
        #expect(lead.stderr == "pollcmp: error: \(path): --lead: no answer \"C\" in the data (answers: A, B)\n")
        let none = try PollcmpRunner.run(["crosstab", "no-such-file.csv", "--row", "vote"])
        #expect(none.status == 66)
    }

    @Test("An empty file, a header without respondents and a ragged row are data errors")
    func emptyAndRagged() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("", "1:1: empty file; expected a header row and one row per respondent"),
            ("id,vote\n", "2:1: a header but no respondents"),
            ("id,vote\n1,A\n2,B,3\n", "3:5: row has 3 fields, the header has 2"),
        ]
        for (k, (text, message)) in cases.enumerated() {
            let path = try ScratchFolder.write(text, "r\(k).csv", in: dir)
            let r = try PollcmpRunner.run(["crosstab", path, "--row", "vote"])
            #expect(r.status == 65)
            #expect(r.stderr == "pollcmp: error: \(path):\(message)\n")
        }
    }

    @Test("A TSV file reads as its CSV twin")
    func tabSeparated() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try ScratchFolder.write("id,vote,w\n1,A,1.5\n2,B,0.5\n3,A,1\n", "r.csv", in: dir)
        let tsv = try ScratchFolder.write("id\tvote\tw\n1\tA\t1.5\n2\tB\t0.5\n3\tA\t1\n", "r.tsv", in: dir)
        let a = try PollcmpRunner.run(["crosstab", csv, "--row", "vote", "--weight", "w", "--format", "csv"])
        let b = try PollcmpRunner.run(["crosstab", tsv, "--row", "vote", "--weight", "w", "--format", "csv"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        // Row A: n = 3 respondents, sum_w = 1.5 + 0.5 + 1 = 3, share = (1.5 + 1)/3 = 83.333…%
        // (2.5/3 · 100 in doubles, printed in full).
        #expect(a.stdout.contains(",,A,3,3,83.33333333333334,"))
    }

    @Test(
        "Usage errors exit 64 with one line",
        arguments: [
            ["--compare"],
            ["--replicate-weights", "jk1_", "--replicate-type", "jk1", "--strata", "stratum"],
            ["--replicate-weights", "fay_", "--replicate-type", "fay"],
            ["--replicate-weights", "jk1_"],
            ["--mse"],
            ["--lead", "Harris"],
            ["--lead", "Harris,Harris"],
            ["--by", "vote"],
            ["--method", "exact"],
            ["--table", "leads"],
        ])
    func usage(_ extra: [String]) throws {
        try PollcmpRunner.expectUsageError(
            ["crosstab", Self.fixtures + "respondents-rep.csv", "--row", "vote"] + extra)
    }

    @Test("One respondent: share 100 or 0, se 0, no deff, no interval")
    func oneRespondent() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write("id,vote,w\n1,A,2.5\n", "one.csv", in: dir)
        let r = try PollcmpRunner.run(["crosstab", path, "--row", "vote", "--weight", "w", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == """
                by,by_value,category,n,sum_w,share,se,deff,n_eff,lower,upper,method,df
                ,,A,1,2.5,100,0,,,,,logit,0

                """)
    }

    @Test("An answer nobody in a group gave is a row with share 0")
    func emptyCategory() throws {
        let r = try PollcmpRunner.run([
            "crosstab", Self.fixtures + "respondents.csv", "--row", "vote", "--by", "union",
            "--weight", "weight", "--format", "csv", "--no-header",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n")
        #expect(rows.count == 12) // 4 categories × (all, no, yes)
        #expect(rows.contains { $0.hasPrefix("union,yes,Other,19,") && $0.contains(",0,0,,,,,logit,") })
    }

    @Test("-o writes the same bytes as standard output")
    func outputFile() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.csv").path
        let args = [
            "crosstab", Self.fixtures + "respondents.csv", "--row", "vote", "--weight", "weight", "--format", "csv",
        ]
        let direct = try PollcmpRunner.run(args)
        let written = try PollcmpRunner.run(args + ["-o", target])
        #expect(written.status == 0 && written.stdout == "")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == direct.stdout)
    }

    /// The printed CSV (points) against R: `svymean(~vote, des[d$union == "yes", ], deff = "replace")`
    /// and `svyciprop(~I(vote == "Harris"), des[d$union == "yes", ], method = "logit")` with
    /// des = svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE),
    /// read from crosstab-references.csv; relative tolerance 1e-10 (the ×100 adds one rounding).
    @Test("Printed shares, se, deff and bounds equal R survey")
    func printedAgainstR() throws {
        let refs = try String(
            contentsOfFile: PollcmpRunner.packageRoot.path + "/" + Self.fixtures + "crosstab-references.csv",
            encoding: .utf8)
        func reference(_ quantity: String) -> Double? {
            let key = "\"respondents\",\"fpc\",\"union\",\"yes\",\"Harris\",\"\(quantity)\",\""
            guard let line = refs.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return nil }
            return Double(line.dropFirst(key.count).prefix { $0 != "\"" })
        }
        let r = try PollcmpRunner.run([
            "crosstab", Self.fixtures + "respondents.csv", "--row", "vote", "--by", "union",
            "--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--fpc", "fpc",
            "--format", "csv",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        guard let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("union,yes,Harris,") }) else {
            Issue.record("no union=yes Harris row")
            return
        }
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let expected: [(Int, String, Double)] = [
            (5, "share", 100), (6, "se", 100), (7, "deff", 1), (9, "logit_lower", 100), (10, "logit_upper", 100),
        ]
        for (column, quantity, scale) in expected {
            let want = try #require(reference(quantity)) * scale
            let got = try #require(Double(cells[column]))
            #expect(abs(got - want) <= 1e-10 * abs(want), "\(quantity): \(got) vs R \(want)")
        }
    }
}

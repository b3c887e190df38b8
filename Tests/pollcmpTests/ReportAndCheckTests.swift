import Foundation
import Testing

/// `pollcmp report` on bad files and `pollcmp check`, end to end, with files written to a
/// temporary folder for each test.
@Suite("pollcmp report errors and pollcmp check")
struct ReportAndCheckTests {
    static let header = "poll_id,pollster,end_date,sample_size,candidate,party,pct\n"

    /// (file content, expected "line:column: message" after the path).
    static let badFiles: [(String, [UInt8], String)] = [
        (
            "ragged row", Array((header + "p1,A,2024-01-02,100,Smith,DEM,40\np1,A,2024-01-02,100,Jones,REP\n").utf8),
            "3:27: row has 6 fields, the header has 7"
        ),
        (
            "unterminated quote", Array((header + "p1,\"Acme,2024-01-02,100,Smith,DEM,40\n").utf8),
            "2:4: unterminated quoted field"
        ),
        (
            "pct not a number", Array((header + "p1,A,2024-01-02,100,Smith,DEM,4O\n").utf8),
            "2:31: pct \"4O\" is not a number"
        ),
        (
            "negative pct", Array((header + "p1,A,2024-01-02,100,Smith,DEM,-4\n").utf8),
            "2:31: pct -4 is negative"
        ),
        (
            "pct above 100", Array((header + "p1,A,2024-01-02,100,Smith,DEM,140\n").utf8),
            "2:31: pct 140 is above 100"
        ),
        (
            "shares above 100",
            Array((header + "p1,A,2024-01-02,100,Smith,DEM,60\np1,A,2024-01-02,100,Jones,REP,45\n").utf8),
            "2:31: shares of poll \"p1\" sum to 105, above 100 by more than the rounding slack of 0.5"
        ),
        (
            "unknown date", Array((header + "p1,A,Jan 2 2024,100,Smith,DEM,40\n").utf8),
            "2:6: end_date \"Jan 2 2024\" is not a date (use YYYY-MM-DD or M/D/YY)"
        ),
        ("empty file", [], "1:1: empty file"),
        ("header, no rows", Array(header.utf8), "2:1: a header but no rows"),
        (
            "missing required column", Array("poll_id,pollster,candidate\np1,A,Smith\n".utf8),
            "1:1: missing required column pct"
        ),
        (
            "same candidate twice",
            Array((header + "p1,A,2024-01-02,100,Smith,DEM,40\np1,A,2024-01-02,100,Smith,DEM,41\n").utf8),
            "3:21: candidate \"Smith\" appears twice in poll \"p1\""
        ),
        (
            "not UTF-8",
            Array(header.utf8) + Array("p1,A,2024-01-02,100,".utf8) + [0x53, 0xFF, 0x6D] + Array(",DEM,40\n".utf8),
            "2:21: bytes that are not UTF-8"
        ),
        (
            "unknown layout", Array("a,b,c\n1,2,3\n".utf8),
            "1:1: the header is not a poll file layout (need poll_id, candidate and pct, or a FiveThirtyEight file)"
        ),
    ]

    @Test("Each malformed poll file: file:line:column, exit 65, no output file", arguments: badFiles)
    func badFile(name: String, content: [UInt8], message: String) throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write(content, "polls.csv", in: dir)
        let out = dir.appendingPathComponent("report.csv").path
        let r = try PollcmpRunner.run(["report", path, "--format", "csv", "-o", out])
        #expect(r.status == 65, "\(name)")
        #expect(r.stdout == "")
        #expect(r.stderr == "pollcmp: error: \(path):\(message)\n", "\(name)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(name): no partial output")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "polls.csv" }
        #expect(leftovers.isEmpty, "\(name): \(leftovers)")
    }

    @Test("-o writes the same bytes as standard output; an unwritable folder exits 73; a missing file 66")
    func outputFile() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("teamsters.csv").path
        let args = ["report", "datasets/teamsters-2024.csv", "--a", "DEM", "--b", "REP", "--format", "csv"]
        let printed = try PollcmpRunner.run(args)
        let written = try PollcmpRunner.run(args + ["-o", out])
        #expect(written.status == 0 && written.stdout == "")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == printed.stdout)
        let blocked = try PollcmpRunner.run(args + ["-o", "/nonexistent-folder/x.csv"])
        #expect(blocked.status == 73)
        #expect(blocked.stderr.hasPrefix("pollcmp: error: /nonexistent-folder/x.csv: cannot create: "))
        let missing = try PollcmpRunner.run(["report", "/nonexistent/polls.csv"])
        #expect(missing.status == 66)
    }

    @Test("Standard input as -")
    func standardInput() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write(
            Array((Self.header + "p1,A,2024-01-02,100,Smith,DEM,40\np1,A,2024-01-02,100,Jones,REP,50\n").utf8),
            "in.csv", in: dir)
        let r = try PollcmpRunner.runStdin(["report", "-", "--format", "csv", "--no-header"], file: path)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("p1,A,,,2024-01-02,100,100,Jones,Smith,50,40,"))
    }

    // MARK: check

    static let expected = "poll_id,lead,basis\np1,8,sampling\np2,-27.000000000001,none\np3,1e-300,sampling\n"

    @Test("check: equal files and files within tolerance exit 0")
    func checkEqual() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = try ScratchFolder.write(Array(Self.expected.utf8), "e.csv", in: dir)
        let same = try PollcmpRunner.run(["check", e, e])
        #expect(same.status == 0)
        #expect(same.stdout == "No differences: 3 rows and 3 columns compared (rtol 1e-12, atol 1e-14).\n")
        // |−27 − (−27.000000000001)| = 1e-12 ≤ 1e-14 + 1e-9·27; rows in another order, matched by key.
        let a = try ScratchFolder.write(
            Array("poll_id,lead,basis\np3,0,sampling\np2,-27,none\np1,8.0,sampling\n".utf8), "a.csv", in: dir)
        let within = try PollcmpRunner.run(["check", e, a, "--key", "poll_id", "--rtol", "1e-9"])
        #expect(within.status == 0, "\(within.stdout)")
    }

    @Test("check: differing cells are listed and exit 1")
    func checkDiffers() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = try ScratchFolder.write(Array(Self.expected.utf8), "e.csv", in: dir)
        let a = try ScratchFolder.write(
            Array("poll_id,lead,basis\np1,8.5,sampling\np2,-27,sampling\np4,1,none\n".utf8), "a.csv", in: dir)
        let r = try PollcmpRunner.run(["check", e, a, "--key", "poll_id", "--format", "csv"])
        #expect(r.status == 1)
        #expect(
            r.stdout == """
                row,column,expected,actual,difference
                p1,lead,8,8.5,0.5
                p2,basis,none,sampling,
                p3,*,(row),(missing),
                p4,*,(missing),(row),

                """)
    }

    @Test("check: malformed input exits 65 with file:line:column")
    func checkMalformed() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = try ScratchFolder.write(Array(Self.expected.utf8), "e.csv", in: dir)
        let ragged = try ScratchFolder.write(Array("poll_id,lead,basis\np1,8\n".utf8), "r.csv", in: dir)
        let r = try PollcmpRunner.run(["check", e, ragged])
        #expect(r.status == 65)
        #expect(r.stderr == "pollcmp: error: \(ragged):2:1: row has 2 fields, the header has 3\n")
        let repeated = try ScratchFolder.write(Array("poll_id,lead,basis\np1,8,x\np1,9,y\n".utf8), "k.csv", in: dir)
        let k = try PollcmpRunner.run(["check", e, repeated, "--key", "poll_id"])
        #expect(k.status == 65)
        #expect(k.stderr == "pollcmp: error: \(repeated):3:1: key \"p1\" repeats\n")
    }
}

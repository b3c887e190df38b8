import Foundation
import Testing

/// The input edges of `pollcmp report` and `pollcmp design-effect`, end to end: inputs that
/// must stay linear and bounded, data errors with file:line:column, and notes on stderr in every
/// output format.
@Suite("pollcmp input edges")
struct InputErrorTests {
    static func fixture(_ name: String) -> String { "Tests/pollcmpTests/Fixtures/" + name }

    /// Runs pollcmp and returns the result with the seconds it took.
    static func timed(_ arguments: [String]) throws -> (PollcmpRunner.Result, Double) {
        let clock = ContinuousClock()
        var result: PollcmpRunner.Result?
        let elapsed = try clock.measure { result = try PollcmpRunner.run(arguments) }
        return (result!, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    // MARK: - Linear time, bounded memory

    @Test(
        "Input without a line end stops at 16 MiB with file:line:column and exit 65",
        arguments: ["report", "design-effect"])
    func endlessInput(command: String) throws {
        let r = try PollcmpRunner.run([command, "/dev/zero"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr
                == "pollcmp: error: /dev/zero:1:1: record longer than 16 MiB with no end of line; expected records of at most 16 MiB\n"
        )
    }

    @Test("A 100,000-column header: one poll, read in linear time")
    func wideHeader() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let extra = (0..<99_997).map { "x\($0)" }.joined(separator: ",")
        let zeros = String(repeating: ",0", count: 99_997)
        let path = try ScratchFolder.write(
            "poll_id,candidate,pct,\(extra)\np1,A,50\(zeros)\np1,B,40\(zeros)\n", "wide.csv", in: dir)
        let (r, seconds) = try Self.timed(["report", path, "--format", "csv", "--no-header"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("p1,,,,,,,A,B,50,40,"))
        // The quadratic column map took half a minute here (release build); linear takes well under a second.
        #expect(seconds < 10)
    }

    @Test("One poll id on 300,000 rows: one poll, read in linear time")
    func onePollManyRows() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "poll_id,candidate,pct\np1,A,40\np1,B,30\n"
        for i in 0..<299_998 { text += "p1,c\(i),0.0001\n" }
        let path = try ScratchFolder.write(text, "one-poll.csv", in: dir)
        let (r, seconds) = try Self.timed(["report", path, "--format", "csv", "--no-header"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stdout.hasPrefix("p1,,,,,,,A,B,40,30,"))
        #expect(seconds < 10)
    }

    @Test("A stray quote in an unquoted field is text, and the rest of the file still streams")
    func strayQuote() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "poll_id,candidate,pct\np0,Jo\"e,40\np0,B,30\n"
        for i in 1...200_000 { text += "p\(i),A,40\np\(i),B,30\n" }
        let path = try ScratchFolder.write(text, "stray.csv", in: dir)
        let r = try PollcmpRunner.run(["report", path, "--format", "csv", "--no-header"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("p0,,,,,,,\"Jo\"\"e\",B,40,30,"))
        #expect(r.stdout.split(separator: "\n").count == 200_001)
    }

    // MARK: - Data errors name file:line:column

    @Test("report: a population below the sample size names its cell")
    func populationBelowSample() throws {
        let path = Self.fixture("tidy-population-below-n.csv")
        let r = try PollcmpRunner.run(["report", path, "--format", "csv"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr
                == "pollcmp: error: \(path):4:30: population_size 350 is smaller than sample_size 500; expected at least the sample size (and more than 1)\n"
        )
    }

    @Test(
        "design-effect: bad weight files name file:line:column and exit 65",
        arguments: [
            ("weights-ragged.csv", "3:7: row has 3 fields, the header has 2"),
            (
                "weights-zero.csv",
                "2:3: weights are all 0 (3 of them, the first here); expected at least one positive weight"
            ),
        ])
    func badWeights(file: String, message: String) throws {
        let path = Self.fixture(file)
        let r = try PollcmpRunner.run(["design-effect", path])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr == "pollcmp: error: \(path):\(message)\n")
    }

    // MARK: - design-effect: magnitudes and headers

    @Test(
        "design-effect: weights near 1e300 and 1e-320 give deff 9/8, not nan",
        arguments: ["weights-huge.csv", "weights-tiny.csv"])
    func extremeWeights(file: String) throws {
        let r = try PollcmpRunner.run(["design-effect", Self.fixture(file), "--format", "csv", "--no-header"])
        #expect(r.status == 0, "\(r.stderr)")
        let fields = r.stdout.dropLast().split(separator: ",").map(String.init)
        #expect(fields.count == 4)
        // weights 1:2:1 — deff = 3·6/4² = 1.125 exactly, n_eff = 16/6
        #expect(fields.first == "3")
        #expect(fields.dropFirst(2).first == "1.125")
        #expect(fields.last == "\(16.0 / 6)")
    }

    @Test("design-effect: a file of bare numbers keeps its first value")
    func headerless() throws {
        let r = try PollcmpRunner.run([
            "design-effect", Self.fixture("weights-headerless.csv"), "--format", "csv", "--no-header",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        // 5 weights (the blank line is skipped): 0.82 + 1.37 + 0.64 + 1.18 + 0.99
        #expect(r.stdout.hasPrefix("5,"))
        let again = try PollcmpRunner.run([
            "design-effect", Self.fixture("weights-headerless.csv"), "--column", "1", "--format", "csv", "--no-header",
        ])
        #expect(again.stdout == r.stdout)
    }

    // MARK: - Notes and empty selections in every format

    @Test(
        "A byte order mark mid-file and a one-candidate poll are noted on stderr",
        arguments: ["csv", "tsv", "json", "svg"])
    func notes(format: String) throws {
        let path = Self.fixture("tidy-joined-one-candidate.csv")
        let r = try PollcmpRunner.run(["report", path, "--format", format])
        #expect(r.status == 0)
        #expect(
            r.stderr == """
                pollcmp: note: \(path): 4:1: a byte order mark (U+FEFF) in the middle of the file, skipped (were files joined?)
                pollcmp: note: \(path): 1 question(s) have one candidate, so no lead (first: poll j3 at line 6).

                """)
        // A chart labels its rows by pollster and end date, not by poll id.
        let (kept, dropped) = format == "svg" ? ("2024-06-01", "2024-06-03") : ("j2", "j3")
        #expect(r.stdout.contains(kept))
        #expect(!r.stdout.contains(dropped))
    }

    @Test("Text output keeps the selection notes in its own notes; the file note goes to stderr")
    func textNotes() throws {
        let path = Self.fixture("tidy-joined-one-candidate.csv")
        let r = try PollcmpRunner.run(["report", path])
        #expect(r.status == 0)
        #expect(
            r.stderr
                == "pollcmp: note: \(path): 4:1: a byte order mark (U+FEFF) in the middle of the file, skipped (were files joined?)\n"
        )
        #expect(r.stdout.contains("1 question(s) have one candidate, so no lead (first: poll j3 at line 6)."))
    }

    @Test(
        "--a or --b matching no candidate: some polls noted, none at all exit 65", arguments: ["csv", "json", "text"])
    func unmatchedNames(format: String) throws {
        let path = Self.fixture("tidy-small.csv")
        let none = try PollcmpRunner.run(["report", path, "--a", "Nobody", "--format", format])
        #expect(none.status == 65)
        #expect(none.stdout == "")
        #expect(
            none.stderr.hasPrefix(
                "pollcmp: error: \(path): --a \"Nobody\" matches no candidate or party in any poll (candidates: Smith, Jones, "
            ))
        #expect(none.stderr.hasSuffix("; no poll selected\n"))
        #expect(none.stderr.split(separator: "\n").count == 1)
        let both = try PollcmpRunner.run(["report", path, "--a", "Smith", "--b", "Nobody", "--format", format])
        #expect(both.status == 65)
        #expect(
            both.stderr.hasPrefix("pollcmp: error: \(path): --b \"Nobody\" matches no candidate or party in any poll"))
    }

    @Test("A file whose only poll has one candidate is exit 65, not an empty table")
    func noLeadAtAll() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write("poll_id,candidate,pct\np1,Smith,40\n", "single.csv", in: dir)
        let r = try PollcmpRunner.run(["report", path, "--format", "csv"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr
                == "pollcmp: error: \(path): no poll has two candidates, so there is no lead to report; expected at least two candidates in a poll\n"
        )
    }
}

import Foundation
import Testing

/// `pollcmp rake` end to end: the output file (every input row unchanged plus the weight),
/// written atomically or not at all, the report on stderr or in a file, and the exit codes of
/// impossible targets and of raking that does not converge. The weights themselves are checked
/// against R in PollCompareTests/RakingTests; the golden files pin whole outputs.
@Suite("pollcmp rake")
struct RakeCommandTests {
    static let respondents = "Tests/pollcmpTests/Fixtures/rake-respondents.csv"
    static let targets = "Tests/pollcmpTests/Fixtures/rake-targets.csv"

    static func read(_ path: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: path, relativeTo: PollcmpRunner.packageRoot), encoding: .utf8)
    }

    @Test("-o: every input row and column unchanged, plus the weight column; the report on stderr")
    func outputKeepsRows() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("weighted.csv").path
        let r = try PollcmpRunner.run([
            "rake", Self.respondents, "--targets", Self.targets, "--weight", "base_wt", "-o", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("pollcmp: note: raking converged: "))
        let input = try Self.read(Self.respondents).split(separator: "\n", omittingEmptySubsequences: false)
        let output = try Self.read(out).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(input.count == 242 && output.count == input.count)
        #expect(output[0] == input[0] + ",weight")
        var sum = 0.0
        for (a, b) in zip(input.dropFirst(), output.dropFirst()) where !a.isEmpty {
            #expect(b.hasPrefix(a + ","))
            sum += Double(b.dropFirst(a.count + 1))!
        }
        #expect(abs(sum - 240) < 1e-9)
    }

    @Test("--report: CSV and JSON files with the convergence measures, nothing on stderr")
    func reportFiles() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("report.csv").path
        let r = try PollcmpRunner.run([
            "rake", Self.respondents, "--targets", Self.targets, "--cap", "1.5",
            "--report", csv, "-o", dir.appendingPathComponent("w.csv").path,
        ])
        #expect(r.status == 0 && r.stderr == "", "\(r.stderr)")
        let lines = try Self.read(csv).split(separator: "\n").map(String.init)
        #expect(lines.first == "measure,variable,before,after")
        #expect(lines.contains("converged,,,yes"))
        #expect(lines.contains("cap,,,1.5"))
        #expect(lines.filter { $0.hasPrefix("margin_error,") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("deff,,1,") })
        let json = dir.appendingPathComponent("report.json").path
        let j = try PollcmpRunner.run([
            "rake", Self.respondents, "--targets", Self.targets, "--report", json,
            "-o", dir.appendingPathComponent("w.csv").path,
        ])
        #expect(j.status == 0)
        let parsed =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]]
        #expect(parsed?.first?["measure"] as? String == "sweeps")
        #expect(parsed?.contains { $0["measure"] as? String == "n_eff" } == true)
    }

    @Test("Not converging: exit 65 with the report, no output file; --allow-nonconvergence writes it")
    func nonconvergence() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("w.csv").path
        let r = try PollcmpRunner.run([
            "rake", Self.respondents, "--targets", Self.targets, "--max-iter", "2", "-o", out,
        ])
        #expect(r.status == 65)
        #expect(r.stderr.contains("pollcmp: note: raking did NOT converge: 2 sweeps"))
        #expect(r.stderr.contains("pollcmp: error: raking did not converge in 2 sweeps: the largest margin error is "))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let allowed = try PollcmpRunner.run([
            "rake", Self.respondents, "--targets", Self.targets, "--max-iter", "2",
            "--allow-nonconvergence", "-o", out,
        ])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("weights written anyway (--allow-nonconvergence)"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("Impossible targets and bad input: one line naming them, exit 65 (64 for usage, 66 for a missing file)")
    func errors() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        func targets(_ text: String) throws -> String {
            try ScratchFolder.write(text, "t-\(UUID().uuidString).csv", in: dir)
        }
        let full = "variable,category,share\nsex,F,51.5\nsex,M,48.5\n"
        let cases: [([String], Int32, String)] = [
            (
                ["--targets", try targets(full + "age,18-29,40\nage,30-44,60\n")], 65,
                ":4:5: age \"45-64\" is not among the targets' categories of age (\"18-29\", \"30-44\"); add it to the targets or leave its respondents out"
            ),
            (
                [
                    "--targets",
                    try targets(full + "region,North,50\nregion,South,30\nregion,West,10\nregion,East,10\n"),
                ], 65,
                ":7:13: region \"East\" has a target share of 10 but no respondent: a share cannot be given to an empty category (merge it with another, or drop it from the targets)"
            ),
            (
                ["--targets", try targets("variable,category,share\nsex,F,51.5\nsex,M,48\n")], 65,
                ":2:7: shares must sum to 100 (points) or 1 (proportions) per variable within 1e-6 points: sex sums to 99.5"
            ),
            (
                ["--targets", try targets("variable,category,share\nparty,D,100\n")], 65,
                "no column named \"party\", a variable of the targets"
            ),
            // M is 96 of the fixture's 240 respondents (40%) and its target 48.5%: a mean weight of
            // 0.485/0.40 = 1.2125 times the mean.
            (
                ["--targets", Self.targets, "--cap", "1.05"], 65,
                "sex \"M\" cannot reach its target with every weight at most 1.05 times the mean: its 96 respondents would need a mean weight of 1.2125 times the mean; raise --cap"
            ),
            (
                ["--targets", Self.targets, "--name", "vote"], 65,
                "the file already has a column \"vote\"; name the new weight column with --name"
            ),
            (
                ["--targets", Self.targets, "--weight", "comment"], 65,
                "base weight \"no comment\" is not a number above 0"
            ),
            (["--targets", Self.targets, "--cap", "0.9"], 64, "--cap must be a multiple of the mean weight above 1"),
            (
                ["--targets", Self.targets, "--trim-to-deff", "1.1", "--cap", "2"], 64,
                "give --cap or --trim-to-deff, not both"
            ),
            (["--targets", dir.appendingPathComponent("missing.csv").path], 66, "cannot open"),
        ]
        for (arguments, status, message) in cases {
            let out = dir.appendingPathComponent("w.csv").path
            let r = try PollcmpRunner.run(["rake", Self.respondents] + arguments + ["-o", out])
            #expect(r.status == status, "\(arguments): \(r.stderr)")
            #expect(r.stderr.hasPrefix("pollcmp: error: ") && r.stderr.contains(message), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        let both = try PollcmpRunner.run(["rake", Self.respondents, "--targets", Self.targets, "--report", "-"])
        #expect(both.status == 64 && both.stdout == "")
        #expect(both.stderr.contains("--report - and the weighted file would both go to standard output: give -o FILE"))
        let stdin = try PollcmpRunner.run(["rake", "-", "--targets", Self.targets])
        #expect(stdin.status == 64)
        #expect(stdin.stderr.contains("rake reads its input twice: give a file, not -"))
    }

    @Test("Contradictory targets are named, never looped on")
    func contradictory() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try ScratchFolder.write("id,sex,age\n1,F,young\n2,F,young\n3,M,young\n4,M,old\n", "d.csv", in: dir)
        let goal = try ScratchFolder.write(
            "variable,category,share\nsex,F,60\nsex,M,40\nage,young,50\nage,old,50\n", "t.csv", in: dir)
        let r = try PollcmpRunner.run(["rake", data, "--targets", goal])
        #expect(r.status == 65)
        #expect(
            r.stderr
                == "pollcmp: error: \(goal): targets cannot be met together: respondents with sex \"F\" (target 60) all have age \"young\", whose targets add to only 50\n"
        )
        #expect(r.stdout == "")
    }
}

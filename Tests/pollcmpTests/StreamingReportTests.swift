import Foundation
import Testing

/// `pollcmp report` and `pollcmp average` select while they read: a file whose questions have
/// their rows apart (Fixtures/fte-races-split.csv: fte-races.csv with every question's second
/// row moved to the end, in reverse order) is read again holding those questions, and standard
/// input holds every question; either way the whole output is the one of the grouped file.
@Suite("Streaming reads: split questions and standard input give the grouped file's output")
struct StreamingReportTests {
    static let grouped = "Tests/pollcmpTests/Fixtures/fte-races.csv"
    static let split = "Tests/pollcmpTests/Fixtures/fte-races-split.csv"

    /// Runs `pollcmp ARGUMENTS < file` through the shell.
    static let cases: [[String]] = [
        ["report", "--format", "csv"],
        ["report", "--format", "text", "--questions", "all"],
        ["report", "--format", "csv", "--table", "swings", "--a", "DEM", "--b", "REP", "--pairs", "all"],
        ["report", "--format", "csv", "--where", "state=national", "--ballot", "full"],
        ["average", "--a", "DEM", "--b", "REP", "--where", "state=pennsylvania", "--format", "csv"],
    ]

    @Test("A file with its questions' rows apart gives the grouped file's output", arguments: cases)
    func splitFile(arguments: [String]) throws {
        let command = arguments[0], rest = Array(arguments.dropFirst())
        let expected = try PollcmpRunner.run([command, Self.grouped] + rest)
        let got = try PollcmpRunner.run([command, Self.split] + rest)
        #expect(expected.status == 0 && !expected.stdout.isEmpty, "\(expected.stderr)")
        #expect(got.status == expected.status)
        #expect(got.stdout == expected.stdout)
    }

    @Test("Standard input, held whole, gives the file's output and notes", arguments: cases)
    func standardInput(arguments: [String]) throws {
        let command = arguments[0], rest = Array(arguments.dropFirst())
        for file in [Self.grouped, Self.split] {
            let expected = try PollcmpRunner.run([command, file] + rest)
            let got = try PollcmpRunner.runStdin([command, "-"] + rest, file: file)
            #expect(got.status == expected.status)
            #expect(got.stdout == expected.stdout)
            #expect(got.stderr == expected.stderr.replacingOccurrences(of: file, with: "<stdin>"))
        }
    }

    @Test("A candidate repeated in the two parts of a split question is the same error from a file and a pipe")
    func splitDuplicate() throws {
        let text = try String(contentsOf: PollcmpRunner.packageRoot.appendingPathComponent(Self.split), encoding: .utf8)
        let lines = text.split(separator: "\n")
        // The first question's first row again, at the end: its candidate twice in that question.
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try ScratchFolder.write(text + lines[1] + "\n", "split-dup.csv", in: dir)
        let fromFile = try PollcmpRunner.run(["report", path, "--format", "csv"])
        let fromPipe = try PollcmpRunner.runStdin(["report", "-", "--format", "csv"], file: path)
        #expect(fromFile.status == 65 && fromPipe.status == 65 && fromFile.stdout.isEmpty && fromPipe.stdout.isEmpty)
        #expect(fromFile.stderr.hasPrefix("pollcmp: error: \(path):\(lines.count + 1):"))
        #expect(fromFile.stderr.contains("appears twice in poll"))
        #expect(fromPipe.stderr == fromFile.stderr.replacingOccurrences(of: path, with: "<stdin>"))
    }
}

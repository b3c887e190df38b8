import Foundation
import Testing

/// notebook-export's declared inputs: a notebook whose `<!-- inputs: … -->` file is absent is
/// skipped with one line on stderr (its committed export kept, and taken as current by --check);
/// one whose inputs are present runs and is checked like any other.
@Suite("notebook-export: declared inputs")
struct NotebookExportTests {
    static let exporter = PollcmpRunner.binary.deletingLastPathComponent().appendingPathComponent("notebook-export")

    static func export(_ arguments: [String]) throws -> PollcmpRunner.Result {
        try PollcmpRunner.runProgram(exporter, ["--pollcmp", PollcmpRunner.binary.path] + arguments)
    }

    @Test("An absent input skips its notebook with a note; present inputs run and are checked")
    func declaredInputs() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.exporter.path), "notebook-export is built with the tests")
        let fm = FileManager.default
        let root = try ScratchFolder.make()
        let source = root.appendingPathComponent("src"), output = root.appendingPathComponent("out")
        try fm.createDirectory(at: source, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        _ = try ScratchFolder.write("# A\n\n```sh\necho a\n```\n", "a.md", in: source)
        _ = try ScratchFolder.write(
            "# B\n\n<!-- inputs: no-such-input.csv -->\n\n```sh\necho b\n```\n", "b.md", in: source)
        _ = try ScratchFolder.write(
            "# C\n\n<!-- inputs: datasets/teamsters-2024.csv -->\n\n```sh\nhead -n 1 datasets/teamsters-2024.csv\n```\n",
            "c.md", in: source)
        let arguments = ["--source", source.path, "--output", output.path]
        let note =
            "notebook-export: skipped \(source.path)/b.md: its input no-such-input.csv is absent (the committed export is kept)\n"

        let exported = try Self.export(arguments)
        #expect(exported.status == 0)
        #expect(exported.stderr == note)
        #expect(fm.fileExists(atPath: output.appendingPathComponent("a.md").path))
        #expect(!fm.fileExists(atPath: output.appendingPathComponent("b.md").path))
        let c = try String(contentsOf: output.appendingPathComponent("c.md"), encoding: .utf8)
        #expect(c.contains("```text\npoll_id,"), "c.md ran: \(c)")

        // A committed export of the skipped notebook is kept and taken as current.
        _ = try ScratchFolder.write("# B, exported elsewhere\n", "b.md", in: output)
        let checked = try Self.export(["--check"] + arguments)
        #expect(checked.status == 0)
        #expect(checked.stderr == note)
        #expect(
            checked.stdout
                == "notebook-export: 2 notebooks re-run (1 skipped: inputs absent); the committed export is current\n")
        #expect(
            try String(contentsOf: output.appendingPathComponent("b.md"), encoding: .utf8)
                == "# B, exported elsewhere\n")

        // A notebook whose inputs are present is checked: drift fails.
        _ = try ScratchFolder.write(c + "drift\n", "c.md", in: output)
        let drifted = try Self.export(["--check"] + arguments)
        #expect(drifted.status == 1)
    }
}

import Foundation
import Testing

/// `pollcmp average`: errors and exit codes (the outputs are goldens).
@Suite("pollcmp average")
struct AverageCommandTests {
    static let chart = "Tests/pollcmpTests/Fixtures/fte-polls-chart.csv"

    @Test(
        "Data errors exit 65 with one line",
        arguments: [
            (
                ["average", chart, "--a", "DEM", "--b", "REP", "--change", "2024-01-01:2024-07-01"],
                "pollcmp: error: \(chart): --change dates must lie from 2024-06-06 to 2024-07-30, the days of the average\n"
            ),
            (
                ["average", chart, "--a", "DEM", "--b", "REP", "--opt-in", "Online Panel"],
                "pollcmp: error: \(chart): no poll left to average (0 without a sample size, 8 straw or opt-in, 0 without a date)\n"
            ),
            (
                ["average", "Tests/pollcmpTests/Fixtures/fte-races.csv", "--a", "DEM", "--b", "REP"],
                "pollcmp: error: Tests/pollcmpTests/Fixtures/fte-races.csv: the selection spans 2 races (2024 President: National; 2024 President: Pennsylvania); an average needs one: narrow it with --where\n"
            ),
        ])
    func dataErrors(arguments: [String], message: String) throws {
        try PollcmpRunner.expectDataError(arguments, message: message)
    }

    @Test(
        "Usage errors exit 64 with one line",
        arguments: [
            ["average", chart, "--format", "svg", "--table", "house"],
            ["average", chart, "--tau", "-1"],
            ["average", chart, "--omega", "0"],
            ["average", chart, "--change", "2024-06-14"],
            ["average", chart, "--change", "2024-06-14:2024-07-01", "--at", "2024-07-01"],
            ["average", chart, "--table", "swings"],
            ["average", chart, "--house", "some"],
        ])
    func usageErrors(arguments: [String]) throws {
        try PollcmpRunner.expectUsageError(arguments, helpFor: "average")
    }

    @Test("-o writes the file and nothing to standard output")
    func outputFile() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("house.csv").path
        let r = try PollcmpRunner.run([
            "average", Self.chart, "--a", "DEM", "--b", "REP", "--tau", "1", "--omega", "0.2",
            "--table", "house", "--format", "csv", "-o", path,
        ])
        #expect(r.status == 0 && r.stdout == "")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("pollster,polls,house_effect,se\n"))
        #expect(written.split(separator: "\n").count == 4)
    }
}

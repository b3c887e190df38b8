import Foundation
import Testing

/// `report --format svg`: the chart options' usage errors and the source line.
@Suite("pollcmp charts")
struct ChartCommandTests {
    static let fixture = PollcmpRunner.packageRoot.appendingPathComponent(
        "Tests/pollcmpTests/Fixtures/fte-polls-chart.csv"
    ).path

    @Test(
        "--limit and --chart are refused where they cannot apply",
        arguments: [
            ["--format", "svg", "--limit", "0"],
            ["--format", "csv", "--limit", "3"],
            ["--format", "text", "--chart", "timeline"],
            ["--format", "svg", "--chart", "timeline", "--table", "swings"],
            ["--format", "svg", "--chart", "bars"],
        ])
    func usage(_ extra: [String]) throws {
        let r = try PollcmpRunner.run(["report", Self.fixture] + extra)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("pollcmp: error: ") && r.stderr.contains("see 'pollcmp report --help'"))
        #expect(r.stdout.isEmpty)
    }

    @Test("The source line names the file, not the folders it is in; --source overrides it")
    func sourceLine() throws {
        let r = try PollcmpRunner.run(["report", Self.fixture, "--format", "svg", "--chart", "timeline"])
        #expect(r.status == 0)
        #expect(r.stdout.contains(">Source: fte-polls-chart.csv. Chart: PollCompare.</text>"))
        #expect(!r.stdout.contains("Fixtures"))
        let named = try PollcmpRunner.run([
            "report", Self.fixture, "--format", "svg", "--source", "Example <data> & co",
        ])
        #expect(named.stdout.contains(">Source: Example &lt;data&gt; &amp; co. Chart: PollCompare.</text>"))
    }
}

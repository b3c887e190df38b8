import Foundation
import Testing

@testable import PollCompare

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The charts: labels, escaping, the limit and its note, the timeline's marker, the source line,
/// and for every chart produced (here and in the golden outputs) that it parses as XML and that
/// no two labels, nor a label and a drawn line, overlap.
@Suite("SVG charts")
struct SVGChartTests {
    // MARK: - Pieces

    @Test("Long names are shortened at a word boundary, with an ellipsis, to fit")
    func shortening() {
        let name = "Fairleigh Dickinson University PublicMind"
        #expect(SVGChart.shortened(name, toWidth: 150, size: 12) == "Fairleigh Dickinson…")
        #expect(SVGChart.shortened(name, toWidth: 1000, size: 12) == name)
        // A first word too long is cut within it; trailing "&" or "/" is not left dangling.
        let cut = SVGChart.shortened("Supercalifragilistic Polling", toWidth: 60, size: 12)
        #expect(cut.hasPrefix("Super") && cut.hasSuffix("…") && !cut.contains(" "))
        #expect(SVGChart.shortened("Redfield & Wilton Strategies", toWidth: 80, size: 12) == "Redfield…")
        #expect(SVGChart.shortened("Siena/NYT Upshot", toWidth: 85, size: 12) == "Siena/NYT…")
        for width in stride(from: 10.0, through: 300, by: 7) {
            let s = SVGChart.shortened(name, toWidth: width, size: 12)
            #expect(SVGChart.textWidth(s, size: 12) <= max(width, SVGChart.textWidth("…", size: 12)))
        }
    }

    @Test("Text is XML character data whatever it holds")
    func escaping() {
        #expect(SVGChart.escape("A&B <c> \"d\"") == "A&amp;B &lt;c&gt; &quot;d&quot;")
        #expect(SVGChart.escape("a\u{01}b\u{1B}c\u{FFFE}\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}")
        #expect(SVGChart.escape("one\ttwo\nthree\r") == "one two three ")
        #expect(SVGChart.escape("Ipsos – Reuters → ü") == "Ipsos – Reuters → ü")
    }

    @Test("The source line names the file, never its folders")
    func sourceName() throws {
        #expect(SVGChart.fileName(of: "/home/someone/data/president_polls.csv") == "president_polls.csv")
        #expect(SVGChart.fileName(of: "datasets/teamsters-2024.csv") == "teamsters-2024.csv")
        #expect(SVGChart.fileName(of: "polls.csv") == "polls.csv")
        #expect(SVGChart.fileName(of: "-") == "standard input")
        let svg = SVGChart.leads(
            try Self.report(Self.polls(3)), options: .init(title: "T", source: SVGChart.fileName(of: "/a/b/c.csv")))
        #expect(svg.contains(">Source: c.csv. Chart: PollCompare.</text>"))
        #expect(!svg.contains("/a/b"))
    }

    @Test("The limit keeps the most recent rows, and the note says so")
    func limitAndNote() throws {
        let dates = ["2024-07-01", "2024-07-20", nil, "2024-07-20", "2024-06-01"].map { $0.flatMap(PollDate.init) }
        let all = SVGChart.mostRecent(count: 5, limit: 5, noun: "polls") { dates[$0] }
        #expect(all.rows == [0, 1, 2, 3, 4] && all.note == nil)
        // Ties on a date: the earlier row; a missing date is the oldest.
        let two = SVGChart.mostRecent(count: 5, limit: 2, noun: "polls") { dates[$0] }
        #expect(two.rows == [1, 3] && two.note == "The 2 most recent of 5 polls.")
        let four = SVGChart.mostRecent(count: 5, limit: 4, noun: "swings") { dates[$0] }
        #expect(four.rows == [0, 1, 3, 4] && four.note == "The 4 most recent of 5 swings.")

        // Charts: 45 polls draw 40 rows by default, with the note in the subtitle; --limit 7 draws 7.
        let report = try Self.report(Self.polls(45))
        let byDefault = SVGChart.leads(report, options: .init(title: "T", source: "s"))
        #expect(byDefault.contains("The 40 most recent of 45 polls."))
        #expect(Self.count("<circle", in: byDefault) == 40 + 2) // the rows and the legend's two marks
        #expect(
            byDefault.contains(">2024-09-14 ·") && byDefault.contains(">2024-08-06 ·")
                && !byDefault.contains(">2024-08-05 ·"))
        let seven = SVGChart.leads(report, options: .init(title: "T", source: "s", limit: 7))
        #expect(seven.contains("The 7 most recent of 45 polls.") && Self.count("<circle", in: seven) == 7 + 2)
        let few = SVGChart.leads(try Self.report(Self.polls(5)), options: .init(title: "T", source: "s"))
        #expect(!few.contains("most recent"))
        // A timeline draws every poll unless limited.
        let timeline = SVGChart.leads(report, chart: .timeline, options: .init(title: "T", source: "s"))
        #expect(!timeline.contains("most recent") && Self.count("<circle", in: timeline) == 45 + 2)
    }

    @Test("The subtitle gives the confidence level")
    func confidenceInSubtitle() throws {
        var options = PollReport.Options()
        options.analysis.confidence = try ConfidenceLevel(parsing: "0.9")
        let svg = SVGChart.leads(try Self.report(Self.polls(3), options), options: .init(title: "T", source: "s"))
        #expect(svg.contains("90% intervals."))
        #expect(svg.contains("lead with its 90% interval"))
    }

    @Test("Rows are labelled by pollster and end date; a shortened label keeps its whole name in a title")
    func rowLabels() throws {
        let svg = SVGChart.leads(try Self.report(Self.polls(3)), options: .init(title: "T", source: "s"))
        #expect(svg.contains(">Example Polling</text>"))
        #expect(svg.contains(">2024-08-03 · Smith − Jones</text>"))
        #expect(
            svg.contains(
                "<title>Northfield University Center for Public Opinion &amp; Survey Research of the Example Region</title>Northfield University"
            ))
        #expect(!svg.contains(">q1<") && !svg.contains("question"))
    }

    @Test("Swing rows name both polls' pollsters and end dates")
    func swingLabels() throws {
        var options = PollReport.Options()
        options.analysis.groupBy = ["population"]
        let svg = SVGChart.swings(try Self.report(Self.polls(4), options), options: .init(title: "T", source: "s"))
        #expect(
            svg.contains(
                "<title>Northfield University Center for Public Opinion &amp; Survey Research of the Example Region 2024-08-02 →</title>Northfield University Center for… 2024-08-02 →</text>"
            ))
        #expect(svg.contains(">Quill &lt;Q&gt; &quot;Analytics&quot; 2024-08-03</text>"))
        var byPollster = PollReport.Options()
        byPollster.analysis.groupBy = ["pollster"]
        let same = SVGChart.swings(try Self.report(Self.polls(6), byPollster), options: .init(title: "T", source: "s"))
        #expect(same.contains(">Example Polling 2024-08-01 → 2024-08-04</text>"))
    }

    @Test("The timeline marks the before-after date with a labelled vertical line")
    func timelineMarker() throws {
        var options = PollReport.Options()
        options.analysis.pairs = .beforeAfter
        let at = try #require(PollDate("2024-08-10"))
        options.analysis.at = at
        let report = try Self.report(Self.polls(20), options)
        let svg = SVGChart.leads(report, chart: .timeline, options: .init(title: "T", source: "s", at: at))
        let marker = try #require(
            Self.elements(svg).first {
                $0.name == "line" && $0.attributes["stroke-dasharray"] != nil
                    && $0.attributes["y1"] != $0.attributes["y2"]
                    && Double($0.attributes["y2"]!)! - Double($0.attributes["y1"]!)! > 100
            })
        let label = try #require(Self.elements(svg).first { $0.name == "text" && $0.text == "2024-08-10" })
        #expect(marker.attributes["x1"] == marker.attributes["x2"])
        #expect(abs(Double(label.attributes["x"]!)! - Double(marker.attributes["x1"]!)!) < 0.11)
        #expect(Double(label.attributes["y"]!)! < Double(marker.attributes["y1"]!)!)
        // The marker sits between the polls before and after it: dates map left to right.
        let ticks = Self.elements(svg).filter { $0.name == "text" && $0.text.hasPrefix("Aug ") }
        #expect(ticks.count >= 2)
        #expect(svg.contains("End date, 2024"))
        // Without a date there is no marker.
        let plain = SVGChart.leads(report, chart: .timeline, options: .init(title: "T", source: "s"))
        #expect(!plain.contains("stroke-dasharray"))
    }

    @Test("Same input, same bytes")
    func deterministic() throws {
        let report = try Self.report(Self.polls(30))
        for chart in SVGChart.Chart.allCases {
            let a = SVGChart.leads(report, chart: chart, options: .init(title: "T", source: "s"))
            let b = SVGChart.leads(
                try Self.report(Self.polls(30)), chart: chart, options: .init(title: "T", source: "s"))
            #expect(a == b)
        }
    }

    // MARK: - The polling average

    @Test("A poll's dot has area proportional to |weight|, the largest at the largest radius")
    func dotAreaScaling() {
        let largest = 0.4
        #expect(AverageChart.radius(weight: largest, largest: largest) == AverageChart.largestRadius)
        #expect(AverageChart.radius(weight: -largest, largest: largest) == AverageChart.largestRadius)
        for w in [0.0, 0.01, -0.05, 0.1, 0.2, 0.3] {
            let r = AverageChart.radius(weight: w, largest: largest)
            let ratio = (r * r) / (AverageChart.largestRadius * AverageChart.largestRadius)
            // Areas in the ratio of the weights, to rounding (relative 1e-12).
            #expect(abs(ratio - abs(w) / largest) <= 1e-12 * max(1, abs(w) / largest))
        }
        // A quarter of the weight: half the radius.
        #expect(abs(AverageChart.radius(weight: 0.1, largest: largest) - AverageChart.largestRadius / 2) <= 1e-12)
        #expect(AverageChart.radius(weight: 0.3, largest: 0) == 0)
    }

    @Test("The average chart: band, mean line, a dot per poll, the level in the subtitle, the marked dates")
    func averageChart() throws {
        let report = try Self.average(Self.polls(12), predictive: false)
        let svg = AverageChart.chart(
            report,
            options: .init(
                title: "T", source: "s", description: "Lead.",
                marker: .at(PollDate("2024-08-06")!)))
        let circles = Self.elements(svg).filter { $0.name == "circle" && $0.attributes["fill-opacity"] == "0.45" }
        #expect(circles.count == report.input.polls.count)
        #expect(svg.contains("95% band."))
        #expect(svg.contains(">2024-08-06</text>"))
        #expect(Self.count("stroke-dasharray", in: svg) == 2) // the line and its legend mark
        let predictive = AverageChart.chart(
            try Self.average(Self.polls(12), predictive: true),
            options: .init(
                title: "T", source: "s",
                marker: .change(from: PollDate("2024-08-02")!, to: PollDate("2024-08-10")!)))
        #expect(predictive.contains("95% predictive band"))
        #expect(predictive.contains(">from 2024-08-02</text>") && predictive.contains(">to 2024-08-10</text>"))
        let plain = AverageChart.chart(report, options: .init(title: "T", source: "s"))
        #expect(!plain.contains("stroke-dasharray"))
        #expect(
            plain
                == AverageChart.chart(
                    try Self.average(Self.polls(12), predictive: false), options: .init(title: "T", source: "s")))
    }

    // MARK: - Every chart parses, and no labels overlap

    static func charts() throws -> [(String, String)] {
        var out: [(String, String)] = []
        for n in [1, 3, 12, 45] {
            var options = PollReport.Options()
            options.analysis.groupBy = ["population"]
            let report = try report(polls(n), options)
            let o = SVGChart.Options(
                title: "Leads & swings <test> with a title long enough to need shortening at some point, surely, yes",
                source: "fixture \"x\"")
            out.append(("rows \(n)", SVGChart.leads(report, options: o)))
            out.append(("timeline \(n)", SVGChart.leads(report, chart: .timeline, options: o)))
            out.append(("swings \(n)", SVGChart.swings(report, options: o)))
            var at = o
            at.at = PollDate("2024-08-05")
            out.append(("timeline at \(n)", SVGChart.leads(report, chart: .timeline, options: at)))
        }
        // Polling averages: short and long, with and without marked dates.
        for n in [2, 12, 45] {
            let o = AverageChart.Options(
                title: "Polling average <test> with a title long enough to need shortening at some point, surely",
                source: "fixture \"x\"", description: "Lead of Smith over Jones.")
            for predictive in [false, true] {
                let report = try average(polls(n), predictive: predictive)
                out.append(("average \(n) \(predictive)", AverageChart.chart(report, options: o)))
                var at = o
                at.marker = .at(PollDate("2024-08-02")!)
                out.append(("average at \(n) \(predictive)", AverageChart.chart(report, options: at)))
                var change = o
                change.marker = .change(from: PollDate("2024-08-01")!, to: PollDate("2024-08-02")!)
                out.append(("average change \(n) \(predictive)", AverageChart.chart(report, options: change)))
            }
        }
        // Dates over years, and a single day.
        out.append(
            (
                "years",
                SVGChart.leads(
                    try report(polls(30, stepDays: 50)), chart: .timeline, options: .init(title: "T", source: "s"))
            ))
        out.append(
            (
                "one day",
                SVGChart.leads(
                    try report(polls(4, stepDays: 0)), chart: .timeline, options: .init(title: "T", source: "s"))
            ))
        // The golden outputs of pollcmp and the exported notebooks.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for folder in ["Tests/pollcmpTests/Golden", "notebooks-exported/teamsters-2024", "notebooks-exported/charts"] {
            let url = root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? [] {
                let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
                if text.hasPrefix("<?xml") { out.append((folder + "/" + name, text)) }
            }
        }
        return out
    }

    @Test("Every chart parses as XML, and no label overlaps another label or a line")
    func parsesAndNoOverlaps() throws {
        let charts = try Self.charts()
        #expect(charts.count >= 20)
        #expect(charts.contains { $0.0.hasSuffix("svg.out") })
        for (name, svg) in charts {
            let elements = Self.elements(svg)
            #expect(!elements.isEmpty, "\(name) does not parse")
            let texts = elements.filter { $0.name == "text" }.map { e in
                (
                    e.text,
                    SVGChart.Box(
                        text: e.text, x: Double(e.attributes["x"]!)!, baseline: Double(e.attributes["y"]!)!,
                        size: Double(e.attributes["font-size"]!)!, anchor: e.attributes["text-anchor"]!,
                        bold: e.attributes["font-weight"] == "bold")
                )
            }
            for (k, a) in texts.enumerated() {
                #expect(a.1.x0 >= 0 && a.1.x1 <= 800, "\(name): \(a.0) leaves the chart")
                for b in texts[(k + 1)...] {
                    #expect(!a.1.overlaps(b.1), "\(name): \"\(a.0)\" overlaps \"\(b.0)\"")
                }
            }
            let lines = elements.filter { $0.name == "line" && $0.attributes["class"] != "grid" }
            for line in lines {
                let (x1, y1) = (Double(line.attributes["x1"]!)!, Double(line.attributes["y1"]!)!)
                let (x2, y2) = (Double(line.attributes["x2"]!)!, Double(line.attributes["y2"]!)!)
                let half = (Double(line.attributes["stroke-width"] ?? "1") ?? 1) / 2
                let box = SVGChart.Box(
                    x0: min(x1, x2) - half, y0: min(y1, y2) - half, x1: max(x1, x2) + half, y1: max(y1, y2) + half)
                for t in texts {
                    #expect(!t.1.overlaps(box), "\(name): \"\(t.0)\" overlaps a line at \(x1),\(y1)–\(x2),\(y2)")
                }
            }
        }
    }

    // MARK: - Helpers

    /// A FiveThirtyEight-layout file of `n` made-up national polls, one every `stepDays` days from
    /// 2024-08-01, by three pollsters (one with a long name, one with markup characters in it).
    static func polls(_ n: Int, stepDays: Int = 1) -> String {
        let header =
            "question_id,poll_id,cycle,state,pollster,sample_size,population,methodology,office_type,start_date,end_date,stage,answer,candidate_party,pct"
        let pollsters = [
            "Example Polling",
            "Northfield University Center for Public Opinion & Survey Research of the Example Region",
            "\"Quill <Q> \"\"Analytics\"\"\"",
        ]
        var lines = [header]
        let start = PollDate("2024-08-01")!.day
        for i in 0..<n {
            let end = PollDate(day: start + i * stepDays).description
            let size = i % 7 == 2 ? "" : String(600 + 37 * i)
            let smith = 38 + Double((i * 7) % 11), jones = 42 + Double((i * 5) % 9)
            for (answer, party, pct) in [("Smith", "DEM", smith), ("Jones", "REP", jones)] {
                lines.append(
                    "\(1000 + i),\(500 + i),2024,,\(pollsters[i % 3]),\(size),lv,,U.S. President,\(end),\(end),general,\(answer),\(party),\(pct)"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func report(_ csv: String, _ options: PollReport.Options = PollReport.Options()) throws -> PollReport {
        var reader = PollFileReader()
        try reader.feed(Array(csv.utf8)[...])
        var o = options
        o.selection.a = o.selection.a ?? "DEM"
        o.selection.b = o.selection.b ?? "REP"
        return try PollReport(try reader.finish(), options: o)
    }

    /// The polling average (τ = 1, ω = 0.3) of a file of ``polls(_:stepDays:)``, with an assumed
    /// sample size for the polls that publish none.
    static func average(_ csv: String, predictive: Bool) throws -> AverageReport {
        var reader = PollFileReader()
        try reader.feed(Array(csv.utf8)[...])
        let table = try reader.finish()
        var selection = PollSelection.Options()
        selection.a = "DEM"
        selection.b = "REP"
        var analysis = PollAnalysis.Options()
        analysis.a = "DEM"
        analysis.b = "REP"
        analysis.groupBy = []
        analysis.assumeN = 800
        let input = try AverageInput(
            PollAnalysis(table, selection: PollSelection(table, options: selection), options: analysis))
        return try AverageReport(
            input, table: table, houseEffects: true, tau: 1, omega: 0.3, confidence: .ninetyFive,
            predictive: predictive)
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
    }

    /// The SVG's elements in order, each text element with its characters outside `<title>`;
    /// empty when the document does not parse.
    static func elements(_ svg: String) -> [Element] {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var open: [Int] = []
            var inTitle = 0
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if name == "title" { inTitle += 1 }
                open.append(elements.count)
                elements.append(Element(name: name, attributes: attributes))
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if name == "title" { inTitle -= 1 }
                open.removeLast()
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                guard inTitle == 0, let k = open.last, elements[k].name == "text" else { return }
                elements[k].text += string
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.elements : []
    }
}

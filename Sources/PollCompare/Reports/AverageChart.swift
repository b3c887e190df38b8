/// The chart of a polling average (``AverageReport``) as plain SVG 1.1, in the style and with the
/// pieces of ``SVGChart``: 800 px wide, no scripts, same input, same bytes.
///
/// x is the date, y the lead (A − B, percentage points). The posterior mean of the daily average
/// is a line, its band (at the report's confidence level; predictive with
/// ``AverageReport/predictive``) a shaded area around it; each poll is a dot at its lead on its
/// day, its area proportional to |wᵢ|, the poll's coefficient in the last day's average
/// (``StateSpaceAverage/weights``); a zero line; the date of `--at` (or the two days of a change)
/// a labelled dashed vertical line. The confidence level is in the subtitle. Labels never overlap
/// each other or the chart's lines (grid lines excepted).
public enum AverageChart {
    /// A date marked on the chart.
    public enum Marker: Sendable, Equatable {
        /// The date of a before–after comparison (`--at DATE`).
        case at(PollDate)
        /// The two days of a change (`--change FROM:TO`).
        case change(from: PollDate, to: PollDate)
    }

    /// What the chart says around its data.
    public struct Options: Sendable {
        /// The chart's title.
        public var title: String
        /// The source line's text ("Source: …"); ``SVGChart/fileName(of:)`` gives a file's name.
        public var source: String
        /// What the lead is, at the start of the subtitle ("Lead of DEM over REP.").
        public var description: String
        /// The date or dates marked.
        public var marker: Marker?

        /// Options with a title, a source line, a description and an optional marker.
        public init(title: String, source: String, description: String = "", marker: Marker? = nil) {
            self.title = title
            self.source = source
            self.description = description
            self.marker = marker
        }
    }

    /// The radius in pixels of the largest dot (the poll of largest |weight|).
    static let largestRadius = 9.0

    /// The radius of a poll's dot: its area is proportional to |`weight`|, the largest |weight|
    /// (`largest`) having radius ``largestRadius``: r = largestRadius · √(|weight| / largest).
    /// Zero when `largest` is not positive.
    ///
    /// - Complexity: O(1).
    static func radius(weight: Double, largest: Double) -> Double {
        guard largest > 0, largest.isFinite else { return 0 }
        return largestRadius * (min(abs(weight), largest) / largest).squareRoot()
    }

    /// The chart of `report`.
    ///
    /// - Complexity: O(T + n log n): T days, n polls.
    public static func chart(_ report: AverageReport, options: Options) -> String {
        typealias C = SVGChart
        let fit = report.fit
        let polls = report.input.polls
        let z = report.confidence.z
        let days = 0..<fit.dayCount
        let lower = days.map { fit.mean[$0] - z * report.standardError($0) }
        let upper = days.map { fit.mean[$0] + z * report.standardError($0) }
        let pct = report.confidence.percentText
        let band = report.predictive ? "\(pct)% predictive band (where a new poll would land)." : "\(pct)% band."
        let estimates =
            "τ = \(NumberText.fixed(report.estimate.tau, digits: 2)) points, ω = \(NumberText.fixed(report.estimate.omega, digits: 3)) points/day."
        let counts =
            "\(polls.count) \(polls.count == 1 ? "poll" : "polls") from \(report.input.pollsters.count) \(report.input.pollsters.count == 1 ? "pollster" : "pollsters")."
        let subtitle = ([options.description, counts, band, estimates].filter { !$0.isEmpty }).joined(separator: " ")

        var svg = C.Canvas()
        let header = svg.header(title: options.title, subtitle: subtitle)
        let (left, right) = (58.0, C.width - 24)
        // Marker labels sit above the plot: one row, or two for a change.
        let labelRows: Double = if case .change = options.marker { 2 } else { 1 }
        let plotTop = header + 14 * labelRows, plotBottom = plotTop + 340
        let y = C.Scale(values: lower + upper + polls.map(\.lead) + [0], from: plotBottom, to: plotTop)
        let first = report.input.firstDate.day
        var allDays = [first, first + fit.dayCount - 1]
        switch options.marker {
        case .at(let d): allDays.append(d.day)
        case .change(let from, let to): allDays += [from.day, to.day]
        case nil: break
        }
        let dates = C.DateScale(days: allDays, from: left + 8, to: right - 8)

        // Grid, axes and the zero line.
        C.dateFrame(
            &svg, y: y, dates: dates, left: left, right: right, top: plotTop, bottom: plotBottom,
            axisLabel: dates.singleYear ? "Date, \(dates.first.year)" : "Date")
        let leadLabel = "Lead (points)"
        svg.text(
            leadLabel, x: C.margin, y: plotTop - 12 - 14 * (labelRows - 1), size: 11, fill: "#444444", anchor: "start")

        // The band, then the mean line over it.
        var path = ""
        for t in days { path += (t == 0 ? "M" : " L") + C.f(dates.x(first + t)) + "," + C.f(y.x(upper[t])) }
        for t in days.reversed() { path += " L" + C.f(dates.x(first + t)) + "," + C.f(y.x(lower[t])) }
        svg.raw("<path d=\"\(path) Z\" fill=\"\(C.blue)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n")
        let points = days.map { C.f(dates.x(first + $0)) + "," + C.f(y.x(fit.mean[$0])) }.joined(separator: " ")
        svg.raw("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(C.blue)\" stroke-width=\"2\"/>\n")

        // The polls, largest dots first so the small ones stay visible on top.
        let largest = fit.weights.reduce(0.0) { max($0, abs($1)) }
        let order = polls.indices.sorted { i, j in
            let (wi, wj) = (abs(fit.weights[i]), abs(fit.weights[j]))
            return wi != wj ? wi > wj : i < j
        }
        for i in order {
            let r = radius(weight: fit.weights[i], largest: largest)
            svg.raw(
                "<circle cx=\"\(C.f(dates.x(first + polls[i].day)))\" cy=\"\(C.f(y.x(polls[i].lead)))\" r=\"\(C.f(max(r, 0.5)))\" fill=\"\(C.red)\" fill-opacity=\"0.45\" stroke=\"\(C.red)\" stroke-width=\"0.8\"/>\n"
            )
        }

        // The marked dates: dashed lines, labelled above the plot.
        var marks: [(PollDate, String, row: Double)] = []
        switch options.marker {
        case .at(let d): marks = [(d, d.description, 0)]
        case .change(let from, let to):
            marks = [(from, "from " + from.description, 1), (to, "to " + to.description, 0)]
        case nil: break
        }
        for (date, label, row) in marks {
            let x = dates.x(date.day)
            svg.raw(
                "<line x1=\"\(C.f(x))\" y1=\"\(C.f(plotTop))\" x2=\"\(C.f(x))\" y2=\"\(C.f(plotBottom))\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n"
            )
            let half = C.textWidth(label, size: 11, bold: true) / 2
            // Clear of the "Lead (points)" label at the top left.
            let leftmost = C.margin + C.textWidth(leadLabel, size: 11) + 6 + half
            svg.text(
                label, x: min(max(x, leftmost), C.width - C.margin - half), y: plotTop - 5 - 14 * row, size: 11,
                fill: "#333333", anchor: "middle", bold: true)
        }

        let what = report.predictive ? "average and \(pct)% predictive band" : "average and \(pct)% band"
        var items: [(C.LegendMark, String)] = [
            (.band(C.blue), what),
            (.dot(C.red, filled: true), "poll, area ∝ |weight| in last day’s average"),
        ]
        switch options.marker {
        case .at(let d): items.append((.dashed("#333333"), "the --at date, " + d.description))
        case .change: items.append((.dashed("#333333"), "the change’s days"))
        case nil: break
        }
        svg.legend(y: plotBottom + 62, from: left, items: items)
        return svg.finish(source: options.source, height: plotBottom + 92)
    }
}

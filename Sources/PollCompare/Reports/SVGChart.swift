/// Charts of a report's typed rows (``PollLead``, ``PollSwing`` and their ``PollTable``) as plain
/// SVG 1.1 (no scripts, no external fonts), 800 px wide, that browsers and code hosts render as
/// they are. Same input, same bytes.
///
/// - Leads, ``Chart/rows``: a dot-and-whisker chart, one row per poll, most recent at the top,
///   labelled by pollster and end date: the lead (A − B, points) as a dot, its interval as a
///   whisker; a poll without an interval is a hollow dot labelled with the reason (not a random
///   sample, or no published sample size).
/// - Leads, ``Chart/timeline``: leads over end date, each poll's interval a vertical whisker, a
///   zero line, and the date of a before–after comparison as a labelled vertical line.
/// - Swings: one row per pair of polls, labelled by both polls' pollsters and end dates: the
///   earlier lead (grey) and the later lead (blue), an arrow between them, and the swing written
///   beside it.
///
/// Labels never overlap each other or the chart's lines (grid lines, drawn light under
/// everything and marked `class="grid"`, excepted): every label is measured with
/// `textWidth(_:size:bold:)`, a conservative estimate, and placed or shortened to fit. A label
/// shortened at a word boundary ends in "…" and carries its whole text in a `<title>` element.
public enum SVGChart {
    /// Which chart of the leads.
    public enum Chart: String, CaseIterable, Sendable {
        /// One row per poll.
        case rows
        /// Leads over end date.
        case timeline
    }

    /// What a chart says around its data.
    public struct Options: Sendable {
        /// The chart's title.
        public var title: String
        /// The source line's text ("Source: …"); ``fileName(of:)`` gives a file's name.
        public var source: String
        /// At most this many polls or swings, the most recent; nil: at most
        /// ``defaultRowLimit`` in a rows chart, every poll in a timeline.
        public var limit: Int?
        /// The date of a before–after comparison, marked on a timeline.
        public var at: PollDate?

        /// Options with a title and a source line.
        public init(title: String, source: String, limit: Int? = nil, at: PollDate? = nil) {
            self.title = title
            self.source = source
            self.limit = limit
            self.at = at
        }
    }

    /// Rows drawn when no limit is given (rows charts only).
    public static let defaultRowLimit = 40

    static let width = 800.0
    static let rowHeight = 34.0
    /// Rows charts: the plot ends at `plotRight`; the label column is as wide as its widest label
    /// within these bounds, and the plot starts 12 px after it.
    static let plotRight = 760.0, labelColumn = (least: 140.0, most: 360.0)

    /// Where a rows chart's label column ends, for labels (lines of 12 px and of `subSize` px).
    static func labelRight(_ labels: [(main: String, sub: String)], subSize: Double) -> Double {
        let widest = labels.reduce(0.0) { max($0, textWidth($1.main, size: 12), textWidth($1.sub, size: subSize)) }
        return margin + min(max(widest, labelColumn.least), labelColumn.most).rounded(.up)
    }
    static let margin = 16.0

    // MARK: - Public charts

    /// The leads chart of `report` (``Chart/rows`` or ``Chart/timeline``).
    ///
    /// - Complexity: O(n log n) in the number of polls.
    public static func leads(_ report: PollReport, chart: Chart = .rows, options: Options) -> String {
        let a = report.analysis
        switch chart {
        case .rows:
            return leadRows(
                a.leads, table: a.table, confidence: report.confidence, description: report.title,
                options: options)
        case .timeline:
            return timeline(
                a.leads, table: a.table, confidence: report.confidence, description: report.title,
                options: options)
        }
    }

    /// The swings chart of `report`.
    ///
    /// - Complexity: O(n log n) in the number of swings.
    public static func swings(_ report: PollReport, options: Options) -> String {
        swingRows(
            report.analysis.swings, table: report.analysis.table, confidence: report.confidence,
            description: report.title, options: options)
    }

    /// The name a chart's source line gives a file: its last path component, never a folder
    /// ("data/polls.csv" gives "polls.csv"); "-" is "standard input".
    ///
    /// - Complexity: O(length).
    public static func fileName(of path: String) -> String {
        if path == "-" { return "standard input" }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if let slash = trimmed.lastIndex(of: "/"), trimmed.index(after: slash) < trimmed.endIndex {
            return String(trimmed[trimmed.index(after: slash)...])
        }
        return String(trimmed)
    }

    /// The rows to draw of `count` dated rows: all when there are at most `limit`, else the
    /// `limit` most recent by `date` (a missing date counts as the oldest; among equal dates the
    /// earlier row wins), in their original order; and the subtitle's note when some are left
    /// out ("The 40 most recent of 312 polls.").
    ///
    /// - Parameters:
    ///   - noun: what a row is, plural ("polls", "swings").
    /// - Complexity: O(count · log count).
    static func mostRecent(
        count: Int, limit: Int, noun: String, date: (Int) -> PollDate?
    ) -> (rows: [Int], note: String?) {
        precondition(limit >= 1, "a chart's limit is at least 1")
        guard count > limit else { return (Array(0..<count), nil) }
        let order = (0..<count).sorted { x, y in
            let dx = date(x)?.day ?? Int.min, dy = date(y)?.day ?? Int.min
            return dx != dy ? dx > dy : x < y
        }
        return (order.prefix(limit).sorted(), "The \(limit) most recent of \(count) \(noun).")
    }

    // MARK: - Leads, one row each

    static func leadRows(
        _ leads: [PollLead], table t: PollTable, confidence: ConfidenceLevel, description: String,
        options: Options
    ) -> String {
        let (chosen, note) = mostRecent(count: leads.count, limit: options.limit ?? defaultRowLimit, noun: "polls") {
            t.endDate[leads[$0].question]
        }
        // Most recent at the top; ties keep the file's order.
        let rows = chosen.map { leads[$0] }.enumerated().sorted { x, y in
            let dx = t.endDate[x.element.question]?.day ?? Int.min, dy = t.endDate[y.element.question]?.day ?? Int.min
            return dx != dy ? dx > dy : x.offset < y.offset
        }.map(\.element)
        let values =
            rows.flatMap { r -> [Double] in
                [r.leadPoints] + (r.interval.map { [$0.lower * 100, $0.upper * 100] } ?? [])
            } + [0]
        let labels = rows.map { row -> (main: String, sub: String) in
            let q = row.question
            let pollster = t.pollster[q].isEmpty ? "poll " + t.pollID[q] : t.pollster[q]
            return (
                pollster,
                (t.endDate[q]?.description ?? "no end date") + " · " + t.candidate[row.a] + " − " + t.candidate[row.b]
            )
        }
        let labelRight = labelRight(labels, subSize: 10), plotLeft = labelRight + 12
        let scale = Scale(values: values, from: plotLeft, to: plotRight)
        var svg = Canvas()
        let top = svg.header(
            title: options.title,
            subtitle: subtitle(description, confidence, [note]))
        let bottom = top + Double(max(rows.count, 1)) * rowHeight
        let zero = scale.x(0)
        svg.xAxis(scale, y0: top - 8, y1: bottom, label: "Lead (percentage points)")
        for (k, row) in rows.enumerated() {
            let y = top + (Double(k) + 0.5) * rowHeight
            svg.rowLabel(
                (labels[k].main, labels[k].main), (labels[k].sub, labels[k].sub), prominent: false, y: y,
                right: labelRight)
            var local = Obstacles(plotLeft: plotLeft, vertical: [(zero, top - 8, bottom)])
            let x = scale.x(row.leadPoints)
            if let i = row.interval {
                let (lo, hi) = (scale.x(i.lower * 100), scale.x(i.upper * 100))
                svg.line(lo, y, hi, y, stroke: blue, width: 2)
                svg.line(lo, y - 6, lo, y + 6, stroke: blue, width: 2)
                svg.line(hi, y - 6, hi, y + 6, stroke: blue, width: 2)
                svg.circle(x, y, r: 5, fill: blue, stroke: blue)
                local.boxes.append(Box(x0: lo - 1, y0: y - 6, x1: hi + 1, y1: y + 6))
            } else {
                svg.circle(x, y, r: 5, fill: "white", stroke: red)
                local.boxes.append(Box(x0: x - 6, y0: y - 6, x1: x + 6, y1: y + 6))
            }
            // The value above the dot, moved off the zero line when it would cross it.
            let value = NumberText.fixed(row.leadPoints, digits: 1, signed: true)
            if let placed = place(value, size: 10, baseline: y - 9, near: x, zero: zero, obstacles: local) {
                svg.text(placed.text, x: placed.x, y: y - 9, size: 10, fill: "#333333", anchor: placed.anchor)
                local.boxes.append(placed.box)
            }
            if row.interval == nil {
                let reason =
                    row.basis == .notRandomSample
                    ? "no interval: not a random sample"
                    : row.basis == .unknownSampleSize
                        ? "no interval: sample size not published"
                        : "no interval"
                if let placed = place(
                    reason, short: "no interval", size: 11, baseline: y + 4, beside: x, gap: 9,
                    zero: zero, obstacles: local)
                {
                    svg.text(
                        placed.text, x: placed.x, y: y + 4, size: 11, fill: red, anchor: placed.anchor,
                        full: placed.text == reason ? nil : reason)
                }
            }
        }
        svg.legend(
            y: bottom + 56, from: plotLeft,
            items: [
                (.dot(blue, filled: true), "lead with its \(confidence.percentText)% interval"),
                (.dot(red, filled: false), "lead without an interval"),
            ])
        return svg.finish(source: options.source, height: bottom + 92)
    }

    // MARK: - Swings, one row each

    static func swingRows(
        _ swings: [PollSwing], table t: PollTable, confidence: ConfidenceLevel, description: String,
        options: Options
    ) -> String {
        let (chosen, note) = mostRecent(count: swings.count, limit: options.limit ?? defaultRowLimit, noun: "swings") {
            t.endDate[swings[$0].after]
        }
        let rows = chosen.map { swings[$0] }
        let values =
            rows.flatMap { r -> [Double] in
                [
                    Percent.difference(r.estimate.before.shareA, r.estimate.before.shareB),
                    Percent.difference(r.estimate.after.shareA, r.estimate.after.shareB),
                ]
            } + [0]
        func names(_ x: Int, _ y: Int) -> String {
            t.candidate[x] == t.candidate[y] ? t.candidate[x] : t.candidate[x] + "/" + t.candidate[y]
        }
        let candidates = rows.map {
            names($0.beforeCandidates.a, $0.afterCandidates.a) + " − "
                + names($0.beforeCandidates.b, $0.afterCandidates.b)
        }
        let whole = rows.enumerated().map { k, r in
            swingLabel(t, r.before, r.after, candidates: candidates[k], room: .infinity)
        }
        let labelRight = labelRight(whole.map { ($0.main.full, $0.prominent ? $0.sub.full : "") }, subSize: 12)
        let plotLeft = labelRight + 12
        let scale = Scale(values: values, from: plotLeft, to: plotRight)
        var svg = Canvas()
        let top = svg.header(title: options.title, subtitle: subtitle(description, confidence, [note]))
        let bottom = top + Double(max(rows.count, 1)) * rowHeight
        let zero = scale.x(0)
        svg.xAxis(scale, y0: top - 8, y1: bottom, label: "Lead (percentage points)")
        if rows.isEmpty,
            let placed = place(
                "No group has two polls, so there is no swing.", shorter: ["No swings."], size: 12,
                baseline: top + rowHeight / 2 + 4, near: (plotLeft + plotRight) / 2, zero: zero,
                obstacles: Obstacles(plotLeft: plotLeft, vertical: [(zero, top - 8, bottom)]))
        {
            svg.text(placed.text, x: placed.x, y: top + rowHeight / 2 + 4, size: 12, fill: "#555555", anchor: "middle")
        }
        svg.raw(
            "<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#333333\"/></marker></defs>\n"
        )
        for (k, row) in rows.enumerated() {
            let y = top + (Double(k) + 0.5) * rowHeight
            let label = swingLabel(t, row.before, row.after, candidates: candidates[k], room: labelRight - margin)
            svg.rowLabel(label.main, label.sub, prominent: label.prominent, y: y, right: labelRight)
            let e = row.estimate
            let (xb, xa) = (
                scale.x(Percent.difference(e.before.shareA, e.before.shareB)),
                scale.x(Percent.difference(e.after.shareA, e.after.shareB))
            )
            if abs(xa - xb) > 9 {
                svg.raw(
                    "<line x1=\"\(f(xb))\" y1=\"\(f(y))\" x2=\"\(f(xa + (xa > xb ? -7 : 7)))\" y2=\"\(f(y))\" stroke=\"#333333\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"
                )
            }
            svg.circle(xb, y, r: 5, fill: "#9e9e9e", stroke: "#616161")
            svg.circle(xa, y, r: 5, fill: blue, stroke: blue)
            var local = Obstacles(plotLeft: plotLeft, vertical: [(zero, top - 8, bottom)])
            local.boxes.append(Box(x0: min(xa, xb) - 7, y0: y - 7, x1: max(xa, xb) + 7, y1: y + 7))
            let swing = "swing " + NumberText.fixed(row.swingPoints, digits: 1, signed: true)
            var note = swing
            var shorter = [swing]
            if row.allowsInterval, let moe = e.marginOfError {
                note += " ± " + NumberText.fixed(moe * 100, digits: 1)
            } else {
                // The break-even n answers a question between random samples only: never for a
                // straw or opt-in poll, nor for two questions of one poll.
                switch row.basis {
                case .notRandomSample: note += " (not a random sample: no margin of error)"
                case .sameRespondents: note += " (same respondents: no margin of error)"
                case .unknownSampleSize:
                    note +=
                        row.breakEvenSampleSize.map {
                            " (no margin; significant from n = " + NumberText.roundTrip($0) + " each)"
                        }
                        ?? " (no margin of error)"
                default: note += " (no margin of error)"
                }
                shorter = [swing + " (no margin)", swing]
            }
            if let placed = place(
                note, shorter: shorter, size: 11, baseline: y - 10, near: (xa + xb) / 2, zero: zero,
                obstacles: local)
            {
                svg.text(
                    placed.text, x: placed.x, y: y - 10, size: 11, fill: "#333333", anchor: placed.anchor,
                    full: placed.text == note ? nil : note)
            }
        }
        svg.legend(
            y: bottom + 56, from: plotLeft,
            items: [(.dot("#9e9e9e", filled: true), "earlier lead"), (.dot(blue, filled: true), "later lead")])
        return svg.finish(source: options.source, height: bottom + 92)
    }

    /// The label of a swing's row: "Siena/NYT 2024-07-02 → 2024-07-24" (and the candidates
    /// below) when one pollster made both polls; otherwise one poll a line, "Teamsters town halls
    /// 2024-07-03 →" over "Lake Research Partners 2024-09-15". Pollster names are shortened (at
    /// a word boundary) so that each line, dates whole, fits the label column.
    static func swingLabel(
        _ t: PollTable, _ p: Int, _ q: Int, candidates: String, room: Double
    )
        -> (main: (shown: String, full: String), sub: (shown: String, full: String), prominent: Bool)
    {
        func name(_ i: Int) -> String { t.pollster[i].isEmpty ? "poll " + t.pollID[i] : t.pollster[i] }
        func date(_ i: Int) -> String { t.endDate[i]?.description ?? "(no date)" }
        if name(p) == name(q) {
            return (
                fitted(name(p), " " + date(p) + " → " + date(q), size: 12, room: room), (candidates, candidates), false
            )
        }
        return (
            fitted(name(p), " " + date(p) + " →", size: 12, room: room),
            fitted(name(q), " " + date(q), size: 12, room: room), true
        )
    }

    /// `name + suffix`, with `name` shortened so that the whole fits in `room` pixels.
    static func fitted(_ name: String, _ suffix: String, size: Double, room: Double) -> (shown: String, full: String) {
        let full = name + suffix
        if textWidth(full, size: size) <= room { return (full, full) }
        return (shortened(name, toWidth: max(0, room - textWidth(suffix, size: size)), size: size) + suffix, full)
    }

    // MARK: - Leads over time

    static func timeline(
        _ leads: [PollLead], table t: PollTable, confidence: ConfidenceLevel, description: String,
        options: Options
    ) -> String {
        let dated = leads.filter { t.endDate[$0.question] != nil }
        let undated = leads.count - dated.count
        let (chosen, note) = mostRecent(count: dated.count, limit: options.limit ?? Int.max, noun: "polls") {
            t.endDate[dated[$0].question]
        }
        let points = chosen.map { dated[$0] }
        var notes = [note]
        if undated > 0 {
            notes.append(
                undated == 1
                    ? "1 poll without an end date is not drawn." : "\(undated) polls without an end date are not drawn."
            )
        }
        var svg = Canvas()
        let header = svg.header(title: options.title, subtitle: subtitle(description, confidence, notes))
        let (left, right) = (58.0, width - 24)
        let plotTop = header + 14, plotBottom = plotTop + 340
        let values =
            points.flatMap { r -> [Double] in
                [r.leadPoints] + (r.interval.map { [$0.lower * 100, $0.upper * 100] } ?? [])
            } + [0]
        let y = Scale(values: values, from: plotBottom, to: plotTop)
        var days = points.map { t.endDate[$0.question]!.day }
        if let at = options.at { days.append(at.day) }
        let dates = DateScale(days: days, from: left + 8, to: right - 8)
        dateFrame(
            &svg, y: y, dates: dates, left: left, right: right, top: plotTop, bottom: plotBottom,
            axisLabel: dates.axisLabel)
        if let at = options.at {
            let x = dates.x(at.day)
            svg.raw(
                "<line x1=\"\(f(x))\" y1=\"\(f(plotTop))\" x2=\"\(f(x))\" y2=\"\(f(plotBottom))\" stroke=\"\(red)\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n"
            )
            let label = at.description
            let half = textWidth(label, size: 11) / 2
            svg.text(
                label, x: min(max(x, margin + half), width - margin - half), y: plotTop - 5, size: 11, fill: red,
                anchor: "middle", bold: true)
        }
        // Earlier polls first, so the most recent are drawn on top.
        let ordered = points.enumerated().sorted { a, b in
            let da = t.endDate[a.element.question]!.day, db = t.endDate[b.element.question]!.day
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
        for p in ordered {
            let x = dates.x(t.endDate[p.question]!.day)
            if let i = p.interval {
                svg.raw(
                    "<line x1=\"\(f(x))\" y1=\"\(f(y.x(i.lower * 100)))\" x2=\"\(f(x))\" y2=\"\(f(y.x(i.upper * 100)))\" stroke=\"\(blue)\" stroke-width=\"1.5\" stroke-opacity=\"0.45\"/>\n"
                )
                svg.circle(x, y.x(p.leadPoints), r: 3, fill: blue, stroke: blue, width: 1)
            } else {
                svg.circle(x, y.x(p.leadPoints), r: 3.5, fill: "white", stroke: red, width: 1.5)
            }
        }
        var items: [(LegendMark, String)] = [
            (.whisker(blue), "lead with its \(confidence.percentText)% interval"),
            (.dot(red, filled: false), "lead without an interval"),
        ]
        if let at = options.at {
            items.append((.dashed(red), "the date of the before–after comparison, " + at.description))
        }
        svg.legend(y: plotBottom + 62, from: left, items: items)
        return svg.finish(source: options.source, height: plotBottom + 92)
    }

    /// A date axis: days to x pixels, with ticks at whole days, weeks (Mondays), months or years,
    /// the finest whose labels fit side by side.
    struct DateScale {
        let lo: Double, hi: Double, x0: Double, x1: Double
        let first: (year: Int, month: Int, day: Int), last: (year: Int, month: Int, day: Int)

        init(days: [Int], from x0: Double, to x1: Double) {
            var lo = Double(days.min() ?? 0), hi = Double(days.max() ?? 0)
            if hi - lo < 6 { lo -= 3; hi += 3 }
            let pad = max(1, (hi - lo) * 0.02)
            (self.lo, self.hi, self.x0, self.x1) = (lo - pad, hi + pad, x0, x1)
            first = PollDate(day: Int((lo - pad).rounded(.up))).civil
            last = PollDate(day: Int((hi + pad).rounded(.down))).civil
        }

        func x(_ day: Int) -> Double { x0 + (Double(day) - lo) / (hi - lo) * (x1 - x0) }

        var singleYear: Bool { first.year == last.year }

        /// "End date", with the year when every tick falls in one.
        var axisLabel: String { singleYear ? "End date, \(first.year)" : "End date" }

        static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

        /// The ticks of the finest step whose labels (11 px, measured conservatively) leave at
        /// least 10 px between neighbours; at least two ticks where the range allows.
        ///
        /// - Complexity: O(ticks) per step tried; a dozen steps.
        func ticks() -> [(day: Int, label: String)] {
            let steps: [Step] = [
                .days(1), .days(2), .weeks(1), .weeks(2), .months(1), .months(2), .months(3), .months(6),
                .years(1), .years(2), .years(5), .years(10), .years(25), .years(50), .years(100),
            ]
            var best: [(day: Int, label: String)] = []
            for step in steps {
                let ticks = self.ticks(step)
                if ticks.count > 200 { continue }
                if fit(ticks) { return ticks }
                best = ticks
            }
            return Array(best.prefix(1))
        }

        enum Step { case days(Int), weeks(Int), months(Int), years(Int) }

        func ticks(_ step: Step) -> [(day: Int, label: String)] {
            let lowDay = Int(lo.rounded(.up)), highDay = Int(hi.rounded(.down))
            var out: [(Int, String)] = []
            var previousYear: Int?
            func label(_ day: Int, monthly: Bool) -> String {
                let c = PollDate(day: day).civil
                var s = monthly ? Self.months[c.month - 1] : Self.months[c.month - 1] + " " + String(c.day)
                if !singleYear && (previousYear != c.year || monthly && c.month == 1) { s += " " + String(c.year) }
                previousYear = c.year
                return s
            }
            switch step {
            case .days(let n), .weeks(let n):
                let every = if case .weeks = step { 7 * n } else { n }
                // Weeks start on Mondays (1970-01-05 was a Monday).
                let origin = if case .weeks = step { 4 } else { 0 }
                var day = lowDay + ((origin - lowDay) % every + every) % every
                while day <= highDay && out.count <= 200 {
                    out.append((day, label(day, monthly: false)))
                    day += every
                }
            case .months(let n):
                var (y, m) = (first.year, first.month)
                while true {
                    let day = PollDate.daysFromCivil(y, m, 1)
                    if day > highDay || out.count > 200 { break }
                    if day >= lowDay && (m - 1) % n == 0 { out.append((day, label(day, monthly: true))) }
                    m += 1
                    if m > 12 { (y, m) = (y + 1, 1) }
                }
            case .years(let n):
                var y = first.year
                while out.count <= 200 {
                    let day = PollDate.daysFromCivil(y, 1, 1)
                    if day > highDay { break }
                    if day >= lowDay && y % n == 0 { out.append((day, String(y))) }
                    y += 1
                }
            }
            return out
        }

        /// Whether the labels fit between their neighbours and inside the chart.
        func fit(_ ticks: [(day: Int, label: String)]) -> Bool {
            if ticks.count < 2 { return false }
            for (k, tick) in ticks.enumerated() {
                let half = textWidth(tick.label, size: 11) / 2
                let x = self.x(tick.day)
                if x - half < margin / 2 || x + half > SVGChart.width - margin / 2 { return false }
                if k > 0 {
                    let previous = ticks[k - 1]
                    let gap = (x - half) - (self.x(previous.day) + textWidth(previous.label, size: 11) / 2)
                    if gap < 10 { return false }
                }
            }
            return true
        }
    }

    // MARK: - Text measure and placement

    /// A conservative estimate of the width in pixels of `s` at `size` px, wider than Helvetica,
    /// Arial and DejaVu Sans set it: per character 0.62 × size (0.36 for narrow letters and
    /// punctuation "il.,:;!|' ", 0.8 for capitals, 1.0 for "mwMW" and characters beyond Latin,
    /// Greek and Cyrillic), × 1.1 in bold.
    ///
    /// - Complexity: O(length).
    static func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for c in s.unicodeScalars {
            switch c {
            case "m", "w", "M", "W": em += 1.0
            case "i", "l", "j", "I", ".", ",", ":", ";", "!", "|", "'", " ", "(", ")", "[", "]": em += 0.36
            case "A"..."Z": em += 0.8
            default:
                em +=
                    c.value >= 0x2000 && c.value != 0x2212 && c.value != 0x2013 && c.value != 0x2192
                        && c.value != 0x2026 ? 1.0 : 0.62
            }
        }
        return em * size * (bold ? 1.1 : 1)
    }

    /// `s` if it fits in `maxWidth` pixels at `size`, else its longest beginning that ends at a
    /// word boundary (before a space; trailing punctuation dropped) and fits with "…" after it;
    /// a first word too long for the room is cut within it. "…" alone when nothing fits.
    ///
    /// Example: "Fairleigh Dickinson University PublicMind" in 150 px at 12 px gives
    /// "Fairleigh Dickinson…".
    ///
    /// - Complexity: O(length).
    static func shortened(_ s: String, toWidth maxWidth: Double, size: Double, bold: Bool = false) -> String {
        if textWidth(s, size: size, bold: bold) <= maxWidth { return s }
        let room = maxWidth - textWidth("…", size: size, bold: bold)
        var width = 0.0
        var fitted = s.startIndex // the end of the longest beginning that fits
        var wordEnd: String.Index? // the last space within it (a word boundary)
        var i = s.startIndex
        while i < s.endIndex {
            let w = textWidth(String(s[i]), size: size, bold: bold)
            if width + w > room { break }
            width += w
            if s[i] == " " && i > s.startIndex { wordEnd = i }
            i = s.index(after: i)
            fitted = i
        }
        if fitted < s.endIndex && s[fitted] == " " && fitted > s.startIndex { wordEnd = fitted }
        var cut = String(s[..<(wordEnd ?? fitted)])
        // No dangling "&", "/", "-" or comma before the ellipsis.
        while let last = cut.last, !(last.isLetter || last.isNumber || last == ")" || last == "]") {
            cut.removeLast()
        }
        return cut + "…"
    }

    /// An axis-aligned box, in pixels (y grows downwards).
    struct Box: Equatable {
        var x0, y0, x1, y1: Double
        func overlaps(_ b: Box) -> Bool { x0 < b.x1 && b.x0 < x1 && y0 < b.y1 && b.y0 < y1 }

        /// The box of text set at (x, baseline) with `anchor`: from 0.8 × size above the baseline
        /// to 0.25 × size below it, as wide as ``textWidth(_:size:bold:)``.
        init(text: String, x: Double, baseline: Double, size: Double, anchor: String, bold: Bool = false) {
            let w = textWidth(text, size: size, bold: bold)
            let left = anchor == "start" ? x : anchor == "end" ? x - w : x - w / 2
            self.init(x0: left, y0: baseline - 0.8 * size, x1: left + w, y1: baseline + 0.25 * size)
        }

        init(x0: Double, y0: Double, x1: Double, y1: Double) {
            (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1)
        }
    }

    /// What a label in one row must not touch: boxes (marks, other labels) and vertical lines.
    struct Obstacles {
        let plotLeft: Double
        var boxes: [Box] = []
        var vertical: [(x: Double, y0: Double, y1: Double)]

        func allow(_ b: Box) -> Bool {
            guard b.x0 >= plotLeft - 2 && b.x1 <= width - margin / 2 else { return false }
            for o in boxes where o.overlaps(b) { return false }
            for v in vertical where b.x0 - 2 < v.x && v.x < b.x1 + 2 && b.y0 < v.y1 && v.y0 < b.y1 { return false }
            return true
        }
    }

    struct Placed {
        let text: String, x: Double, anchor: String, box: Box
    }

    /// A label centred above `near`, or moved to one side of the zero line, or kept inside the
    /// plot; the `shorter` texts are tried the same way, in order, when the whole text fits nowhere.
    static func place(
        _ text: String, shorter: [String] = [], size: Double, baseline: Double, near: Double, zero: Double,
        obstacles: Obstacles
    ) -> Placed? {
        for s in [text] + shorter {
            let half = textWidth(s, size: size) / 2
            let inside = min(max(near, obstacles.plotLeft + half), plotRight + 20 - half)
            let towards = near >= zero ? zero + half + 4 : zero - half - 4
            let away = near >= zero ? zero - half - 4 : zero + half + 4
            for x in [near, inside, towards, max(towards, inside), away] {
                let b = Box(text: s, x: x, baseline: baseline, size: size, anchor: "middle")
                if obstacles.allow(b) { return Placed(text: s, x: x, anchor: "middle", box: b) }
            }
        }
        return nil
    }

    /// A label beside a mark at `beside`: right of it, left of it, or either side of the zero line.
    static func place(
        _ text: String, short: String, size: Double, baseline: Double, beside: Double, gap: Double,
        zero: Double, obstacles: Obstacles
    ) -> Placed? {
        for s in [text, short] {
            for (x, anchor) in [(beside + gap, "start"), (beside - gap, "end"), (zero + 5, "start"), (zero - 5, "end")]
            {
                let b = Box(text: s, x: x, baseline: baseline, size: size, anchor: anchor)
                if obstacles.allow(b) { return Placed(text: s, x: x, anchor: anchor, box: b) }
            }
        }
        return nil
    }

    // MARK: - Pieces

    static let blue = "#1f4e79", red = "#b03a2e"

    /// The subtitle: what the leads are, the confidence level ("95% intervals.") and notes.
    static func subtitle(_ description: String, _ confidence: ConfidenceLevel, _ notes: [String?]) -> String {
        ([description, "\(confidence.percentText)% intervals."] + notes.compactMap { $0 }).joined(separator: " ")
    }

    /// Words of `s` in lines at most `maxWidth` wide; the last of at most `lines` takes the rest
    /// (the caller shortens it).
    ///
    /// - Complexity: O(length).
    static func wrapped(_ s: String, toWidth maxWidth: Double, size: Double, lines: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || out.count + 1 >= lines || textWidth(candidate, size: size) <= maxWidth {
                current = candidate
            } else {
                out.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The smallest of 1, 2, 2.5 or 5 × 10ᵏ at least `raw` (a histogram's bin width; without 2.5
    /// when `quarters` is false, for axis ticks).
    static func niceStep(_ raw: Double, quarters: Bool = true) -> Double {
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        return (quarters ? [1.0, 2, 2.5, 5, 10] : [1.0, 2, 5, 10]).map { $0 * magnitude }.first { $0 >= raw } ?? 10
            * magnitude
    }

    /// A linear scale from data values to pixels, padded, with "nice" ticks (1, 2, 5 × 10ᵏ).
    struct Scale {
        let lo: Double, hi: Double, x0: Double, x1: Double, step: Double
        init(values: [Double], from x0: Double, to x1: Double) {
            var lo = values.min() ?? -1, hi = values.max() ?? 1
            if hi - lo < 1e-9 { lo -= 1; hi += 1 }
            // A margin of 4% so no dot sits on the frame.
            let pad = 0.04 * (hi - lo)
            lo -= pad
            hi += pad
            let step = SVGChart.niceStep((hi - lo) / 6, quarters: false)
            self.lo = (lo / step).rounded(.down) * step
            self.hi = (hi / step).rounded(.up) * step
            self.x0 = x0
            self.x1 = x1
            self.step = step
        }
        func x(_ v: Double) -> Double { x0 + (v - lo) / (hi - lo) * (x1 - x0) }
        var ticks: [Double] {
            var out: [Double] = []
            var v = lo
            while v <= hi + step / 2 { out.append(abs(v) < step / 1000 ? 0 : v); v += step }
            return out
        }
    }

    /// A coordinate with one decimal, ASCII minus.
    static func f(_ v: Double) -> String { NumberText.roundTrip((v * 10).rounded() / 10 + 0) }

    /// Text as XML 1.0 character data: the markup characters as entities, and every character
    /// XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return; U+FFFE,
    /// U+FFFF; lone surrogates cannot occur in a Swift string) as U+FFFD, the replacement
    /// character, so any name yields a document that parses. Tab, line feed and carriage return
    /// become spaces: a label is one line.
    ///
    /// - Complexity: O(length).
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A mark in the legend.
    enum LegendMark {
        case dot(String, filled: Bool)
        case whisker(String)
        case dashed(String)
        /// A shaded band with its line through it (a mean and its interval).
        case band(String)
    }

    /// The frame of a chart over dates: grid lines at the lead and date ticks, the tick labels,
    /// the date axis with `axisLabel` under it, and the zero line (shared by the timeline and the
    /// polling average).
    static func dateFrame(
        _ svg: inout Canvas, y: Scale, dates: DateScale, left: Double, right: Double,
        top: Double, bottom: Double, axisLabel: String
    ) {
        for tick in y.ticks where abs(tick) >= y.step / 1000 {
            svg.line(left, y.x(tick), right, y.x(tick), stroke: "#e6e6e6", width: 1, grid: true)
        }
        let ticks = dates.ticks()
        for tick in ticks {
            svg.line(dates.x(tick.day), top, dates.x(tick.day), bottom, stroke: "#e6e6e6", width: 1, grid: true)
        }
        for tick in y.ticks {
            svg.text(
                NumberText.fixed(tick, digits: y.step < 1 ? 1 : 0, signed: tick != 0), x: left - 6, y: y.x(tick) + 4,
                size: 11, fill: "#444444", anchor: "end")
        }
        for tick in ticks {
            svg.line(dates.x(tick.day), bottom, dates.x(tick.day), bottom + 4, stroke: "#444444", width: 1)
            svg.text(tick.label, x: dates.x(tick.day), y: bottom + 17, size: 11, fill: "#444444", anchor: "middle")
        }
        svg.line(left, bottom, right, bottom, stroke: "#444444", width: 1)
        svg.line(left, y.x(0), right, y.x(0), stroke: "#444444", width: 1.5)
        svg.text(axisLabel, x: (left + right) / 2, y: bottom + 36, size: 12, fill: "#222222", anchor: "middle")
    }

    /// The SVG being written, top to bottom, with the rows' label column.
    struct Canvas {
        var body = ""

        /// The title and subtitle (wrapped to two lines); returns where the plot may start.
        mutating func header(title: String, subtitle: String) -> Double {
            let room = width - 2 * margin
            text(
                shortened(title, toWidth: room, size: 17, bold: true), x: margin, y: 24, size: 17, fill: "#111111",
                anchor: "start", bold: true, full: title)
            let lines = wrapped(subtitle, toWidth: room, size: 12, lines: 2)
            for (k, line) in lines.enumerated() {
                text(
                    shortened(line, toWidth: room, size: 12), x: margin, y: 43 + 16 * Double(k), size: 12,
                    fill: "#555555",
                    anchor: "start", full: k == lines.count - 1 ? (lines.count > 1 ? subtitle : line) : nil)
            }
            return 64 + 16 * Double(max(lines.count, 1) - 1)
        }

        mutating func raw(_ s: String) { body += s }

        /// A row's label, right-aligned in the label column: the main line (12 px) over the sub
        /// line (10 px and grey, or `prominent`: 12 px and dark), each shortened to the column
        /// with its whole text in a `<title>`.
        mutating func rowLabel(
            _ main: (shown: String, full: String), _ sub: (shown: String, full: String),
            prominent: Bool, y: Double, right labelRight: Double
        ) {
            let room = labelRight - margin
            let shown = shortened(main.shown, toWidth: room, size: 12)
            text(shown, x: labelRight, y: y - 2, size: 12, fill: "#111111", anchor: "end", full: main.full)
            let subSize = prominent ? 12.0 : 10
            let subShown = shortened(sub.shown, toWidth: room, size: subSize)
            text(
                subShown, x: labelRight, y: prominent ? y + 13 : y + 12, size: subSize,
                fill: prominent ? "#111111" : "#666666",
                anchor: "end", full: sub.full)
        }

        /// Vertical grid lines and tick labels at the scale's ticks, the zero line dark.
        mutating func xAxis(_ s: Scale, y0: Double, y1: Double, label: String) {
            for tick in s.ticks {
                let x = s.x(tick)
                let zero = tick == 0
                line(x, y0, x, y1, stroke: zero ? "#444444" : "#e0e0e0", width: zero ? 1.5 : 1, grid: !zero)
                text(
                    NumberText.fixed(tick, digits: s.step < 1 ? 1 : 0, signed: tick != 0), x: x, y: y1 + 16,
                    size: 11, fill: "#444444", anchor: "middle")
            }
            text(label, x: (s.x0 + s.x1) / 2, y: y1 + 34, size: 12, fill: "#222222", anchor: "middle")
        }

        mutating func legend(y: Double, from start: Double, items: [(LegendMark, String)]) {
            var x = start
            // Start further left when the items would run past the right edge.
            let total = items.reduce(0.0) { $0 + 40 + textWidth($1.1, size: 11) }
            if x + total > width - margin { x = max(margin, width - margin - total) }
            for (mark, label) in items {
                switch mark {
                case .dot(let color, let filled):
                    circle(x + 5, y - 4, r: 5, fill: filled ? color : "white", stroke: color)
                case .whisker(let color):
                    line(x + 5, y - 11, x + 5, y + 3, stroke: color, width: 1.5)
                    circle(x + 5, y - 4, r: 3, fill: color, stroke: color, width: 1)
                case .dashed(let color):
                    raw(
                        "<line x1=\"\(f(x + 5))\" y1=\"\(f(y - 12))\" x2=\"\(f(x + 5))\" y2=\"\(f(y + 3))\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n"
                    )
                case .band(let color):
                    raw(
                        "<rect x=\"\(f(x - 2))\" y=\"\(f(y - 10))\" width=\"14\" height=\"12\" fill=\"\(color)\" fill-opacity=\"0.18\"/>\n"
                    )
                    raw(
                        "<polyline points=\"\(f(x - 2)),\(f(y - 4)) \(f(x + 12)),\(f(y - 4))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
                    )
                }
                text(label, x: x + 16, y: y, size: 11, fill: "#333333", anchor: "start")
                x += 40 + textWidth(label, size: 11)
            }
        }

        /// The source line and the closing tag.
        mutating func finish(source: String, height: Double) -> String {
            let line = "Source: " + source + ". Chart: PollCompare."
            let shown = shortened(line, toWidth: width - 2 * margin, size: 10)
            text(
                shown, x: margin, y: height - 10, size: 10, fill: "#777777", anchor: "start",
                full: shown == line ? nil : line)
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + body + "</svg>\n"
        }

        mutating func line(
            _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double,
            grid: Bool = false
        ) {
            body +=
                "<line\(grid ? " class=\"grid\"" : "") x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"/>\n"
        }

        mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String, width: Double = 1.5) {
            body +=
                "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"/>\n"
        }

        /// A text element; `full`, when it differs from the text shown, goes in its `<title>`.
        mutating func text(
            _ s: String, x: Double, y: Double, size: Double, fill: String, anchor: String,
            bold: Bool = false, full: String? = nil
        ) {
            let title = full.flatMap { $0 == s ? nil : "<title>" + escape($0) + "</title>" } ?? ""
            body +=
                "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" fill=\"\(fill)\" text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"bold\"" : "")>\(title)\(escape(s))</text>\n"
        }
    }
}

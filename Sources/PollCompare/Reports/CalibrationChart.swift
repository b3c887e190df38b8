import PollNumerics

/// The chart of a calibration (`pollcmp calibrate --format svg`) as plain SVG 1.1 in the style of
/// ``SVGChart``: 800 px wide, no scripts, same input, same bytes.
///
/// A histogram of the errors e_i (points) of the whole selection, as a density (the share of polls
/// per point of error, so its area is 1), against the sampling-only normal curve
/// N(0, srs_rmse²): where the errors would fall if polls erred by sampling alone. The subtitle
/// gives rmse, the sampling RMSE, their ratio and the coverage of the stated interval; the x range
/// covers the errors up to the 99th percentile of |e_i| (at least 4·srs_rmse), symmetric about
/// 0, and a note counts the polls beyond it.
public enum CalibrationChart {
    /// The chart of `report`'s `all` row.
    ///
    /// - Parameters:
    ///   - report: the calibration whose `all` row is drawn.
    ///   - title: the chart's title.
    ///   - source: the source line's text.
    /// - Complexity: O(N log N) for N polls (the percentile).
    public static func chart(_ report: CalibrationReport, title: String, source: String) -> String {
        typealias C = SVGChart
        let calibration = report.calibration
        let errors = calibration.polls.errors
        let all = calibration.rows[0].summary
        let sd = all.samplingRMSE
        // The range: the 99th percentile of |e| (or 4 sampling sds), rounded up to a nice half-width.
        let sorted = errors.map { abs($0) }.sorted()
        let p99 = sorted[min(sorted.count - 1, Int((0.99 * Double(sorted.count)).rounded(.up)) - 1)]
        let reach = max(p99, 4 * sd, 1)
        let width = SVGChart.niceStep(2 * reach / 40)
        let half = (reach / width).rounded(.up) * width
        let binCount = Int((2 * half / width).rounded())
        var counts = [Int](repeating: 0, count: binCount)
        var outside = 0
        for e in errors {
            guard abs(e) <= half else { outside += 1; continue }
            let k = min(binCount - 1, Int(((e + half) / width).rounded(.down)))
            counts[k] += 1
        }
        let n = Double(errors.count)
        let density = counts.map { Double($0) / (n * width) }
        let curveX = (0...200).map { -half + 2 * half * Double($0) / 200 }
        let curve = curveX.map { x in sd > 0 ? Normal.density(x / sd) / sd : 0 }

        let pct = calibration.options.confidence.percentText
        var facts = "\(CalibrationReport.count(all.polls)) polls. RMSE \(NumberText.fixed(all.rmse, digits: 1)) points"
        if let inflation = all.inflation {
            facts += ", \(NumberText.fixed(inflation, digits: 2))× the sampling-only \(NumberText.fixed(sd, digits: 1))"
        }
        facts +=
            "; the stated \(pct)% interval held the result \(NumberText.fixed(100 * all.coverage, digits: 0))% of the time."
        var notes: [String] = []
        if outside > 0 {
            notes.append("\(outside) poll(s) with errors beyond ±\(NumberText.roundTrip(half)) points not drawn.")
        }
        notes += calibration.notes
        let subtitle = ([facts] + notes).joined(separator: " ")

        var svg = C.Canvas()
        let top = svg.header(title: title, subtitle: subtitle) + 24
        let (left, right) = (64.0, C.width - 24)
        let bottom = top + 320
        let x = C.Scale(values: [-half * 0.96, half * 0.96], from: left, to: right)
        // The density axis starts at 0 and ends at a whole number of ticks above the highest bar
        // or curve point.
        let highest = max(density.max() ?? 0, curve.max() ?? 0, 1e-9)
        let step = SVGChart.niceStep(highest / 5, quarters: false)
        let ceiling = (highest / step).rounded(.up) * step
        func yOf(_ v: Double) -> Double { bottom - v / ceiling * (bottom - top) }
        var tick = step
        while tick <= ceiling + step / 2 {
            svg.line(left, yOf(tick), right, yOf(tick), stroke: "#e6e6e6", width: 1, grid: true)
            svg.text(
                NumberText.fixed(tick, digits: step < 0.01 ? 3 : step < 0.1 ? 2 : 1), x: left - 6, y: yOf(tick) + 4,
                size: 11,
                fill: "#444444", anchor: "end")
            tick += step
        }
        svg.text("Share of polls per point", x: C.margin, y: top - 14, size: 11, fill: "#444444", anchor: "start")
        for (k, d) in density.enumerated() where d > 0 {
            let x0 = x.x(-half + Double(k) * width), x1 = x.x(-half + Double(k + 1) * width)
            svg.raw(
                "<rect x=\"\(C.f(x0))\" y=\"\(C.f(yOf(d)))\" width=\"\(C.f(max(x1 - x0 - 1, 0.5)))\" height=\"\(C.f(bottom - yOf(d)))\" fill=\"\(C.blue)\" fill-opacity=\"0.55\"/>\n"
            )
        }
        if sd > 0 {
            let points = zip(curveX, curve).map { C.f(x.x($0)) + "," + C.f(yOf($1)) }.joined(separator: " ")
            svg.raw(
                "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(C.red)\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n"
            )
        }
        svg.xAxis(x, y0: top, y1: bottom, label: "Error of the poll's lead: poll − result (points)")
        svg.line(left, bottom, right, bottom, stroke: "#444444", width: 1)
        svg.legend(
            y: bottom + 62, from: left,
            items: [
                (.band(C.blue), "polls’ errors"),
                (.dashed(C.red), "sampling error alone, N(0, \(NumberText.fixed(sd, digits: 1))²)"),
            ])
        return svg.finish(source: source, height: bottom + 92)
    }
}

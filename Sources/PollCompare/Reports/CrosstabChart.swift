/// A bar chart of a ``Crosstab``: one horizontal bar per answer and group (the share, points)
/// with a whisker for its interval; groups in blocks, the whole sample first. Shares without an
/// interval (0 or 100 in a group, or too few degrees of freedom) have a bar and no whisker.
public enum CrosstabChart {
    /// The SVG document.
    ///
    /// - Parameters:
    ///   - x: the crosstab.
    ///   - title: the chart's title.
    ///   - source: the input's name, for the source line.
    /// - Complexity: O(cells).
    public static func chart(_ x: Crosstab, title: String, source: String) -> String {
        typealias C = SVGChart
        var svg = C.Canvas()
        let subtitle =
            "Weighted share of each answer (points) with its \(x.level.percentText)% \(x.method.rawValue) interval (whiskers)."
        let top = svg.header(title: title, subtitle: subtitle) + 10
        let c = x.categories.count
        let rowHeight = 18.0, gap = 12.0
        let labelRight = 250.0, plotLeft = labelRight + 12, plotRight = C.width - C.margin - 10
        let highest = x.cells.map { $0.upper ?? $0.share }.max() ?? 1
        let scale = C.Scale(values: [0, 100 * highest], from: plotLeft, to: plotRight)
        var y = top
        let blue = "#1f5fa8"
        var rows: [(y: Double, cell: Crosstab.Cell)] = []
        for g in x.groups.indices {
            let group = x.groups[g]
            let name = group.by.map { "\($0) = \(group.value!)" } ?? "All respondents"
            svg.text(
                C.shortened(name, toWidth: labelRight - C.margin, size: 12, bold: true), x: C.margin, y: y + 12,
                size: 12, fill: "#111111", anchor: "start", bold: true, full: name)
            y += rowHeight
            for k in 0..<c {
                rows.append((y, x.cells[g * c + k]))
                y += rowHeight
            }
            y += gap
        }
        let bottom = y
        svg.xAxis(scale, y0: top, y1: bottom, label: "Share (points)")
        for (rowY, cell) in rows {
            let mid = rowY + rowHeight / 2
            svg.text(
                C.shortened(cell.category, toWidth: labelRight - C.margin - 12, size: 11), x: labelRight, y: mid + 4,
                size: 11, fill: "#333333", anchor: "end", full: cell.category)
            let x0 = scale.x(0), x1 = scale.x(100 * cell.share)
            svg.raw(
                "<rect x=\"\(C.f(x0))\" y=\"\(C.f(rowY + 3))\" width=\"\(C.f(max(0, x1 - x0)))\" height=\"\(C.f(rowHeight - 6))\" fill=\"\(blue)\" fill-opacity=\"0.35\"><title>\(C.escape(cell.category)): \(NumberText.fixed(100 * cell.share, digits: 1))</title></rect>\n"
            )
            if let lo = cell.lower, let hi = cell.upper {
                let (a, b) = (scale.x(100 * lo), scale.x(100 * hi))
                svg.line(a, mid, b, mid, stroke: blue, width: 1.5)
                svg.line(a, mid - 4, a, mid + 4, stroke: blue, width: 1.5)
                svg.line(b, mid - 4, b, mid + 4, stroke: blue, width: 1.5)
            }
        }
        return svg.finish(source: source, height: bottom + 64)
    }
}

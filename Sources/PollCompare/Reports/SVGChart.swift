/// Charts of a ``PollReport`` as plain SVG 1.1 (no scripts, no external fonts), 800 px wide, that
/// browsers and code hosts render as they are.
///
/// - Leads: a dot-and-whisker chart, one row per poll: the lead (A − B, points) as a dot, its
///   interval as a whisker; a poll without an interval is a hollow dot labelled with the reason
///   (not a random sample, or no published sample size).
/// - Swings: one row per pair of polls: the earlier lead (grey) and the later lead (black) with
///   their intervals, an arrow between them, and the swing written beside it.
public enum SVGChart {
    static let width = 800.0
    static let left = 250.0, right = 40.0, top = 64.0, rowHeight = 34.0, bottomSpace = 92.0

    /// The leads chart. At most `limit` polls are drawn (the first ones), and the subtitle says so.
    public static func leads(_ report: PollReport, title: String, source: String, limit: Int = 40) -> String {
        let t = report.polls
        let n = min(t.count, limit)
        var rows: [(label: String, sub: String, lead: Double, lower: Double?, upper: Double?, basis: String)] = []
        for i in 0..<n {
            let r = Dictionary(uniqueKeysWithValues: zip(t.columns, t.row(i)))
            rows.append((label: text(r["poll_id"]) + " · " + text(r["candidate_a"]) + " v " + text(r["candidate_b"]),
                         sub: [text(r["pollster"]), text(r["end_date"])].filter { !$0.isEmpty }.joined(separator: ", "),
                         lead: number(r["lead"]) ?? 0, lower: number(r["lower"]), upper: number(r["upper"]),
                         basis: text(r["basis"])))
        }
        let values: [Double] = rows.flatMap { r -> [Double] in [r.lead, r.lower, r.upper].compactMap { $0 } } + [0]
        let scale = Scale(values: values, from: left, to: width - right)
        let height = top + Double(max(n, 1)) * rowHeight + bottomSpace
        var svg = header(height: height, title: title,
                         subtitle: report.title + (t.count > n ? " First \(n) of \(t.count) polls." : ""))
        svg += axis(scale, y0: top - 8, y1: top + Double(n) * rowHeight, label: "Lead (percentage points)")
        for (k, row) in rows.enumerated() {
            let y = top + (Double(k) + 0.5) * rowHeight
            svg += label(row.label, row.sub, y: y)
            if let lo = row.lower, let hi = row.upper {
                svg += line(scale.x(lo), y, scale.x(hi), y, stroke: "#1f4e79", width: 2)
                svg += line(scale.x(lo), y - 6, scale.x(lo), y + 6, stroke: "#1f4e79", width: 2)
                svg += line(scale.x(hi), y - 6, scale.x(hi), y + 6, stroke: "#1f4e79", width: 2)
                svg += circle(scale.x(row.lead), y, r: 5, fill: "#1f4e79", stroke: "#1f4e79")
            } else {
                svg += circle(scale.x(row.lead), y, r: 5, fill: "white", stroke: "#b03a2e")
                let reason = row.basis == IntervalBasis.notRandomSample.rawValue ? "no interval: not a random sample"
                    : row.basis == IntervalBasis.unknownSampleSize.rawValue ? "no interval: sample size not published"
                    : "no interval"
                let anchorRight = scale.x(row.lead) > (left + width - right) / 2
                svg += textElement(reason, x: scale.x(row.lead) + (anchorRight ? -10 : 10), y: y + 4,
                                   size: 11, fill: "#b03a2e", anchor: anchorRight ? "end" : "start")
            }
            svg += textElement(NumberText.fixed(row.lead, digits: 1, signed: true), x: scale.x(row.lead), y: y - 9,
                               size: 10, fill: "#333333", anchor: "middle")
        }
        svg += legend(y: top + Double(n) * rowHeight + 60, items: [("#1f4e79", true, "lead with its interval"),
                                                                  ("#b03a2e", false, "lead without an interval")])
        svg += footer(source, height: height)
        return svg + "</svg>\n"
    }

    /// The swings chart. At most `limit` swings are drawn.
    public static func swings(_ report: PollReport, title: String, source: String, limit: Int = 30) -> String {
        let t = report.swings
        let n = min(t.count, limit)
        var rows: [(label: String, before: Double, after: Double, swing: Double, moe: Double?, breakEven: Double?)] = []
        for i in 0..<n {
            let r = Dictionary(uniqueKeysWithValues: zip(t.columns, t.row(i)))
            rows.append((label: text(r["poll_before"]) + " → " + text(r["poll_after"]),
                         before: number(r["lead_before"]) ?? 0, after: number(r["lead_after"]) ?? 0,
                         swing: number(r["swing"]) ?? 0, moe: number(r["moe"]), breakEven: number(r["break_even_n"])))
        }
        let values: [Double] = rows.flatMap { r -> [Double] in [r.before, r.after] } + [0]
        let scale = Scale(values: values, from: left, to: width - right)
        let height = top + Double(max(n, 1)) * rowHeight + bottomSpace
        var svg = header(height: height, title: title,
                         subtitle: report.title + (t.count > n ? " First \(n) of \(t.count) swings." : ""))
        svg += axis(scale, y0: top - 8, y1: top + Double(n) * rowHeight, label: "Lead (percentage points)")
        svg += "<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#333333\"/></marker></defs>\n"
        for (k, row) in rows.enumerated() {
            let y = top + (Double(k) + 0.5) * rowHeight
            svg += label(row.label, "", y: y)
            let (xb, xa) = (scale.x(row.before), scale.x(row.after))
            svg += "<line x1=\"\(f(xb))\" y1=\"\(f(y))\" x2=\"\(f(xa + (xa > xb ? -7 : 7)))\" y2=\"\(f(y))\" stroke=\"#333333\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"
            svg += circle(xb, y, r: 5, fill: "#9e9e9e", stroke: "#616161")
            svg += circle(xa, y, r: 5, fill: "#1f4e79", stroke: "#1f4e79")
            var note = "swing " + NumberText.fixed(row.swing, digits: 1, signed: true)
            if let moe = row.moe {
                note += " ± " + NumberText.fixed(moe, digits: 1)
            } else if let n = row.breakEven {
                note += " (no margin; significant from n = " + NumberText.roundTrip(n) + " each)"
            }
            // Centred over the arrow, but never over the row labels or past the right edge.
            let halfWidth = Double(note.count) * 3.1
            let mid = Swift.min(Swift.max((xa + xb) / 2, left + halfWidth + 4), width - right - halfWidth)
            svg += textElement(note, x: mid, y: y - 9, size: 11, fill: "#333333", anchor: "middle")
        }
        svg += legend(y: top + Double(n) * rowHeight + 60, items: [("#9e9e9e", true, "earlier lead"),
                                                                  ("#1f4e79", true, "later lead")])
        svg += footer(source, height: height)
        return svg + "</svg>\n"
    }

    // MARK: - Pieces

    /// A linear scale from data values to x pixels, padded, with "nice" ticks (1, 2, 5 × 10ᵏ).
    struct Scale {
        let lo: Double, hi: Double, x0: Double, x1: Double, step: Double
        init(values: [Double], from x0: Double, to x1: Double) {
            var lo = values.min() ?? -1, hi = values.max() ?? 1
            if hi - lo < 1e-9 { lo -= 1; hi += 1 }
            // A margin of 4% so no dot sits on the frame.
            let pad = 0.04 * (hi - lo)
            lo -= pad
            hi += pad
            let raw = (hi - lo) / 6
            var magnitude = 1.0
            while magnitude * 10 <= raw { magnitude *= 10 }
            while magnitude > raw { magnitude /= 10 }
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
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
            while v <= hi + step / 2 { out.append(v); v += step }
            return out
        }
    }

    /// A coordinate with one decimal, ASCII minus.
    static func f(_ v: Double) -> String { NumberText.roundTrip((v * 10).rounded() / 10) }

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

    static func header(height: Double, title: String, subtitle: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + textElement(title, x: 16, y: 24, size: 17, fill: "#111111", anchor: "start", bold: true)
            + textElement(subtitle, x: 16, y: 43, size: 12, fill: "#555555", anchor: "start")
    }

    static func axis(_ s: Scale, y0: Double, y1: Double, label: String) -> String {
        var out = ""
        for tick in s.ticks {
            let x = s.x(tick)
            let zero = abs(tick) < s.step / 1000
            out += line(x, y0, x, y1, stroke: zero ? "#444444" : "#e0e0e0", width: zero ? 1.5 : 1)
            out += textElement(NumberText.fixed(tick, digits: s.step < 1 ? 1 : 0, signed: tick != 0), x: x, y: y1 + 16,
                               size: 11, fill: "#444444", anchor: "middle")
        }
        out += textElement(label, x: (s.x0 + s.x1) / 2, y: y1 + 32, size: 12, fill: "#222222", anchor: "middle")
        return out
    }

    static func label(_ main: String, _ sub: String, y: Double) -> String {
        var out = textElement(truncated(main, 38), x: left - 12, y: sub.isEmpty ? y + 4 : y - 1, size: 12,
                              fill: "#111111", anchor: "end")
        if !sub.isEmpty {
            out += textElement(truncated(sub, 42), x: left - 12, y: y + 12, size: 10, fill: "#666666", anchor: "end")
        }
        return out
    }

    static func legend(y: Double, items: [(String, Bool, String)]) -> String {
        var out = ""
        var x = left
        for (color, filled, text) in items {
            out += circle(x, y - 4, r: 5, fill: filled ? color : "white", stroke: color)
            out += textElement(text, x: x + 10, y: y, size: 11, fill: "#333333", anchor: "start")
            x += 40 + Double(text.count) * 6
        }
        return out
    }

    static func footer(_ source: String, height: Double) -> String {
        textElement("Source: " + source + ". Chart: PollCompare.", x: 16, y: height - 10, size: 10, fill: "#777777", anchor: "start")
    }

    static func truncated(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"/>\n"
    }

    static func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String) -> String {
        "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>\n"
    }

    static func textElement(_ s: String, x: Double, y: Double, size: Double, fill: String, anchor: String,
                            bold: Bool = false) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" fill=\"\(fill)\" text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"bold\"" : "")>\(escape(s))</text>\n"
    }

    static func text(_ c: ReportCell?) -> String {
        if case .text(let s)? = c { return s }
        if case .number(let v)? = c { return NumberText.roundTrip(v) }
        return ""
    }

    static func number(_ c: ReportCell?) -> Double? {
        if case .number(let v)? = c { return v }
        return nil
    }
}

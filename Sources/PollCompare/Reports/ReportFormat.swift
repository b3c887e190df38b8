/// The output formats of a ``ReportTable``.
///
/// - `csv`: RFC 4180 — comma-separated, CRLF-free (LF line ends), fields holding a comma, quote or
///   line break are quoted with doubled quotes; numbers in round-trip form
///   (``NumberText/roundTrip(_:)``); empty cells are empty fields.
/// - `tsv`: tab-separated, same numbers; tabs and line breaks in text become spaces.
/// - `text`: an aligned table for people, numbers with a fixed number of decimals.
/// - `json`: an array of objects, one per row; numbers as JSON numbers, empty cells as null.
/// - `markdown`: a pipe table with the text format's numbers, for notebooks and web pages.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, csv, tsv, json, markdown

    /// Renders `table` as one string.
    ///
    /// - Parameters:
    ///   - table: the table.
    ///   - header: include the header row (csv, tsv, text).
    ///   - digits: decimals for the text and markdown formats.
    /// - Complexity: O(rows·columns).
    public func render(_ table: ReportTable, header: Bool = true, digits: Int = 3) -> String {
        var out = ""
        write(table, header: header, digits: digits) { out += $0 }
        return out
    }

    /// Renders `table` piece by piece into `sink` (row by row for csv, tsv and json, so a large
    /// generated table is never held as text all at once).
    ///
    /// - Complexity: O(rows·columns).
    public func write(_ table: ReportTable, header: Bool = true, digits: Int = 3, to sink: (String) -> Void) {
        switch self {
        case .csv: Self.delimited(table, header: header, separator: ",", escape: Self.csvField, sink)
        case .tsv: Self.delimited(table, header: header, separator: "\t", escape: Self.tsvField, sink)
        case .json: Self.json(table, sink)
        case .text: sink(Self.aligned(table, header: header, digits: digits))
        case .markdown: sink(Self.markdownTable(table, digits: digits))
        }
    }

    private static func delimited(
        _ table: ReportTable, header: Bool, separator: String,
        escape: (String) -> String, _ sink: (String) -> Void
    ) {
        if header { sink(table.columns.map(escape).joined(separator: separator) + "\n") }
        let separatorByte = separator.utf8.first!
        var line: [UInt8] = []
        line.reserveCapacity(512)
        for r in 0..<table.count {
            line.removeAll(keepingCapacity: true)
            for (i, cell) in table.row(r).enumerated() {
                if i > 0 { line.append(separatorByte) }
                switch cell {
                case .number(let v): line.append(contentsOf: NumberText.roundTrip(v).utf8)
                case .text(let s): line.append(contentsOf: escape(s).utf8)
                case .empty: break
                }
            }
            line.append(10)
            sink(String(decoding: line, as: UTF8.self))
        }
    }

    /// A Markdown pipe table (header always; `|` in text escaped; empty cells as "–").
    static func markdownTable(_ table: ReportTable, digits: Int) -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for ch in s { if ch == "|" { out += "\\|" } else if ch == "\n" { out += " " } else { out.append(ch) } }
            return out
        }
        let rows = table.rows
        var out = "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
        out +=
            "|"
            + table.columns.indices.map { i -> String in
                if let first = rows.first, case .text = first[i] { return " --- |" }
                return " ---: |"
            }.joined() + "\n"
        for row in rows {
            out +=
                "| "
                + row.enumerated().map { (i, cell) in
                    escape(peopleText(cell, column: table.columns[i], digits: digits, empty: "–"))
                }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    static func tsvField(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    private static func json(_ table: ReportTable, _ sink: (String) -> Void) {
        let names = table.columns.map(jsonString)
        sink("[")
        for r in 0..<table.count {
            var out = r == 0 ? "\n  {" : ",\n  {"
            for (c, cell) in table.row(r).enumerated() {
                if c > 0 { out += ", " }
                out += names[c] + ": "
                switch cell {
                case .number(let v): out += v.isFinite ? NumberText.roundTrip(v) : "null"
                case .text(let s): out += jsonString(s)
                case .empty: out += "null"
                }
            }
            sink(out + "}")
        }
        sink(table.count == 0 ? "]\n" : "\n]\n")
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Columns of counts (sample sizes, break-even n, seeds): whole numbers print without decimals.
    static let countColumns: Set<String> = [
        "n", "n_before", "n_after", "sample_size", "n_eff", "break_even_n", "polls", "seed", "count", "draws",
        "races", "df",
    ]

    /// How a number reads in the text format, chosen by its column's name: p-values and
    /// probabilities (`p_value`, `prob_*`) with 3 decimals (scientific below 0.001), test
    /// statistics (`z`), `ratio` and `inflation` with 2 decimals, `coverage` (a fraction) with 3, `conf` as given, `deff` to 3 decimals, whole
    /// numbers in count columns without decimals, everything else (points) with `digits` decimals.
    static func textNumber(_ v: Double, column: String, digits: Int) -> String {
        if column == "p_value" || column.hasPrefix("prob_") {
            return v != 0 && abs(v) < 0.001 ? NumberText.scientific(v, digits: 2) : NumberText.fixed(v, digits: 3)
        }
        if column == "z" { return NumberText.fixed(v, digits: 2) }
        if column == "conf" { return NumberText.roundTrip(v) }
        if column == "ratio" || column == "inflation" { return NumberText.fixed(v, digits: 2) }
        if column == "coverage" { return NumberText.fixed(v, digits: 3) }
        if column == "deff" { return v == v.rounded() ? NumberText.roundTrip(v) : NumberText.fixed(v, digits: 3) }
        if countColumns.contains(column) && v == v.rounded() && abs(v) < 1e15 { return NumberText.fixed(v, digits: 0) }
        return NumberText.fixed(v, digits: digits)
    }

    /// A cell as the people formats (text, markdown) show it: numbers by ``textNumber(_:column:digits:)``,
    /// text as it is, an empty cell as `empty`.
    static func peopleText(_ cell: ReportCell, column: String, digits: Int, empty: String) -> String {
        switch cell {
        case .number(let v): return textNumber(v, column: column, digits: digits)
        case .text(let s): return s
        case .empty: return empty
        }
    }

    /// An aligned table for people. A single row is printed as `column  value` lines (one field
    /// a line), which reads better than one very wide line.
    private static func aligned(_ table: ReportTable, header: Bool, digits: Int) -> String {
        let allRows = table.rows
        let first = allRows.first
        let body: [[String]] = allRows.map { row in
            row.enumerated().map { (i, cell) in peopleText(cell, column: table.columns[i], digits: digits, empty: "-") }
        }
        if body.count == 1 {
            let width = table.columns.map(\.count).max() ?? 0
            return zip(table.columns, body[0]).map { name, value in
                name + String(repeating: " ", count: width - name.count) + "  " + value
            }.joined(separator: "\n") + "\n"
        }
        let lines = header ? [table.columns] + body : body
        var widths = [Int](repeating: 0, count: table.columns.count)
        for line in lines {
            for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for line in lines {
            var text = ""
            for (i, cell) in line.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                // Text left-aligned, everything else right-aligned.
                let isText: Bool
                if let first, case .text = first[i] { isText = true } else { isText = false }
                text += (i == 0 ? "" : "  ") + (isText ? cell + pad : pad + cell)
            }
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
        }
        return out
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}

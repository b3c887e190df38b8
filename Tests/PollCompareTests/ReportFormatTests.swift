import PollCompare
import Testing

@Suite("Report rendering")
struct ReportFormatTests {
    static func sample() -> ReportTable {
        var t = ReportTable(columns: ["name", "share", "n"])
        t.append([.text("Smith, \"Jr\""), .number(0.1 + 0.2), .number(800)])
        t.append([.text("Lee"), .number(-27), .empty])
        return t
    }

    @Test("CSV: RFC 4180 quoting, round-trip numbers, empty cells")
    func csv() {
        #expect(
            ReportFormat.csv.render(Self.sample()) == #"""
                name,share,n
                "Smith, ""Jr""",0.30000000000000004,800
                Lee,-27,

                """#)
        #expect(ReportFormat.csv.render(Self.sample(), header: false).hasPrefix("\"Smith"))
    }

    @Test("TSV and JSON")
    func tsvJSON() {
        #expect(
            ReportFormat.tsv.render(Self.sample())
                == "name\tshare\tn\nSmith, \"Jr\"\t0.30000000000000004\t800\nLee\t-27\t\n")
        #expect(
            ReportFormat.json.render(Self.sample()) == #"""
                [
                  {"name": "Smith, \"Jr\"", "share": 0.30000000000000004, "n": 800},
                  {"name": "Lee", "share": -27, "n": null}
                ]

                """#)
    }

    @Test("Text: aligned columns, fixed decimals, typographic minus, '-' for empty")
    func text() {
        #expect(
            ReportFormat.text.render(Self.sample(), digits: 2) == """
                name          share    n
                Smith, "Jr"    0.30  800
                Lee          −27.00    -

                """)
    }

    @Test("Fixed-point text rounds the binary value and drops the sign of zero")
    func fixed() {
        #expect(NumberText.fixed(0.0426, digits: 3) == "0.043")
        #expect(NumberText.fixed(-0.04, digits: 1) == "0.0")
        #expect(NumberText.fixed(8, digits: 1, signed: true) == "+8.0")
        #expect(NumberText.fixed(-27, digits: 1, signed: true) == "−27.0")
        #expect(Percent.echo(0.58) == 58)
        #expect(Percent.echo(0.443) == 44.3)
    }
}

import Foundation
import Testing

/// The command line at its edges: values once refused or wrong, one-line errors, options that
/// mean the same everywhere, and output files that are never left half-written.
@Suite("pollcmp at the edges")
struct EdgeCommandTests {
    /// The CSV rows (header first) of a successful run.
    static func csv(_ arguments: [String]) throws -> [[String]] {
        let r = try PollcmpRunner.run(arguments + ["--format", "csv"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return r.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The value of `column` in the first data row.
    static func cell(_ rows: [[String]], _ column: String) -> String? {
        guard rows.count > 1, let i = rows[0].firstIndex(of: column) else { return nil }
        return rows[1][i]
    }

    /// Runs `script` with /bin/sh in a fresh folder, `$P` naming pollcmp; returns status and folder.
    static func shell(_ script: String) throws -> (status: Int32, folder: URL, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pollcmp-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["P"] = PollcmpRunner.binary.path
        env["FIXTURES"] = PollcmpRunner.packageRoot.appendingPathComponent("Tests/pollcmpTests/Fixtures").path
        process.environment = env
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, folder, stderr)
    }

    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("Two polls' shares need not sum to 100 or less", arguments: [["52", "49"], ["50", "90"], ["100", "100"]])
    func changeAnyPair(_ shares: [String]) throws {
        let rows = try Self.csv(["change"] + shares + ["--n1", "800", "--n2", "1000", "--method", "all"])
        #expect(rows.count == 5)
    }

    @Test("multinomial prints the remainder as `other` and computes every interval on its own share")
    func multinomialRemainder() throws {
        let rows = try Self.csv(["multinomial", "31", "58", "--n", "1000", "--names", "Harris,Trump"])
        #expect(rows.map { $0[0] } == ["category", "Harris", "Trump", "other"])
        #expect(rows[3][1] == "11")
        for row in rows.dropFirst() {
            let share = Double(row[1])!, lower = Double(row[4])!, upper = Double(row[5])!
            #expect(lower < share && share < upper, "\(row)")
        }
        // --counts: out of --n, the remainder again a category; the same intervals as the shares.
        let counted = try Self.csv(["multinomial", "310", "580", "--n", "1000", "--counts", "--names", "Harris,Trump"])
        #expect(counted == rows)
    }

    @Test("A confidence level is read as written: α exact, the conf column as typed")
    func exactLevel() throws {
        #expect(
            Self.cell(try Self.csv(["interval", "50", "--n", "100", "--conf", "0.99999999"]), "conf") == "0.99999999")
        #expect(
            Self.cell(try Self.csv(["interval", "50", "--n", "100", "--conf", "99.999999%"]), "conf") == "0.99999999")
        #expect(Self.cell(try Self.csv(["interval", "50", "--n", "100", "--conf", "95"]), "conf") == "0.95")
    }

    @Test(
        "A level from 1 to 50 without % is a usage error that says how to write it",
        arguments: [("1.5", "write 0.015 or 1.5%"), ("1", "write 0.01 or 1%"), ("10", "write 0.1 or 10%")])
    func ambiguousLevel(_ text: String, _ advice: String) throws {
        let r = try PollcmpRunner.run(["interval", "50", "--n", "100", "--conf", text])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("pollcmp: error: ") && r.stderr.contains(advice))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("--z sets the level for every method, and the conf column says which")
    func criticalValueRule() throws {
        let rounded = try Self.csv(["interval", "50", "--n", "100", "--z", "1.96", "--method", "all"])
        let exact = try Self.csv(["interval", "50", "--n", "100", "--method", "all"])
        #expect(rounded.count == 9 && exact.count == 9)
        for (r, e) in zip(rounded.dropFirst(), exact.dropFirst()) {
            // 2Φ(−1.96) = 0.04999579029644087 (mpmath.erfc(1.96/sqrt(2))): the implied level.
            #expect(Double(r[1]).map { abs($0 - 0.9500042097035591) < 1e-15 } == true)
            #expect(r[5] != e[5], "\(r[0]) ignores --z")
        }
        let both = try PollcmpRunner.run(["interval", "50", "--n", "100", "--z", "1.96", "--conf", "95%"])
        #expect(both.status == 64)
    }

    @Test("check: inf against 5, or -inf, is a difference; NaN matches NaN only")
    func checkInfinity() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pollcmp-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let expected = try write("e.csv", "x,y\ninf,nan\n")
        #expect(
            try PollcmpRunner.run(["check", expected, try write("a.csv", "x,y\n5,nan\n"), "--rtol", "1e-9"]).status == 1
        )
        #expect(try PollcmpRunner.run(["check", expected, try write("b.csv", "x,y\n-inf,nan\n")]).status == 1)
        #expect(try PollcmpRunner.run(["check", expected, try write("c.csv", "x,y\ninf,1\n")]).status == 1)
        #expect(try PollcmpRunner.run(["check", expected, try write("d.csv", "x,y\ninf,nan\n")]).status == 0)
    }

    @Test("An assumed n above a poll's population names the file and the poll's line")
    func assumedSizeLocated() throws {
        let r = try Self.shell(
            """
            printf 'poll_id,candidate,pct,population_size\\np1,A,50,300\\np1,B,40,300\\n' > p.csv && "$P" report p.csv --assume-n 500
            """)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        #expect(r.status == 65)
        #expect(
            r.stderr == "pollcmp: error: p.csv:2: poll p1: population size 300 is smaller than the sample size 500\n")
    }

    @Test("check reads at most 256 MiB of a file: /dev/zero is a one-line error, not a process that grows")
    func checkBounded() throws {
        let r = try PollcmpRunner.run(["check", "/dev/zero", "/dev/zero"])
        #expect(r.status == 65)
        #expect(
            r.stderr
                == "pollcmp: error: /dev/zero: larger than 256 MiB, the most this command reads whole; compare the file in parts\n"
        )
    }

    @Test("break_even_n counts respondents under the design: lead 50 40 --n 100 --deff 2 needs 684")
    func breakEvenWithDesign() throws {
        // v = 0.5 + 0.4 − 0.1² = 0.89; ⌈z²·v·deff/d²⌉ with z² = 3.841458820694124 (scipy
        // chi2.ppf(0.95, 1)): ⌈3.8415·0.89·2/0.01⌉ = ⌈683.8⌉ = 684, and without deff ⌈341.9⌉ = 342.
        #expect(Self.cell(try Self.csv(["lead", "50", "40", "--n", "100", "--deff", "2"]), "break_even_n") == "684")
        #expect(Self.cell(try Self.csv(["lead", "50", "40", "--n", "100"]), "break_even_n") == "342")
        let swing = try Self.csv(["swing", "44.3", "36.3", "31", "58", "--deff", "2"])
        // v₁ + v₂ = 1.6167 (the founding swing, FoundingExampleTests); ⌈3.8415·1.6167·2/0.35²⌉ =
        // ⌈101.4⌉ = 102 (twice the 51 of the simple random sample, rounded up).
        #expect(Self.cell(swing, "break_even_n") == "102")
        let change = try Self.csv(["change", "36.3", "58"])
        #expect(Self.cell(change, "break_even_n") != "")
    }

    @Test("A census (n = N) has margin 0 in every command")
    func census() throws {
        let interval = try Self.csv(["interval", "50", "--n", "1000", "--population", "1000", "--method", "all"])
        #expect(interval.count == 9)
        for row in interval.dropFirst() { #expect(row[5] == "50" && row[6] == "50", "\(row)") }
        let lead = try Self.csv(["lead", "58", "31", "--n", "1000", "--population", "1000"])
        #expect(Self.cell(lead, "se") == "0" && Self.cell(lead, "moe") == "0" && Self.cell(lead, "p_value") == "0")
        #expect(Self.cell(try Self.csv(["moe", "--n", "1000", "--population", "1000"]), "moe") == "0")
        #expect(Self.cell(try Self.csv(["moe", "--n", "1", "--population", "1"]), "moe") == "0")
    }

    @Test(
        "Every error is one line starting `pollcmp: error:`, with the command's help hint",
        arguments: [
            (["lead", "58"], "pollcmp lead --help"), (["lead", "58", "31", "--n"], "pollcmp lead --help"),
            (["frobnicate"], "pollcmp --help"), (["report", "--assume-n", "0", "x.csv"], "pollcmp report --help"),
            (["lead", "-5", "31"], "pollcmp lead --help"),
            (["interval", "50", "--n", "100", "--format", "svg"], "pollcmp interval --help"),
            (["swing", "44", "36", "31", "58", "--bogus"], "pollcmp swing --help"),
        ])
    func oneLineErrors(_ arguments: [String], _ hint: String) throws {
        let r = try PollcmpRunner.run(arguments)
        #expect(r.status == 64, "\(arguments)")
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("pollcmp: error: "), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("see '\(hint)'"), "\(r.stderr)")
    }

    @Test("A negative value is taken as the value it is")
    func negativeValues() throws {
        let panel = try Self.csv([
            "swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "800", "--correlation", "-0.5",
        ])
        let independent = try Self.csv(["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "800"])
        #expect(Double(Self.cell(panel, "se")!)! > Double(Self.cell(independent, "se")!)!)
        let lead = try PollcmpRunner.run(["lead", "-5", "31"])
        #expect(lead.stderr.contains("-5 is negative"))
        let n = try PollcmpRunner.run(["lead", "58", "31", "--n", "-5"])
        #expect(n.status == 65 && n.stderr == "pollcmp: error: sample size -5 is not a positive sample size\n")
    }

    @Test("Options mean the same everywhere: designs per poll, --counts, --share, --alternative")
    func optionsEverywhere() throws {
        let plain = try Self.csv(["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000"])
        let weighted = try Self.csv([
            "swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000", "--deff2", "1.5",
        ])
        let effective = try Self.csv([
            "swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000", "--n-eff2", "666.6666666666666",
        ])
        #expect(Double(Self.cell(weighted, "se")!)! > Double(Self.cell(plain, "se")!)!)
        #expect(Double(Self.cell(weighted, "se")!)!.distance(to: Double(Self.cell(effective, "se")!)!) < 1e-12)
        let counted = try Self.csv(["change", "290", "580", "--n1", "800", "--n2", "1000", "--counts"])
        let shares = try Self.csv(["change", "36.25", "58", "--n1", "800", "--n2", "1000"])
        #expect(Self.cell(counted, "lower") == Self.cell(shares, "lower"))
        let moe58 = try Self.csv(["moe", "--n", "1000", "--share", "58"])
        #expect(Self.cell(moe58, "share") == "58")
        // z·√(0.58·0.42/1000) in points with z = 1.959963984540054 (R qnorm(0.975)): 3.0591…
        #expect(Double(Self.cell(moe58, "moe")!).map { abs($0 - 3.0591) < 1e-4 } == true)
        for command in [
            ["lead", "58", "31", "--n", "1000"], ["swing", "44.3", "36.3", "31", "58", "--n1", "800", "--n2", "1000"],
            ["change", "36.3", "58", "--n1", "800", "--n2", "1000", "--method", "wald"],
        ] {
            let two = try Self.csv(command)
            let greater = try Self.csv(command + ["--alternative", "greater"])
            let less = try Self.csv(command + ["--alternative", "less"])
            let p2 = Double(Self.cell(two, "p_value")!)!, pg = Double(Self.cell(greater, "p_value")!)!
            let pl = Double(Self.cell(less, "p_value")!)!
            #expect(abs(min(pg, pl) - p2 / 2) <= 1e-12 * p2 + 1e-300, "\(command)")
            #expect(abs(pg + pl - 1) <= 1e-12, "\(command)")
            #expect(Self.cell(greater, "alternative") == "greater")
        }
    }

    @Test("-o onto a symbolic link replaces its target and keeps the link")
    func outputThroughSymlink() throws {
        let r = try Self.shell(
            """
            echo old > target.csv && ln -s target.csv link.csv && \
            "$P" report "$FIXTURES/tidy-small.csv" --format csv -o link.csv && test -L link.csv && \
            grep -q poll_id target.csv
            """)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.files(in: r.folder) == ["link.csv", "target.csv"])
    }

    @Test("-o onto a device writes through it, never replaces it")
    func outputToDevice() throws {
        let r = try Self.shell(
            """
            "$P" report "$FIXTURES/tidy-small.csv" --format csv -o /dev/null && test -c /dev/null
            """)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("A file size limit is exit 74 with no temporary file left")
    func outputFileSizeLimit() throws {
        let r = try Self.shell(
            """
            ulimit -f 0; "$P" report "$FIXTURES/tidy-small.csv" --format csv -o out.csv
            """)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        #expect(r.status == 74, "\(r.stderr)")
        #expect(try Self.files(in: r.folder) == [])
        #expect(r.stderr.hasPrefix("pollcmp: error: out.csv: cannot write"))
    }

    @Test("SVG text holds no character XML forbids, whatever the names")
    func svgControlCharacters() throws {
        let r = try Self.shell(
            """
            sed 's/Acme Research/Acme\u{01}Re\u{1B}search \\&<co>/' "$FIXTURES/tidy-small.csv" > in.csv && \
            "$P" report in.csv --format svg -o chart.svg
            """)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try Data(contentsOf: r.folder.appendingPathComponent("chart.svg"))
        #expect(!svg.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D })
        #expect(!String(decoding: svg, as: UTF8.self).contains("<co>"))
    }
}

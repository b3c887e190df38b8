import Foundation
import Testing

/// Real-file semantics on a small fixture of our own in FiveThirtyEight's layout
/// (Fixtures/fte-races.csv: a national poll with three questions, a Pennsylvania poll of the
/// same pollster, a later national poll with an lv and an rv question, and two Pennsylvania
/// polls of an online pollster, the second without a sample size).
@Suite("Races, questions, filters and pairs")
struct RaceAndQuestionTests {
    static let file = "Tests/pollcmpTests/Fixtures/fte-races.csv"

    /// CSV rows as dictionaries keyed by column name.
    static func rows(_ arguments: [String]) throws -> [[String: String]] {
        let r = try PollcmpRunner.run(["report", file] + arguments + ["--format", "csv"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("Every poll gives one question per race; state and race are columns")
    func oneQuestionPerPoll() throws {
        let polls = try Self.rows([])
        #expect(polls.map { $0["poll_id"]! } == ["101", "102", "103", "104", "105"])
        #expect(polls.map { $0["question_id"]! } == ["1001", "1004", "1005", "1007", "1008"])
        #expect(polls[1]["state"] == "Pennsylvania" && polls[1]["race"] == "2024 President: Pennsylvania")
        #expect(polls[0]["state"] == "" && polls[0]["race"] == "2024 President: National")
    }

    @Test("Swings never cross races, and questions of one poll are never independent samples")
    func swingsStayInRaces() throws {
        // Every question's race, from the polls table of all questions.
        let race = Dictionary(
            try Self.rows(["--questions", "all"]).map { ($0["question_id"]!, $0["race"]!) },
            uniquingKeysWith: { x, _ in x })
        #expect(race.count == 8)
        for arguments in [
            ["--table", "swings"], ["--table", "swings", "--pairs", "all", "--group-by", "pollster"],
            ["--table", "swings", "--questions", "all", "--pairs", "all", "--group-by", "pollster"],
        ] {
            let swings = try Self.rows(arguments)
            #expect(!swings.isEmpty)
            for s in swings {
                #expect(race[s["question_before"]!] == s["race"] && race[s["question_after"]!] == s["race"], "\(s)")
                if s["poll_before"] == s["poll_after"] {
                    #expect(
                        s["basis"] == "same-respondents" && s["se"] == "" && s["p_value"] == "" && s["lower"] == "",
                        "\(s)")
                } else {
                    #expect(s["basis"] != "same-respondents")
                }
            }
        }
    }

    @Test("Filters apply to questions before one is chosen: population=rv takes the rv question")
    func filtersBeforeChoice() throws {
        let polls = try Self.rows(["--where", "state=national", "--where", "population=rv"])
        #expect(polls.map { $0["question_id"]! } == ["1001", "1006"])
        let dated = try Self.rows(["--from", "2024-07-12", "--to", "2024-07-25"])
        #expect(dated.map { $0["poll_id"]! } == ["102", "103", "104"])
        let many = try Self.rows([
            "--where", "pollster=keystone research,MORNING METRICS", "--where", "state=pennsylvania",
        ])
        #expect(many.map { $0["poll_id"]! } == ["102", "104", "105"])
    }

    @Test("An unknown --where field or a bad date is a usage error before the file is read")
    func filterUsage() throws {
        for bad in [
            ["--where", "colour=red"], ["--where", "state"], ["--from", "7/1/24"],
            ["--from", "2024-07-10", "--to", "2024-07-01"],
            ["--pairs", "before-after"], ["--at", "2024-07-21"],
        ] {
            let r = try PollcmpRunner.run(["report", "/nonexistent/polls.csv"] + bad)
            #expect(r.status == 64, "\(bad): \(r.stderr)")
            #expect(r.stderr.hasPrefix("pollcmp: error: ") && r.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("Candidates by party or by name as a whole word; --ballot full takes the full ballot")
    func candidates() throws {
        let harris = try Self.rows(["--a", "harris", "--b", "Trump"])
        #expect(harris.map { $0["question_id"]! } == ["1002", "1005", "1008"])
        let full = try Self.rows(["--a", "Kamala Harris", "--b", "REP", "--ballot", "full"])
        #expect(full.first?["question_id"] == "1003")
        let partial = try PollcmpRunner.run(["report", Self.file, "--a", "Harr", "--format", "csv"])
        #expect(partial.status == 65)
    }

    @Test("Before and after a date: the last poll ending before it against the first starting on or after it")
    func beforeAfter() throws {
        let swings = try Self.rows([
            "--where", "state=national", "--pairs", "before-after", "--at", "2024-07-21", "--a", "DEM",
            "--b", "REP", "--group-by", "pollster", "--table", "swings",
        ])
        #expect(swings.count == 1)
        #expect(swings.first?["poll_before"] == "101" && swings.first?["poll_after"] == "103")
        // Leads and swings are exact decimals: 44.3 − 46.3 = −2, 47.2 − 46 = 1.2, swing 3.2.
        #expect(
            swings.first?["lead_before"] == "-2" && swings.first?["lead_after"] == "1.2"
                && swings.first?["swing"] == "3.2")
    }

    @Test("--opt-in marks a methodology as an opt-in sample: not-a-random-sample wins over an unknown size")
    func optIn() throws {
        let polls = try Self.rows(["--opt-in", "Online Panel"])
        #expect(polls.first { $0["poll_id"] == "104" }?["basis"] == "not-a-random-sample")
        #expect(polls.first { $0["poll_id"] == "105" }?["basis"] == "not-a-random-sample")
        #expect(polls.first { $0["poll_id"] == "101" }?["basis"] == "sampling")
        let swings = try Self.rows(["--opt-in", "IVR", "--table", "swings"])
        #expect(swings.first { $0["poll_after"] == "105" }?["basis"] == "not-a-random-sample")
        let text = try PollcmpRunner.run(["report", Self.file, "--opt-in", "IVR"])
        #expect(!text.stdout.contains("break-even n)"), "no sentence may suggest a larger opt-in poll would settle it")
    }

    @Test("A zero swing prints 0 with no break-even n")
    func zeroSwing() throws {
        let swings = try Self.rows(["--questions", "all", "--pairs", "all", "--table", "swings"])
        let zero = try #require(swings.first { $0["question_before"] == "1001" && $0["question_after"] == "1003" })
        #expect(zero["swing"] == "0" && zero["break_even_n"] == "")
    }
}

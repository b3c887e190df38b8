import Testing

@testable import PollCompare

/// The calibration's pieces: the compensated sum, the race-bias estimator and one group's summary,
/// on values checked by hand (each expectation says how).
@Suite("Calibration")
struct CalibrationTests {
    /// |x − y| ≤ tolerance·|y| (relative).
    static func close(_ x: Double, _ y: Double, _ tolerance: Double) -> Bool {
        abs(x - y) <= tolerance * abs(y)
    }

    static func table(_ text: String) throws -> PollTable {
        var reader = PollFileReader()
        try reader.feed(Array(text.utf8)[...])
        return try reader.finish()
    }

    static func calibration(_ text: String, by: [CalibrationField] = [], minimumPolls: Int = 1) throws -> Calibration {
        let t = try table(text)
        var selection = PollSelection.Options()
        selection.questions = .all
        var options = Calibration.Options()
        options.by = by
        options.minimumPolls = minimumPolls
        return try Calibration(t, selection: PollSelection(t, options: selection), options: options)
    }

    static let header =
        "poll_id,question_id,race_id,year,race,location,type_simple,pollster,methodology,partisan,polldate,samplesize,cand1_name,cand1_party,cand1_pct,cand2_name,cand2_party,cand2_pct,margin_poll,margin_actual\n"

    static func row(
        _ id: Int, race: Int, n: String, _ p1: String, _ p2: String, poll: String, actual: String,
        type: String = "Sen-G"
    ) -> String {
        "\(id),\(id),\(race),2018,2018_\(type)_R\(race),R\(race),\(type),P,Online,,11/1/2018,\(n),A,DEM,\(p1),B,REP,\(p2),\(poll),\(actual)\n"
    }

    @Test("Compensated sum keeps what a plain sum loses")
    func compensated() {
        var s = CompensatedSum()
        for x in [1e16, 1, -1e16] { s.add(x) }
        // Exactly 1; a plain left-to-right sum gives 0 (1e16 + 1 rounds to 1e16).
        #expect(s.value == 1)
        var t = CompensatedSum()
        for _ in 0..<10 { t.add(0.1) }
        // math.fsum([0.1] * 10) == 1.0; a plain sum gives 0.9999999999999999.
        #expect(t.value == 1)
        #expect(CompensatedSum().value == 0)
    }

    @Test("Race bias: balanced races, by hand")
    func raceBiasBalanced() throws {
        // Races {1, 3} and {11, 13}: means 2 and 12, grand 7; SSB = 2·25 + 2·25 = 100, MSB = 100;
        // SSW = 1 + 1 + 1 + 1 = 4, MSW = 4/2 = 2; n0 = (4 − 8/4)/1 = 2; σ² = (100 − 2)/2 = 49.
        let sd = try #require(RaceBias.standardDeviation(errors: [1, 3, 11, 13], races: [0, 0, 1, 1], raceCount: 2))
        #expect(sd == 7)
    }

    @Test("Race bias: unbalanced races, by hand")
    func raceBiasUnbalanced() throws {
        // Races {0, 2, 4} and {10}: means 2 and 10, grand 4; SSB = 3·4 + 1·36 = 48, MSB = 48;
        // SSW = 4 + 0 + 4 = 8, MSW = 8/2 = 4; n0 = (4 − 10/4)/1 = 1.5; σ² = 44/1.5 = 88/3.
        let sd = try #require(RaceBias.standardDeviation(errors: [0, 2, 4, 10], races: [0, 0, 0, 1], raceCount: 2))
        #expect(Self.close(sd, (88.0 / 3).squareRoot(), 1e-15))
    }

    @Test("Race bias: truncated at 0 when races differ less than polls within them")
    func raceBiasZero() {
        // Races {1, 3} and {2, 6}: MSB = 4, MSW = 5, n0 = 2: (4 − 5)/2 < 0, so 0.
        #expect(RaceBias.standardDeviation(errors: [1, 3, 2, 6], races: [0, 0, 1, 1], raceCount: 2) == 0)
    }

    @Test("Race bias: undefined with one race, or one poll per race")
    func raceBiasUndefined() {
        #expect(RaceBias.standardDeviation(errors: [1, 2, 3], races: [0, 0, 0], raceCount: 1) == nil)
        #expect(RaceBias.standardDeviation(errors: [1, 2, 3], races: [0, 1, 2], raceCount: 3) == nil)
        #expect(RaceBias.standardDeviation(errors: [], races: [], raceCount: 0) == nil)
    }

    @Test("One poll: its own error, no bias_sd")
    func onePoll() throws {
        // 48 − 44 = 4 against −5: e = 9; s² = (0.48 + 0.44 − 0.04²)/600 · 10⁴ = 0.9184/600 · 10⁴.
        let c = try Self.calibration(Self.header + Self.row(1, race: 1, n: "600", "48", "44", poll: "4", actual: "-5"))
        let s = c.rows[0].summary
        #expect(c.rows.count == 1 && c.rows[0].group == "all")
        #expect(s.polls == 1 && s.races == 1)
        #expect(s.meanError == 9 && s.meanAbsoluteError == 9 && s.rmse == 9)
        let v = (0.48 + 0.44 - 0.04 * 0.04) / 600 * 10_000
        #expect(Self.close(s.samplingRMSE, v.squareRoot(), 1e-15))
        #expect(s.coverage == 0)
        #expect(Self.close(s.tau, (81 - v).squareRoot(), 1e-15))
        #expect(s.biasSD == nil)
    }

    @Test("The file's margin_poll is used, not the shares' difference; errors are exact decimals")
    func publishedMargin() throws {
        // Shares 47.5 − 44.2 = 3.3, but the file says 3.31: e = 3.31 − (−0.72) = 4.03 exactly
        // (binary subtraction gives 4.029999999999999).
        let c = try Self.calibration(
            Self.header + Self.row(1, race: 1, n: "950", "47.5", "44.2", poll: "3.31", actual: "-0.72"))
        #expect(c.polls.errors == [4.03])
    }

    @Test("Coverage counts equality as covered; a zero variance has no inflation")
    func zeroVariance() throws {
        // 100 to 0: s² = (1 + 0 − 1)/n = 0; the result 100: e = 0 = z·s.
        let c = try Self.calibration(
            Self.header + Self.row(1, race: 1, n: "400", "100", "0", poll: "100", actual: "100"))
        let s = c.rows[0].summary
        #expect(s.samplingRMSE == 0 && s.inflation == nil && s.coverage == 1 && s.tau == 0)
    }

    @Test("Left out: no result, no sample size; a missing share leaves one candidate")
    func leftOut() throws {
        let text =
            Self.header + Self.row(1, race: 1, n: "600", "48", "44", poll: "4", actual: "-5")
            + Self.row(2, race: 1, n: "", "48", "44", poll: "4", actual: "-5")
            + Self.row(3, race: 1, n: "600", "48", "44", poll: "4", actual: "")
            + Self.row(4, race: 1, n: "600", "48", "", poll: "", actual: "-5")
        let c = try Self.calibration(text)
        #expect(c.polls.count == 1)
        #expect(
            c.notes == [
                "1 question(s) have one candidate, so no lead (first: poll 4 at line 5).",
                "1 poll(s) left out: no actual result (margin_actual or actual_lead).",
                "1 poll(s) left out: no sample size, so no sampling error to compare with.",
            ])
    }

    @Test("Nothing to calibrate throws with the reasons")
    func nothing() throws {
        let text = Self.header + Self.row(1, race: 1, n: "", "48", "44", poll: "4", actual: "-5")
        #expect(
            throws: PollCompareError.invalidReportOption(
                "no poll with a result, a sample size and two candidates to calibrate (1 poll(s) left out: no sample size, so no sampling error to compare with)"
            )
        ) {
            try Self.calibration(text)
        }
    }

    @Test("Groups sort numerically, --min-polls drops small ones with a note")
    func groups() throws {
        let text =
            Self.header + Self.row(1, race: 1, n: "600", "48", "44", poll: "4", actual: "-5", type: "Sen-G")
            + Self.row(2, race: 2, n: "600", "48", "44", poll: "4", actual: "1", type: "Gov-G")
            + Self.row(3, race: 2, n: "800", "45", "44", poll: "1", actual: "1", type: "Gov-G")
        let c = try Self.calibration(text, by: [.typeSimple], minimumPolls: 2)
        #expect(c.rows.map(\.group) == ["all", "Gov-G"])
        #expect(c.notes == ["1 group(s) with fewer than 2 polls left out (--min-polls)."])
        #expect(Calibration.precedes(["9"], ["10"]) && !Calibration.precedes(["10"], ["9"]))
        #expect(Calibration.precedes(["2016", "Sen-G"], ["2016", "Sen-H"]))
    }
}

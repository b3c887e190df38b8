import Testing

@testable import PollCompare

/// Rows of the polling average from a FiveThirtyEight-layout file: leads, days, indices,
/// variances and the polls left out.
@Suite("Polling average: rows from a poll file")
struct AverageInputTests {
    /// Eight national polls in FiveThirtyEight's president_polls layout; poll 803 has no sample size.
    static let csv = """
        question_id,poll_id,cycle,state,pollster,sample_size,population,methodology,office_type,start_date,end_date,stage,answer,candidate_party,pct
        7101,801,2024,,Example Polling,1000,lv,Online Panel,U.S. President,6/3/24,6/6/24,general,Biden,DEM,44
        7101,801,2024,,Example Polling,1000,lv,Online Panel,U.S. President,6/3/24,6/6/24,general,Trump,REP,46
        7102,802,2024,,Northfield,850,rv,Live Phone,U.S. President,6/10/24,6/14/24,general,Biden,DEM,45
        7102,802,2024,,Northfield,850,rv,Live Phone,U.S. President,6/10/24,6/14/24,general,Trump,REP,45
        7103,803,2024,,Quill,,lv,Online Panel,U.S. President,6/17/24,6/20/24,general,Biden,DEM,43
        7103,803,2024,,Quill,,lv,Online Panel,U.S. President,6/17/24,6/20/24,general,Trump,REP,47
        7104,804,2024,,Example Polling,1200,lv,Online Panel,U.S. President,6/28/24,7/1/24,general,Biden,DEM,42
        7104,804,2024,,Example Polling,1200,lv,Online Panel,U.S. President,6/28/24,7/1/24,general,Trump,REP,48
        7105,805,2024,,Northfield,900,lv,Live Phone,U.S. President,7/8/24,7/11/24,general,Biden,DEM,43.5
        7105,805,2024,,Northfield,900,lv,Live Phone,U.S. President,7/8/24,7/11/24,general,Trump,REP,46.5
        7106,806,2024,,Example Polling,1100,lv,Online Panel,U.S. President,7/24/24,7/27/24,general,Harris,DEM,46
        7106,806,2024,,Example Polling,1100,lv,Online Panel,U.S. President,7/24/24,7/27/24,general,Trump,REP,45
        7107,807,2024,,Northfield,950,lv,Live Phone,U.S. President,7/25/24,7/29/24,general,Harris,DEM,47
        7107,807,2024,,Northfield,950,lv,Live Phone,U.S. President,7/25/24,7/29/24,general,Trump,REP,46
        7108,808,2024,,Quill,600,lv,Online Panel,U.S. President,7/26/24,7/30/24,general,Harris,DEM,45
        7108,808,2024,,Quill,600,lv,Online Panel,U.S. President,7/26/24,7/30/24,general,Trump,REP,47

        """

    static func input(
        assumeN: Double? = nil, optIn: [String] = [], _ options: AverageInput.Options = .init()
    ) throws -> AverageInput {
        var reader = PollFileReader()
        try reader.feed(Array(csv.utf8)[...])
        let table = try reader.finish()
        var selection = PollSelection.Options()
        selection.a = "DEM"
        selection.b = "REP"
        var analysis = PollAnalysis.Options()
        analysis.a = "DEM"
        analysis.b = "REP"
        analysis.groupBy = []
        analysis.assumeN = assumeN
        analysis.optIn = optIn
        return try AverageInput(
            PollAnalysis(table, selection: PollSelection(table, options: selection), options: analysis),
            options: options)
    }

    @Test("Leads, days from the first end date, pollsters in order of appearance, lead variances")
    func rows() throws {
        let input = try Self.input()
        #expect(input.polls.count == 7)
        #expect(input.polls.map(\.lead) == [-2, 0, -6, -3, 1, 1, -2])
        #expect(input.polls.map(\.day) == [0, 8, 25, 35, 51, 53, 54])
        #expect(input.firstDate.description == "2024-06-06")
        #expect(input.pollsters == ["Example Polling", "Northfield", "Quill"])
        #expect(input.polls.map(\.pollster) == [0, 1, 0, 1, 0, 1, 2])
        #expect(input.polls.allSatisfy { $0.population == nil } && input.populations.isEmpty)
        // s² = (p_A + p_B − d²)/n · 100² points²: poll 801, (0.44 + 0.46 − 0.02²)/1000 · 10⁴ = 8.996.
        #expect(abs(input.polls[0].variance - 8.996) <= 1e-12 * 8.996)
        #expect(abs(input.polls[6].variance - (0.45 + 0.47 - 0.0004) / 600 * 10_000) <= 1e-12 * 15.33)
        #expect(input.notes == ["1 poll(s) left out: no sample size (--assume-n N includes them)."])
    }

    @Test("--assume-n includes the poll without a sample size; --date mid uses the field midpoint")
    func assumedAndMidpoint() throws {
        let assumed = try Self.input(assumeN: 800)
        #expect(assumed.polls.count == 8 && assumed.notes.isEmpty)
        #expect(assumed.polls[2].day == 14 && assumed.polls[2].pollster == 2)
        var options = AverageInput.Options()
        options.date = .mid
        let mid = try Self.input(options)
        // Midpoints (rounded down): 6/4, 6/12, 6/29, 7/9, 7/25, 7/27, 7/28, days from 6/4.
        #expect(mid.firstDate.description == "2024-06-04")
        #expect(mid.polls.map(\.day) == [0, 8, 25, 35, 51, 53, 54])
    }

    @Test("Opt-in polls are left out unless included; population effects number the non-lv populations")
    func nonProbabilityAndPopulations() throws {
        let kept = try Self.input(optIn: ["Online Panel"])
        #expect(kept.polls.count == 3)
        // Five Online Panel polls, 803 among them (what the sample is comes before its missing n).
        #expect(
            kept.notes.contains(
                "5 straw or opt-in poll(s) left out: not random samples (--include-non-probability includes them)."))
        var options = AverageInput.Options()
        options.includeNonProbability = true
        options.populationEffects = true
        let all = try Self.input(optIn: ["Online Panel"], options)
        #expect(all.polls.count == 7)
        #expect(all.populations == ["rv"])
        #expect(all.polls.map(\.population) == [nil, 0, nil, nil, nil, nil, nil])
        // The rows fit: REML estimates, weights summing to 1.
        let estimate = try StateSpaceAverage.estimate(polls: all.polls)
        #expect(abs(estimate.fit.weights.reduce(0, +) - 1) <= 1e-9)
        #expect(estimate.fit.dayCount == 55)
    }

    @Test("Nothing left to average is an error that says why")
    func empty() {
        #expect(throws: PollCompareError.self) {
            try Self.input(optIn: ["Online Panel", "Live Phone"])
        }
    }
}

@Suite("Polling average: report tables")
struct AverageReportTests {
    @Test("Daily, house, polls and change tables agree with the fit")
    func tables() throws {
        var reader = PollFileReader()
        try reader.feed(Array(AverageInputTests.csv.utf8)[...])
        let table = try reader.finish()
        let input = try AverageInputTests.input()
        let report = try AverageReport(
            input, table: table, houseEffects: true, tau: 1, omega: 0.2,
            confidence: .ninetyFive, predictive: false)
        let daily = report.daily()
        #expect(daily.columns == AverageReport.dailyColumns)
        // One row a day from the first poll's end, 2024-06-06, to the last, 2024-07-30: 25 + 30 days.
        #expect(daily.count == 55)
        // The `polls` column counts each poll once: the 8 polls less 803, left out for no sample size.
        #expect(
            daily.rows.map { $0[5] }.reduce(0) { if case let .number(x) = $1 { return $0 + x } else { return $0 } } == 7
        )
        #expect(daily.row(54)[0] == .text("2024-07-30"))
        #expect(daily.row(54)[1] == .number(report.fit.mean[54]))
        let house = report.house()
        #expect(
            house.count == 3
                && house.row(2) == [
                    .text("Quill"), .number(1), .number(report.fit.houseEffects[2]),
                    .number(report.fit.houseEffectSD[2]),
                ])
        let polls = report.polls()
        #expect(polls.count == 7 && polls.row(0)[0] == .text("801") && polls.row(0)[1] == .text("7101"))
        let change = report.changeTable(from: 8, to: 53)
        let (c, sd) = report.fit.change(from: 8, to: 53)
        #expect(change.row(0)[4] == .number(c) && change.row(0)[5] == .number(sd))
        #expect(change.row(0)[0] == .text("2024-06-14") && change.row(0)[1] == .text("2024-07-29"))
        // Predictive: se² = sd² + τ².
        let predictive = try AverageReport(
            input, table: table, houseEffects: true, tau: 1, omega: 0.2,
            confidence: .ninetyFive, predictive: true)
        let sd54 = report.fit.sd[54]
        #expect(abs(predictive.standardError(54) - (sd54 * sd54 + 1).squareRoot()) <= 1e-15)
    }
}

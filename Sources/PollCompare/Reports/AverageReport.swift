/// Tables and sentences of `pollcmp average`: a fitted polling average (``StateSpaceAverage``) of
/// the rows of an ``AverageInput``, in percentage points.
///
/// Columns (stable API):
/// - daily: `date,average,se,lower,upper,polls`, one row for every day of the model (the first
///   poll's day to the last's); `polls` counts the polls of that day. With ``predictive`` `se` is
///   √(sd² + τ²), where a new poll would land, and the bounds follow from it.
/// - house: `pollster,polls,house_effect,se`, one row per pollster (empty effect cells without
///   house effects).
/// - polls: `poll_id,question_id,pollster,date,lead,adjusted_lead,residual,weight`: y − h − g,
///   y − (μ̂_t + h + g), and the coefficient of y in the last day's average (they sum to 1).
/// - change: `from,to,average_from,average_to,change,se,lower,upper,z,p_value`, the se from the
///   joint posterior, a two-sided normal p.
public struct AverageReport: Sendable {
    public static let dailyColumns = ["date", "average", "se", "lower", "upper", "polls"]
    public static let houseColumns = ["pollster", "polls", "house_effect", "se"]
    public static let pollColumns = [
        "poll_id", "question_id", "pollster", "date", "lead", "adjusted_lead", "residual", "weight",
    ]
    public static let changeColumns = [
        "from", "to", "average_from", "average_to", "change", "se", "lower", "upper", "z", "p_value",
    ]

    /// The rows averaged.
    public let input: AverageInput
    /// τ, ω and the fit.
    public let estimate: AverageEstimate
    /// The level of every interval.
    public let confidence: ConfidenceLevel
    /// Whether daily se and bounds are predictive (include τ²).
    public let predictive: Bool
    /// The table the analysis was made from (poll and question ids, names).
    public let table: PollTable

    /// Fits the average.
    ///
    /// - Parameters:
    ///   - input: the polls' rows, from the analysed poll file.
    ///   - table: the table the analysis was made from (for ids and names).
    ///   - houseEffects: whether to estimate house effects.
    ///   - tau: a fixed τ (points), or nil to estimate it by REML.
    ///   - omega: a fixed ω (points/day), or nil to estimate it by REML.
    ///   - confidence: the level of every interval.
    ///   - predictive: whether daily standard errors and bounds include τ².
    /// - Throws: ``AverageError``.
    /// - Complexity: as ``StateSpaceAverage/estimate(polls:houseEffects:tau:omega:)``.
    public init(
        _ input: AverageInput, table: PollTable, houseEffects: Bool, tau: Double?, omega: Double?,
        confidence: ConfidenceLevel, predictive: Bool
    ) throws(AverageError) {
        self.input = input
        self.table = table
        self.confidence = confidence
        self.predictive = predictive
        estimate = try StateSpaceAverage.estimate(
            polls: input.polls, houseEffects: houseEffects, tau: tau, omega: omega)
    }

    /// The fit.
    public var fit: StateSpaceAverage { estimate.fit }

    /// The calendar date of day t.
    public func date(_ day: Int) -> PollDate { PollDate(day: input.firstDate.day + day) }

    /// The day index of a date, or nil outside the model's days.
    public func day(of date: PollDate) -> Int? {
        let t = date.day - input.firstDate.day
        return (0..<fit.dayCount).contains(t) ? t : nil
    }

    /// The se of day t: the posterior sd, or √(sd² + τ²) with ``predictive``.
    public func standardError(_ t: Int) -> Double {
        let sd = fit.sd[t]
        return predictive ? (sd * sd + estimate.tau * estimate.tau).squareRoot() : sd
    }

    /// The daily table.
    /// - Complexity: O(T + n).
    public func daily() -> ReportTable {
        var counts = [Int](repeating: 0, count: fit.dayCount)
        for poll in input.polls { counts[poll.day] += 1 }
        var out = ReportTable(columns: Self.dailyColumns)
        let z = confidence.z
        for t in 0..<fit.dayCount {
            let se = standardError(t), mean = fit.mean[t]
            out.append([
                .text(date(t).description), .number(mean), .number(se), .number(mean - z * se),
                .number(mean + z * se), .number(Double(counts[t])),
            ])
        }
        return out
    }

    /// The house table.
    /// - Complexity: O(J + n).
    public func house() -> ReportTable {
        var counts = [Int](repeating: 0, count: input.pollsters.count)
        for poll in input.polls { counts[poll.pollster] += 1 }
        var out = ReportTable(columns: Self.houseColumns)
        for (j, name) in input.pollsters.enumerated() {
            let effect: ReportCell = fit.houseEffects.isEmpty ? .empty : .number(fit.houseEffects[j])
            let sd: ReportCell = fit.houseEffectSD.isEmpty ? .empty : .number(fit.houseEffectSD[j])
            out.append([.text(name), .number(Double(counts[j])), effect, sd])
        }
        return out
    }

    /// The polls table, in time order.
    /// - Complexity: O(n).
    public func polls() -> ReportTable {
        var out = ReportTable(columns: Self.pollColumns)
        for (i, poll) in input.polls.enumerated() {
            let q = input.questions[i]
            out.append([
                .text(table.pollID[q]), .text(table.questionID[q]), .text(input.pollsters[poll.pollster]),
                .text(date(poll.day).description), .number(poll.lead), .number(fit.adjustedLeads[i]),
                .number(fit.residuals[i]), .number(fit.weights[i]),
            ])
        }
        return out
    }

    /// The change from day `from` to day `to` (indices) with its joint-posterior se.
    public func change(from: Int, to: Int) -> (change: Double, se: Double, z: Double?, p: Double?) {
        let (c, se) = fit.change(from: from, to: to)
        guard se > 0 else { return (c, se, nil, nil) }
        let z = c / se
        return (c, se, z, Alternative.twoSided.pValue(statistic: z))
    }

    /// The change table: one row.
    public func changeTable(from: Int, to: Int) -> ReportTable {
        let c = change(from: from, to: to)
        let z = confidence.z
        var out = ReportTable(columns: Self.changeColumns)
        out.append([
            .text(date(from).description), .text(date(to).description), .number(fit.mean[from]),
            .number(fit.mean[to]), .number(c.change), .number(c.se), .number(c.change - z * c.se),
            .number(c.change + z * c.se), .optional(c.z), .optional(c.p),
        ])
        return out
    }

    /// Sentences for people: the last day's average with its interval, the change when asked,
    /// τ and ω (and whether they were estimated), and the notes.
    public func sentences(change: (from: Int, to: Int)?, digits: Int) -> String {
        let last = fit.dayCount - 1
        let z = confidence.z, se = standardError(last), mean = fit.mean[last]
        let pct = confidence.percentText
        func points(_ x: Double, signed: Bool = true) -> String {
            NumberText.fixed(x, digits: digits, signed: signed)
        }
        var lines: [String] = []
        var first =
            "On \(date(last)) the average lead is \(points(mean, signed: false)) points (\(pct)% interval \(points(mean - z * se, signed: false)) to \(points(mean + z * se)))"
        if predictive { first += "; a new poll would land in that interval with probability \(pct)%" }
        if let change {
            let c = self.change(from: change.from, to: change.to)
            first += "; since \(date(change.from)) it moved \(points(c.change)) ± \(points(z * c.se, signed: false))"
            if let p = c.p { first += " (p = \(SwingReport.pValueText(p)))" }
        }
        lines.append(first + ".")
        let how: String
        switch (estimate.tauEstimated, estimate.omegaEstimated) {
        case (true, true): how = "REML estimates"
        case (true, false): how = "τ a REML estimate, ω given"
        case (false, true): how = "τ given, ω a REML estimate"
        case (false, false): how = "as given"
        }
        func parameter(_ x: Double) -> String {
            x == 0 || x >= 0.001 ? NumberText.fixed(x, digits: 4) : NumberText.scientific(x, digits: 2)
        }
        lines.append(
            "\(input.polls.count) polls from \(input.pollsters.count) pollsters over \(fit.dayCount) days; τ = \(parameter(estimate.tau)) points, ω = \(parameter(estimate.omega)) points/day (\(how))."
        )
        return lines.joined(separator: "\n") + "\n"
    }
}

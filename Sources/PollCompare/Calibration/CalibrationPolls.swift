/// The polls of a selection as a calibration sees them: each selected question's error against
/// the result and its sampling variance, with the questions left out and why.
///
/// - Error e_i = lead_poll − lead_actual (percentage points), an exact decimal of the published
///   figures (``ExactDecimal/difference(_:_:)``). In FiveThirtyEight's raw-polls the file's own
///   columns are used, `margin_poll − margin_actual` (first candidate over the second; with
///   `--a`/`--b` the sign follows A − B), not a lead recomputed from the shares. In a tidy file
///   the lead is A − B of the selection (`pct` of A minus `pct` of B) and `actual_lead` is the
///   result's lead oriented the same way.
/// - Sampling variance s_i² = (p_A + p_B − d²)/n_eff · 100² (points²), the multinomial lead
///   variance of ``LeadEstimate/unitVariance(shareA:shareB:)`` with the shares as proportions and
///   n_eff = n/(deff·f) from the sample size, design effect and population size (raw-polls:
///   n = `samplesize`, deff 1). It is what a simple random sample of that size would give, for
///   every poll (straw and opt-in included: the calibration measures how far real polls are
///   from that).
/// - Race: raw-polls `race_id`, else the `race` column, else each poll its own race.
/// - Left out, counted in ``notes``: questions without a result and without a sample size (the
///   selection's own notes count those without two candidates). A raw-polls row whose shares sum
///   above 100 is kept, as FiveThirtyEight keeps it: its lead and result are published, and its
///   variance formula stays non-negative.
public struct CalibrationPolls: Sendable {
    /// Which way a lead is oriented.
    public enum Orientation: Sendable {
        /// As the file publishes it (raw-polls: first candidate over the second), whatever the
        /// selection's order.
        case asPublished
        /// A − B as the selection chose A and B.
        case selected
    }

    /// The table question of each poll, in file order.
    public let questions: [Int]
    /// e_i, points.
    public let errors: [Double]
    /// s_i², points².
    public let variances: [Double]
    /// The race index of each poll, in `0..<raceNames.count`.
    public let races: [Int]
    /// The races' identifiers by index.
    public let raceNames: [String]
    /// Lines for people: what was left out and why.
    public let notes: [String]

    /// The polls of `selection`.
    ///
    /// - Throws: ``PollCompareError/invalidPollDesign(poll:line:reason:)`` for a design that
    ///   cannot be (a design effect that is not positive).
    /// - Complexity: O(q) for q selected questions.
    public init(_ table: PollTable, selection: PollSelection, orientation: Orientation) throws(PollCompareError) {
        var questions: [Int] = [], errors: [Double] = [], variances: [Double] = [], races: [Int] = []
        var raceIndex: [String: Int] = [:], raceNames: [String] = []
        var noResult = 0, noSize = 0
        for c in selection.choices {
            let q = c.question
            let actual = table.actualLead[q]
            guard !actual.isNaN else { noResult += 1; continue }
            let n = table.sampleSize[q]
            guard !n.isNaN else { noSize += 1; continue }
            let shareA = table.share[c.a], shareB = table.share[c.b]
            let (deff, population) = table.designParameters(q)
            let effective: Double
            do {
                effective = try SampleDesign(sampleSize: n, designEffect: deff, populationSize: population)
                    .effectiveSampleSize
            } catch {
                throw table.designError(q, error)
            }
            let first = table.candidateRange[q].lowerBound
            if !table.publishedLead[q].isNaN {
                // The file's own lead is of its first candidate over the second.
                let sign: Double = orientation == .asPublished || c.a == first ? 1 : -1
                errors.append(sign * ExactDecimal.difference(table.publishedLead[q], actual))
            } else {
                errors.append(ExactDecimal.difference(Percent.difference(shareA, shareB), actual))
            }
            variances.append(LeadEstimate.unitVariance(shareA: shareA, shareB: shareB) / effective * 10_000)
            questions.append(q)
            let id = table.raceID[q]
            let key = id.isEmpty ? "\u{1F}poll " + table.pollID[q] : id
            if let r = raceIndex[key] {
                races.append(r)
            } else {
                raceIndex[key] = raceNames.count
                races.append(raceNames.count)
                raceNames.append(key)
            }
        }
        var notes: [String] = []
        if noResult > 0 {
            notes.append("\(noResult) poll(s) left out: no actual result (margin_actual or actual_lead).")
        }
        if noSize > 0 {
            notes.append("\(noSize) poll(s) left out: no sample size, so no sampling error to compare with.")
        }
        self.questions = questions
        self.errors = errors
        self.variances = variances
        self.races = races
        self.raceNames = raceNames
        self.notes = notes
    }

    /// The number of polls.
    public var count: Int { questions.count }
}

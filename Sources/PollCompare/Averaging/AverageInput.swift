/// The polls of an analysis as the polling average sees them: one ``AveragePoll`` row per selected
/// question of one race, with its lead, day, pollster and population indices and its sampling
/// variance (GUIDE §4 "Polling average"), plus the questions left out and why.
///
/// - Lead: y = A − B in points, an exact decimal of the published shares, with A and B as the
///   analysis oriented them (`--a`/`--b`, or the first question's leader and runner-up).
/// - Day: the end date (``DateChoice/end``) or the field period's midpoint, rounded down
///   (``DateChoice/mid``), counted from the earliest such date, which is day 0.
/// - Variance: s² = (p_A + p_B − d²)/n_eff · 100² (points²), the lead variance of
///   ``LeadEstimate/unitVariance(shareA:shareB:)`` with n_eff from the sample size (or
///   `--assume-n`), design effect and population size; plus τ² (points²) of
///   ``Options/totalError`` when given.
/// - Left out, and counted in ``notes``: questions without a sample size (unless the analysis
///   assumed one), straw and opt-in samples (unless ``Options/includeNonProbability``), and
///   questions without a date.
/// - Pollsters are numbered in order of first appearance in time; with
///   ``Options/populationEffects`` populations other than likely voters (`lv`) are numbered the
///   same way, otherwise every poll is in the reference population.
public struct AverageInput: Sendable {
    /// Which date of a poll is its day t.
    public enum DateChoice: String, CaseIterable, Sendable {
        /// The last day of fieldwork.
        case end
        /// The midpoint of the field period, rounded down to a whole day.
        case mid
    }

    /// How rows are made.
    public struct Options: Sendable {
        /// The date of each poll.
        public var date: DateChoice = .end
        /// Keep straw and opt-in polls (their s² as if they were random samples).
        public var includeNonProbability = false
        /// Estimate population effects relative to likely voters.
        public var populationEffects = false
        /// Historical non-sampling error added to each poll's variance, s² + τ_tse² (`--tse`;
        /// ``TotalError``), before the model's own τ.
        public var totalError: TotalError?
        /// The defaults.
        public init() {}
    }

    /// The rows, in time order (day, then the analysis' order).
    public let polls: [AveragePoll]
    /// The table question of each row.
    public let questions: [Int]
    /// The calendar date of day 0.
    public let firstDate: PollDate
    /// The pollsters by index.
    public let pollsters: [String]
    /// The populations with an effect, by index (empty without population effects).
    public let populations: [String]
    /// The race averaged.
    public let race: String
    /// Lines for people: what was left out and why.
    public let notes: [String]

    /// The rows for the questions of `analysis`.
    ///
    /// - Throws: ``PollCompareError/invalidReportOption(_:)`` when the selection spans several
    ///   races (an average never crosses races) or leaves no poll.
    /// - Complexity: O(q) for q selected questions (after the analysis' sort).
    public init(_ analysis: PollAnalysis, options: Options = Options()) throws(PollCompareError) {
        let table = analysis.table
        let races = Set(analysis.groups.map(\.race))
        guard races.count <= 1 else {
            throw .invalidReportOption(
                "the selection spans \(races.count) races (\(races.sorted().joined(separator: "; "))); an average needs one: narrow it with --where"
            )
        }
        var estimateOf: [Int: LeadEstimate] = [:]
        for lead in analysis.leads { estimateOf[lead.question] = lead.estimate }
        var members: [(question: Int, a: Int, b: Int, date: PollDate, effectiveSize: Double)] = []
        var noSize = 0, nonProbability = 0, noDate = 0
        for group in analysis.groups {
            for m in group.members {
                guard let estimate = estimateOf[m.question] else { continue }
                guard let end = table.endDate[m.question] else { noDate += 1; continue }
                if !estimate.sampleType.isProbabilitySample && !options.includeNonProbability {
                    nonProbability += 1
                    continue
                }
                guard let n = estimate.effectiveSampleSize else { noSize += 1; continue }
                var date = end
                if options.date == .mid, let start = table.startDate[m.question], start <= end {
                    date = PollDate(day: start.day + (end.day - start.day) / 2)
                }
                members.append((m.question, m.a, m.b, date, n))
            }
        }
        guard let first = members.map(\.date).min() else {
            throw .invalidReportOption(
                "no poll left to average (\(noSize) without a sample size, \(nonProbability) straw or opt-in, \(noDate) without a date)"
            )
        }
        members = members.enumerated().sorted { x, y in
            x.element.date != y.element.date ? x.element.date < y.element.date : x.offset < y.offset
        }.map(\.element)
        var pollsterIndex: [String: Int] = [:], pollsters: [String] = []
        var populationIndex: [String: Int] = [:], populations: [String] = []
        var rows: [AveragePoll] = []
        rows.reserveCapacity(members.count)
        for m in members {
            let q = m.question
            let name = table.pollster[q]
            let j: Int
            if let k = pollsterIndex[name] {
                j = k
            } else {
                j = pollsters.count; pollsterIndex[name] = j; pollsters.append(name)
            }
            var population: Int?
            if options.populationEffects {
                let p = table.population[q].lowercased()
                if p != "lv" {
                    if let k = populationIndex[p] {
                        population = k
                    } else {
                        population = populations.count; populationIndex[p] = populations.count; populations.append(p)
                    }
                }
            }
            let shareA = table.share[m.a], shareB = table.share[m.b]
            let variance =
                LeadEstimate.unitVariance(shareA: shareA, shareB: shareB) / m.effectiveSize * 10_000
                + (options.totalError?.pointsVariance ?? 0)
            rows.append(
                AveragePoll(
                    lead: Percent.difference(shareA, shareB), day: m.date.day - first.day,
                    pollster: j, population: population, variance: variance))
        }
        var notes: [String] = []
        if noSize > 0 { notes.append("\(noSize) poll(s) left out: no sample size (--assume-n N includes them).") }
        if nonProbability > 0 {
            notes.append(
                "\(nonProbability) straw or opt-in poll(s) left out: not random samples (--include-non-probability includes them)."
            )
        }
        if noDate > 0 { notes.append("\(noDate) poll(s) left out: no end date.") }
        self.polls = rows
        self.questions = members.map(\.question)
        self.firstDate = first
        self.pollsters = pollsters
        self.populations = populations
        self.race = races.first ?? ""
        self.notes = notes
    }
}

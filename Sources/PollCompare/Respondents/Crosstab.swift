import PollNumerics

/// Weighted shares of each answer to one question, overall and within groups, with
/// design-based standard errors, design effects, intervals, leads and group comparisons
/// (Lumley, *Complex Surveys*, 2010; R `survey`: `svymean`, `svyby`, `svyciprop`,
/// `svycontrast`). All shares are proportions in [0, 1].
///
/// A group is a domain of the full design (R's subset designs): its share is
/// p̂ = Σ_D w·1[y = c] / Σ_D w, its variance the design's (``TaylorLinearization`` or
/// ``ReplicateVariance``) with respondents outside the group contributing zero, its degrees of
/// freedom those of the subset design. deff = v/v_srs with v_srs = p̂(1 − p̂)/(n − 1), the
/// variance of a simple random sample with replacement of the group's n respondents (R
/// `deff = "replace"`: `svyvar`/n); n_eff = n/deff.
///
/// Zero weights (R `survey`'s treatment): a respondent with weight 0 stays in the design and in
/// its group's `n` (rows, R `nrow`), adds nothing to Σw or to any share, and has influence value 0
/// (its PSU still counts among its stratum's n_h). The n of deff and n_eff, and of Wilson's
/// m = n/deff, counts only weights above 0 (R `svymean`: `nobs = sum(weights != 0)`); degrees of
/// freedom count only PSUs and strata with a weight above 0 (R `degf`); the beta interval's
/// t_{n−1} uses every row (R `svyciprop`: `nrow(design) − 1`). A group whose weights are all 0
/// has no share (0/0): ``RequestError/groupWithoutWeight(by:value:)``.
public struct Crosstab: Sendable {
    /// What to estimate.
    public struct Request: Sendable {
        /// The question's column.
        public var row: String
        /// Grouping columns, one block each.
        public var by: [String]
        /// Estimate over the answered respondents only (R `na.rm = TRUE`) instead of a
        /// `(missing)` category.
        public var dropMissing: Bool
        /// The interval method.
        public var method: SurveyIntervalMethod
        /// The confidence level.
        public var level: ConfidenceLevel
        /// Categories whose lead (first − second) is wanted.
        public var lead: (String, String)?
        /// Whether to compare every category between the groups of each `--by` column.
        public var compare: Bool

        /// A request; see the properties.
        public init(
            row: String, by: [String] = [], dropMissing: Bool = false, method: SurveyIntervalMethod = .logit,
            level: ConfidenceLevel = .ninetyFive, lead: (String, String)? = nil, compare: Bool = false
        ) {
            self.row = row
            self.by = by
            self.dropMissing = dropMissing
            self.method = method
            self.level = level
            self.lead = lead
            self.compare = compare
        }
    }

    /// The label of the category (and group) made of empty answers.
    public static let missingLabel = "(missing)"

    /// One group: the whole sample (`by` nil) or one value of a `--by` column.
    public struct Group: Sendable, Equatable {
        public let by: String?
        public let value: String?
        /// Respondents in the group (answered ones with `dropMissing`), zero weights included.
        public let n: Int
        /// Those with a weight above 0 (the n of deff and n_eff).
        public let positive: Int
        /// Their weights' sum.
        public let sumOfWeights: Double
        /// Design degrees of freedom of the group (R `degf` of the subset design).
        public let degreesOfFreedom: Int
    }

    /// One category in one group.
    public struct Cell: Sendable, Equatable {
        /// Index into ``groups``.
        public let group: Int
        public let category: String
        public let share: Double
        public let se: Double
        /// nil when undefined (a share of 0 or 1, or a group of one).
        public let deff: Double?
        public let nEff: Double?
        /// nil when undefined (see ``SurveyShareInterval``).
        public let lower: Double?
        public let upper: Double?
    }

    /// The categories in order: byte order of their text, `(missing)` last.
    public let categories: [String]
    /// The whole sample, then each `--by` column's groups in sorted order.
    public let groups: [Group]
    /// Group-major: every category in every group.
    public let cells: [Cell]
    /// The leads, one per group, when asked for.
    public let leads: [LeadContrast]
    /// The comparisons, when asked for.
    public let comparisons: [GroupComparison]
    /// The request it answers.
    public let method: SurveyIntervalMethod
    public let level: ConfidenceLevel

    /// A request that names something the data lack.
    public enum RequestError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownLeadCategory(String, known: [String])
        /// Every weight of a group is 0 (`by` nil: the whole sample): its shares are 0/0.
        case groupWithoutWeight(by: String?, value: String?)
        public var description: String {
            switch self {
            case .unknownLeadCategory(let name, let known):
                return "--lead: no answer \"\(name)\" in the data (answers: \(known.joined(separator: ", ")))"
            case .groupWithoutWeight(let by?, let value):
                return
                    "every weight in the group \(by) = \"\(value ?? "")\" is 0, so its shares are 0/0; give its respondents weight or leave them out"
            case .groupWithoutWeight(nil, _):
                return "every weight is 0, so the shares are 0/0; expected at least one weight above 0"
            }
        }
    }

    /// Estimates `request` on `table` under `design`.
    ///
    /// - Throws: ``RequestError`` when a `--lead` category is not an answer in the data or a
    ///   group's weights are all 0.
    /// - Complexity: O(n·(G·C + L + K)) for linearization with G groups, C categories, L leads and
    ///   K comparisons (one pass over the respondents each), plus O(n·R·G·C) BLAS work and
    ///   O(n·R²) per group for replicate designs.
    public init(table: RespondentTable, design: SurveyDesign, request: Request) throws {
        guard let answers = table.categorical[request.row] else { preconditionFailure("row column not read") }
        method = request.method
        level = request.level
        let n = table.count
        // Categories.
        let emptyCode = answers.levels.firstIndex(of: "").map(Int32.init) ?? -1
        var categoryCodes = answers.sortedLevelCodes.filter { $0 != emptyCode }
        if emptyCode >= 0 && !request.dropMissing { categoryCodes.append(emptyCode) }
        let label = { (code: Int32) in answers.levels[Int(code)].isEmpty ? Self.missingLabel : answers.levels[Int(code)]
        }
        categories = categoryCodes.map(label)
        let c = categoryCodes.count
        var categoryIndex = [Int](repeating: -1, count: answers.levels.count)
        for (k, code) in categoryCodes.enumerated() { categoryIndex[Int(code)] = k }
        if let (a, b) = request.lead {
            for name in [a, b] where !categories.contains(name) {
                throw RequestError.unknownLeadCategory(name, known: categories)
            }
        }
        // Groups: (column codes, code) or the whole sample.
        struct Domain { let codes: [Int32]?; let code: Int32; let by: String?; let value: String? }
        var domains = [Domain(codes: nil, code: 0, by: nil, value: nil)]
        for name in request.by {
            guard let column = table.categorical[name] else { preconditionFailure("by column not read") }
            var order = column.sortedLevelCodes
            if let e = order.firstIndex(where: { column.levels[Int($0)].isEmpty }) { order.append(order.remove(at: e)) }
            for code in order {
                let v = column.levels[Int(code)]
                domains.append(
                    Domain(codes: column.codes, code: code, by: name, value: v.isEmpty ? Self.missingLabel : v))
            }
        }
        let answerCodes = answers.codes
        let drop = request.dropMissing
        // Each group's respondents, as row indices (one bucketing pass per --by column).
        var members: [[Int32]] = []
        members.append((0..<n).filter { !drop || answerCodes[$0] != emptyCode }.map { Int32($0) })
        for name in request.by {
            let column = table.categorical[name]!
            var buckets = [[Int32]](repeating: [], count: column.levels.count)
            for i in 0..<n where !drop || answerCodes[i] != emptyCode { buckets[Int(column.codes[i])].append(Int32(i)) }
            for d in domains.indices where domains[d].by == name { members.append(buckets[Int(domains[d].code)]) }
        }
        // Point estimates: Σw and Σw·1[y = c] per domain.
        let w = design.weights
        var sumW = [Double](repeating: 0, count: domains.count)
        let count = members.map(\.count)
        var positive = [Int](repeating: 0, count: domains.count)
        var sums = [Double](repeating: 0, count: domains.count * c)
        for d in domains.indices {
            for row in members[d] {
                let i = Int(row)
                sumW[d] += w[i]
                if w[i] > 0 { positive[d] += 1 }
                let k = categoryIndex[Int(answerCodes[i])]
                if k >= 0 { sums[d * c + k] += w[i] }
            }
        }
        if let d = domains.indices.first(where: { count[$0] > 0 && sumW[$0] == 0 }) {
            throw RequestError.groupWithoutWeight(by: domains[d].by, value: domains[d].value)
        }
        let shares = (0..<(domains.count * c)).map { sumW[$0 / c] > 0 ? sums[$0] / sumW[$0 / c] : 0 }
        // Variances of linear combinations of shares: terms (domain, category, coefficient).
        typealias Term = (d: Int, k: Int, coefficient: Double)
        var taylor = design.replicates == nil ? TaylorLinearization(design: design) : nil
        var replicateShares: Matrix?
        if design.replicates != nil {
            let columns = domains.count * (c + 1)
            // A respondent's groups: the whole sample and one per --by column (when answered
            // or not dropping).
            var groupsOf = [[Int]](repeating: [], count: n)
            for d in domains.indices { for row in members[d] { groupsOf[Int(row)].append(d) } }
            let totals = ReplicateVariance.totals(design, columns: columns) { i, hits in
                let k = categoryIndex[Int(answerCodes[i])]
                for d in groupsOf[i] {
                    hits.append(d * (c + 1))
                    if k >= 0 { hits.append(d * (c + 1) + 1 + k) }
                }
            }
            let r = totals.rows
            var p = Matrix(rows: r, columns: domains.count * c)
            for d in 0..<domains.count {
                for k in 0..<c {
                    for j in 0..<r {
                        p.elements[j + (d * c + k) * r] =
                            totals.elements[j + (d * (c + 1) + 1 + k) * r] / totals.elements[j + d * (c + 1) * r]
                    }
                }
            }
            replicateShares = p
        }
        var z = [Double](repeating: 0, count: n)
        func variance(_ terms: [Term]) -> Double {
            if let rep = design.replicates, let p = replicateShares {
                let r = rep.count
                var thetas = [Double](repeating: 0, count: r)
                var full = 0.0
                for t in terms {
                    full += t.coefficient * shares[t.d * c + t.k]
                    for j in 0..<r { thetas[j] += t.coefficient * p.elements[j + (t.d * c + t.k) * r] }
                }
                return ReplicateVariance.variance(thetas, full: full, replicates: rep)
            }
            for i in 0..<n { z[i] = 0 }
            for t in terms {
                let p = shares[t.d * c + t.k], scale = t.coefficient / sumW[t.d]
                for row in members[t.d] {
                    let i = Int(row)
                    z[i] += scale * w[i] * ((categoryIndex[Int(answerCodes[i])] == t.k ? 1 : 0) - p)
                }
            }
            return taylor!.variance(influence: z)
        }
        // The logit of a share and its design standard error, as R's svyglm (see InterceptLogitFit).
        func logitFit(_ d: Int, _ k: Int) -> (coefficient: Double, se: Double) {
            let rows = members[d].lazy.map { (weight: w[Int($0)], hit: categoryIndex[Int(answerCodes[Int($0)])] == k) }
            let beta = InterceptLogitFit.fit(rows, count: count[d], sumOfWeights: sumW[d])
            if let rep = design.replicates, let p = replicateShares {
                let r = rep.count
                let betas = (0..<r).map { InterceptLogitFit.fit(share: p.elements[$0 + (d * c + k) * r], start: beta) }
                return (beta, ReplicateVariance.variance(betas, full: beta, replicates: rep).squareRoot())
            }
            let mu = InterceptLogitFit.linkinv(beta)
            let scale = Double(count[d]) / sumW[d] / (Double(count[d]) * InterceptLogitFit.muEta(beta))
            for i in 0..<n { z[i] = 0 }
            for row in members[d] {
                let i = Int(row)
                z[i] = w[i] * ((categoryIndex[Int(answerCodes[i])] == k ? 1 : 0) - mu) * scale
            }
            return (beta, taylor!.variance(influence: z).squareRoot())
        }
        // Groups and cells.
        var groups: [Group] = []
        var cells: [Cell] = []
        for (d, domain) in domains.enumerated() {
            let df =
                design.replicates == nil
                ? TaylorLinearization.degreesOfFreedom(design, rows: members[d].filter { w[Int($0)] > 0 })
                : ReplicateVariance.degreesOfFreedom(design, rows: members[d])
            groups.append(
                Group(
                    by: domain.by, value: domain.value, n: count[d], positive: positive[d], sumOfWeights: sumW[d],
                    degreesOfFreedom: df))
            for k in 0..<c {
                let p = shares[d * c + k]
                let v = variance([(d, k, 1)])
                let se = v.squareRoot()
                let nd = count[d], np = positive[d]
                let vsrs = np > 1 ? p * (1 - p) / Double(np - 1) : .nan
                let deffValue = v / vsrs
                let deff: Double? = deffValue.isFinite && deffValue > 0 ? deffValue : nil
                let logit = request.method == .logit && p > 0 && p < 1 ? logitFit(d, k) : nil
                let interval = SurveyShareInterval.interval(
                    request.method, share: p, se: se, logit: logit, n: nd, positive: np,
                    deff: deff ?? .nan, df: df, level: request.level)
                cells.append(
                    Cell(
                        group: d, category: categories[k], share: p, se: se, deff: deff,
                        nEff: deff.map { Double(np) / $0 }, lower: interval?.lower, upper: interval?.upper))
            }
        }
        self.groups = groups
        self.cells = cells
        // Leads.
        var leads: [LeadContrast] = []
        if let (a, b) = request.lead {
            let ka = categories.firstIndex(of: a)!, kb = categories.firstIndex(of: b)!
            for (d, domain) in domains.enumerated() {
                let estimate = shares[d * c + ka] - shares[d * c + kb]
                let se = variance([(d, ka, 1), (d, kb, -1)]).squareRoot()
                leads.append(
                    LeadContrast(
                        by: domain.by, byValue: domain.value, a: a, b: b,
                        contrast: DesignContrast(estimate: estimate, se: se, level: request.level)))
            }
        }
        self.leads = leads
        // Comparisons between the groups of each by column.
        var comparisons: [GroupComparison] = []
        if request.compare {
            for name in request.by {
                let members = domains.indices.filter { domains[$0].by == name }
                for (x, da) in members.enumerated() {
                    for db in members[(x + 1)...] {
                        for k in 0..<c {
                            let estimate = shares[db * c + k] - shares[da * c + k]
                            let se = variance([(db, k, 1), (da, k, -1)]).squareRoot()
                            comparisons.append(
                                GroupComparison(
                                    by: name, category: categories[k], groupA: domains[da].value!,
                                    groupB: domains[db].value!,
                                    contrast: DesignContrast(estimate: estimate, se: se, level: request.level)))
                        }
                    }
                }
            }
        }
        self.comparisons = comparisons
    }
}

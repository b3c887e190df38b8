/// How replicate weights turn into a variance: R `svrepdesign`'s `type`, with its default scales.
public enum ReplicateType: String, CaseIterable, Sendable {
    /// Delete-one-PSU jackknife: scale (R − 1)/R.
    case jk1
    /// Bootstrap: scale 1/(R − 1).
    case bootstrap
    /// Balanced repeated replication (half samples): scale 1/R.
    case brr
    /// Fay's modified BRR with factor ρ: scale 1/(R(1 − ρ)²).
    case fay

    /// The overall scale of Σ_r (θ_r − θ̄)² for `replicates` replicates, as R `svrepdesign`
    /// sets it (all `rscales` 1).
    ///
    /// - Parameters:
    ///   - r: the number of replicates.
    ///   - rho: Fay's ρ in [0, 1) (ignored by the other types).
    public func scale(replicates r: Int, rho: Double) -> Double {
        let n = Double(r)
        switch self {
        case .jk1: return (n - 1) / n
        case .bootstrap: return 1 / (n - 1)
        case .brr: return 1 / n
        case .fay: return 1 / (n * (1 - rho) * (1 - rho))
        }
    }
}

/// A survey design over the rows of a ``RespondentTable``: sampling weights, and either a
/// stratified cluster sample (Taylor linearization) or replicate weights.
///
/// Clusters are nested in strata (R `svydesign(..., nest = TRUE)`): the same cluster label in
/// two strata is two PSUs. Without clusters each respondent is a PSU; without strata there is
/// one stratum. The first stage is with replacement unless `fpc` gives the population size of
/// each stratum (in PSUs; values all ≤ 1 are sampling fractions instead, as R reads them).
public struct SurveyDesign: Sendable {
    /// Respondents.
    public let count: Int
    /// Sampling weights (all ≥ 0; 1 when the file has none). A weight of 0 keeps its respondent
    /// in the design (its PSU and stratum still count in n_h) while adding nothing to any total,
    /// as R `svydesign` treats it (probability 1/0 = ∞, the mark `subset()` gives rows outside a
    /// domain).
    public let weights: [Double]
    /// Each respondent's stratum, 0..<stratumCount.
    public let stratum: [Int32]
    /// The number of strata.
    public let stratumCount: Int
    /// Each respondent's PSU, 0..<psuCount (unique across strata).
    public let psu: [Int32]
    /// Each PSU's stratum.
    public let psuStratum: [Int32]
    /// n_h: the PSUs of each stratum in the sample.
    public let psusInStratum: [Int]
    /// The finite population factor of each stratum, (N_h − n_h)/N_h (1 without fpc).
    public let finitePopulationFactor: [Double]
    /// Replicate weights, when the variance comes from them.
    public let replicates: Replicates?

    /// Replicate weights and how their spread becomes a variance (R `svrepdesign`,
    /// `combined.weights = TRUE`: the columns are full weights).
    public struct Replicates: Sendable {
        /// The type, which fixes the scale.
        public let type: ReplicateType
        /// R: the number of replicates.
        public let count: Int
        /// Row-major weights: respondent i in replicate r at `i·count + r`.
        public let weights: [Double]
        /// The scale multiplying Σ_r (θ_r − θ̄)².
        public let scale: Double
        /// Centre on the full-sample estimate (R `mse = TRUE`) instead of the replicates' mean.
        public let mse: Bool
    }

    /// What a design is made of: column names (nil: absent).
    public struct Columns: Sendable {
        public var weight: String?
        public var strata: String?
        public var cluster: String?
        public var fpc: String?
        public var replicatePrefix: String?
        public var replicateType: ReplicateType
        public var rho: Double
        public var mse: Bool
        /// Columns for a design; see the properties.
        public init(
            weight: String? = nil, strata: String? = nil, cluster: String? = nil, fpc: String? = nil,
            replicatePrefix: String? = nil, replicateType: ReplicateType = .jk1, rho: Double = 0, mse: Bool = false
        ) {
            self.weight = weight
            self.strata = strata
            self.cluster = cluster
            self.fpc = fpc
            self.replicatePrefix = replicatePrefix
            self.replicateType = replicateType
            self.rho = rho
            self.mse = mse
        }

        /// The columns a `RespondentTableReader` must keep for this design, besides `answers`.
        public func request(categorical extra: [String]) -> RespondentColumns {
            var categorical = extra
            for name in [strata, cluster].compactMap({ $0 }) where !categorical.contains(name) {
                categorical.append(name)
            }
            var numeric: [(name: String, rule: RespondentColumns.NumberRule, role: String)] = []
            if let weight { numeric.append((weight, .nonNegative, "weight")) }
            if let fpc { numeric.append((fpc, .positive, "fpc")) }
            return RespondentColumns(categorical: categorical, numeric: numeric, replicatePrefix: replicatePrefix)
        }
    }

    /// The design of `table` described by `columns`.
    ///
    /// - Throws: ``CSVError`` at the first offending row when fpc differs within a stratum or is
    ///   smaller than the stratum's PSU count.
    /// - Complexity: O(rows).
    public init(table: RespondentTable, columns: Columns) throws {
        let n = table.count
        count = n
        weights = columns.weight.flatMap { table.numeric[$0] } ?? [Double](repeating: 1, count: n)
        let strataColumn = columns.strata.flatMap { table.categorical[$0] }
        let stratumCodes = strataColumn?.codes ?? [Int32](repeating: 0, count: n)
        stratum = stratumCodes
        stratumCount = strataColumn?.levels.count ?? 1
        // PSUs: (stratum, cluster) pairs, or one per respondent.
        var psuCodes = [Int32](repeating: 0, count: n)
        var owner: [Int32] = []
        if let clusters = columns.cluster.flatMap({ table.categorical[$0] }) {
            var index: [Int64: Int32] = [:]
            for i in 0..<n {
                let key = Int64(stratumCodes[i]) << 32 | Int64(clusters.codes[i])
                if let k = index[key] {
                    psuCodes[i] = k
                } else {
                    let k = Int32(owner.count)
                    index[key] = k
                    owner.append(stratumCodes[i])
                    psuCodes[i] = k
                }
            }
        } else {
            for i in 0..<n { psuCodes[i] = Int32(i) }
            owner = stratumCodes
        }
        psu = psuCodes
        psuStratum = owner
        var nh = [Int](repeating: 0, count: stratumCount)
        for s in owner { nh[Int(s)] += 1 }
        psusInStratum = nh
        var factor = [Double](repeating: 1, count: stratumCount)
        if let name = columns.fpc, let fpc = table.numeric[name] {
            let fractions = fpc.allSatisfy { $0 <= 1 }
            var seen = [Double?](repeating: nil, count: stratumCount)
            for i in 0..<n {
                let h = Int(stratumCodes[i])
                if let first = seen[h], first != fpc[i] {
                    throw CSVError(
                        position: TextPosition(line: Int(table.lines[i]), column: 1),
                        message:
                            "fpc \(fpc[i]) differs from \(first) earlier in the same stratum; expected one population size per stratum"
                    )
                }
                seen[h] = fpc[i]
                let population = fractions ? Double(nh[h]) / fpc[i] : fpc[i]
                guard population >= Double(nh[h]) else {
                    throw CSVError(
                        position: TextPosition(line: Int(table.lines[i]), column: 1),
                        message:
                            "fpc \(fpc[i]) is smaller than the \(nh[h]) PSUs sampled in this stratum; expected the stratum's population size in PSUs"
                    )
                }
                factor[h] = (population - Double(nh[h])) / population
            }
        }
        finitePopulationFactor = factor
        if columns.replicatePrefix != nil {
            let r = table.replicateNames.count
            replicates = Replicates(
                type: columns.replicateType, count: r, weights: table.replicateWeights,
                scale: columns.replicateType.scale(replicates: r, rho: columns.rho), mse: columns.mse)
        } else {
            replicates = nil
        }
    }
}

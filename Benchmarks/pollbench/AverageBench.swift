// `pollbench average DAYS [REPEATS]`: times StateSpaceAverage.estimate (τ and ω by REML, house
// effects) on a seeded synthetic series shaped like the 2024 national presidential polls: DAYS
// days, about 1.12 polls a day (1356 polls over 1210 days in the real file), 92 pollsters each
// starting on a random day, sampling variances of n = 600 to 3000. Prints
// `average_estimate<TAB>days<TAB>polls<TAB>median_seconds<TAB>evaluations<TAB>tau<TAB>omega`.
import PollCompare
import PollNumerics

enum AverageBench {
    /// The synthetic polls (deterministic for a given number of days).
    static func polls(days: Int) -> [AveragePoll] {
        var rng = Xoshiro256StarStar(seed: 2024)
        let pollsters = 92
        let start = (0..<pollsters).map { $0 == 0 ? 0 : Int(rng.nextUniform() * Double(days)) }
        let house = (0..<pollsters).map { _ in 1.5 * Samplers.standardNormal(&rng) }
        var level = 3.0
        var polls: [AveragePoll] = []
        for day in 0..<days {
            level += 0.3 * Samplers.standardNormal(&rng)
            // 1.12 polls a day on average: one, sometimes two.
            let count = rng.nextUniform() < 0.12 ? 2 : (rng.nextUniform() < 0.9 ? 1 : 0)
            for _ in 0..<count {
                let active = (0..<pollsters).filter { start[$0] <= day }
                let j = active[Int(rng.nextUniform() * Double(active.count))]
                let n = 600 + 2400 * rng.nextUniform()
                let variance = 9_000 / n // (p_A + p_B − d²)/n in points² with p_A + p_B ≈ 0.9, d ≈ 0
                let lead = level + house[j] + (variance + 1).squareRoot() * Samplers.standardNormal(&rng)
                polls.append(AveragePoll(lead: lead, day: day, pollster: j, variance: variance))
            }
        }
        // Pollster indices must be 0..<J with every index used.
        var index: [Int: Int] = [:]
        for p in polls where index[p.pollster] == nil { index[p.pollster] = index.count }
        return polls.map {
            AveragePoll(lead: $0.lead, day: $0.day, pollster: index[$0.pollster]!, variance: $0.variance)
        }
    }

    static func run(days: Int, repeats: Int) {
        let data = polls(days: days)
        var last: AverageEstimate?
        let (seconds, _) = time(repeats) {
            let estimate = try! StateSpaceAverage.estimate(polls: data)
            last = estimate
            return estimate.fit.mean[0]
        }
        let e = last!
        print("average_estimate\t\(days)\t\(data.count)\t\(seconds)\t\(e.evaluations)\t\(e.tau)\t\(e.omega)")
    }
}

// Times PollCompare's batch (column) API against a loop over the scalar API, in-process, and
// prints medians as `name<TAB>rows<TAB>median_seconds`. Run by Benchmarks/run; not part of tests.
// `pollbench average DAYS [REPEATS]` times the polling average instead (AverageBench.swift).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PollCompare
import PollNumerics

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}

func time(_ repeats: Int, _ body: () -> Double) -> (Double, Double) {
    var times: [Double] = []
    var checksum = 0.0
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let start = clock.now
        checksum += body()
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return (median(times), checksum)
}

let arguments = CommandLine.arguments
if arguments.count > 1 && arguments[1] == "average" {
    let days = arguments.count > 2 ? Int(arguments[2]) ?? 1210 : 1210
    AverageBench.run(days: days, repeats: arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5)
    exit(0)
}
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 7 : 7

// Seeded shares and sample sizes (the same generator the Python peer reproduces with numpy's
// default_rng is not needed: both sides time the same kind of input, shares in (0, 1) and n in
// 100...3000).
var rng = Xoshiro256StarStar(seed: 1)
var shares = [Double](repeating: 0, count: rows)
var sizes = [Double](repeating: 0, count: rows)
for i in 0..<rows {
    shares[i] = rng.nextUniform()
    sizes[i] = (100 + 2900 * rng.nextUniform()).rounded()
}
let conf = ConfidenceLevel.ninetyFive

let batch = time(repeats) {
    let r = PollColumns.shareIntervals(shares: shares, effectiveSampleSize: sizes, method: .wilson, confidence: conf)
    return r.lower[rows / 2] + r.upper[rows - 1]
}
let scalar = time(repeats) {
    var lower = [Double](repeating: 0, count: rows)
    var upper = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
        let interval = try! ShareInterval(share: shares[i], sampleSize: sizes[i], confidence: conf, method: .wilson)
        lower[i] = interval.lower
        upper[i] = interval.upper
    }
    return lower[rows / 2] + upper[rows - 1]
}
var sharesB = shares.map { (1 - $0) * 0.5 }
let leads = time(repeats) {
    let r = PollColumns.leads(shareA: shares, shareB: sharesB, effectiveSampleSize: sizes, confidence: conf)
    return r.lower[rows / 2]
}
sharesB[0] += 0  // keep the array mutable for the compiler's sake
print("wilson_batch\t\(rows)\t\(batch.0)")
print("wilson_scalar_loop\t\(rows)\t\(scalar.0)")
print("wald_lead_batch\t\(rows)\t\(leads.0)")
if batch.1 != scalar.1 { print("warning: batch and scalar checksums differ") }

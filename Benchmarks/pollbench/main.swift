import PollCompare
import PollNumerics

// Times PollCompare's batch (column) API against a loop over the scalar API, in-process, and
// prints medians as `name<TAB>rows<TAB>median_seconds`. Run by Benchmarks/run; not part of tests.
// `pollbench average DAYS [REPEATS]` times the polling average instead (AverageBench.swift),
// `pollbench clopper ROWS [REPEATS]` the Clopper–Pearson batch alone, and `pollbench quantiles`
// answers Beta quantile requests from standard input (scripts/references/beta_quantile_accuracy.py).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Seeded shares and sample sizes (the same generator the Python peer reproduces with numpy's
/// default_rng is not needed: both sides time the same kind of input, shares in (0, 1) and n in
/// 100...3000).
func seededColumns(rows: Int) -> (shares: [Double], sizes: [Double]) {
    var rng = Xoshiro256StarStar(seed: 1)
    var shares = [Double](repeating: 0, count: rows)
    var sizes = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
        shares[i] = rng.nextUniform()
        sizes[i] = (100 + 2900 * rng.nextUniform()).rounded()
    }
    return (shares, sizes)
}

/// Shares of whole counts, x/n with x = round(p·n), for the Clopper–Pearson rows.
func countShares(_ shares: [Double], _ sizes: [Double]) -> [Double] {
    (0..<shares.count).map { (shares[$0] * sizes[$0]).rounded() / sizes[$0] }
}

let arguments = CommandLine.arguments
if arguments.count > 1 && arguments[1] == "average" {
    let days = arguments.count > 2 ? Int(arguments[2]) ?? 1210 : 1210
    AverageBench.run(days: days, repeats: arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5)
    exit(0)
}
if arguments.count > 1 && arguments[1] == "quantiles" {
    // `pollbench quantiles < FILE`: lines `L p a b` (the Beta(a, b) quantile at lower tail p) or
    // `U q a b` (at upper tail q), each answered with the quantile to 17 digits; for
    // scripts/references/beta_quantile_accuracy.py.
    while let line = readLine() {
        let fields = line.split(separator: " ")
        guard fields.count == 4, let t = Double(fields[1]), let a = Double(fields[2]), let b = Double(fields[3])
        else { continue }
        let x =
            fields[0] == "L"
            ? IncompleteBeta.inverse(p: t, a: a, b: b) : IncompleteBeta.inverseComplement(q: t, a: a, b: b)
        print(x.description)
    }
    exit(0)
}
if arguments.count > 1 && arguments[1] == "clopper" {
    // `pollbench clopper ROWS [REPEATS]`: the Clopper–Pearson batch alone (the same columns as
    // below), for profiling with perf or callgrind.
    let rows = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
    let (shares, sizes) = seededColumns(rows: rows)
    let cpShares = countShares(shares, sizes)
    let t = time(arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3) {
        let r = PollColumns.shareIntervals(
            shares: cpShares, effectiveSampleSize: sizes, method: .clopperPearson, confidence: .ninetyFive)
        return r.lower[rows / 2] + r.upper[rows - 1]
    }
    print("clopper_pearson_batch\t\(rows)\t\(t.0)")
    exit(0)
}
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 7 : 7

let (shares, sizes) = seededColumns(rows: rows)
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
sharesB[0] += 0 // keep the array mutable for the compiler's sake
// Clopper–Pearson on integer counts x = round(u·n) (shares x/n), fewer repeats: each is slow.
let slowRepeats = max(1, min(repeats, 3))
let cpShares = countShares(shares, sizes)
let clopper = time(slowRepeats) {
    let r = PollColumns.shareIntervals(
        shares: cpShares, effectiveSampleSize: sizes, method: .clopperPearson, confidence: conf)
    return r.lower[rows / 2] + r.upper[rows - 1]
}
// P(A leads) from 10 draws per row (1e7 for 1e6 rows) of Dirichlet(461, 441, 101): a poll of 1000
// with A 46%, B 44% under a uniform prior; the count of draws with θ_A > θ_B, streamed.
let dirichletDraws = 10 * rows
let dirichlet = time(slowRepeats) {
    var g = Xoshiro256StarStar(seed: 20_240_918)
    let ahead = Samplers.dirichletLeadCount(alphaA: 461, alphaB: 441, draws: dirichletDraws, &g)
    return Double(ahead) / Double(dirichletDraws)
}

// The Wilson kernel written with Swift's SIMD types instead of the C kernel, for the comparison
// `make bench` prints (the same operations; its result must equal the batch's bit for bit).
@inline(__always)
func wilsonSIMD(_ p: SIMD4<Double>, _ n: SIMD4<Double>, z: Double, tiny: Double) -> (SIMD4<Double>, SIMD4<Double>) {
    let one = SIMD4<Double>(repeating: 1), zero = SIMD4<Double>(repeating: 0)
    let inverseN = one / n
    let t = (z * z) * inverseN
    let scale = one / (one + t)
    let center = (p + 0.5 * t) * scale
    let q = one - p
    let variance = p * q * inverseN + 0.25 * t * inverseN
    let normal = variance .>= tiny
    var radicand = n * p * q + 0.25 * z * z
    radicand.replace(with: variance, where: normal)
    let root = radicand.squareRoot()
    var margin = z * root * inverseN * scale
    margin.replace(with: z * root * scale, where: normal)
    let difference = center - margin
    var lower = zero
    lower.replace(with: difference, where: difference .>= zero)
    lower.replace(with: zero, where: p .== zero)
    let cancelled = p * p / (p + 0.5 * t + margin / scale)
    lower.replace(with: cancelled, where: (p .> zero) .& (margin .> 0.5 * center))
    let sum = center + margin
    var upper = one
    upper.replace(with: sum, where: sum .< one)
    upper.replace(with: one, where: p .== one)
    let unknown = n .!= n
    lower.replace(with: .nan, where: unknown)
    upper.replace(with: .nan, where: unknown)
    return (lower, upper)
}

/// The SIMD4 kernel over whole columns into the caller's storage (rows a multiple of 4).
func wilsonSwiftSIMD(
    _ p: UnsafeBufferPointer<Double>, _ n: UnsafeBufferPointer<Double>, z: Double,
    _ lo: UnsafeMutableBufferPointer<Double>, _ up: UnsafeMutableBufferPointer<Double>
) {
    var i = 0
    while i + 4 <= p.count {
        let pv = SIMD4(p[i], p[i + 1], p[i + 2], p[i + 3])
        let nv = SIMD4(n[i], n[i + 1], n[i + 2], n[i + 3])
        let (l, u) = wilsonSIMD(pv, nv, z: z, tiny: 1e-280)
        for k in 0..<4 {
            lo[i + k] = l[k]
            up[i + k] = u[k]
        }
        i += 4
    }
}

// The two kernels write into the same preallocated columns, alternately, so the comparison is of
// the arithmetic alone (no allocation, no page faults on either side).
var kernelLower = [Double](repeating: 0, count: rows), kernelUpper = kernelLower
var simdLower = kernelLower, simdUpper = kernelLower
var cKernelTimes: [Double] = [], simdTimes: [Double] = []
let kernelClock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
shares.withUnsafeBufferPointer { p in
    sizes.withUnsafeBufferPointer { n in
        for _ in 0..<(repeats + 1) {
            let c = kernelClock.measure {
                kernelLower.withUnsafeMutableBufferPointer { lo in
                    kernelUpper.withUnsafeMutableBufferPointer { up in
                        ColumnKernels.wilson(
                            shares: p, sampleSizes: n, z: conf.z, tinyVariance: 1e-280, lower: lo, upper: up)
                    }
                }
            }
            let v = kernelClock.measure {
                simdLower.withUnsafeMutableBufferPointer { lo in
                    simdUpper.withUnsafeMutableBufferPointer { up in wilsonSwiftSIMD(p, n, z: conf.z, lo, up) }
                }
            }
            cKernelTimes.append(seconds(c))
            simdTimes.append(seconds(v))
        }
    }
}
if rows % 4 == 0
    && (kernelLower.map(\.bitPattern) != simdLower.map(\.bitPattern)
        || kernelUpper.map(\.bitPattern) != simdUpper.map(\.bitPattern))
{
    print("warning: the Swift SIMD Wilson kernel differs from the C kernel")
}
print("kernel_variant\t\(ColumnKernels.variant)\t0")
print("wilson_kernel_c\t\(rows)\t\(median(Array(cKernelTimes.dropFirst())))")
print("wilson_kernel_swift_simd\t\(rows)\t\(median(Array(simdTimes.dropFirst())))")
print("wilson_batch\t\(rows)\t\(batch.0)")
print("wilson_scalar_loop\t\(rows)\t\(scalar.0)")
print("wald_lead_batch\t\(rows)\t\(leads.0)")
print("clopper_pearson_batch\t\(rows)\t\(clopper.0)")
print("dirichlet_lead\t\(dirichletDraws)\t\(dirichlet.0)")
if batch.1 != scalar.1 { print("warning: batch and scalar checksums differ") }

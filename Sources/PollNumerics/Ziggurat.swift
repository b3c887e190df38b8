#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tables of the ziggurat method for the standard normal distribution with 128 layers
/// (Marsaglia & Tsang, "The Ziggurat Method for Generating Random Variables", *Journal of
/// Statistical Software* 5 (2000), issue 8): the half-density f(x) = exp(−x²/2) is covered by 127
/// rectangles and a base strip (the rectangle under f(r) plus the tail beyond r), each of area
/// v = 9.91256303526217e-3, with r = 3.442619855899.
///
/// Layer i (1 ≤ i ≤ 127) is the rectangle [0, xᵢ] × [f(xᵢ), f(xᵢ₊₁)]; x₁ = r, xᵢ₊₁ solves
/// xᵢ·(f(xᵢ₊₁) − f(xᵢ)) = v, x₁₂₈ = 0; layer 0 has the width x₀ = v/f(r) of a rectangle of area v.
struct ZigguratTables: @unchecked Sendable {
    static let layers = 128
    static let r = 3.442619855899
    static let v = 9.91256303526217e-3

    /// Right edges x₀ … x₁₂₈.
    let x: [Double]
    /// f(xᵢ) = exp(−xᵢ²/2), f(x₁₂₈) = 1.
    let f: [Double]
    /// Copies of `x` and `f` that live as long as the process (the shared tables are never
    /// released), so the sampling loops read them without closures or bounds checks. Never
    /// written after `init`, hence `@unchecked Sendable`.
    let xStorage: UnsafePointer<Double>
    let fStorage: UnsafePointer<Double>

    static let shared = ZigguratTables()

    private init() {
        var x = [Double](repeating: 0, count: Self.layers + 1)
        let r = Self.r, v = Self.v
        x[0] = v / exp(-0.5 * r * r)
        x[1] = r
        for i in 1..<(Self.layers - 1) {
            x[i + 1] = (-2 * log(v / x[i] + exp(-0.5 * x[i] * x[i]))).squareRoot()
        }
        x[Self.layers] = 0
        self.x = x
        let f = x.map { exp(-0.5 * $0 * $0) }
        self.f = f
        let xs = UnsafeMutablePointer<Double>.allocate(capacity: x.count)
        xs.initialize(from: x, count: x.count)
        let fs = UnsafeMutablePointer<Double>.allocate(capacity: f.count)
        fs.initialize(from: f, count: f.count)
        xStorage = UnsafePointer(xs)
        fStorage = UnsafePointer(fs)
    }
}

extension Samplers {
    /// A standard normal variate by the ziggurat method (Marsaglia & Tsang 2000, 128 layers; see
    /// `ZigguratTables`), with the layer and the value taken from separate bits of one 64-bit
    /// output, as Doornik (2005, "An Improved Ziggurat Method to Generate Normal Random
    /// Samples") advises: bits 0–6 choose the layer, bit 7 the sign, the top 53 bits the uniform
    /// u ∈ [0, 1). A candidate x = u·xᵢ is accepted at once when x < xᵢ₊₁ (about 98.8% of
    /// draws); otherwise the wedge is tested with a second uniform, and in the base layer the tail
    /// beyond r is drawn by Marsaglia's method (1964): x = −ln(U₁)/r, y = −ln(U₂) until 2y > x²,
    /// giving r + x.
    ///
    /// The stream position after a draw depends only on the draws made, so a seed fixes every
    /// variate. This is a different stream from ``standardNormal(_:)`` (the polar method), which
    /// the existing Monte Carlo methods keep for their pinned outputs.
    ///
    /// - Complexity: O(1) expected: about 1.02 64-bit outputs per variate.
    public static func standardNormalZiggurat(_ rng: inout Xoshiro256StarStar) -> Double {
        let tables = ZigguratTables.shared
        return zigguratNormal(&rng, tables.xStorage, tables.fStorage)
    }

    /// The ziggurat draw on the tables' storage (no bounds checks in the hot loop).
    @inline(__always)
    static func zigguratNormal(
        _ rng: inout Xoshiro256StarStar, _ x: UnsafePointer<Double>,
        _ f: UnsafePointer<Double>
    ) -> Double {
        while true {
            let bits = rng.next()
            let i = Int(bits & 0x7f)
            let negative = bits & 0x80 != 0
            let u = Double(bits >> 11) * 0x1.0p-53
            let candidate = u * x[i]
            if candidate < x[i + 1] { return negative ? -candidate : candidate }
            if i == 0 {
                // The tail beyond r.
                var a: Double, b: Double
                repeat {
                    a = -log(rng.nextOpenUniform()) / ZigguratTables.r
                    b = -log(rng.nextOpenUniform())
                } while b + b < a * a
                let value = ZigguratTables.r + a
                return negative ? -value : value
            }
            // The wedge between f(xᵢ) and f(xᵢ₊₁).
            let y = f[i] + rng.nextUniform() * (f[i + 1] - f[i])
            if y < exp(-0.5 * candidate * candidate) { return negative ? -candidate : candidate }
        }
    }

    /// A Gamma(shape, 1) variate by Marsaglia & Tsang, ACM TOMS 26 (2000) 363–372, with
    /// ``standardNormalZiggurat(_:)`` normals: d = shape − ⅓, c = 1/√(9d); x normal, v = (1 + cx)³
    /// (x redrawn while 1 + cx ≤ 0), u uniform in (0, 1); accept dv when u < 1 − 0.0331x⁴ or
    /// ln u < x²/2 + d(1 − v + ln v). For shape < 1, Gamma(shape + 1)·U^{1/shape} (same paper).
    /// The stream differs from ``gamma(shape:_:)``'s (polar normals), which the existing Monte
    /// Carlo methods keep.
    ///
    /// - Precondition: shape > 0.
    /// - Complexity: O(1) expected.
    public static func gammaZiggurat(shape: Double, _ rng: inout Xoshiro256StarStar) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        let tables = ZigguratTables.shared
        return MarsagliaTsang(shape: shape).draw(&rng, tables.xStorage, tables.fStorage)
    }

    /// The draws of ``dirichletLeadCount(alphaA:alphaB:draws:_:)`` per block, each block on a
    /// generator of its own: 2¹⁶.
    public static let dirichletBlockDraws = 1 << 16

    /// The number of draws, out of `draws` from Dirichlet(α_A, α_B, α_other), in which θ_A > θ_B
    /// (the Monte Carlo estimate of P(A leads) is that count over `draws`).
    ///
    /// A Dirichlet draw is (G_A, G_B, G_other)/(G_A + G_B + G_other) with independent
    /// G_j ~ Gamma(α_j, 1) (Devroye, *Non-Uniform Random Variate Generation*, 1986, §XI.4), so
    /// θ_A > θ_B exactly when G_A > G_B: the count depends on α_A and α_B only, and the third
    /// variate and the division are not drawn (they cannot change a single comparison). Each draw
    /// takes G_A then G_B from ``gammaZiggurat(shape:_:)`` in that order, in a loop with the
    /// Marsaglia–Tsang constants and the ziggurat tables hoisted; no draw is stored.
    ///
    /// The draws are split into blocks of ``dirichletBlockDraws`` (the last one shorter): block k
    /// draws from the generator jumped k times (``Xoshiro256StarStar/jump()``, 2¹²⁸ outputs apart,
    /// so the blocks' streams never overlap), and the blocks run on up to two threads
    /// (``ParallelRows``). The count is therefore the same for any thread count, and equals that
    /// of a loop over the blocks calling ``gammaZiggurat(shape:_:)`` for A then B per draw on each
    /// block's generator (the tests compare them); the same seed gives the same count on every
    /// platform.
    ///
    /// - Parameters:
    ///   - alphaA: α_A > 0 (x_A + 1 under a uniform prior).
    ///   - alphaB: α_B > 0.
    ///   - draws: the number of draws (≥ 0).
    ///   - rng: the generator; left jumped once per block (unchanged for no draws), so a later
    ///     call draws from fresh stretches of the sequence.
    /// - Returns: the number of draws with θ_A > θ_B.
    /// - Complexity: O(draws) split over the threads, plus 256 state updates per block; O(draws/2¹⁶)
    ///   memory.
    public static func dirichletLeadCount(
        alphaA: Double, alphaB: Double, draws: Int,
        _ rng: inout Xoshiro256StarStar
    ) -> Int {
        precondition(alphaA > 0 && alphaB > 0, "Dirichlet parameters must be positive")
        precondition(draws >= 0, "draws must not be negative")
        let blocks = (draws + dirichletBlockDraws - 1) / dirichletBlockDraws
        var generators: [Xoshiro256StarStar] = []
        generators.reserveCapacity(blocks)
        for _ in 0..<blocks {
            generators.append(rng)
            rng.jump()
        }
        let tables = ZigguratTables.shared
        let x = tables.xStorage, f = tables.fStorage
        let a = MarsagliaTsang(shape: alphaA), b = MarsagliaTsang(shape: alphaB)
        var counts = [Int](repeating: 0, count: blocks)
        counts.withUnsafeMutableBufferPointer { counts in
            generators.withUnsafeBufferPointer { generators in
                ParallelRows.forEachChunk(count: blocks, minimumRows: 2) { range in
                    for block in range {
                        // The block's generator as a local for the loop (kept in registers).
                        var g = generators[block]
                        var ahead = 0
                        for _ in 0..<Swift.min(dirichletBlockDraws, draws - block * dirichletBlockDraws) {
                            let ga = a.draw(&g, x, f)
                            let gb = b.draw(&g, x, f)
                            ahead &+= ga > gb ? 1 : 0
                        }
                        counts[block] = ahead
                    }
                }
            }
        }
        return counts.reduce(0, +)
    }
}

/// Marsaglia–Tsang's constants for one shape, computed once for a loop of draws, and the draw
/// itself on any source of standard normals (ACM TOMS 26 (2000) 363–372): d = shape − ⅓,
/// c = 1/√(9d); x normal, v = (1 + cx)³ (x redrawn while 1 + cx ≤ 0), u uniform in (0, 1);
/// accept dv when u < 1 − 0.0331x⁴ or ln u < x²/2 + d(1 − v + ln v). For shape < 1 the draw is
/// Gamma(shape + 1)·U^{1/shape} (same paper), U drawn after the boosted variate.
struct MarsagliaTsang {
    /// The shape the squeeze runs on: shape, or shape + 1 for shape < 1.
    let d: Double
    let c: Double
    /// 1/shape for the boost of shape < 1, else 0.
    let boost: Double

    init(shape: Double) {
        let effective = shape < 1 ? shape + 1 : shape
        d = effective - 1.0 / 3.0
        c = 1 / (9 * d).squareRoot()
        boost = shape < 1 ? 1 / shape : 0
    }

    /// One variate, with `normal` drawing each standard normal from the generator.
    @inline(__always)
    func draw(
        _ rng: inout Xoshiro256StarStar, normal: (inout Xoshiro256StarStar) -> Double
    ) -> Double {
        var value: Double
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal(&rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUniform()
            let squared = x * x
            if u < 1 - 0.0331 * squared * squared || log(u) < 0.5 * squared + d * (1 - v + log(v)) {
                value = d * v
                break
            }
        }
        if boost != 0 { value *= pow(rng.nextOpenUniform(), boost) }
        return value
    }

    /// One variate on ziggurat normals (``Samplers/zigguratNormal(_:_:_:)`` on the tables'
    /// storage).
    @inline(__always)
    func draw(
        _ rng: inout Xoshiro256StarStar, _ x: UnsafePointer<Double>,
        _ f: UnsafePointer<Double>
    ) -> Double {
        draw(&rng) { Samplers.zigguratNormal(&$0, x, f) }
    }
}

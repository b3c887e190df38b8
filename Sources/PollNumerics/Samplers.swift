#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random variates from the distributions PollCompare simulates, drawn from a seeded
/// ``Xoshiro256StarStar`` so the same seed gives the same bits. Each sampler fills a whole
/// ``Matrix`` or array at a time.
public enum Samplers {
    /// A standard normal variate by Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6
    /// (1964) 260–264). The second variate of each pair is discarded so the stream position does
    /// not depend on earlier calls.
    ///
    /// - Complexity: O(1) expected (acceptance rate π/4).
    public static func standardNormal(_ rng: inout Xoshiro256StarStar) -> Double {
        while true {
            let u = 2 * rng.nextUniform() - 1
            let v = 2 * rng.nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * log(s) / s).squareRoot()
            }
        }
    }

    /// A Gamma(shape, 1) variate by Marsaglia & Tsang, ACM TOMS 26 (2000) 363–372; for shape < 1
    /// the boost Gamma(shape) = Gamma(shape + 1)·U^{1/shape} from the same paper.
    ///
    /// - Precondition: shape > 0.
    /// - Complexity: O(1) expected (acceptance above 95%).
    public static func gamma(shape: Double, _ rng: inout Xoshiro256StarStar) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        return MarsagliaTsang(shape: shape).draw(&rng) { standardNormal(&$0) }
    }

    /// A Beta(a, b) variate as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Devroye, *Non-Uniform
    /// Random Variate Generation*, 1986, §IX.4).
    ///
    /// - Complexity: O(1) expected.
    public static func beta(_ a: Double, _ b: Double, _ rng: inout Xoshiro256StarStar) -> Double {
        let x = gamma(shape: a, &rng)
        let y = gamma(shape: b, &rng)
        return x / (x + y)
    }

    /// A `rows × columns` matrix of draws, filled column by column (so each column is one
    /// contiguous run of the stream), e.g. `Samplers.matrix(rows: 1000, columns: 3, &rng) { Samplers.gamma(shape: 2, &$0) }`.
    ///
    /// - Complexity: O(rows·columns) draws.
    public static func matrix(
        rows: Int, columns: Int, _ rng: inout Xoshiro256StarStar,
        draw: (inout Xoshiro256StarStar) -> Double
    ) -> Matrix {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        var m = Matrix(rows: rows, columns: columns)
        for i in 0..<(rows * columns) { m.elements[i] = draw(&rng) }
        return m
    }

    /// `count` standard normal variates.
    ///
    /// - Complexity: O(count).
    public static func normals(
        count: Int, mean: Double = 0, standardDeviation: Double = 1,
        _ rng: inout Xoshiro256StarStar
    ) -> [Double] {
        precondition(count >= 0, "count must not be negative")
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count { out[i] = mean + standardDeviation * standardNormal(&rng) }
        return out
    }

    /// `count` Dirichlet(α) draws as a `count × α.count` matrix: row r is one draw (its entries
    /// sum to 1), column j holds category j's draws contiguously, ready for BLAS (a lead's draws
    /// are column A − column B, one `axpy`).
    ///
    /// Each draw normalises independent Gamma(αⱼ, 1) variates (Devroye 1986, §XI.4); the variates
    /// are generated draw by draw, category by category, so the stream is fixed by the seed.
    /// - Precondition: every αⱼ > 0.
    /// - Complexity: O(count·k).
    public static func dirichlet(alpha: [Double], count: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
        precondition(alpha.allSatisfy { $0 > 0 }, "Dirichlet parameters must be positive")
        precondition(count >= 0, "count must not be negative")
        let k = alpha.count
        var draws = Matrix(rows: count, columns: k)
        var row = [Double](repeating: 0, count: k)
        for r in 0..<count {
            var total = 0.0
            for j in 0..<k {
                row[j] = gamma(shape: alpha[j], &rng)
                total += row[j]
            }
            for j in 0..<k { draws.elements[r + j * count] = row[j] / total }
        }
        return draws
    }
}

import Numerics
import Testing

@testable import PollNumerics

/// Student's t upper quantiles against R 4.2.2: each value is `qt(q, df, lower.tail = FALSE)`
/// printed with `sprintf("%.17g", ...)`, from the loop at the end of
/// scripts/references/crosstab.R. Relative tolerance 1e-13.
@Suite("Student's t quantiles")
struct StudentTTests {
    static let references: [(q: Double, df: Double, t: Double)] = [
        (0.025, 1, 12.706204736174707), (0.005, 1, 63.656741162871583), (0.05, 1, 6.3137515146750438),
        (0.025, 2, 4.3026527297494637), (0.005, 2, 9.9248432009182928), (0.05, 2, 2.919985580353726),
        (0.025, 4, 2.7764451051977943), (0.005, 4, 4.6040948713499938), (0.05, 4, 2.1318467863266499),
        (0.025, 7, 2.3646242515927844), (0.005, 7, 3.4994832973504937), (0.05, 7, 1.8945786050900069),
        (0.025, 15, 2.1314495455597755), (0.005, 15, 2.946712883475239), (0.05, 15, 1.7530503556925734),
        (0.025, 47, 2.0117405137297659), (0.005, 47, 2.6845556178665246), (0.05, 47, 1.677926721641861),
        (0.025, 1000, 1.9623390808264078), (0.005, 1000, 2.5807546980659501), (0.05, 1000, 1.6463788172854645),
        (0.025, 1e6, 1.9599663568141066), (0.005, 1e6, 2.5758342201053335), (0.05, 1e6, 1.6448551507220404),
    ]

    @Test("Upper quantiles equal R qt to 1e-13 relative")
    func againstR() {
        #expect(Self.references.count == 24)
        for r in Self.references {
            let t = StudentT.upperQuantile(r.q, degreesOfFreedom: r.df)
            #expect(t.isApproximatelyEqual(to: r.t, relativeTolerance: 1e-13), "q \(r.q), df \(r.df): \(t) vs R \(r.t)")
        }
    }

    @Test("Edges: q = 1/2 is 0, infinite df is the normal quantile, bad input is NaN")
    func edges() {
        #expect(StudentT.upperQuantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(StudentT.upperQuantile(0.025, degreesOfFreedom: .infinity) == Normal.inverseSurvival(0.025))
        #expect(StudentT.upperQuantile(0.025, degreesOfFreedom: 0).isNaN)
        #expect(StudentT.upperQuantile(0, degreesOfFreedom: 5).isNaN)
        #expect(StudentT.upperQuantile(0.7, degreesOfFreedom: 5).isNaN)
        #expect(StudentT.upperQuantile(0.025, degreesOfFreedom: .nan).isNaN)
    }
}

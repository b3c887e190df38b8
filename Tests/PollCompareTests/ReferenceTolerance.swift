/// The closeness test shared by the polling-average suites: relative to the reference, absolute
/// below 1 in magnitude.
enum ReferenceTolerance {
    /// |x − reference| ≤ tolerance · max(1, |reference|).
    static func close(_ x: Double, _ reference: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(x - reference) <= tolerance * max(1, abs(reference))
    }
}

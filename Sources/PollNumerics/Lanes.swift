/// A `Double` or a vector of `Double`s: the arithmetic a formula needs to be written once and
/// evaluated either on one value or on several at once, one per lane (as two Stirling remainders
/// of an incomplete beta prefactor are). Each lane performs the IEEE operations of the scalar
/// code in the same order, so a lane's result equals the scalar result bit for bit.
protocol Lanes {
    /// The value with every lane equal to `value`.
    init(repeating value: Double)
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
}

extension Double: Lanes {
    init(repeating value: Double) { self = value }
}

extension SIMD2: Lanes where Scalar == Double {}

extension SIMD4: Lanes where Scalar == Double {}

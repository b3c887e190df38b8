/// A dense vector of `Double`s in contiguous storage, the operand type of the BLAS level-1 and
/// level-2 wrappers in ``BLAS``.
///
/// `Vector` is a value type with copy-on-write storage (a Swift `Array`). Element `i` is at offset
/// `i`: the stride handed to BLAS is always 1.
///
///     var x = Vector([1, 2, 3])
///     BLAS.scale(by: 2, &x)        // x == [2, 4, 6]
public struct Vector: Equatable, Hashable, Sendable {
    /// The elements, in order.
    public var elements: [Double]

    /// Creates a vector holding `elements`.
    ///
    /// - Complexity: O(1) (the array is shared until written).
    public init(_ elements: [Double]) {
        self.elements = elements
    }

    /// Creates a vector of `count` copies of `value`.
    ///
    /// - Precondition: `count >= 0`.
    /// - Complexity: O(`count`).
    public init(repeating value: Double, count: Int) {
        precondition(count >= 0, "Vector count must not be negative")
        self.elements = Array(repeating: value, count: count)
    }

    /// The number of elements.
    public var count: Int { elements.count }

    /// The element at `index`.
    ///
    /// - Precondition: `0 <= index < count`.
    public subscript(index: Int) -> Double {
        get { elements[index] }
        set { elements[index] = newValue }
    }
}

extension Vector: ExpressibleByArrayLiteral {
    /// Creates a vector from an array literal: `let v: Vector = [0.3, 0.5]`.
    public init(arrayLiteral elements: Double...) {
        self.init(elements)
    }
}

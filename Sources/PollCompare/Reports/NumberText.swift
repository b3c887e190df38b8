#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number-to-text rules shared by the renderers.
public enum NumberText {
    /// The shortest text that reads back as the same Double (Swift's `description`), the form
    /// CSV, TSV and JSON use so that golden files and `diff` work: 0.08, -0.27, 1e-300.
    ///
    /// Integral values print without a fractional part ("800", not "800.0").
    public static func roundTrip(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }

    /// Fixed-point text with `digits` decimals, rounded half to even on the binary value
    /// (C `printf("%.*f")`): fixed(0.0426, 3) == "0.043".
    ///
    /// - Parameters:
    ///   - value: the number.
    ///   - digits: decimals after the point.
    ///   - signed: print a leading "+" on positive values (leads and swings).
    public static func fixed(_ value: Double, digits: Int, signed: Bool = false) -> String {
        if value.isNaN { return "NaN" }
        let format = signed ? "%+.*f" : "%.*f"
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([Int32(digits), value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, 64, format, args) }
        }
        if written >= 64 {
            var large = [CChar](repeating: 0, count: Int(written) + 1)
            _ = withVaList([Int32(digits), value]) { args in
                large.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, Int(written) + 1, format, args) }
            }
            return String(decoding: large.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        var text = String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("-") {
            // A typographic minus for people; "-0.0" becomes "0.0".
            let rest = text.dropFirst()
            text = rest.allSatisfy { $0 == "0" || $0 == "." } ? String(rest) : "−" + rest
        } else if text.hasPrefix("+"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            text = String(text.dropFirst())
        }
        return text
    }

    /// Scientific text with `digits` decimals in the mantissa (C `printf("%.*e")`): 1.1e-16.
    public static func scientific(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([Int32(digits), value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, 64, "%.*e", args) }
        }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A data-dependent failure in PollCompare: input that cannot be the result of a poll.
///
/// ``description`` states shares in the library's unit, proportions: a share of 58 passed where
/// 0.58 was meant reads "share of A 58 is not a proportion between 0 and 1". The command-line
/// program, which reads percentage points, prints ``message(sharesIn:)`` with
/// ``ShareUnit/percentagePoints`` after `pollcmp: error: ` ("share of A 5800 is not a share
/// between 0 and 100" for `--a 5800`) and exits with 65 (data error).
public enum PollCompareError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A share outside [0, 1] (proportion) or not a number.
    case shareOutOfRange(name: String, value: Double)
    /// Shares of one poll that sum above 1 by more than the rounding slack.
    case sharesExceedTotal(sum: Double)
    /// A sample size that is not a positive finite number.
    case invalidSampleSize(name: String, value: Double)
    /// A confidence level outside (0, 1).
    case invalidConfidence(Double)
    /// A critical value z that is not positive and finite.
    case invalidCriticalValue(Double)
    /// A design effect that is not positive and finite.
    case invalidDesignEffect(Double)
    /// A population size smaller than the sample or not finite.
    case invalidPopulationSize(Double, sampleSize: Double)
    /// Weights that cannot give a design effect.
    case invalidWeights(String)
    /// A count outside [0, n].
    case countOutOfRange(name: String, value: Double, n: Double)
    /// A correlation outside [−1, 1].
    case invalidCorrelation(Double)
    /// A target margin of error outside (0, 1).
    case invalidMargin(Double)
    /// A multinomial poll needs at least two categories (Sison–Glaz: the approximation needs
    /// non-degenerate categories too).
    case invalidCategories(String)
    /// A confidence level that is not a plain decimal (`0.95`, `95`, `95%`).
    case unreadableConfidence(String)
    /// A confidence level from 1 to 50 written without `%`: a fraction or a percentage?
    case ambiguousConfidence(String)
    /// A Monte Carlo interval whose level needs more posterior draws than were requested and
    /// than are drawn automatically (``LeadInterval/maximumDraws``).
    case tooFewDraws(requested: Int, needed: Int, confidence: Double)
    /// A `--where`, `--from` or `--to` that cannot be read, or a field no poll file has.
    case invalidFilter(String)
    /// A report option that cannot be honoured as given (an unknown `--group-by` field, a
    /// `--pairs before-after` without `--at`, …).
    case invalidReportOption(String)
    /// A poll whose design cannot be (its line in the file and why).
    case invalidPollDesign(poll: String, line: Int, reason: String)

    /// The message with shares in proportions, the library's unit.
    public var description: String { message(sharesIn: .proportion) }

    /// The message with shares (and target margins) stated in `unit`; every other number is
    /// printed as it was given.
    ///
    /// - Complexity: O(length of the message).
    public func message(sharesIn unit: ShareUnit) -> String {
        let points = unit == .percentagePoints
        func share(_ value: Double) -> String { points ? Percent.text(value) : NumberText.roundTrip(value) }
        let whole = points ? "100" : "1"
        switch self {
        case let .shareOutOfRange(name, value):
            return "\(name) \(share(value)) is not a \(points ? "share" : "proportion") between 0 and \(whole)"
        case let .sharesExceedTotal(sum):
            return
                "shares sum to \(share(sum)), above \(whole) by more than the rounding slack of \(share(Shares.roundingSlack))"
        case let .invalidSampleSize(name, value):
            return "\(name) \(NumberText.roundTrip(value)) is not a positive sample size"
        case let .invalidConfidence(value):
            let hint = !points && value > 1 && value < 100 ? ": a level in percent needs ConfidenceLevel(percent:)" : ""
            return "confidence \(NumberText.roundTrip(value)) is not between 0 and 1 (exclusive)" + hint
        case let .invalidCriticalValue(value):
            return "critical value z \(NumberText.roundTrip(value)) is not a positive number"
        case let .invalidDesignEffect(value):
            return "design effect \(NumberText.roundTrip(value)) is not a positive number"
        case let .invalidPopulationSize(value, n):
            if value.isNaN || value.isInfinite {
                return "population size \(NumberText.roundTrip(value)) is not a number"
            }
            if value < n {
                return
                    "population size \(NumberText.roundTrip(value)) is smaller than the sample size \(NumberText.roundTrip(n))"
            }
            return "population size \(NumberText.roundTrip(value)) is not above 1 (the correction divides by N − 1)"
        case let .invalidWeights(why):
            return "weights: \(why)"
        case let .countOutOfRange(name, value, n):
            return
                "\(name) \(NumberText.roundTrip(value)) is not between 0 and the sample size \(NumberText.roundTrip(n))"
        case let .invalidCorrelation(value):
            return "correlation \(NumberText.roundTrip(value)) is not between -1 and 1"
        case let .invalidMargin(value):
            return "margin of error \(share(value)) is not between 0 and \(whole)"
        case let .invalidCategories(why):
            return why
        case let .unreadableConfidence(text):
            return "confidence level \"\(text)\" is not a decimal number (write 0.95, 95 or 95%)"
        case let .ambiguousConfidence(text):
            let body = text.hasSuffix(".") ? String(text.dropLast()) : text
            let fraction = Double(body).map { NumberText.roundTrip($0 / 100) } ?? "0.\(body)"
            return "confidence level \(text) is ambiguous: write \(fraction) or \(body)%"
        case let .invalidFilter(why), let .invalidReportOption(why):
            return why
        case let .invalidPollDesign(poll, line, reason):
            return "line \(line): poll \(poll): \(reason)"
        case let .tooFewDraws(requested, needed, confidence):
            return
                "confidence \(NumberText.roundTrip(confidence)) needs at least \(needed) posterior draws (\(LeadInterval.tailDraws) beyond each bound); \(requested) were requested and at most \(LeadInterval.maximumDraws) are drawn automatically: ask for \(needed) draws or a lower level"
        }
    }
}

/// The unit in which a message states shares: proportions (the library's) or percentage points
/// (the command line's).
public enum ShareUnit: Sendable {
    /// 0.58 for 58%.
    case proportion
    /// 58 for 58%.
    case percentagePoints
}

/// Conversions from proportions back to the percentage points users typed.
public enum Percent {
    /// The percentage points a proportion came from, as the user wrote them: 0.58 → 58, not
    /// 57.99999999999999 (which is 0.58·100 in binary). The product is rounded to 15
    /// significant digits (12 decimals for ordinary shares), which recovers any input with that
    /// many digits exactly; computed values (leads, swings, bounds) are never passed through this.
    ///
    /// - Complexity: O(1).
    public static func echo(_ proportion: Double) -> Double {
        let value = proportion * 100
        guard value.isFinite, value != 0 else { return value }
        // Fast path for ordinary shares (0.001 to 100 points): rounding to 12 decimals recovers
        // any input with at most 12, and v·1e12 < 2⁵³ is exact to the unit.
        if abs(value) >= 1e-3 && abs(value) <= 100 {
            let rounded = (value * 1e12).rounded() / 1e12
            if abs(rounded - value) <= 1e-13 * abs(value) { return rounded }
        }
        return Double(NumberText.scientific(value, digits: 14)) ?? value
    }

    /// p_a − p_b in points as a decimal: the difference of the points the shares came from
    /// (``echo(_:)``), computed by ``ExactDecimal``: 0.443 and 0.363 give 8, not 7.9999999999999964.
    ///
    /// - Complexity: O(1).
    public static func difference(_ a: Double, _ b: Double) -> Double {
        ExactDecimal.difference(echo(a), echo(b))
    }

    /// (a₂ − b₂) − (a₁ − b₁) in points as a decimal, divided by `divisor` (2 for a Butler swing).
    ///
    /// - Complexity: O(1).
    public static func swing(
        before a1: Double, _ b1: Double, after a2: Double, _ b2: Double, dividedBy divisor: Int = 1
    ) -> Double {
        ExactDecimal.sum([(echo(a2), 1), (echo(b2), -1), (echo(a1), -1), (echo(b1), 1)], dividedBy: divisor)
    }

    /// Percentage-point text for messages: a proportion 0.443 reads "44.3".
    static func text(_ proportion: Double) -> String {
        NumberText.roundTrip(echo(proportion))
    }
}

import ArgumentParser
import PollCompare

/// How the two polls of a swing or a change are described: sample sizes, design effects and
/// populations, for both polls at once or per poll (suffix 1 for the earlier poll, 2 for the
/// later one).
struct TwoPollOptions: ParsableArguments {
    @Option(name: .long, help: "Sample size of the earlier poll.")
    var n1: Double?
    @Option(name: .long, help: "Sample size of the later poll.")
    var n2: Double?

    @Option(
        name: .customLong("assume-n"),
        help: "A sample size to assume for each poll whose size is not given (the output says so).")
    var assumeN: Double?

    @Option(name: .long, help: "Design effect of both polls (the effective n is n/deff).")
    var deff: Double?
    @Option(name: .long, help: "Design effect of the earlier poll.")
    var deff1: Double?
    @Option(name: .long, help: "Design effect of the later poll.")
    var deff2: Double?

    @Option(
        name: .customLong("n-eff1"), help: "Effective sample size of the earlier poll, when published instead of deff.")
    var nEff1: Double?
    @Option(name: .customLong("n-eff2"), help: "Effective sample size of the later poll.")
    var nEff2: Double?

    @Option(name: .long, help: "Population size N of both polls (finite population correction (N - n)/(N - 1)).")
    var population: Double?
    @Option(name: .long, help: "Population size of the earlier poll.")
    var population1: Double?
    @Option(name: .long, help: "Population size of the later poll.")
    var population2: Double?

    func validate() throws {
        if deff != nil && (deff1 != nil || deff2 != nil) {
            throw ValidationError("give --deff (both polls) or --deff1/--deff2, not both")
        }
        if population != nil && (population1 != nil || population2 != nil) {
            throw ValidationError("give --population (both polls) or --population1/--population2, not both")
        }
        if nEff1 != nil && (deff1 != nil || deff != nil) {
            throw ValidationError("give --n-eff1 or a design effect for the earlier poll, not both")
        }
        if nEff2 != nil && (deff2 != nil || deff != nil) {
            throw ValidationError("give --n-eff2 or a design effect for the later poll, not both")
        }
        if nEff1 != nil && sampleSize(1) == nil { throw ValidationError("--n-eff1 needs --n1 (or give --deff1)") }
        if nEff2 != nil && sampleSize(2) == nil { throw ValidationError("--n-eff2 needs --n2 (or give --deff2)") }
    }

    /// The sample size of poll 1 or 2 in use (given or assumed).
    func sampleSize(_ poll: Int) -> Double? {
        (poll == 1 ? n1 : n2) ?? assumeN
    }

    /// The design of poll 1 or 2, or nil without a sample size.
    func design(_ poll: Int) throws(PollCompareError) -> SampleDesign? {
        guard let size = sampleSize(poll) else { return nil }
        let populationSize = poll == 1 ? (population1 ?? population) : (population2 ?? population)
        if let nEff = poll == 1 ? nEff1 : nEff2 {
            return try SampleDesign(sampleSize: size, effectiveSampleSize: nEff, populationSize: populationSize)
        }
        return try SampleDesign(
            sampleSize: size, designEffect: (poll == 1 ? deff1 : deff2) ?? deff ?? 1,
            populationSize: populationSize)
    }

    /// The lead of poll 1 or 2: with its design, or without a sample size with the design effect
    /// and population given (they enter its break-even n).
    func lead(_ poll: Int, shareA: Double, shareB: Double) throws(PollCompareError) -> LeadEstimate {
        let known = try designWithoutSize(poll)
        return try LeadEstimate(
            shareA: shareA, shareB: shareB, design: design(poll), designEffect: known.designEffect,
            populationSize: known.populationSize)
    }

    /// What is known of poll 1 or 2's design without its sample size: design effect and
    /// population (unit variance 0; the caller's quantity supplies it).
    func designWithoutSize(_ poll: Int) throws(PollCompareError) -> SampleSizePlanning.Term {
        let designEffect = (poll == 1 ? deff1 : deff2) ?? deff ?? 1
        let populationSize = poll == 1 ? (population1 ?? population) : (population2 ?? population)
        guard designEffect > 0 && designEffect.isFinite else { throw .invalidDesignEffect(designEffect) }
        if let populationSize, !(populationSize > 1 && populationSize.isFinite) {
            throw .invalidPopulationSize(populationSize, sampleSize: 1)
        }
        return SampleSizePlanning.Term(unitVariance: 0, designEffect: designEffect, populationSize: populationSize)
    }

    /// A sentence when a sample size was assumed, else "".
    var assumptionNote: String {
        guard let assumeN, n1 == nil || n2 == nil else { return "" }
        let which = n1 == nil && n2 == nil ? "both polls" : (n1 == nil ? "the earlier poll" : "the later poll")
        return
            "A sample size was not given: n = \(NumberText.roundTrip(assumeN)) is assumed for \(which) (--assume-n).\n"
    }
}

/// Rows for `pollcmp moe`, `pollcmp sample-size` and `pollcmp design-effect`.
public enum PlanningReport {
    /// `n,deff,conf,moe,share,n_eff` (moe and share in points): the margin of a share (the
    /// headline margin at p = ½), by the kernel of ``SampleSizePlanning``; a census (n = N) has
    /// margin 0.
    public static func marginTable(
        sampleSize: Double, share: Double = 0.5, designEffect: Double,
        populationSize: Double?, confidence: ConfidenceLevel
    ) throws(PollCompareError) -> ReportTable {
        let moe = try SampleSizePlanning.marginOfError(
            sampleSize: sampleSize, shareA: share, designEffect: designEffect,
            populationSize: populationSize, confidence: confidence)
        let design = try SampleDesign(
            sampleSize: sampleSize, designEffect: designEffect, populationSize: populationSize)
        var table = ReportTable(columns: ["n", "deff", "conf", "moe", "share", "n_eff"])
        table.append([
            .number(sampleSize), .number(designEffect), .number(confidence.level), .number(moe * 100),
            .number(Percent.echo(share)), .number(design.effectiveSampleSize),
        ])
        return table
    }

    /// `for,moe,conf,deff,n,n_eff,achieved_moe`: the sample size for a target margin (points in,
    /// points out), the effective n it gives, and the margin it achieves by the same kernel as
    /// `moe` (at most the target; at n − 1 it would be above it).
    public static func sampleSizeTable(
        _ quantity: SampleSizePlanning.Quantity, sampleSize n: Double, margin: Double,
        shareA: Double, shareB: Double, designEffect: Double, populationSize: Double?,
        confidence: ConfidenceLevel
    ) throws(PollCompareError) -> ReportTable {
        let achieved = try SampleSizePlanning.marginOfError(
            quantity, sampleSize: n, shareA: shareA, shareB: shareB,
            designEffect: designEffect, populationSize: populationSize,
            confidence: confidence)
        let design = try SampleDesign(sampleSize: n, designEffect: designEffect, populationSize: populationSize)
        var table = ReportTable(columns: ["for", "moe", "conf", "deff", "n", "n_eff", "achieved_moe"])
        table.append([
            .text(quantity.rawValue), .number(Percent.echo(margin)), .number(confidence.level),
            .number(designEffect), .number(n), .number(design.effectiveSampleSize), .number(achieved * 100),
        ])
        return table
    }

    /// `n,sum_w,deff,n_eff` from weights.
    public static func designEffectTable(_ kish: KishDesignEffect) -> ReportTable {
        var table = ReportTable(columns: ["n", "sum_w", "deff", "n_eff"])
        table.append([
            .number(Double(kish.count)), .number(kish.sumOfWeights), .number(kish.designEffect),
            .number(kish.effectiveSampleSize),
        ])
        return table
    }
}

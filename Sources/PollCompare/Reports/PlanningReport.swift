/// Rows for `pollcmp moe`, `pollcmp sample-size` and `pollcmp design-effect`.
public enum PlanningReport {
    /// `n,deff,conf,moe` (moe in points): the headline margin at p = ½.
    public static func marginTable(sampleSize: Double, designEffect: Double, populationSize: Double?,
                                   confidence: ConfidenceLevel) throws(PollCompareError) -> ReportTable {
        let moe = try SampleSizePlanning.marginOfError(sampleSize: sampleSize, designEffect: designEffect,
                                                        populationSize: populationSize, confidence: confidence)
        var table = ReportTable(columns: ["n", "deff", "conf", "moe"])
        table.append([.number(sampleSize), .number(designEffect), .number(confidence.level), .number(moe * 100)])
        return table
    }

    /// `for,moe,conf,deff,n`: the sample size for a target margin (points in, points out).
    public static func sampleSizeTable(_ quantity: SampleSizePlanning.Quantity, margin: Double, shareA: Double,
                                       shareB: Double, designEffect: Double, populationSize: Double?,
                                       confidence: ConfidenceLevel) throws(PollCompareError) -> ReportTable {
        let n = try SampleSizePlanning.sampleSize(quantity, margin: margin, shareA: shareA, shareB: shareB,
                                                  designEffect: designEffect, populationSize: populationSize,
                                                  confidence: confidence)
        var table = ReportTable(columns: ["for", "moe", "conf", "deff", "n"])
        table.append([.text(quantity.rawValue), .number(Percent.echo(margin)), .number(confidence.level),
                      .number(designEffect), .number(n)])
        return table
    }

    /// `n,sum_w,deff,n_eff` from weights.
    public static func designEffectTable(_ kish: KishDesignEffect) -> ReportTable {
        var table = ReportTable(columns: ["n", "sum_w", "deff", "n_eff"])
        table.append([.number(Double(kish.count)), .number(kish.sumOfWeights), .number(kish.designEffect),
                      .number(kish.effectiveSampleSize)])
        return table
    }
}

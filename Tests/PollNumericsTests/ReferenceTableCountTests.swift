import Testing

/// Every parameterised reference table holds the rows its generator wrote (see the suite of the
/// same name in PollCompareTests).
@Suite("Special function reference table sizes")
struct SpecialFunctionTableCountTests {
    @Test("SpecialFunctionReferences (scripts/references/special_functions.py)")
    func specialFunctionTables() {
        #expect(SpecialFunctionReferences.normalCDF.count == 38)
        #expect(SpecialFunctionReferences.normalSF.count == 41)
        #expect(SpecialFunctionReferences.normalQuantile.count == 49)
        #expect(SpecialFunctionReferences.logGamma.count == 42)
        #expect(SpecialFunctionReferences.incompleteBeta.count == 368)
        #expect(SpecialFunctionReferences.incompleteBetaComplement.count == 165)
        #expect(SpecialFunctionReferences.inverseIncompleteBeta.count == 100)
        #expect(SpecialFunctionReferences.chiSquareQuantile.count == 73)
    }
}

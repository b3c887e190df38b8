import Testing

/// Every parameterised reference table holds the rows its generator wrote: a table that lost
/// its rows (a bad merge, a generator that stopped early) would otherwise pass by testing nothing.
/// Regenerating a table changes these counts on purpose.
@Suite("Reference table sizes")
struct ReferenceTableCountTests {
    @Test("IntervalReferences (scripts/references/intervals.py)")
    func intervalTables() {
        #expect(IntervalReferences.share.count == 264)
        #expect(IntervalReferences.lead.count == 48)
        #expect(IntervalReferences.posteriorLead.count == 9)
        #expect(IntervalReferences.change.count == 84)
        #expect(IntervalReferences.restrictedMLE.count == 8)
        #expect(IntervalReferences.multinomial.count == 24)
        #expect(IntervalReferences.designEffect.count == 4)
        #expect(IntervalReferences.planning.count == 37)
    }
}

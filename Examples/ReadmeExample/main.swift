import PollCompare

// The 2024 Teamsters member polls: Biden 44.3 / Trump 36.3, later Harris 31 / Trump 58.
// The library works in proportions (0.443 is 44.3%); no sample sizes were published.
let before = try LeadEstimate(shareA: 0.443, shareB: 0.363)
let after = try LeadEstimate(shareA: 0.31, shareB: 0.58)
let swing = try SwingEstimate(before: before, after: after)

// Leads and swings of published figures, exact in points.
print("lead before:", NumberText.roundTrip(Percent.difference(before.shareA, before.shareB)))
print("lead after:", NumberText.roundTrip(Percent.difference(after.shareA, after.shareB)))
print("swing:", NumberText.roundTrip(Percent.swing(before: 0.443, 0.363, after: 0.31, 0.58)))

// Without sample sizes there is no interval, only the size that would make the swing significant.
print("basis:", swing.basis.rawValue)
if let n = swing.breakEvenSampleSize {
    print("significant at 95% from \(n) respondents per poll")
}

// Had each poll asked 800 members: the swing's 95% interval, in points.
let sized = try SwingEstimate(
    before: LeadEstimate(shareA: 0.443, shareB: 0.363, sampleSize: 800),
    after: LeadEstimate(shareA: 0.31, shareB: 0.58, sampleSize: 800))
if let interval = sized.interval {
    let lower = NumberText.fixed(interval.lower * 100, digits: 1)
    let upper = NumberText.fixed(interval.upper * 100, digits: 1)
    print("with n = 800 each: swing between \(lower) and \(upper) points")
}

// One share's Wilson interval, at 99% this time.
let level = try ConfidenceLevel(percent: 99)
let harris = try ShareInterval(share: 0.31, sampleSize: 800, confidence: level, method: .wilson)
let from = NumberText.fixed(harris.lower * 100, digits: 1)
let to = NumberText.fixed(harris.upper * 100, digits: 1)
print("Harris at 99%: \(from) to \(to)")

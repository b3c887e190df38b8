import Foundation
import Numerics
import Testing

@testable import PollCompare

/// Crosstab numbers against R `survey` 4.1.1. Every value comes from
/// Tests/pollcmpTests/Fixtures/crosstab-references.csv, written by
/// scripts/references/crosstab.R; its `call` column names the R call that produced each value:
/// shares, se and deff from `svymean(~vote, <design or subset>, deff = "replace")`; intervals
/// from `svyciprop(~I(vote == "<c>"), <subset>, method = "logit" | "beta")` (Wilson on n/deff and
/// Wald written out in the script with `qnorm(0.025, lower.tail = FALSE)`); group sizes from
/// `degf`, `weights`; the zero-weights design (respondents-zero.csv: 8 of 40 weights 0, one PSU
/// all zeros) from the same calls on `svydesign(ids = ~psu, strata = ~stratum, weights = ~weight,
/// data = d, nest = TRUE)`; leads from `confint(svycontrast(svymean(...), c(voteHarris = 1, voteTrump = -1)))`;
/// comparisons from `svycontrast(svyby(~vote, ~<by>, des, svymean, covmat = TRUE), ...)`.
///
/// Tolerance: relative 1e-12 (|actual − expected| ≤ 1e-12·|expected|; the largest difference
/// seen is 6.4e-14, in a logit bound), absolute 1e-15 where R's value is 0 (a share or a standard
/// error of exactly zero). Undefined values (R `NA`) must be nil. Logit bounds match this closely
/// because the fit repeats R's `glm` iteration (InterceptLogitFit); the exact logit p̂ would
/// differ from R's by up to 1e-8.
@Suite("Crosstab against R survey")
struct CrosstabReferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/pollcmpTests/Fixtures")

    struct Reference: Sendable {
        let fixture, design, by, byValue, category, quantity: String
        let value: Double?
        let call: String
    }

    static let references: [Reference] = {
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent("crosstab-references.csv")) else {
            return []
        }
        var bytes = [UInt8](data)
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")), bytes.first == UInt8(ascii: "#") {
            bytes.removeSubrange(0...newline)
        }
        var rows: [Reference] = []
        var header = true
        try? CSVParser.parse(bytes) { record in
            if header { header = false; return }
            let t = try (0..<record.count).map { try record.text($0) }
            rows.append(
                Reference(
                    fixture: t[0], design: t[1], by: t[2], byValue: t[3], category: t[4],
                    quantity: t[5], value: t[6] == "NA" ? nil : Double(t[6])!, call: t[7]))
        }
        return rows
    }()

    /// The design each reference name stands for (the R script's `designs` list).
    static func columns(_ name: String) -> (SurveyDesign.Columns, dropMissing: Bool) {
        let drop = name.hasSuffix("+drop-missing")
        let base = drop ? String(name.dropLast("+drop-missing".count)) : name
        var c = SurveyDesign.Columns(weight: "weight")
        switch base {
        case "unweighted": c.weight = nil
        case "weighted": break
        case "stratified": c.strata = "stratum"
        case "clustered": c.cluster = "psu"
        case "strata-clusters": c.strata = "stratum"; c.cluster = "psu"
        case "fpc": c.strata = "stratum"; c.cluster = "psu"; c.fpc = "fpc"
        case "jk1": c.replicatePrefix = "jk1_"; c.replicateType = .jk1
        case "jk1-mse": c.replicatePrefix = "jk1_"; c.replicateType = .jk1; c.mse = true
        case "bootstrap": c.replicatePrefix = "bs_"; c.replicateType = .bootstrap
        case "brr": c.replicatePrefix = "brr_"; c.replicateType = .brr
        case "fay": c.replicatePrefix = "fay_"; c.replicateType = .fay; c.rho = 0.3
        case "zero-weights": c.strata = "stratum"; c.cluster = "psu"
        default: Issue.record("unknown design \(name)")
        }
        return (c, drop)
    }

    static func crosstab(fixture: String, design name: String, method: SurveyIntervalMethod) throws -> Crosstab {
        let (columns, drop) = Self.columns(name)
        let by = drop ? [] : (fixture == "respondents" ? ["union", "region"] : ["union"])
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(fixture + ".csv")))
        var reader = RespondentTableReader(columns.request(categorical: ["vote"] + by))
        try CSVParser.parse(bytes) { try reader.consume($0) }
        let table = try reader.finish()
        let design = try SurveyDesign(table: table, columns: columns)
        return try Crosstab(
            table: table, design: design,
            request: .init(
                row: "vote", by: by, dropMissing: drop, method: method,
                lead: drop ? nil : ("Harris", "Trump"), compare: !drop))
    }

    static var designNames: [String] {
        var seen: [String] = []
        for r in references where !seen.contains(r.fixture + "\t" + r.design) {
            seen.append(r.fixture + "\t" + r.design)
        }
        return seen
    }

    @Test("The reference table is loaded and covers every design")
    func loaded() {
        #expect(Self.references.count >= 2500)
        #expect(Self.designNames.count == 14)
    }

    func check(_ actual: Double?, _ r: Reference) {
        guard let expected = r.value else {
            #expect(
                actual == nil, "\(r.design) \(r.by)=\(r.byValue) \(r.category) \(r.quantity): R gives NA (\(r.call))")
            return
        }
        guard let actual else {
            Issue.record("\(r.design) \(r.by)=\(r.byValue) \(r.category) \(r.quantity): nil, R \(expected) (\(r.call))")
            return
        }
        let ok =
            expected == 0 ? abs(actual) <= 1e-15 : actual.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12)
        #expect(
            ok, "\(r.design) \(r.by)=\(r.byValue) \(r.category) \(r.quantity): \(actual) vs R \(expected) (\(r.call))")
    }

    @Test("Every value equals R survey to 1e-12 relative", arguments: designNames)
    func design(_ key: String) throws {
        let parts = key.split(separator: "\t").map(String.init)
        let (fixture, name) = (parts[0], parts[1])
        var byMethod: [SurveyIntervalMethod: Crosstab] = [:]
        for m in SurveyIntervalMethod.allCases {
            byMethod[m] = try Self.crosstab(fixture: fixture, design: name, method: m)
        }
        let x = byMethod[.logit]!
        let refs = Self.references.filter { $0.fixture == fixture && $0.design == name }
        #expect(refs.count >= 20)
        var checked = 0
        for r in refs {
            let by: String? = r.by.isEmpty ? nil : r.by
            if r.quantity == "difference" || r.quantity == "difference_se" {
                let pair = r.byValue.split(separator: "|").map(String.init)
                guard
                    let c = x.comparisons.first(where: {
                        $0.by == r.by && $0.groupA == pair[0] && $0.groupB == pair[1] && $0.category == r.category
                    })
                else {
                    Issue.record("no comparison \(r.by) \(r.byValue) \(r.category)"); continue
                }
                check(r.quantity == "difference" ? c.contrast.estimate : c.contrast.se, r)
                checked += 1
                continue
            }
            guard let g = x.groups.firstIndex(where: { $0.by == by && ($0.value ?? "") == r.byValue }) else {
                Issue.record("no group \(r.by)=\(r.byValue)"); continue
            }
            let group = x.groups[g]
            switch r.quantity {
            case "n": check(Double(group.n), r)
            case "sum_w": check(group.sumOfWeights, r)
            case "df": check(Double(group.degreesOfFreedom), r)
            case "lead", "lead_se", "lead_lower", "lead_upper":
                guard let lead = x.leads.first(where: { $0.by == by && ($0.byValue ?? "") == r.byValue }) else {
                    Issue.record("no lead for \(r.by)=\(r.byValue)"); continue
                }
                let c = lead.contrast
                check(
                    ["lead": c.estimate, "lead_se": c.se, "lead_lower": c.lower, "lead_upper": c.upper][r.quantity]!, r)
            default:
                let parts = r.quantity.split(separator: "_").map(String.init)
                let method = parts.count == 2 ? SurveyIntervalMethod(rawValue: parts[0]) : nil
                let table = method.map { byMethod[$0]! } ?? x
                guard let cell = table.cells.first(where: { $0.group == g && $0.category == r.category }) else {
                    Issue.record("no cell \(r.by)=\(r.byValue) \(r.category)"); continue
                }
                switch r.quantity {
                case "share": check(cell.share, r)
                case "se": check(cell.se, r)
                case "deff": check(cell.deff, r)
                default:
                    check(parts[1] == "lower" ? cell.lower : cell.upper, r)
                }
            }
            checked += 1
        }
        #expect(checked == refs.count)
    }
}

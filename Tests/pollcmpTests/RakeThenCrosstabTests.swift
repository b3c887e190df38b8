import Foundation
import Testing

/// `pollcmp rake` then `pollcmp crosstab --weight` on its output, both as built binaries: the raked
/// weights, written as text and read back, give R's weighted shares, standard errors, design
/// effects and logit intervals (RakeCrosstabReferences.swift, written by scripts/references/rake.R).
@Suite("pollcmp rake, then crosstab on the raked weights")
struct RakeThenCrosstabTests {
    /// Raking to --epsilon 1e-13 (R: control = list(maxit = 10000, epsilon = 1e-14)), then
    /// `crosstab --row vote --by sex --weight weight --format csv`. Each printed number against
    /// R on wdes = svydesign(ids = ~1, weights = ~raked, data = df), raked the weights of R's
    /// rake(...) on the same file and targets: share, se and deff from
    /// svymean(~vote, wdes or wdes[df$sex == group, ], deff = "replace"), lower and upper from
    /// svyciprop(~I(vote == answer), ..., method = "logit"). Relative tolerance 1e-10.
    @Test("Shares, se, deff and logit bounds equal R svymean/svyciprop on R's raked weights")
    func rakeThenCrosstab() throws {
        let dir = try ScratchFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let weighted = dir.appendingPathComponent("weighted.csv").path
        let rake = try PollcmpRunner.run([
            "rake", RakeCommandTests.respondents, "--targets", RakeCommandTests.targets, "--weight", "base_wt",
            "--epsilon", "1e-13", "--max-iter", "10000", "-o", weighted,
        ])
        #expect(rake.status == 0, "\(rake.stderr)")
        let crosstab = try PollcmpRunner.run([
            "crosstab", weighted, "--row", "vote", "--by", "sex", "--weight", "weight", "--format", "csv",
        ])
        #expect(crosstab.status == 0, "\(crosstab.stderr)")
        let lines = crosstab.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "by,by_value,category,n,sum_w,share,se,deff,n_eff,lower,upper,method,df")
        // The columns of each quantity and the factor from R's proportions to the printed points.
        let columns: [String: (column: Int, scale: Double)] = [
            "share": (5, 100), "se": (6, 100), "deff": (7, 1), "logit_lower": (9, 100), "logit_upper": (10, 100),
        ]
        let answers = ["Jones", "Other", "Smith"]
        var compared = 0
        for (group, quantity, values) in RakeCrosstabReferences.values {
            let (column, scale) = try #require(columns[quantity])
            for (k, answer) in answers.enumerated() {
                let prefix = (group.isEmpty ? ",," : "sex,\(group),") + answer + ","
                let row = try #require(lines.first { $0.hasPrefix(prefix) }, "no row \(prefix)")
                let cells = row.split(separator: ",", omittingEmptySubsequences: false)
                #expect(cells[11] == "logit")
                let got = try #require(Double(cells[column]))
                let want = values[k] * scale
                #expect(abs(got - want) <= 1e-10 * abs(want), "\(prefix) \(quantity): \(got) vs R \(want)")
                compared += 1
            }
        }
        #expect(compared == 45)
        // The calibrated design object's shares (svymean on R's raked design) are the same numbers.
        for (k, share) in RakeCrosstabReferences.rakedDesignShares.enumerated() {
            let row = try #require(lines.first { $0.hasPrefix(",,\(answers[k]),") })
            let got = try #require(Double(row.split(separator: ",", omittingEmptySubsequences: false)[5]))
            #expect(abs(got - share * 100) <= 1e-10 * share * 100)
        }
    }
}

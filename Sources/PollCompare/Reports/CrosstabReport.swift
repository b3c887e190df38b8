/// Tables and sentences of a ``Crosstab``, in percentage points (shares, se, bounds, leads and
/// differences ×100); deff, n_eff, z and p-values as they are.
public enum CrosstabReport {
    /// `by,by_value,category,n,sum_w,share,se,deff,n_eff,lower,upper,method,df`: one row per
    /// category and group, the whole sample first (`by` and `by_value` empty). `n` and `sum_w`
    /// are the group's; `df` its design degrees of freedom.
    ///
    /// - Complexity: O(cells).
    public static func sharesTable(_ x: Crosstab) -> ReportTable {
        var t = ReportTable(columns: [
            "by", "by_value", "category", "n", "sum_w", "share", "se", "deff", "n_eff",
            "lower", "upper", "method", "df",
        ])
        for cell in x.cells {
            let g = x.groups[cell.group]
            t.append([
                .text(g.by ?? ""), .text(g.value ?? ""), .text(cell.category), .number(Double(g.n)),
                .number(g.sumOfWeights), .number(100 * cell.share), .number(100 * cell.se),
                .optional(cell.deff), .optional(cell.nEff), .optional(cell.lower.map { 100 * $0 }),
                .optional(cell.upper.map { 100 * $0 }), .text(x.method.rawValue), .number(Double(g.degreesOfFreedom)),
            ])
        }
        return t
    }

    /// `by,by_value,lead,se,lower,upper,z,p_value,a,b`: the lead a − b in each group (points).
    public static func leadsTable(_ x: Crosstab) -> ReportTable {
        var t = ReportTable(columns: ["by", "by_value", "lead", "se", "lower", "upper", "z", "p_value", "a", "b"])
        for lead in x.leads {
            let c = lead.contrast
            t.append([
                .text(lead.by ?? ""), .text(lead.byValue ?? ""), .number(100 * c.estimate), .number(100 * c.se),
                .number(100 * c.lower), .number(100 * c.upper), .optional(c.z), .optional(c.pValue),
                .text(lead.a), .text(lead.b),
            ])
        }
        return t
    }

    /// `by,category,group_a,group_b,difference,se,lower,upper,z,p_value`: share in group_b
    /// minus share in group_a (points).
    public static func comparisonsTable(_ x: Crosstab) -> ReportTable {
        var t = ReportTable(columns: [
            "by", "category", "group_a", "group_b", "difference", "se", "lower", "upper", "z", "p_value",
        ])
        for k in x.comparisons {
            let c = k.contrast
            t.append([
                .text(k.by), .text(k.category), .text(k.groupA), .text(k.groupB), .number(100 * c.estimate),
                .number(100 * c.se), .number(100 * c.lower), .number(100 * c.upper), .optional(c.z),
                .optional(c.pValue),
            ])
        }
        return t
    }

    /// The crosstab a person reads: categories down, groups across (the whole sample first),
    /// each cell `share (lower–upper)` in points, then the unweighted and weighted counts.
    ///
    /// - Complexity: O(cells).
    public static func grid(_ x: Crosstab, digits: Int) -> ReportTable {
        let names = x.groups.map { g in g.by.map { "\($0)=\(g.value!)" } ?? "all" }
        var t = ReportTable(columns: ["category"] + names)
        let c = x.categories.count
        func f(_ v: Double) -> String { NumberText.fixed(100 * v, digits: digits) }
        for (k, category) in x.categories.enumerated() {
            var row: [ReportCell] = [.text(category)]
            for g in x.groups.indices {
                let cell = x.cells[g * c + k]
                if let lo = cell.lower, let hi = cell.upper {
                    row.append(.text("\(f(cell.share)) (\(f(lo))–\(f(hi)))"))
                } else {
                    row.append(.text(f(cell.share)))
                }
            }
            t.append(row)
        }
        t.append([.text("n")] + x.groups.map { .text(String($0.n)) })
        t.append([.text("sum of weights")] + x.groups.map { .text(NumberText.fixed($0.sumOfWeights, digits: digits)) })
        return t
    }

    /// One sentence per lead: who leads, by how much, and whether the interval excludes 0.
    public static func leadSentences(_ x: Crosstab, digits: Int) -> String {
        var out = ""
        let conf = x.level.percentText
        for lead in x.leads {
            let c = lead.contrast
            let whereText = lead.by.map { "Among \($0) = \(lead.byValue!)" } ?? "Overall"
            let d = 100 * c.estimate
            let text: String
            if d == 0 {
                text = "\(lead.a) and \(lead.b) have equal shares"
            } else {
                let (first, second) = d > 0 ? (lead.a, lead.b) : (lead.b, lead.a)
                text = "\(first) leads \(second) by \(NumberText.fixed(abs(d), digits: digits)) points"
            }
            // The interval in the orientation of the sentence (the leader's lead).
            let (lo, hi) = d < 0 ? (-c.upper, -c.lower) : (c.lower, c.upper)
            let interval =
                "\(conf)% interval \(NumberText.fixed(100 * lo, digits: digits)) to \(NumberText.fixed(100 * hi, digits: digits))"
            if c.se == 0 {
                out += "\(whereText), \(text); the design gives it no sampling error (no interval).\n"
                continue
            }
            let verdict: String
            if c.lower > 0 || c.upper < 0 {
                verdict =
                    "larger than its margin of error (±\(NumberText.fixed(100 * x.level.z * c.se, digits: digits)))"
            } else {
                verdict = "within its margin of error (±\(NumberText.fixed(100 * x.level.z * c.se, digits: digits)))"
            }
            out += "\(whereText), \(text) (\(interval)): \(verdict).\n"
        }
        return out
    }
}
